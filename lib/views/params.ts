// The zod building blocks of every view's parameters (URL queries, request bodies, CLI flags): one notional,
// one asset, one window, one weights format. The view schemas (scorecard.ts, venue.ts, stress.ts, ...) are
// made of these; route handlers parse them strictly (422 on a bad value), page URLs leniently (lib/queries/
// view-params.ts: a bad value falls back to its default so an edited link still opens). Client-safe.
import { z } from "zod";
import { DEFAULT_WEIGHTS, ITEM_IDS, type ItemId, type Weights } from "../scoring/items";
import { WINDOW_PRESETS, type WindowPreset, type WindowSpec } from "./windows";

export const DEFAULT_NOTIONAL_USD = 1_000_000;
export const MAX_NOTIONAL_USD = 1e10;
export const DEFAULT_ASSET = "BTC";
/** Weights are 0–100 per checklist item (the sliders' range); only their ratios matter to the score. */
export const MAX_WEIGHT = 100;

export const zNotionalUsd = z.coerce.number().positive("notional must be a positive USD amount").max(MAX_NOTIONAL_USD, "notional above $10B is not meaningful");
export const zSide = z.enum(["buy", "sell"]);
/** A base-asset ticker; a link may spell it in any case ("eth"), it is read in upper case. */
export const zAsset = z.string().trim().toUpperCase().regex(/^[A-Z0-9]{1,15}$/, "asset is a base-asset ticker such as BTC").default(DEFAULT_ASSET);
export const zVenueSlug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "a venue id such as binance-usdm (lower-case letters, digits and dashes)");
/** The id of a saved report or stress run in a URL. */
export const zSavedId = z.coerce.number().int().positive();
export const zWindowPreset = z.enum(Object.keys(WINDOW_PRESETS) as [WindowPreset, ...WindowPreset[]]);
const zIso = z.string().refine((s) => Number.isFinite(Date.parse(s)), "not an ISO-8601 time").transform((s) => Date.parse(s));

/** A window from either a preset or an ISO from/to pair. */
export function windowFrom(input: { window?: WindowPreset; from?: number; to?: number }): WindowSpec {
  if (input.from !== undefined || input.to !== undefined) {
    if (input.from === undefined || input.to === undefined) throw new z.ZodError([{ code: "custom", path: [input.from === undefined ? "from" : "to"], message: "give both from and to", input: undefined }]);
    if (input.to <= input.from) throw new z.ZodError([{ code: "custom", path: ["to"], message: "to must be after from", input: undefined }]);
    return { from: input.from, to: input.to };
  }
  return { preset: input.window ?? "30d" };
}

export const zWindowFields = { window: zWindowPreset.optional(), from: zIso.optional(), to: zIso.optional() };

/** One weight: a number, or a numeric string as query strings and form fields carry it. */
export const zWeight = z.preprocess(
  (v) => (typeof v === "string" && v.trim() !== "" ? Number(v) : v),
  z.number({ error: "a weight is a number" }).min(0, "weights are ≥ 0").max(MAX_WEIGHT, `weights are ≤ ${MAX_WEIGHT}`),
);

/** Weights by checklist item, some or all; an unknown item is an error naming the known ones. */
export const zWeights = z.record(z.string(), zWeight).superRefine((w, ctx) => {
  for (const k of Object.keys(w)) if (!(ITEM_IDS as readonly string[]).includes(k)) ctx.addIssue({ code: "custom", path: [k], message: `unknown checklist item ${k} (known: ${ITEM_IDS.join(", ")})` });
});

/**
 * The entries of a weights URL parameter, in either notation: "depth:40,fees:10" (what links are written
 * with) or a JSON object {"depth":40,"fees":10} (older API links). null: neither.
 */
export function weightEntries(param: string): [string, unknown][] | null {
  const s = param.trim();
  if (s.startsWith("{")) {
    try {
      const o: unknown = JSON.parse(s);
      return o && typeof o === "object" && !Array.isArray(o) ? Object.entries(o) : null;
    } catch {
      return null;
    }
  }
  return s
    .split(",")
    .filter((part) => part.trim() !== "")
    .map((part) => {
      const at = part.indexOf(":");
      return at < 0 ? [part.trim(), undefined] : [part.slice(0, at).trim(), part.slice(at + 1)];
    });
}

/** Weights as a URL parameter (either notation of weightEntries), checked like zWeights. */
export const zWeightsParam = z
  .string()
  .transform((s, ctx) => {
    const entries = weightEntries(s);
    if (entries === null) {
      ctx.addIssue({ code: "custom", message: "weights are item:weight pairs such as depth:40,fees:10 (or a JSON object)" });
      return z.NEVER;
    }
    return Object.fromEntries(entries);
  })
  .pipe(zWeights);

/** Weights from a link, leniently: entries that are not a known item with a weight in range are ignored; the rest default. */
export function lenientWeights(param: string | null | undefined): Weights {
  const out = { ...DEFAULT_WEIGHTS } as Weights;
  for (const [k, v] of (param ? weightEntries(param) : null) ?? []) {
    const w = zWeight.safeParse(v);
    if ((ITEM_IDS as readonly string[]).includes(k) && w.success) out[k as ItemId] = w.data;
  }
  return out;
}

/** Weights → "depth:30,fees:10" listing only the items that differ from the defaults; null when none do. */
export function formatWeights(w: Partial<Weights>): string | null {
  const parts = ITEM_IDS.filter((id) => w[id] !== undefined && w[id] !== DEFAULT_WEIGHTS[id]).map((id) => `${id}:${w[id]}`);
  return parts.length ? parts.join(",") : null;
}

/** A value from a link, leniently: the schema's reading, or `fallback` when it refuses the value. */
export function lenient<T>(schema: z.ZodType<T>, raw: unknown, fallback: T): T {
  const r = schema.safeParse(raw);
  return r.success ? r.data : fallback;
}

/**
 * User-named stress windows: "name:FROM/TO" items separated by commas, FROM and TO ISO-8601 times, e.g.
 * "ftx-collapse:2022-11-08T00:00:00Z/2022-11-11T00:00:00Z".
 */
export const zNamedWindows = z.string().transform((s, ctx) => {
  const out: { name: string; from: number; to: number }[] = [];
  for (const part of s.split(",").map((x) => x.trim()).filter(Boolean)) {
    const m = /^([^:]+):([^/]+)\/(.+)$/.exec(part);
    const from = m ? Date.parse(m[2]) : NaN;
    const to = m ? Date.parse(m[3]) : NaN;
    if (!m || !Number.isFinite(from) || !Number.isFinite(to) || to <= from) {
      ctx.addIssue({ code: "custom", message: `"${part}" is not name:FROM/TO with ISO times and TO after FROM` });
      return z.NEVER;
    }
    out.push({ name: m[1], from, to });
  }
  return out;
});
