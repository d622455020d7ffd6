// Store margin rules: a market's tier table is replaced whole (delete + insert inside the batch's
// transaction, so a reader never sees half a table), the venue's margin policy and each collateral asset are
// upserted. Idempotent: a table, policy or haircut equal to the stored one is left as it is (counted as
// skipped; a later observation only moves its asOf forward). An observation older than the stored one never
// replaces it, so importing an old recording after a live fetch keeps the current rules.
import "server-only";
import type { MarginRow, MarginTierRow } from "../venues/types";
import { fromEarlierRun, type Tx, type WriteContext, type WriteResult } from "./write-types";
import { tierTableChange } from "../metrics/change-diff";
import { recordChangeEvent } from "../store/change-events";

type TiersRow = Extract<MarginRow, { type: "tiers" }>;
type PolicyRow = Extract<MarginRow, { type: "policy" }>;
type CollateralRow = Extract<MarginRow, { type: "collateral" }>;

const TIER_FIELDS = ["notionalFloorUsd", "notionalCapUsd", "maxLeverage", "initialMarginRate", "maintenanceMarginRate", "maintenanceAmountUsd"] as const;

/**
 * Equal as stored: SQLite REAL values come back through the driver adapter with 15-16 significant digits
 * (1/62 = 0.016129032258064516 is read as 0.01612903225806452), so exact comparison would rewrite an
 * unchanged table on every ingest.
 */
export function sameNumber(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));
}

function sameTiers(stored: (MarginTierRow & { tier: number })[], next: MarginTierRow[]): boolean {
  return stored.length === next.length && stored.every((s, i) => s.tier === next[i].tier && TIER_FIELDS.every((f) => sameNumber(s[f], next[i][f])));
}

/** Provenance, run and time of a row: what moves forward when the same rule is observed again later. */
function stamp(row: { source: string; asOf: number }, ctx: WriteContext) {
  return { source: row.source, asOf: new Date(row.asOf), provenance: ctx.provenance, ingestRunId: ctx.ingestRunId };
}

async function writeTable(tx: Tx, row: TiersRow, ctx: WriteContext): Promise<WriteResult> {
  const where = { venueId: ctx.venueId, symbol: row.symbol };
  const stored = await tx.marginTier.findMany({ where, orderBy: { tier: "asc" } });
  const storedAsOf = stored.length ? Math.max(...stored.map((s) => s.asOf.getTime())) : null;
  if (storedAsOf !== null && row.asOf < storedAsOf) return { written: 0, skipped: row.tiers.length };
  if (sameTiers(stored, row.tiers)) {
    if (storedAsOf !== null && row.asOf > storedAsOf) await tx.marginTier.updateMany({ where, data: stamp(row, ctx) });
    return { written: 0, skipped: row.tiers.length };
  }
  await tx.marginTier.deleteMany({ where });
  await tx.marginTier.createMany({ data: row.tiers.map((t) => ({ ...where, ...t, ...stamp(row, ctx) })) });
  // Replacing a table an earlier run stored is a change event; a market's first table is not.
  const change = stored.length && fromEarlierRun(stored[0], ctx) ? tierTableChange(row.symbol, stored, row.tiers) : null;
  if (change) {
    await recordChangeEvent(tx, {
      ...change,
      venueId: ctx.venueId,
      kind: "margin-tiers",
      subject: row.symbol === "*" ? null : row.symbol,
      occurredAt: row.asOf,
      provenance: ctx.provenance,
      dedupeKey: `margin-tiers|${ctx.venueId}|${row.symbol}|${row.asOf}`,
      ingestRunId: ctx.ingestRunId,
    });
  }
  return { written: row.tiers.length, skipped: 0 };
}

async function writePolicy(tx: Tx, row: PolicyRow, ctx: WriteContext): Promise<WriteResult> {
  const fields = { crossMargin: row.crossMargin, isolatedMargin: row.isolatedMargin, liquidationFeeRate: row.liquidationFeeRate, liquidationStyle: row.liquidationStyle, note: row.note };
  const stored = await tx.marginPolicy.findUnique({ where: { venueId: ctx.venueId } });
  if (stored && row.asOf < stored.asOf.getTime()) return { written: 0, skipped: 1 };
  const same = stored && stored.crossMargin === fields.crossMargin && stored.isolatedMargin === fields.isolatedMargin && sameNumber(stored.liquidationFeeRate, fields.liquidationFeeRate) && stored.liquidationStyle === fields.liquidationStyle && stored.note === fields.note;
  if (stored && same) {
    if (row.asOf > stored.asOf.getTime()) await tx.marginPolicy.update({ where: { id: stored.id }, data: stamp(row, ctx) });
    return { written: 0, skipped: 1 };
  }
  await tx.marginPolicy.upsert({ where: { venueId: ctx.venueId }, create: { venueId: ctx.venueId, ...fields, ...stamp(row, ctx) }, update: { ...fields, ...stamp(row, ctx) } });
  return { written: 1, skipped: 0 };
}

async function writeCollateral(tx: Tx, row: CollateralRow, ctx: WriteContext): Promise<WriteResult> {
  const key = { venueId_asset: { venueId: ctx.venueId, asset: row.asset } };
  const stored = await tx.collateralAsset.findUnique({ where: key });
  if (stored && row.asOf < stored.asOf.getTime()) return { written: 0, skipped: 1 };
  if (stored && sameNumber(stored.haircut, row.haircut)) {
    if (row.asOf > stored.asOf.getTime()) await tx.collateralAsset.update({ where: { id: stored.id }, data: stamp(row, ctx) });
    return { written: 0, skipped: 1 };
  }
  await tx.collateralAsset.upsert({ where: key, create: { venueId: ctx.venueId, asset: row.asset, haircut: row.haircut, ...stamp(row, ctx) }, update: { haircut: row.haircut, ...stamp(row, ctx) } });
  return { written: 1, skipped: 0 };
}

/** Rows are written in order, so of two tables for one symbol in a batch the later one wins. */
export async function writeMargin(tx: Tx, rows: MarginRow[], ctx: WriteContext): Promise<WriteResult> {
  const total: WriteResult = { written: 0, skipped: 0 };
  for (const row of rows) {
    const r = row.type === "tiers" ? await writeTable(tx, row, ctx) : row.type === "policy" ? await writePolicy(tx, row, ctx) : await writeCollateral(tx, row, ctx);
    total.written += r.written;
    total.skipped += r.skipped;
  }
  return total;
}
