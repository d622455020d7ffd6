// A venue's insurance fund from the readings of its pools (OKX per instrument family, HTX per contract, Binance
// per symbol group; asset "<ccy>:<pool>"), which are published at their own times: summing only readings that
// carry the same timestamp would show one pool alone whenever two pools are read a few seconds apart.
//
// Rule: the fund at time t is the sum over pools of each pool's latest reading at or before t, every pool
// carried forward from its reading for at most `staleMs` (POOL_STALE_MS, 2 days: the slowest publisher
// stored, HTX, reads its pools daily). A pool whose latest reading is older than that is left out of the sum
// and named in `leftOut`, so a figure missing a pool says so rather than reading as a drawdown. Pure.
import { DAY_MS } from "./time";

export interface PoolReading {
  ts: number;
  /** The pool, e.g. "USDT:BTC-USDT"; one venue's pools never overlap (see docs/adding-a-venue.md). */
  asset: string;
  balanceUsd: number;
}

/** How long a pool's reading stands for the pool when the venue's other pools have newer ones. */
export const POOL_STALE_MS = 2 * DAY_MS;

export interface PoolFund {
  /** The time of the figure: the evaluation time for series points, the newest pool reading for `fundAt`. */
  ts: number;
  /** Sum of the pools in `pools`, each at its latest reading at or before `ts`. */
  balanceUsd: number;
  /** Pools summed, with the reading each contributed. */
  pools: PoolReading[];
  /** Pools whose latest reading is more than the staleness limit before `ts`: not in the sum. */
  leftOut: PoolReading[];
}

function fundOf(latest: ReadonlyMap<string, PoolReading>, ts: number, staleMs: number): PoolFund {
  const pools: PoolReading[] = [];
  const leftOut: PoolReading[] = [];
  for (const r of [...latest.values()].sort((a, b) => a.asset.localeCompare(b.asset))) (ts - r.ts <= staleMs ? pools : leftOut).push(r);
  return { ts, balanceUsd: pools.reduce((s, r) => s + r.balanceUsd, 0), pools, leftOut };
}

/** Each pool's latest reading at or before `t` (a later reading of a pool replaces an earlier one). */
function latestByPool(readings: readonly PoolReading[], t: number): Map<string, PoolReading> {
  const latest = new Map<string, PoolReading>();
  for (const r of readings) {
    if (!(r.ts <= t)) continue;
    const held = latest.get(r.asset);
    if (!held || r.ts > held.ts) latest.set(r.asset, r);
  }
  return latest;
}

/**
 * The fund as of the newest reading at or before `t`: each pool at its own latest reading, those read more
 * than `staleMs` before that newest one left out. Stamped at the newest reading (not at `t`), so the figure's
 * age stays visible. Null when no pool has a reading at or before `t`.
 */
export function fundAt(readings: readonly PoolReading[], t: number, staleMs = POOL_STALE_MS): PoolFund | null {
  const latest = latestByPool(readings, t);
  if (latest.size === 0) return null;
  const newest = Math.max(...[...latest.values()].map((r) => r.ts));
  return fundOf(latest, newest, staleMs);
}

/**
 * The fund at every reading time inside [from, to], oldest first. `readings` may (and should) include each
 * pool's latest reading before `from`, so pools read just before the window are carried into it. Each point is
 * stamped at its reading time, and the pool read then is always among those summed.
 */
export function fundSeries(readings: readonly PoolReading[], from: number, to: number, staleMs = POOL_STALE_MS): PoolFund[] {
  const sorted = [...readings].filter((r) => r.ts <= to).sort((a, b) => a.ts - b.ts);
  const latest = new Map<string, PoolReading>();
  const out: PoolFund[] = [];
  for (let i = 0; i < sorted.length; ) {
    const ts = sorted[i].ts;
    for (; i < sorted.length && sorted[i].ts === ts; i++) latest.set(sorted[i].asset, sorted[i]);
    if (ts >= from) out.push(fundOf(latest, ts, staleMs));
  }
  return out;
}
