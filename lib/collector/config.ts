// The collector's config file (`venuescope collect --config <file>`, or VENUESCOPE_COLLECT=<file> beside
// `npm start`): which venues, markets and kinds to fetch, and how often. Pure: parsing and validation only.
//
//   { "venues": [ { "venue": "binance-usdm", "markets": ["BTC", "ETH"],
//                   "kinds": { "depth": "1m", "funding": "settlement", "oi": "5m", "fees": "1d" } } ],
//     "jitter": 0.1 }
//
// `kinds` may also be a list (["depth", "funding"]) to take each kind's default cadence.
import { z } from "zod";
import { DATA_KINDS, type DataKind } from "../venues/types";
import { DAY_MS, HOUR_MS, MINUTE_MS, parseDurationMs } from "../metrics/time";

/** A cadence: a fixed period, or (funding only) "settlement": fetch just after each funding settlement. */
export type Cadence = { kind: "every"; ms: number } | { kind: "settlement" };

export const MIN_CADENCE_MS = 30_000;
export const MAX_CADENCE_MS = 7 * DAY_MS;

/** Defaults per kind: books often enough to see a stress window, slow-moving schedules daily. */
export const DEFAULT_CADENCE: Record<DataKind, Cadence> = {
  depth: { kind: "every", ms: MINUTE_MS },
  funding: { kind: "settlement" },
  oi: { kind: "every", ms: 5 * MINUTE_MS },
  liquidations: { kind: "every", ms: 5 * MINUTE_MS },
  insurance: { kind: "every", ms: DAY_MS },
  fees: { kind: "every", ms: DAY_MS },
  margin: { kind: "every", ms: DAY_MS },
  markets: { kind: "every", ms: DAY_MS },
};

const CadenceText = z.string().trim().transform((s, ctx): Cadence | "default" => {
  if (s === "default") return "default";
  if (s === "settlement") return { kind: "settlement" };
  const ms = parseDurationMs(s);
  if (ms === null) {
    ctx.addIssue({ code: "custom", message: `"${s}" is not a cadence: use a number and a unit (30s, 5m, 1h, 1d) or "settlement"` });
    return z.NEVER;
  }
  if (ms < MIN_CADENCE_MS || ms > MAX_CADENCE_MS) {
    ctx.addIssue({ code: "custom", message: `cadence ${s} is outside 30s..7d (venues rate-limit faster polling; slower is a backfill)` });
    return z.NEVER;
  }
  return { kind: "every", ms };
});

const Kind = z.enum(DATA_KINDS);

const VenueEntry = z
  .object({
    venue: z.string().trim().min(1),
    markets: z.array(z.string().trim().min(1)).max(200).optional(),
    symbols: z.array(z.string().trim().min(1)).max(200).optional(),
    levels: z.number().int().positive().max(10_000).optional(),
    // A list of kinds is each kind at its default cadence (lists of unknown shape fail on the record below).
    kinds: z.preprocess((v) => (Array.isArray(v) && v.every((k) => typeof k === "string") ? Object.fromEntries(v.map((k) => [k, "default"])) : v), z.partialRecord(Kind, CadenceText)),
  })
  .strict()
  .superRefine((v, ctx) => {
    for (const [kind, c] of Object.entries(v.kinds)) {
      if (c !== "default" && c?.kind === "settlement" && kind !== "funding") ctx.addIssue({ code: "custom", path: ["kinds", kind], message: `"settlement" applies to funding only` });
    }
    if (Object.keys(v.kinds).length === 0) ctx.addIssue({ code: "custom", path: ["kinds"], message: "name at least one kind" });
  })
  .transform((v) => ({
    ...v,
    kinds: Object.fromEntries(Object.entries(v.kinds).map(([k, c]) => [k, c === "default" ? DEFAULT_CADENCE[k as DataKind] : c])) as Partial<Record<DataKind, Cadence>>,
  }));

export const CollectorConfigSchema = z
  .object({
    venues: z.array(VenueEntry).min(1).max(100),
    /** Each wait is stretched or shrunk by up to this share, so many collectors do not hit a venue together. */
    jitter: z.number().min(0).max(0.5).default(0.1),
    /** Tasks run at once (each is one venue × kind); more only queues on the database. */
    concurrency: z.number().int().min(1).max(8).default(2),
  })
  .strict();

export type CollectorConfig = z.infer<typeof CollectorConfigSchema>;

/** One venue × kind the collector keeps fresh. */
export interface CollectTask {
  id: string;
  venue: string;
  kind: DataKind;
  cadence: Cadence;
  markets?: string[];
  symbols?: string[];
  levels?: number;
}

export class CollectorConfigError extends Error {}

/** Validate a parsed config document; `knownVenue` rejects venues the registry does not have. */
export function parseCollectorConfig(doc: unknown, knownVenue: (slug: string) => boolean): { config: CollectorConfig; tasks: CollectTask[] } {
  const r = CollectorConfigSchema.safeParse(doc);
  if (!r.success) throw new CollectorConfigError(r.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; "));
  const tasks: CollectTask[] = [];
  const seen = new Set<string>();
  r.data.venues.forEach((v, i) => {
    if (!knownVenue(v.venue)) throw new CollectorConfigError(`venues.${i}.venue: unknown venue "${v.venue}"`);
    for (const [kind, cadence] of Object.entries(v.kinds) as [DataKind, Cadence][]) {
      const id = `${v.venue}:${kind}`;
      // Two entries for the same venue and kind would run overlapping fetches of one thing.
      if (seen.has(id)) throw new CollectorConfigError(`venues.${i}: ${id} is listed twice`);
      seen.add(id);
      tasks.push({ id, venue: v.venue, kind, cadence, markets: v.markets, symbols: v.symbols, levels: v.levels });
    }
  });
  return { config: r.data, tasks };
}

export function cadenceLabel(c: Cadence): string {
  if (c.kind === "settlement") return "each settlement";
  for (const [u, ms] of [["d", DAY_MS], ["h", HOUR_MS], ["m", MINUTE_MS]] as const) if (c.ms % ms === 0) return `${c.ms / ms}${u}`;
  return `${c.ms / 1000}s`;
}
