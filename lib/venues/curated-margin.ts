// Curated margin rules (data/margin/<venue>.json, format "venuescope-margin/1"): tier tables, margin policy
// and collateral haircuts that no public endpoint serves (Binance brackets need an API key; policies and
// haircuts live in help pages). Like curated facts, every value carries the URL it comes from, a quote and
// the date it was in force; whatever could not be sourced is listed under `omitted` with the reason, never
// filled in. The same parser serves bootstrap and `venuescope import <file> --kind margin`.
import { z } from "zod";
import type { MarginRow, ParseContext, ParseResult } from "./types";
import { mapEach, parseBody } from "./parse-helpers";
import { tierTable } from "./margin-tiers";

export const CURATED_MARGIN_FORMAT = "venuescope-margin/1";

const Sourced = z.object({
  sourceUrl: z.string().url(),
  /** A short passage of the source that carries the numbers. */
  quote: z.string().min(1),
  /** When the numbers were in force (the document's date). */
  asOf: z.string().date().or(z.string().datetime()),
  /** How a value was derived from the source, when it was not copied as printed. */
  note: z.string().min(1).optional(),
});

export const CuratedTier = z.object({
  notionalFloorUsd: z.number().nonnegative(),
  notionalCapUsd: z.number().positive().nullable(),
  maxLeverage: z.number().positive(),
  initialMarginRate: z.number().positive(),
  maintenanceMarginRate: z.number().positive(),
  maintenanceAmountUsd: z.number().nonnegative(),
});
export const CuratedTable = Sourced.extend({ symbol: z.string().min(1), tiers: z.array(CuratedTier).min(1) });
export const CuratedPolicy = Sourced.extend({
  crossMargin: z.boolean(),
  isolatedMargin: z.boolean(),
  liquidationFeeRate: z.number().nonnegative().max(1).nullable(),
  liquidationStyle: z.enum(["full", "partial"]),
});
export const CuratedCollateral = Sourced.extend({ asset: z.string().min(1), haircut: z.number().nonnegative().lt(1) });
export const CuratedMarginFile = z.object({
  format: z.literal(CURATED_MARGIN_FORMAT),
  venue: z.string().min(1),
  tables: z.array(z.unknown()).default([]),
  policy: z.unknown().optional(),
  collateral: z.array(z.unknown()).default([]),
  /** What was looked for and not found, so a reader knows a gap is a gap. */
  omitted: z.array(z.object({ what: z.string().min(1), why: z.string().min(1) })).default([]),
});
export type CuratedMarginFile = z.infer<typeof CuratedMarginFile>;

export function isCuratedMargin(body: unknown): boolean {
  return !!body && typeof body === "object" && (body as { format?: unknown }).format === CURATED_MARGIN_FORMAT;
}

const sourceOf = (s: z.infer<typeof Sourced>) => (s.note ? `${s.sourceUrl} (${s.note})` : s.sourceUrl);

export function parseCuratedMargin(body: unknown, ctx: ParseContext): ParseResult<"margin"> {
  const file = parseBody(CuratedMarginFile, body, ctx, "curated margin file");
  if (!file.ok) return { rows: [], rejected: [file.rejection] };
  const f = file.value;
  if (f.venue !== ctx.venue) return { rows: [], rejected: [{ venue: ctx.venue, symbol: null, field: "venue", message: `curated margin file is for ${f.venue}, not ${ctx.venue}`, index: null }] };
  const tables = mapEach(f.tables, ctx, (t: any) => (typeof t?.symbol === "string" ? t.symbol : null), (raw): MarginRow => {
    const t = CuratedTable.parse(raw);
    return tierTable(t.symbol, t.tiers, sourceOf(t), Date.parse(t.asOf));
  });
  const policy = mapEach(f.policy === undefined ? [] : [f.policy], ctx, () => null, (raw): MarginRow => {
    const p = CuratedPolicy.parse(raw);
    return { type: "policy", crossMargin: p.crossMargin, isolatedMargin: p.isolatedMargin, liquidationFeeRate: p.liquidationFeeRate, liquidationStyle: p.liquidationStyle, note: p.note ?? null, source: p.sourceUrl, asOf: Date.parse(p.asOf) };
  });
  const collateral = mapEach(f.collateral, ctx, (c: any) => (typeof c?.asset === "string" ? c.asset : null), (raw): MarginRow => {
    const c = CuratedCollateral.parse(raw);
    return { type: "collateral", asset: c.asset, haircut: c.haircut, source: sourceOf(c), asOf: Date.parse(c.asOf) };
  });
  return { rows: [...tables.rows, ...policy.rows, ...collateral.rows], rejected: [...tables.rejected, ...policy.rejected, ...collateral.rejected] };
}
