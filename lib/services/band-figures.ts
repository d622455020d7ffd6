// A market's depth, slippage and stress figures from depth-band books (Binance bookDepth), for windows that
// level books do not cover. Depth within a band is exact; slippage and capacity are "estimated from depth
// bands" (lib/books/depth-bands.ts states the method) and never share a percentile with level-book figures.
import "server-only";
import type { Db } from "../db";
import { readRows, timeSpan } from "../store/sqlite-read";
import { bandDepthUsd, estimateFromPrepared, prepareBands, BAND_ESTIMATE_LABEL, BAND_METHOD, type BandSide, type BandSnapshot, type DepthBand, type PreparedBands } from "../books/depth-bands";
import { DEPTH_BANDS_BPS } from "../metrics/book";
import { samplesFromList, summarizeSlippage, type SlippageSeriesStats } from "../metrics/slippage-series";
import { detectStressWindows, mergeWindows, STRESS_RULE, type NamedWindow, type StressWindow } from "../metrics/stress";
import { median } from "../metrics/stats";
import { MAX_SAMPLED_SNAPSHOTS } from "../scoring/input-rules";
import { CAPACITY_BUDGET_BPS, CURVE_NOTIONALS_USD, type MarketFigures } from "../views/market";

export interface StoredBands extends BandSnapshot {
  refPrice: number;
}

/** Time range of a market's usable band snapshots. */
export async function bandTimeRange(db: Db, marketId: number): Promise<{ first: number | null; last: number | null }> {
  return timeSpan(db, "DepthBandSnapshot", "ts", `"marketId" = ? AND "status" = 'ok'`, [marketId]);
}

export async function bandCountIn(db: Db, marketId: number, w: { from: number; to: number }): Promise<number> {
  const [row] = await readRows<{ n: number | bigint }>(db, `SELECT COUNT(*) AS "n" FROM "DepthBandSnapshot" WHERE "marketId" = ? AND "status" = 'ok' AND "ts" >= ? AND "ts" <= ?`, [marketId, new Date(w.from), new Date(w.to)]);
  return Number(row?.n ?? 0);
}

/** Usable band snapshots in a window (flagged ones are counted, not used). */
export async function bandSnapshotsFor(db: Db, marketId: number, w: { from: number; to: number }): Promise<{ snaps: StoredBands[]; flagged: Record<string, number> }> {
  const where = { marketId, ts: { gte: new Date(w.from), lte: new Date(w.to) } };
  const [rows, flaggedRows] = await Promise.all([
    db.depthBandSnapshot.findMany({ where: { ...where, status: "ok" }, orderBy: { ts: "asc" }, select: { ts: true, bands: true, refPrice: true } }),
    db.depthBandSnapshot.groupBy({ by: ["status"], where: { ...where, status: { not: "ok" } }, _count: { _all: true } }),
  ]);
  const snaps = rows.filter((r) => r.refPrice !== null).map((r) => ({ ts: r.ts.getTime(), bands: JSON.parse(r.bands) as DepthBand[], refPrice: r.refPrice! }));
  return { snaps, flagged: Object.fromEntries(flaggedRows.map((r) => [r.status, r._count._all])) };
}

function thin<T>(items: T[], n: number): T[] {
  if (items.length <= n) return items;
  return Array.from({ length: n }, (_, i) => items[Math.round((i * (items.length - 1)) / (n - 1))]);
}

/** Band books prepared once per computation (reference, segments, memoised capacity), by snapshot. */
const prepared = new WeakMap<BandSnapshot, PreparedBands>();
function preparedOf(s: BandSnapshot): PreparedBands {
  let p = prepared.get(s);
  if (!p) prepared.set(s, (p = prepareBands(s)));
  return p;
}

function stats(snaps: readonly BandSnapshot[], notionalUsd: number, side: BandSide): SlippageSeriesStats {
  const list = snaps.map((s) => estimateFromPrepared(preparedOf(s), notionalUsd, side, CAPACITY_BUDGET_BPS)).filter((e) => e !== null);
  return summarizeSlippage(samplesFromList(list, { notionalUsd, side, budgetBps: CAPACITY_BUDGET_BPS }));
}

function stressSide(notional: number, side: BandSide, inside: BandSnapshot[], outside: BandSnapshot[]) {
  const i = stats(inside, notional, side);
  const o = stats(outside, notional, side);
  const p95Ratio = i.p95Bps === null || o.p95Bps === null || o.p95Bps <= 0 ? null : i.p95Bps / o.p95Bps;
  return { insideP95Bps: i.p95Bps, outsideP95Bps: o.p95Bps, p95Ratio, insideBeyondShare: i.beyondShare, insideCapacityP5Usd: i.capacityP5Usd, insideCount: i.count };
}

/**
 * Fill the depth, slippage, stress and curve figures of `base` from band books. Stress windows are detected on
 * the band series' reference price by STRESS_RULE's move criterion (bands carry no spread, so the spread
 * criterion cannot fire).
 */
export function applyBandFigures(base: MarketFigures, snaps: StoredBands[], flagged: Record<string, number>, notionalUsd: number, named: readonly NamedWindow[]): StressWindow[] {
  const series = snaps.map((s) => ({ ts: s.ts, mid: s.refPrice, spreadBps: 0 }));
  const detected = detectStressWindows(series).windows;
  const windows = named.length ? mergeWindows(detected, named) : detected;
  const inStress = (ts: number) => windows.some((w) => ts >= w.from && ts <= w.to);
  const sample = thin(snaps, MAX_SAMPLED_SNAPSHOTS);
  const inside = thin(snaps.filter((s) => inStress(s.ts)), MAX_SAMPLED_SNAPSHOTS);
  const outside = thin(snaps.filter((s) => !inStress(s.ts)), MAX_SAMPLED_SNAPSHOTS);
  base.depthSource = { kind: "bands", label: BAND_ESTIMATE_LABEL, method: BAND_METHOD, flagged };
  base.snapshots = { inWindow: snaps.length, sampled: new Set([...sample, ...inside, ...outside]).size, truncatedShare: null, maxLevels: null };
  base.spread = { medianBps: null, p95Bps: null };
  // Exact: the archive's own cumulative notional at ±x %; null for a band the archive does not publish.
  base.depthBands = DEPTH_BANDS_BPS.map((bandBps) => {
    const d = sample.map((s) => bandDepthUsd(s, bandBps / 100));
    const bid = d.map((x) => x.bidUsd).filter((x) => x !== null);
    const ask = d.map((x) => x.askUsd).filter((x) => x !== null);
    return { bandBps, bidUsd: bid.length ? median(bid) : null, askUsd: ask.length ? median(ask) : null };
  });
  base.slippage = { buy: stats(sample, notionalUsd, "buy"), sell: stats(sample, notionalUsd, "sell") };
  base.stress = {
    rule: `${STRESS_RULE.description} On depth-band books the mid is the bands' reference price and there is no spread, so only the move criterion applies.`,
    windows,
    buy: stressSide(notionalUsd, "buy", inside, outside),
    sell: stressSide(notionalUsd, "sell", inside, outside),
  };
  base.curve = [...new Set([...CURVE_NOTIONALS_USD, notionalUsd])].sort((a, b) => a - b).map((n) => {
    const all = stats(sample, n, "buy");
    return { notionalUsd: n, p50Bps: all.p50Bps, p95NormalBps: stats(outside, n, "buy").p95Bps, p95StressBps: inside.length ? stats(inside, n, "buy").p95Bps : null, beyondShare: all.beyondShare };
  });
  return windows;
}
