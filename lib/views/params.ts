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

/** Below $1 a notional is rounding noise (and a denormal such as 5e-324 would reach the book walk); above $10B no book holds it. */
export const MIN_NOTIONAL_USD = 1;
export const zNotionalUsd = z.coerce.number().positive("notional must be a positive USD amount").min(MIN_NOTIONAL_USD, "notional below $1 is not meaningful").max(MAX_NOTIONAL_USD, "notional above $10B is not meaningful");
export const zSide = z.enum(["buy", "sell"]);
/** A base-asset ticker; a link may spell it in any case ("eth"), it is read in upper case. */
export const zAsset = z.string().trim().toUpperCase().regex(/^[A-Z0-9]{1,15}$/, "asset is a base-asset ticker such as BTC").default(DEFAULT_ASSET);
export const zVenueSlug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "a venue id such as binance-usdm (lower-case letters, digits and dashes)");
/** The id of a saved report or stress run in a URL (an Int column: PostgreSQL's int4 tops out at 2^31 − 1). */
export const MAX_ROW_ID = 2_147_483_647;
export const zSavedId = z.coerce.number().int().positive().max(MAX_ROW_ID, "no such id");
export const zWindowPreset = z.enum(Object.keys(WINDOW_PRESETS) as [WindowPreset, ...WindowPreset[]]);
/**
 * An ISO-8601 date or time with a four-digit year (0000–9999) and a real calendar day, as epoch ms; null
 * otherwise. JavaScript's Date.parse alone also takes expanded years ("+275760-09-13"), rolls 2024-02-30 over
 * to March and reads free text ("1", "March 7"), so a query parameter passed straight to it can name times no
 * database column or report can hold (issue #19, class 5).
 */
const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;
export function isoTimeMs(s: string): number | null {
  const m = ISO_TIME.exec(s.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = new Date(Date.UTC(2000, mo - 1, d));
  day.setUTCFullYear(y); // Date.UTC maps years 0–99 to 1900–1999
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) return null;
  const ms = Date.parse(s.trim());
  return Number.isFinite(ms) ? ms : null;
}
export const ISO_TIME_MESSAGE = "not an ISO-8601 time with a year 0000–9999, such as 2024-01-01 or 2024-01-01T00:00:00Z";
export const zIsoTimeString = z.string().max(40, ISO_TIME_MESSAGE).refine((s) => isoTimeMs(s) !== null, ISO_TIME_MESSAGE);
const zIso = zIsoTimeString.transform((s) => isoTimeMs(s)!);

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
export const MAX_NAMED_WINDOWS = 20;
export const zNamedWindows = z.string().transform((s, ctx) => {
  const out: { name: string; from: number; to: number }[] = [];
  const parts = s.split(",").map((x) => x.trim()).filter(Boolean);
  if (parts.length > MAX_NAMED_WINDOWS) {
    ctx.addIssue({ code: "custom", message: `at most ${MAX_NAMED_WINDOWS} named stress windows (${parts.length} given)` });
    return z.NEVER;
  }
  for (const part of parts) {
    const m = /^([^:]+):([^/]+)\/(.+)$/.exec(part);
    const from = m ? isoTimeMs(m[2]) : null;
    const to = m ? isoTimeMs(m[3]) : null;
    if (!m || from === null || to === null || to <= from) {
      ctx.addIssue({ code: "custom", message: `"${part}" is not name:FROM/TO with ISO times and TO after FROM` });
      return z.NEVER;
    }
    out.push({ name: m[1], from, to });
  }
  return out;
});
