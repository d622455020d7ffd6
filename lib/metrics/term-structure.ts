// The dated-futures curve against the index: annualized basis per maturity, a constant-maturity curve by linear
// interpolation (30/60/90 days), the perpetual's funding annualized beside it, and a divergence flag between the
// perp's funding and the curve's front end held over a history of snapshots. Pure: no I/O.
import { DAY_MS, HOURS_PER_YEAR } from "./time";

export interface DatedFutureQuote {
  symbol: string;
  expiryTs: number;
  /** Quote time (epoch ms). */
  ts: number;
  markPrice: number;
  /** The index the venue quotes beside the mark; null when not given. */
  indexPrice: number | null;
}

export interface PerpQuote {
  symbol: string;
  ts: number;
  markPrice: number | null;
  indexPrice: number | null;
  /** The published (next) funding rate per interval; null when not published. */
  fundingRate: number | null;
  intervalHours: number | null;
}

/** Constant maturities of the interpolated curve, in days. */
export const CONSTANT_MATURITIES_DAYS = [30, 60, 90] as const;
/** A quote older than this before the snapshot time is stale and left out of the curve. */
export const MAX_QUOTE_AGE_MS = 15 * 60_000;
/** |perp funding annualized − front-end basis| above this (5 % a year) counts as divergence. */
export const DIVERGENCE_THRESHOLD_APR = 0.05;
/** A divergence run this long or longer is flagged. */
export const DIVERGENCE_MIN_DAYS = 7;

export interface MaturityBasis {
  symbol: string;
  expiryTs: number;
  daysToExpiry: number;
  markPrice: number;
  /** (mark − index) / index. */
  basis: number;
  /** Simple annualization: basis × 365 / daysToExpiry. */
  annualized: number;
}

export interface TermStructure {
  ts: number;
  indexPrice: number | null;
  maturities: MaturityBasis[];
  /** Left out: expired (expiry ≤ ts) or stale (quoted more than MAX_QUOTE_AGE_MS before ts). */
  excluded: { symbol: string; reason: "expired" | "stale" }[];
  /** Annualized basis at 30/60/90 days; null outside the listed maturities (no extrapolation). */
  constantMaturity: { days: number; annualized: number | null }[];
  /** The perp's published funding, simple annualization rate × 8760 / interval; null without a rate. */
  perpFundingAnnualized: number | null;
  /** perpFundingAnnualized − the nearest maturity's annualized basis; null when either is missing. */
  frontSpread: number | null;
}

/**
 * The curve at snapshot time ts: index = the perp's index, else the median of the futures' quoted indexes;
 * basis_i = (mark_i − index) / index; annualized_i = basis_i × 365 / days_i (days_i = (expiry_i − ts) / 1 day);
 * constant maturity d = linear interpolation of annualized basis in days between the listed maturities around d
 * (exact match when one is listed at d; null below the nearest or above the farthest).
 */
export function termStructure(ts: number, futures: readonly DatedFutureQuote[], perp: PerpQuote | null): TermStructure {
  const excluded: TermStructure["excluded"] = [];
  const live = futures.filter((f) => {
    if (f.expiryTs <= ts) return excluded.push({ symbol: f.symbol, reason: "expired" }), false;
    if (ts - f.ts > MAX_QUOTE_AGE_MS) return excluded.push({ symbol: f.symbol, reason: "stale" }), false;
    return true;
  });
  const indexes = live.map((f) => f.indexPrice).filter((v): v is number => v !== null && v > 0).sort((a, b) => a - b);
  const index = perp?.indexPrice != null && perp.indexPrice > 0 ? perp.indexPrice : indexes.length ? indexes[Math.floor((indexes.length - 1) / 2)] : null;
  const maturities: MaturityBasis[] =
    index === null
      ? []
      : live
          .map((f) => {
            const days = (f.expiryTs - ts) / DAY_MS;
            const basis = (f.markPrice - index) / index;
            return { symbol: f.symbol, expiryTs: f.expiryTs, daysToExpiry: days, markPrice: f.markPrice, basis, annualized: (basis * 365) / days };
          })
          .sort((a, b) => a.daysToExpiry - b.daysToExpiry);
  const constantMaturity = CONSTANT_MATURITIES_DAYS.map((d) => ({ days: d, annualized: interpolate(maturities, d) }));
  const perpApr = perp?.fundingRate != null && perp.intervalHours != null && perp.intervalHours > 0 ? (perp.fundingRate * HOURS_PER_YEAR) / perp.intervalHours : null;
  return {
    ts,
    indexPrice: index,
    maturities,
    excluded,
    constantMaturity,
    perpFundingAnnualized: perpApr,
    frontSpread: perpApr === null || maturities.length === 0 ? null : perpApr - maturities[0].annualized,
  };
}

function interpolate(m: readonly MaturityBasis[], days: number): number | null {
  for (let i = 0; i < m.length; i++) {
    if (m[i].daysToExpiry === days) return m[i].annualized;
    if (i + 1 < m.length && m[i].daysToExpiry < days && days < m[i + 1].daysToExpiry) {
      const w = (days - m[i].daysToExpiry) / (m[i + 1].daysToExpiry - m[i].daysToExpiry);
      return m[i].annualized + w * (m[i + 1].annualized - m[i].annualized);
    }
  }
  return null;
}

export interface DivergenceFlag {
  /** Snapshots with a front spread. */
  count: number;
  /** Longest run of consecutive snapshots with |front spread| > threshold and one sign; its span in days. */
  longestRun: { from: number; to: number; days: number; snapshots: number; sign: 1 | -1 } | null;
  /** True when the longest run spans ≥ DIVERGENCE_MIN_DAYS. */
  flagged: boolean;
}

/** Divergence of perp funding from the curve's front end over a history of term structures (any order). */
export function fundingCurveDivergence(history: readonly TermStructure[], thresholdApr = DIVERGENCE_THRESHOLD_APR, minDays = DIVERGENCE_MIN_DAYS): DivergenceFlag {
  const pts = history.filter((h) => h.frontSpread !== null).sort((a, b) => a.ts - b.ts);
  type Run = NonNullable<DivergenceFlag["longestRun"]>;
  let best: Run | null = null;
  let run: Run | null = null;
  for (const h of pts) {
    const s = h.frontSpread!;
    if (Math.abs(s) <= thresholdApr) {
      run = null;
      continue;
    }
    const sign: 1 | -1 = s > 0 ? 1 : -1;
    const prev = run as Run | null;
    run = prev !== null && prev.sign === sign ? { ...prev, to: h.ts, snapshots: prev.snapshots + 1, days: (h.ts - prev.from) / DAY_MS } : { from: h.ts, to: h.ts, days: 0, snapshots: 1, sign };
    if (!best || run.days > best.days || (run.days === best.days && run.snapshots > best.snapshots)) best = run;
  }
  return { count: pts.length, longestRun: best, flagged: best !== null && best.days >= minDays };
}
