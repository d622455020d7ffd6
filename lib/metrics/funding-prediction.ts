// Predicted vs settled funding: where a venue publishes the next rate before it settles (Binance premiumIndex
// lastFundingRate, Bybit tickers fundingRate, dYdX nextFundingRate, Hyperliquid predictedFundings), how far
// the published value was from the rate that settled, and how old the published value was when read. Pure.
import { HOUR_MS, HOURS_PER_YEAR } from "./time";
import { mean, median } from "./stats";

export interface FundingPrediction {
  /** The settlement the prediction is for (the venue's nextFundingTime). */
  fundingTime: number;
  rate: number;
  /** When the venue stamped the published value (its body's time), if it gives one. */
  publishedAt: number | null;
  /** When we read it; null when unknown (a file import's run time is not the time the value was published). */
  observedAt: number | null;
}

export interface SettledRate {
  ts: number;
  rate: number;
}

/** Settlement stamps drift by milliseconds: a prediction matches the settled record within this. */
export const PREDICTION_MATCH_MS = 60_000;

export interface PredictionError {
  /** Predictions matched to a settled rate (the latest observation per settlement). */
  matched: number;
  unmatched: number;
  /** Mean |predicted − settled| per interval; null without a match. */
  mae: number | null;
  /** Mean (predicted − settled): > 0, the published value overstated the settled rate. */
  bias: number | null;
  /** Share of matches with predicted == settled (within 1e-12). */
  exactShare: number | null;
  /** Hours from observation to settlement (how early the prediction was read): median; null when no read time is known. */
  medianLeadHours: number | null;
  /** Staleness of the published value when read, observedAt − publishedAt (ms): median and max; null when no body stamps it. */
  medianStalenessMs: number | null;
  maxStalenessMs: number | null;
}

/**
 * For each settlement keep the latest observed prediction (closest to settling), match it to the settled record
 * within ±1 min; error_i = predicted_i − settled_i; MAE = mean |error|, bias = mean error. Staleness = observedAt −
 * publishedAt over all predictions that carry a publication stamp.
 */
export function predictionError(predictions: readonly FundingPrediction[], settled: readonly SettledRate[]): PredictionError {
  const latest = new Map<number, FundingPrediction>();
  for (const p of predictions) {
    const cur = latest.get(p.fundingTime);
    if (!cur || (p.observedAt ?? -Infinity) > (cur.observedAt ?? -Infinity)) latest.set(p.fundingTime, p);
  }
  const sorted = [...settled].sort((a, b) => a.ts - b.ts);
  const errors: number[] = [];
  const leads: number[] = [];
  let exact = 0;
  let unmatched = 0;
  for (const p of latest.values()) {
    const s = nearest(sorted, p.fundingTime);
    if (!s || Math.abs(s.ts - p.fundingTime) > PREDICTION_MATCH_MS) {
      unmatched++;
      continue;
    }
    const e = p.rate - s.rate;
    errors.push(e);
    if (Math.abs(e) <= 1e-12) exact++;
    if (p.observedAt !== null) leads.push((p.fundingTime - p.observedAt) / HOUR_MS);
  }
  const stale = predictions.filter((p) => p.publishedAt !== null && p.observedAt !== null).map((p) => p.observedAt! - p.publishedAt!);
  return {
    matched: errors.length,
    unmatched,
    mae: mean(errors.map(Math.abs)),
    bias: mean(errors),
    exactShare: errors.length ? exact / errors.length : null,
    medianLeadHours: median(leads),
    medianStalenessMs: median(stale),
    maxStalenessMs: stale.length ? Math.max(...stale) : null,
  };
}

function nearest(sorted: readonly SettledRate[], ts: number): SettledRate | null {
  let lo = 0;
  let hi = sorted.length - 1;
  if (hi < 0) return null;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].ts < ts) lo = mid + 1;
    else hi = mid;
  }
  const a = sorted[lo];
  const b = lo > 0 ? sorted[lo - 1] : null;
  return b && Math.abs(b.ts - ts) < Math.abs(a.ts - ts) ? b : a;
}

/** Matched predictions the funding item needs before it scores the prediction error (fewer: missing, 0 points). */
export const MIN_SCORED_PREDICTIONS = 10;

/** A settled record that replaced a published estimate (FundingRecord.predictedRate). */
export interface PredictedSettlement {
  fundingTime: number;
  rate: number;
  predictedRate: number;
  /** The settled record's interval; null when it does not say (the market's nominal interval is used). */
  intervalHours: number | null;
  observedAt: number | null;
}

/**
 * The prediction error in annualized units, as the funding item scores it: each predicted and settled rate × 8760 /
 * the record's interval (the market's nominal one when the record has none; records with neither are left out), so
 * 1 h and 8 h venues compare; then predictionError (MAE and bias are fractions per year).
 */
export function annualizedPredictionError(rows: readonly PredictedSettlement[], nominalIntervalHours: number | null): PredictionError {
  const usable = rows.flatMap((r) => {
    const h = r.intervalHours ?? nominalIntervalHours;
    return h !== null && h > 0 ? [{ ...r, perYear: HOURS_PER_YEAR / h }] : [];
  });
  return predictionError(
    usable.map((r) => ({ fundingTime: r.fundingTime, rate: r.predictedRate * r.perYear, publishedAt: null, observedAt: r.observedAt })),
    usable.map((r) => ({ ts: r.fundingTime, rate: r.rate * r.perYear })),
  );
}
