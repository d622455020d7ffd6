// Realized execution as scoring inputs (#17.7): from a market's sweeps by size bucket (lib/views/realized.ts), the
// two figures the depth and stress items score beside the book's. Pure; the rule is printed on /methodology.
import type { RealizedFigures } from "../views/realized";

/** Sweeps with a pre-trade mid a bucket needs before its realized slippage is scored (normal regime / all). */
export const MIN_SCORED_SWEEPS = 20;
/** Stress-window sweeps with a mid a bucket needs for the realized stress ratio. */
export const MIN_SCORED_STRESS_SWEEPS = 5;

export const REALIZED_SCORE_RULE =
  `Realized figures come from the size bucket closest below the target notional (the largest bucket starting at or under it) that has enough sweeps: ` +
  `realized / implied = the bucket's p50 realized slippage ÷ the p50 book-walk slippage at the bucket's implied notional (the curve-grid notional nearest its geometric middle: $10k, $20k, $60k, $200k, $600k, $2M, $6M, $30M) over the window's books (≥ ${MIN_SCORED_SWEEPS} sweeps with a pre-trade mid, implied > 0); ` +
  `realized stress ratio = the bucket's p95 realized slippage inside stress windows ÷ outside (≥ ${MIN_SCORED_STRESS_SWEEPS} stress and ≥ ${MIN_SCORED_SWEEPS} normal sweeps with a mid, normal p95 > 0). ` +
  `Without such a bucket the figure is missing and counts 0 in its item; realized figures do not count toward the execution-coverage gate, which asks for a usable book.`;

export interface RealizedScoreFigure {
  value: number | null;
  /** The bucket the figure was read from, or why there is none. */
  bucket: string | null;
  missing: string | null;
}

const below = (r: RealizedFigures, targetUsd: number) => r.buckets.filter((b) => b.minUsd <= targetUsd).sort((a, b) => b.minUsd - a.minUsd);

/** p50 realized ÷ p50 implied of the bucket closest below the target with enough sweeps; > 1: the book promised more than sweeps got. */
export function realizedToImplied(r: RealizedFigures | null | undefined, targetUsd: number): RealizedScoreFigure {
  if (!r) return { value: null, bucket: null, missing: "no trade prints stored in the window" };
  const b = below(r, targetUsd).find((x) => x.all.withMid >= MIN_SCORED_SWEEPS && x.all.slippageBps.p50 !== null && x.impliedP50Bps !== null && x.impliedP50Bps > 0);
  if (!b) return { value: null, bucket: null, missing: `no size bucket up to the target with ${MIN_SCORED_SWEEPS} sweeps with a mid and a book-implied slippage` };
  return { value: b.all.slippageBps.p50! / b.impliedP50Bps!, bucket: b.label, missing: null };
}

/** p95 realized slippage inside stress windows ÷ outside, for the bucket closest below the target with enough sweeps in both. */
export function realizedStressRatio(r: RealizedFigures | null | undefined, targetUsd: number): RealizedScoreFigure {
  if (!r) return { value: null, bucket: null, missing: "no trade prints stored in the window" };
  const b = below(r, targetUsd).find((x) => x.normal.withMid >= MIN_SCORED_SWEEPS && x.stress.withMid >= MIN_SCORED_STRESS_SWEEPS && x.normal.slippageBps.p95 !== null && x.normal.slippageBps.p95 > 0 && x.stress.slippageBps.p95 !== null);
  if (!b) return { value: null, bucket: null, missing: `no size bucket up to the target with ${MIN_SCORED_STRESS_SWEEPS} stress-window and ${MIN_SCORED_SWEEPS} normal sweeps with a mid` };
  return { value: b.stress.slippageBps.p95! / b.normal.slippageBps.p95!, bucket: b.label, missing: null };
}
