// Cumulative funding carry of a perpetual position over a holding window: what each stored settlement paid or
// received (its own timestamp and interval; intervals change per symbol over time), as money and annualized,
// its distribution over rolling holding windows and inside stress windows. Pure: no I/O.
import type { FundingPoint, TimeWindow } from "./types";
import { HOUR_MS, HOURS_PER_YEAR } from "./time";
import { inferIntervals, CAP_HIT_TOLERANCE } from "./funding";
import { percentileOfSorted } from "./stats";

export type CarrySide = "long" | "short";
export type IntervalSource = "stored" | "inferred" | "market";

/** A rolling holding window counts only when settlements cover at least this share of its hours. */
export const MIN_ROLLING_COVERAGE = 0.9;
/** Settlement stamps drift by milliseconds (Binance 08:00:00.003): a window end admits a settlement this late. */
export const SETTLEMENT_JITTER_MS = 60_000;
/** At most this many rolling windows are evaluated (evenly spaced starts); bounds the work on long histories. */
export const MAX_ROLLING_WINDOWS = 5000;

export interface CarryPosition {
  side: CarrySide;
  /** Position notional in USD at the start of the window. */
  notionalUsd: number;
}

export interface CarryOptions {
  /** Venue cap / floor on the rate per interval (Binance fundingInfo adjustedFundingRateCap/Floor); null when unknown. */
  capRate?: number | null;
  floorRate?: number | null;
  /** The market's published interval (metadata), used only for a record with no stored or inferable interval. */
  nominalIntervalHours?: number | null;
}

/** How each settlement's notional was valued. */
export type NotionalBasis =
  /**
   * Quantity fixed at the window's first stored price; each settlement valued at its own stored price: the mark,
   * else the index/oracle price the venue stored with it (dYdX charges funding on the oracle price).
   */
  | "price-at-settlement"
  /** A settlement without a stored price: the USD notional is held constant (an approximation: price moves change real payments). */
  | "constant-notional";

export interface CarrySettlement {
  ts: number;
  rate: number;
  intervalHours: number;
  /** Where the interval came from: stored with the record (venue-given), inferred from the spacing, or the market's metadata. */
  intervalSource: IntervalSource;
  /** Price stored with the settlement: mark, else index/oracle; null when neither is stored. */
  priceAtSettlement: number | null;
  /** Notional the settlement was charged on (USD). */
  notionalUsd: number;
  /** Cash flow to the position holder (USD): + received, − paid. Long pays a positive rate. */
  cashflowUsd: number;
  /** Running sum of cashflowUsd. */
  cumulativeUsd: number;
  /** |rate| at the cap or floor (within 1e-12); null when no cap is known. */
  atCap: boolean | null;
}

export interface CarryResult {
  window: TimeWindow;
  side: CarrySide;
  notionalUsd: number;
  notionalBasis: NotionalBasis;
  /** Settlements with from < ts ≤ to. */
  count: number;
  /** Σ cashflow (USD): + received, − paid. */
  carryUsd: number | null;
  /** carryUsd / notionalUsd. */
  carryRate: number | null;
  /** Hours of funding the settlements account for: Σ interval of each settlement. */
  coveredHours: number;
  /** coveredHours / window hours (≤ 1 when the records are complete). */
  coverage: number | null;
  /** Simple annualization over the covered hours: carryRate × 8760 / coveredHours (gaps are not counted as 0). */
  annualized: number | null;
  intervalsHours: number[];
  intervalChanges: { ts: number; fromHours: number; toHours: number }[];
  capRate: number | null;
  floorRate: number | null;
  capHits: number | null;
  /** Cash flow had every settlement been at the cap against the position (worst case, USD, ≤ 0); null without a cap. */
  worstCaseAtCapUsd: number | null;
  settlements: CarrySettlement[];
}

/** Sign of the holder's cash flow per unit rate: long pays a positive rate (−1), short receives it (+1). */
export function carrySign(side: CarrySide): 1 | -1 {
  return side === "long" ? -1 : 1;
}

const positive = (v: number | null | undefined): number | null => (v !== undefined && v !== null && Number.isFinite(v) && v > 0 ? v : null);

/**
 * Settlements resolved with their interval: the stored (venue-given) interval when the record has one, else the
 * interval inferred from the spacing of real timestamps (lib/metrics/funding.ts inferIntervals: 8h→1h changes
 * are detected, gaps are not mistaken for a longer interval), else the market's published interval (a lone record).
 * Records without any interval are dropped.
 */
export function resolveSettlements(points: readonly FundingPoint[], nominalIntervalHours: number | null = null): { ts: number; rate: number; intervalHours: number; intervalSource: IntervalSource; priceAtSettlement: number | null }[] {
  const sorted = [...points].sort((a, b) => a.ts - b.ts);
  const inference = inferIntervals(sorted);
  const byTs = new Map(sorted.map((p) => [p.ts, p]));
  const out = [];
  for (const r of inference.records) {
    const p = byTs.get(r.ts)!;
    const stored = p.intervalHours !== null && p.intervalHours > 0 ? p.intervalHours : null;
    const inferred = r.intervalHours !== null && r.intervalHours > 0 ? r.intervalHours : null;
    const nominal = nominalIntervalHours !== null && nominalIntervalHours > 0 ? nominalIntervalHours : null;
    const h = stored ?? inferred ?? nominal;
    if (h === null) continue;
    const source: IntervalSource = stored !== null ? "stored" : inferred !== null ? "inferred" : "market";
    out.push({ ts: p.ts, rate: p.rate, intervalHours: h, intervalSource: source, priceAtSettlement: positive(p.markPrice) ?? positive(p.indexPrice) });
  }
  return out;
}

/**
 * Carry of a position over window (from < ts ≤ to: a settlement at ts pays for the interval ending at ts):
 * - quantity q = notional / first stored price in the window; each settlement's notional = q × its stored price
 *   (mark, else index/oracle); when any settlement lacks a price the whole window uses the constant USD notional
 *   (basis "constant-notional", an approximation the result states);
 * - cashflow_i = sign × notional_i × rate_i, sign = −1 long, +1 short (positive rate: longs pay shorts);
 * - carryRate = Σ cashflow / notional; annualized = carryRate × 8760 / Σ interval_i (hours the records cover);
 * - coverage = Σ interval_i / hours from min(from, first settlement − its interval) to `to` (the first settlement
 *   pays for hours that may begin before the window);
 * - capHits = settlements with rate ≥ cap − 1e-12 or rate ≤ floor + 1e-12; worst case = −Σ notional_i × max(cap, |floor|).
 */
export function cumulativeCarry(points: readonly FundingPoint[], position: CarryPosition, window: TimeWindow, options: CarryOptions = {}): CarryResult {
  const all = resolveSettlements(points, options.nominalIntervalHours ?? null);
  const inside = all.filter((s) => s.ts > window.from && s.ts <= window.to);
  const sign = carrySign(position.side);
  const cap = options.capRate != null && options.capRate > 0 ? options.capRate : null;
  const floor = options.floorRate != null && options.floorRate < 0 ? options.floorRate : cap !== null ? -cap : null;
  const priced = inside.length > 0 && inside.every((s) => s.priceAtSettlement !== null);
  const qty = priced ? position.notionalUsd / inside[0].priceAtSettlement! : null;

  let cum = 0;
  let covered = 0;
  let hits = 0;
  let worst = 0;
  const settlements: CarrySettlement[] = inside.map((s) => {
    const notional = qty !== null ? qty * s.priceAtSettlement! : position.notionalUsd;
    const cash = sign * notional * s.rate;
    cum += cash;
    covered += s.intervalHours;
    let atCap: boolean | null = null;
    if (cap !== null && floor !== null) {
      atCap = s.rate >= cap - CAP_HIT_TOLERANCE || s.rate <= floor + CAP_HIT_TOLERANCE;
      if (atCap) hits++;
      worst -= notional * Math.max(cap, -floor);
    }
    return { ts: s.ts, rate: s.rate, intervalHours: s.intervalHours, intervalSource: s.intervalSource, priceAtSettlement: s.priceAtSettlement, notionalUsd: notional, cashflowUsd: cash, cumulativeUsd: cum, atCap };
  });

  const changes: CarryResult["intervalChanges"] = [];
  for (let i = 1; i < settlements.length; i++) {
    if (settlements[i].intervalHours !== settlements[i - 1].intervalHours) changes.push({ ts: settlements[i].ts, fromHours: settlements[i - 1].intervalHours, toHours: settlements[i].intervalHours });
  }
  const n = settlements.length;
  const start = n === 0 ? window.from : Math.min(window.from, settlements[0].ts - settlements[0].intervalHours * HOUR_MS);
  const windowHours = (window.to - start) / HOUR_MS;
  const carryRate = n === 0 ? null : cum / position.notionalUsd;
  return {
    window,
    side: position.side,
    notionalUsd: position.notionalUsd,
    notionalBasis: priced ? "price-at-settlement" : "constant-notional",
    count: n,
    carryUsd: n === 0 ? null : cum,
    carryRate,
    coveredHours: covered,
    coverage: windowHours > 0 ? covered / windowHours : null,
    annualized: carryRate === null || covered === 0 ? null : (carryRate * HOURS_PER_YEAR) / covered,
    intervalsHours: [...new Set(settlements.map((s) => s.intervalHours))].sort((a, b) => a - b),
    intervalChanges: changes,
    capRate: cap,
    floorRate: cap === null ? null : floor,
    capHits: cap === null ? null : hits,
    worstCaseAtCapUsd: cap === null || n === 0 ? null : worst,
    settlements,
  };
}

export interface RollingCarry {
  holdHours: number;
  /** Rolling windows evaluated (complete and with coverage ≥ MIN_ROLLING_COVERAGE). */
  windows: number;
  /** Annualized carry of the rolling windows: percentiles 5/50/95 (numpy "linear"). */
  p5: number | null;
  p50: number | null;
  p95: number | null;
  /** Same percentiles as money over one holding window on the position's notional (USD). */
  p5Usd: number | null;
  p50Usd: number | null;
  p95Usd: number | null;
}

/**
 * Distribution of the carry over rolling holding windows of holdHours: one window starts at each settlement
 * time t0 (evenly thinned to MAX_ROLLING_WINDOWS) and holds the settlements with t0 < ts ≤ t0 + hold + 1 min
 * (stamps drift by milliseconds); a window counts when t0 + hold ≤ the last settlement + 1 min and the settlements' intervals cover ≥ 90 % of hold. Each window's
 * carry rate = sign × Σ rate_i (constant notional: a rate distribution, not a price path); annualized =
 * rate × 8760 / covered hours; money = rate × notional.
 */
export function rollingCarry(points: readonly FundingPoint[], position: CarryPosition, holdHours: number, nominalIntervalHours: number | null = null): RollingCarry {
  const s = resolveSettlements(points, nominalIntervalHours);
  const n = s.length;
  const empty: RollingCarry = { holdHours, windows: 0, p5: null, p50: null, p95: null, p5Usd: null, p50Usd: null, p95Usd: null };
  if (n < 2 || !(holdHours > 0)) return empty;
  const sign = carrySign(position.side);
  // Prefix sums: rate and covered hours.
  const pr = new Float64Array(n + 1);
  const ph = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    pr[i + 1] = pr[i] + s[i].rate;
    ph[i + 1] = ph[i] + s[i].intervalHours;
  }
  const holdMs = holdHours * HOUR_MS;
  const lastTs = s[n - 1].ts;
  const starts: number[] = [];
  for (let i = 0; i < n && s[i].ts + holdMs <= lastTs + SETTLEMENT_JITTER_MS; i++) starts.push(i);
  const step = Math.max(1, starts.length / MAX_ROLLING_WINDOWS);
  const annual: number[] = [];
  const rates: number[] = [];
  let j = 0;
  for (let k = 0; k < starts.length; k += step) {
    const i = starts[Math.floor(k)];
    const end = s[i].ts + holdMs + SETTLEMENT_JITTER_MS;
    if (j < i + 1) j = i + 1;
    while (j < n && s[j].ts <= end) j++;
    // Settlements i+1 .. j-1 fall in (t0, t0 + hold].
    const covered = ph[j] - ph[i + 1];
    if (covered < MIN_ROLLING_COVERAGE * holdHours || covered === 0) continue;
    const rate = sign * (pr[j] - pr[i + 1]);
    rates.push(rate);
    annual.push((rate * HOURS_PER_YEAR) / covered);
  }
  if (annual.length === 0) return empty;
  const a = Float64Array.from(annual).sort();
  const r = Float64Array.from(rates).sort();
  const usd = (p: number) => {
    const v = percentileOfSorted(r, p);
    return v === null ? null : v * position.notionalUsd;
  };
  return { holdHours, windows: annual.length, p5: percentileOfSorted(a, 5), p50: percentileOfSorted(a, 50), p95: percentileOfSorted(a, 95), p5Usd: usd(5), p50Usd: usd(50), p95Usd: usd(95) };
}

export interface StressCarry {
  from: number;
  to: number;
  /** Settlements whose accrual period (ts − interval, ts] overlaps the stress window. */
  count: number;
  carryUsd: number | null;
  carryRate: number | null;
  annualized: number | null;
}

/**
 * Carry inside each stress window: the settlements whose accrual period (ts − interval, ts] overlaps
 * [from, to] (a 2-hour stress window inside an 8-hour interval still counts that interval's payment);
 * constant notional; annualized over the settlements' covered hours.
 */
export function stressCarry(points: readonly FundingPoint[], position: CarryPosition, windows: readonly TimeWindow[], nominalIntervalHours: number | null = null): StressCarry[] {
  const s = resolveSettlements(points, nominalIntervalHours);
  const sign = carrySign(position.side);
  return windows.map((w) => {
    let rate = 0;
    let hours = 0;
    let count = 0;
    for (const x of s) {
      const start = x.ts - x.intervalHours * HOUR_MS;
      if (x.ts < w.from || start >= w.to) continue;
      rate += sign * x.rate;
      hours += x.intervalHours;
      count++;
    }
    return {
      from: w.from,
      to: w.to,
      count,
      carryUsd: count === 0 ? null : rate * position.notionalUsd,
      carryRate: count === 0 ? null : rate,
      annualized: count === 0 ? null : (rate * HOURS_PER_YEAR) / hours,
    };
  });
}

/** Holding period of the carry-stability figure the funding item scores (#21.5). */
export const CARRY_STABILITY_HOLD_HOURS = 168;

export interface CarryStability {
  holdHours: number;
  /** Complete rolling windows the percentiles rest on. */
  windows: number;
  /** Annualized carry of a long position over rolling windows: 5th and 95th percentiles, and their spread. */
  p5: number;
  p95: number;
  spread: number;
}

/**
 * Carry stability: p95 − p5 of the annualized carry a long position paid over rolling 7-day windows (rollingCarry,
 * one window per settlement). A narrow spread is carry a desk can budget; null without one complete window.
 */
export function carryStability(points: readonly FundingPoint[], nominalIntervalHours: number | null = null): CarryStability | null {
  const r = rollingCarry(points, { side: "long", notionalUsd: 1 }, CARRY_STABILITY_HOLD_HOURS, nominalIntervalHours);
  if (r.windows === 0 || r.p5 === null || r.p95 === null) return null;
  return { holdHours: CARRY_STABILITY_HOLD_HOURS, windows: r.windows, p5: r.p5, p95: r.p95, spread: r.p95 - r.p5 };
}
