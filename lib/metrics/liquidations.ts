// Liquidation metrics: notional per UTC day (and relative to that day's open interest), the largest cascade
// in any rolling hour, the share of notional inside stress windows, and insurance fund relative to OI.
import type { LiquidationPoint, OiPoint, TimeWindow } from "./types";
import { DAY_MS, HOUR_MS, utcDayKey, utcDayStart } from "./time";
import { inWindows } from "./stress";

export interface LiquidationDay {
  /** "YYYY-MM-DD" (UTC). */
  day: string;
  dayStart: number;
  notionalUsd: number;
  buyUsd: number;
  sellUsd: number;
  count: number;
  /** Mean of the OI readings taken that UTC day; null without any. */
  meanOiUsd: number | null;
  /** notionalUsd / meanOiUsd; null without OI. */
  notionalToOi: number | null;
}

/**
 * Liquidation notional per UTC day: Σ notional of liquidations with ts in [00:00, 24:00) UTC, with the day's
 * mean OI and the ratio notional / mean OI. Without `window` only days with liquidations are listed; with it
 * every UTC day overlapping the window is listed (a day without records shows 0 recorded, count 0: whether the
 * feed was up is the resiliency item's concern) and records outside the window are ignored.
 */
export function liquidationsPerDay(
  liquidations: readonly LiquidationPoint[],
  oi: readonly OiPoint[],
  window?: TimeWindow,
): LiquidationDay[] {
  const days = new Map<number, LiquidationDay>();
  const day = (start: number): LiquidationDay => {
    let d = days.get(start);
    if (d === undefined) {
      d = { day: utcDayKey(start), dayStart: start, notionalUsd: 0, buyUsd: 0, sellUsd: 0, count: 0, meanOiUsd: null, notionalToOi: null };
      days.set(start, d);
    }
    return d;
  };
  if (window !== undefined) {
    for (let s = utcDayStart(window.from); s <= window.to; s += DAY_MS) day(s);
  }
  for (const l of liquidations) {
    if (window !== undefined && (l.ts < window.from || l.ts > window.to)) continue;
    const d = day(utcDayStart(l.ts));
    d.notionalUsd += l.notionalUsd;
    if (l.side === "buy") d.buyUsd += l.notionalUsd;
    else d.sellUsd += l.notionalUsd;
    d.count++;
  }
  const oiSum = new Map<number, { s: number; n: number }>();
  for (const o of oi) {
    const start = utcDayStart(o.ts);
    if (!days.has(start) || !Number.isFinite(o.valueUsd)) continue;
    const acc = oiSum.get(start) ?? { s: 0, n: 0 };
    acc.s += o.valueUsd;
    acc.n++;
    oiSum.set(start, acc);
  }
  const out = [...days.values()].sort((a, b) => a.dayStart - b.dayStart);
  for (const d of out) {
    const acc = oiSum.get(d.dayStart);
    if (acc !== undefined && acc.n > 0) {
      d.meanOiUsd = acc.s / acc.n; // mean OI that day = Σ readings / count
      d.notionalToOi = d.meanOiUsd > 0 ? d.notionalUsd / d.meanOiUsd : null;
    }
  }
  return out;
}

export interface Cascade {
  notionalUsd: number;
  /** First and last liquidation in the window. */
  from: number;
  to: number;
  count: number;
}

/**
 * Largest cascade: max over t of Σ notional of liquidations with ts in [t, t + windowMs) (default 1 h), found with
 * two pointers over the time-sorted records (a window starting at a liquidation is always among the best).
 * Null without liquidations.
 */
export function largestCascade(liquidations: readonly LiquidationPoint[], windowMs: number = HOUR_MS): Cascade | null {
  const n = liquidations.length;
  if (n === 0) return null;
  const ls = isSorted(liquidations) ? liquidations : [...liquidations].sort((a, b) => a.ts - b.ts);
  let best: Cascade | null = null;
  let left = 0;
  let sum = 0;
  for (let right = 0; right < n; right++) {
    sum += ls[right].notionalUsd;
    while (ls[right].ts - ls[left].ts >= windowMs) sum -= ls[left++].notionalUsd;
    if (best === null || sum > best.notionalUsd) {
      best = { notionalUsd: sum, from: ls[left].ts, to: ls[right].ts, count: right - left + 1 };
    }
  }
  return best;
}

function isSorted(xs: readonly { ts: number }[]): boolean {
  for (let i = 1; i < xs.length; i++) if (xs[i].ts < xs[i - 1].ts) return false;
  return true;
}

/** Share of liquidation notional inside the windows = Σ notional inside / Σ notional; null when the total is 0. */
export function shareInWindows(liquidations: readonly LiquidationPoint[], windows: readonly TimeWindow[]): number | null {
  let total = 0;
  let inside = 0;
  for (const l of liquidations) {
    total += l.notionalUsd;
    if (inWindows(l.ts, windows)) inside += l.notionalUsd;
  }
  return total > 0 ? inside / total : null;
}

/** Insurance fund / open interest; null when either is missing or OI ≤ 0. */
export function insuranceToOi(insuranceUsd: number | null, oiUsd: number | null): number | null {
  if (insuranceUsd === null || oiUsd === null || !Number.isFinite(insuranceUsd) || !(oiUsd > 0)) return null;
  return insuranceUsd / oiUsd;
}

/**
 * One insurance-fund reading: the fund's total USD balance at `ts`, its pools already summed (each at its latest
 * reading, lib/metrics/insurance-pools.ts); `leftOut` names pools too stale to be in that sum.
 */
export interface InsuranceReading {
  ts: number;
  balanceUsd: number;
  leftOut?: readonly { asset: string }[];
}

/** The fund over a window: how many readings, the lowest balance and when, and that low / OI. */
export interface InsuranceWindowStats {
  readings: number;
  minBalanceUsd: number;
  minTs: number;
  /** Lowest balance in the window / open interest (the same OI reading the latest ratio uses). */
  minToOi: number | null;
  /** Pools left out of the low point's sum (no reading within the staleness limit): the low is then understated. */
  leftOutAtLow: string[];
}

/**
 * Insurance fund over a window from its published history (Gate, OKX, Bybit, Bitget, BitMEX…): the low
 * point matters to a desk because a fund drawn down in a cascade covers less the next time. Null without
 * any reading in the window.
 */
export function insuranceOverWindow(readings: readonly InsuranceReading[], oiUsd: number | null): InsuranceWindowStats | null {
  if (readings.length === 0) return null;
  const low = readings.reduce((a, b) => (b.balanceUsd < a.balanceUsd ? b : a));
  return { readings: readings.length, minBalanceUsd: low.balanceUsd, minTs: low.ts, minToOi: insuranceToOi(low.balanceUsd, oiUsd), leftOutAtLow: (low.leftOut ?? []).map((p) => p.asset) };
}

export interface LiquidationStats {
  totalUsd: number;
  count: number;
  perDay: LiquidationDay[];
  largestCascade: Cascade | null;
  /** Mean of the OI readings in the window; null without any. */
  meanOiUsd: number | null;
  /** largestCascade.notionalUsd / meanOiUsd; null without OI or cascade. */
  largestCascadeToOi: number | null;
  /** Share of notional inside the stress windows; null without windows given or without notional. */
  shareInStress: number | null;
}

/** The liquidation metrics above over window.from ≤ ts ≤ window.to. */
export function liquidationStats(
  liquidations: readonly LiquidationPoint[],
  oi: readonly OiPoint[],
  options: { window: TimeWindow; stressWindows?: readonly TimeWindow[] },
): LiquidationStats {
  const { window } = options;
  const ls = liquidations.filter((l) => l.ts >= window.from && l.ts <= window.to);
  const ois = oi.filter((o) => o.ts >= window.from && o.ts <= window.to && Number.isFinite(o.valueUsd));
  let total = 0;
  for (const l of ls) total += l.notionalUsd;
  const cascade = largestCascade(ls);
  const meanOi = ois.length === 0 ? null : ois.reduce((s, o) => s + o.valueUsd, 0) / ois.length;
  return {
    totalUsd: total,
    count: ls.length,
    perDay: liquidationsPerDay(ls, ois, window),
    largestCascade: cascade,
    meanOiUsd: meanOi,
    largestCascadeToOi: cascade === null || meanOi === null || !(meanOi > 0) ? null : cascade.notionalUsd / meanOi,
    shareInStress: options.stressWindows === undefined ? null : shareInWindows(ls, options.stressWindows),
  };
}
