// The report view's schema: the parameters of an allocation report, validated with zod, shared by POST
// /api/reports, the /reports/new form (server-side validation through that route), the CLI and re-runs of
// saved reports.
// The parsed output is plain JSON and parses again to itself, so it is what a saved report stores.
import { z } from "zod";
import { zAsset, zIsoTimeString, zVenueSlug, zWeights, zWindowPreset } from "../views/params";
import type { WindowSpec } from "../views/windows";
import type { CapSpec } from "./allocate";

const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
const money = (what: string) =>
  z.coerce.number({ error: `${what} is required (USD)` }).refine(Number.isFinite, `${what} must be a number`).refine((n) => n > 0, `${what} must be a positive USD amount`).refine((n) => !(n > 0 && n < 1), `${what} below $1 is not meaningful`).refine((n) => n <= 1e11, `${what} above $100B is not meaningful`);
const optional = <T extends z.ZodType>(s: T) => z.preprocess(blankToUndefined, s.optional());
const zIsoString = zIsoTimeString;

export const zCap = z
  .object({
    usd: optional(money("cap")),
    sharePct: optional(z.coerce.number({ error: "cap share must be a number" }).gt(0, "cap share must be above 0 %").min(0.01, "cap share is at least 0.01 %").max(100, "cap share is at most 100 % of capital")),
  })
  .strict();

export const DEFAULT_MAX_VENUE_SHARE_PCT = 50;
export const DEFAULT_MIN_SNAPSHOTS = 30;

/**
 * Reports saved before venue sets carried `includeSimulated` (true mixed simulated venues into a real
 * allocation, which is no longer allowed): the legacy key is dropped, so such a report re-runs on real venues.
 */
function dropLegacyKeys(v: unknown): unknown {
  if (v === null || typeof v !== "object" || Array.isArray(v) || !("includeSimulated" in v)) return v;
  const { includeSimulated: _legacy, ...rest } = v as Record<string, unknown>;
  return rest;
}

const AllocationRequestObject = z
  .object({
    kind: z.literal("allocation").default("allocation"),
    title: optional(z.string().trim().max(120, "title is at most 120 characters")),
    capitalUsd: money("capital"),
    targetOrderNotionalUsd: money("target order notional"),
    slippageBudgetBps: z.coerce.number({ error: "slippage budget is required (bps)" }).refine((n) => Number.isFinite(n) && n > 0, "slippage budget must be above 0 bps").refine((n) => !(n > 0 && n < 0.01), "slippage budget is at least 0.01 bps").refine((n) => n <= 1000, "slippage budget is at most 1000 bps"),
    minScore: z.preprocess(blankToUndefined, z.coerce.number({ error: "minimum score must be a number" }).min(0, "minimum score is 0–100").max(100, "minimum score is 0–100").default(0)),
    weights: optional(zWeights),
    caps: z.record(zVenueSlug, zCap).default({}),
    exclude: z.array(zVenueSlug).default([]),
    window: optional(zWindowPreset),
    from: optional(zIsoString),
    to: optional(zIsoString),
    asset: z.preprocess(blankToUndefined, zAsset),
    /** Which venues the allocation is over: real ones (default) or, as a separate demo, simulated ones only. Never both. */
    venueSet: z.enum(["real", "simulated"], { error: 'venueSet is "real" (default) or "simulated" (the fictional demo)' }).default("real"),
    /** Warn when one venue gets more than this share of the capital (percent). */
    maxVenueSharePct: z.preprocess(blankToUndefined, z.coerce.number({ error: "maximum venue share must be a number" }).gt(0, "maximum venue share is above 0 %").max(100, "maximum venue share is at most 100 %").default(DEFAULT_MAX_VENUE_SHARE_PCT)),
    /** Warn when an allocated venue's figures rest on fewer snapshots than this. */
    minSnapshots: z.preprocess(blankToUndefined, z.coerce.number({ error: "minimum snapshots must be a number" }).int("minimum snapshots is a whole number").min(1, "minimum snapshots is at least 1").max(100_000, "minimum snapshots is at most 100000").default(DEFAULT_MIN_SNAPSHOTS)),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.targetOrderNotionalUsd > p.capitalUsd) ctx.addIssue({ code: "custom", path: ["targetOrderNotionalUsd"], message: "target order notional cannot exceed the capital" });
    if ((p.from === undefined) !== (p.to === undefined)) ctx.addIssue({ code: "custom", path: [p.from === undefined ? "from" : "to"], message: "give both from and to" });
    if (p.from !== undefined && p.to !== undefined && Date.parse(p.to) <= Date.parse(p.from)) ctx.addIssue({ code: "custom", path: ["to"], message: "to must be after from" });
    if (p.from !== undefined && p.window !== undefined) ctx.addIssue({ code: "custom", path: ["window"], message: "give a window preset or from/to, not both" });
    for (const slug of p.exclude) if (p.caps[slug]) ctx.addIssue({ code: "custom", path: ["caps", slug], message: "this venue is excluded; drop its cap or the exclusion" });
  });

export const AllocationRequest = z.preprocess(dropLegacyKeys, AllocationRequestObject);

export type AllocationRequestInput = z.input<typeof AllocationRequestObject>;
export type AllocationParams = z.output<typeof AllocationRequest>;

export function windowOf(p: AllocationParams): WindowSpec {
  return p.from !== undefined && p.to !== undefined ? { from: Date.parse(p.from), to: Date.parse(p.to) } : { preset: p.window ?? "30d" };
}

export function windowLabel(p: AllocationParams): string {
  return p.from !== undefined && p.to !== undefined ? `${p.from} → ${p.to}` : (p.window ?? "30d");
}

export function capSpecs(p: AllocationParams): Record<string, CapSpec> {
  return Object.fromEntries(Object.entries(p.caps).map(([slug, c]) => [slug, { usd: c.usd, share: c.sharePct === undefined ? undefined : c.sharePct / 100 }]));
}

export function defaultTitle(p: AllocationParams): string {
  const m = (n: number) => (n >= 1e6 ? `$${+(n / 1e6).toFixed(2)}M` : `$${+(n / 1e3).toFixed(1)}k`);
  return `${p.venueSet === "simulated" ? "Simulated demo (fictional venues): " : ""}${p.asset} allocation of ${m(p.capitalUsd)} at ${m(p.targetOrderNotionalUsd)} orders within ${p.slippageBudgetBps} bps`;
}
