// Slippage over time as percentile bands: the sampled snapshots grouped into periods of equal length, each
// period's 50th and 95th percentile of the worse side (the larger of buy and sell cost). Pure.
// A snapshot beyond visible depth on either side has no cost figure: it is counted, and a period where
// more than 5 % of snapshots are beyond depth has no p95 (its bad case is unknown, never shown as better).
import { HOUR_MS, DAY_MS, MINUTE_MS } from "./time";
import { percentileOfSorted } from "./stats";

export interface SlippageBandPoint {
  /** Period start (UTC ms) and its midpoint, where the band is drawn. */
  fromTs: number;
  midTs: number;
  /** Snapshots in the period, and those beyond visible depth on either side. */
  count: number;
  beyond: number;
  /** Percentiles (bps) of the worse side over the snapshots with a figure; null = none, or p95 unknown. */
  p50Bps: number | null;
  p95Bps: number | null;
}

/** Period lengths tried in order; the first giving at most `maxPeriods` periods over the window is used. */
export const BAND_PERIODS_MS = [5 * MINUTE_MS, 15 * MINUTE_MS, HOUR_MS, 4 * HOUR_MS, DAY_MS, 7 * DAY_MS, 30 * DAY_MS] as const;
const BEYOND_LIMIT = 0.05;

/** The shortest listed period that cuts [from, to] into at most maxPeriods periods. */
export function bandPeriodMs(from: number, to: number, maxPeriods = 48): number {
  const span = Math.max(1, to - from);
  return BAND_PERIODS_MS.find((p) => Math.ceil(span / p) <= maxPeriods) ?? BAND_PERIODS_MS[BAND_PERIODS_MS.length - 1];
}

/** Bands of the points over the window; periods without snapshots are left out (a gap, not a zero). */
export function slippageBands(points: ReadonlyArray<{ ts: number; buyBps: number | null; sellBps: number | null }>, window: { from: number; to: number }, periodMs = bandPeriodMs(window.from, window.to)): SlippageBandPoint[] {
  const buckets = new Map<number, { values: number[]; count: number; beyond: number }>();
  for (const p of points) {
    if (p.ts < window.from || p.ts > window.to) continue;
    const k = Math.min(Math.floor((p.ts - window.from) / periodMs), Math.max(0, Math.ceil((window.to - window.from) / periodMs) - 1));
    const b = buckets.get(k) ?? { values: [], count: 0, beyond: 0 };
    b.count++;
    if (p.buyBps === null || p.sellBps === null || !Number.isFinite(p.buyBps) || !Number.isFinite(p.sellBps)) b.beyond++;
    else b.values.push(Math.max(p.buyBps, p.sellBps));
    buckets.set(k, b);
  }
  return [...buckets.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([k, b]) => {
      const sorted = b.values.slice().sort((x, y) => x - y);
      const fromTs = window.from + k * periodMs;
      return {
        fromTs,
        midTs: Math.min(fromTs + periodMs / 2, window.to),
        count: b.count,
        beyond: b.beyond,
        p50Bps: b.beyond / b.count > 0.5 ? null : percentileOfSorted(sorted, 50),
        p95Bps: b.beyond / b.count > BEYOND_LIMIT ? null : percentileOfSorted(sorted, 95),
      };
    });
}
