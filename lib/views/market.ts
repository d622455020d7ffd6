// A market's figures and time series as pages, the API and exports receive them (lib/services/market-figures.ts
// and series.ts compute them), and the sampling constants the methodology page shows. Client-safe: types and
// constants only, over the pure metric types.
import type { SlippageSeriesStats } from "../metrics/slippage-series";
import type { StressWindow } from "../metrics/stress";
import type { FundingStats, RegimeChange } from "../metrics/funding";
import type { CarryStability } from "../metrics/carry";
import type { RefillSummary } from "../metrics/refill";
import type { InsuranceWindowStats, LiquidationStats } from "../metrics/liquidations";
import type { PoolReading } from "../metrics/insurance-pools";
import type { AllInCost, FeeChange } from "../metrics/fees";
import type { RealizedFigures } from "./realized";
export { CARRY_HOLDING_HOURS, MAX_SAMPLED_SNAPSHOTS } from "../scoring/input-rules";

/** Notionals of the slippage-vs-notional curve (USD). */
export const CURVE_NOTIONALS_USD = [10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000, 2_500_000, 5_000_000, 10_000_000, 25_000_000];

export const CAPACITY_BUDGET_BPS = 10;

export interface CurvePoint {
  notionalUsd: number;
  p50Bps: number | null;
  p95NormalBps: number | null;
  p95StressBps: number | null;
  beyondShare: number | null;
}

/** Where a market's depth, slippage and stress figures come from: level books, or depth-band books (estimated). */
export interface DepthSource {
  kind: "levels" | "bands";
  /** "estimated from depth bands" for band books; null for level books. */
  label: string | null;
  method: string | null;
  /** Band books in the window left out, by reason (crossed | stale | inconsistent). */
  flagged: Record<string, number>;
}

export interface MarketFigures {
  venue: string;
  venueName: string;
  symbol: string;
  base: string;
  marketId: number;
  provenance: string[];
  notionalUsd: number;
  window: { from: number; to: number } | null;
  snapshots: { inWindow: number; sampled: number; truncatedShare: number | null; maxLevels: number | null };
  spread: { medianBps: number | null; p95Bps: number | null };
  depthBands: { bandBps: number; bidUsd: number | null; askUsd: number | null }[];
  /** Null when the window has no books of either kind. */
  depthSource: DepthSource | null;
  slippage: { buy: SlippageSeriesStats; sell: SlippageSeriesStats } | null;
  stress: {
    rule: string;
    windows: StressWindow[];
    buy: { insideP95Bps: number | null; outsideP95Bps: number | null; p95Ratio: number | null; insideBeyondShare: number | null; insideCapacityP5Usd: number | null; insideCount: number };
    sell: { insideP95Bps: number | null; outsideP95Bps: number | null; p95Ratio: number | null; insideBeyondShare: number | null; insideCapacityP5Usd: number | null; insideCount: number };
  } | null;
  curve: CurvePoint[];
  /**
   * Largest interpolation bound (bps) of the slippage figures above: they are read from stored liquidity
   * curves, exact at grid notionals (0 here) and within this many bps above the exact walk between them.
   * Absent without level books.
   */
  curveBoundBps?: number;
  funding: (FundingStats & {
    capSource: string | null;
    /** Spread of the 7-day rolling carry (long, annualized); null without a complete 7-day window. */
    carry7d?: CarryStability | null;
    /** Published predicted vs settled rate, annualized (fractions per year); null when no stored prediction matched. */
    prediction?: { matched: number; maeAnnualized: number; biasAnnualized: number } | null;
  }) | null;
  liquidations: (LiquidationStats & { window: { from: number; to: number } }) | null;
  /** Latest reading at or before the window's end; `inWindow` summarizes the published history inside the window. */
  /** `pools`: each pool summed at its own latest reading; `leftOut`: pools with no reading within 2 days of `ts` (not summed). */
  insurance: { balanceUsd: number; ts: number; toOi: number | null; pools?: PoolReading[]; leftOut?: PoolReading[]; inWindow?: InsuranceWindowStats | null } | null;
  fees: { tier: string; takerRate: number; makerRate: number; source: string; provenance: string; changes: FeeChange[] } | null;
  allIn: (AllInCost & { holdingHours: number }) | null;
  /** Book refill after depth drops (lib/metrics/refill.ts), from the window's level books or depth bands; null without books. */
  refill?: (RefillSummary & { source: "levels" | "bands" }) | null;
  /** Realized execution from stored trade prints (sweeps, slippage, markouts, phantom depth); null without prints. */
  realized?: RealizedFigures | null;
}

/** At most this many book snapshots (evenly spaced in time) are walked for the slippage-over-time chart. */
export const MAX_SERIES_POINTS = 600;

/** At most this many funding records are returned (interval changes are listed in full beside them). */
export const MAX_FUNDING_POINTS = 1500;

export interface SlippagePoint {
  ts: number;
  /** Cost in bps of a market buy / sell of the notional; null = beyond visible depth (or unusable book). */
  buyBps: number | null;
  sellBps: number | null;
}

export interface FundingSeriesPoint {
  ts: number;
  /** Rate per interval as published (fraction). */
  rate: number;
  intervalHours: number | null;
  /** rate × 8760 / interval (fraction per year); null when the interval is unknown. */
  aprSimple: number | null;
  /** Premium (or mark/index basis) annualized the same way; null when the venue gives neither. */
  premiumApr: number | null;
}

export interface MarketSeries {
  venue: string;
  symbol: string;
  notionalUsd: number;
  /** The book window (presets count back from the market's latest snapshot). */
  window: { from: number; to: number } | null;
  slippage: {
    points: SlippagePoint[];
    inWindow: number;
    sampled: number;
    beyondBuy: number;
    beyondSell: number;
    unusable: number;
    provenance: string[];
  };
  stressWindows: StressWindow[];
  stressRule: string | null;
  funding: {
    window: { from: number; to: number } | null;
    count: number;
    points: FundingSeriesPoint[];
    intervalChanges: RegimeChange[];
    provenance: string[];
  };
}
