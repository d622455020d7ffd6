// The per-snapshot inputs of a market's figures read from liquidity curves (liquidity-curve.ts) instead of
// walking book levels: slippage samples (as slippage-series.slippageSamples), depth bands (as
// book.depthProfile) and refill depth points (as refill-figures.levelDepthPoint).
import { DEPTH_BANDS_BPS, type OrderSide } from "./book";
import { CURVE_CAPACITY_BUDGET_BPS, curveMid, curveSlippageInto, type LiquidityCurve } from "./liquidity-curve";
import type { SlippageSamples } from "./slippage-series";
import type { DepthPoint } from "./refill";
import { percentilesInPlace } from "./stats";

export interface CurveSamples extends SlippageSamples {
  /** Largest interpolation bound (bps) over the samples: each slippage may lie up to this much below its value. */
  boundBps: number;
}

/**
 * An interpolated slippage figure is kept when its bound is within 0.1 bps or 1 % of the figure; otherwise
 * the sampled books are walked exactly (tiny notionals below the grid, thin books between grid points).
 */
export const CURVE_BOUND_TOLERANCE = { bps: 0.1, share: 0.01 };

/**
 * slippageSamples over curves: the same values at grid notionals, interpolated with a bound between them.
 * Capacity comes from the curves' stored budget (CURVE_CAPACITY_BUDGET_BPS); another budget walks the books.
 */
export function curveSlippageSamples(curves: readonly LiquidityCurve[], notionalUsd: number, side: OrderSide, budgetBps: number = CURVE_CAPACITY_BUDGET_BPS): CurveSamples {
  if (!(notionalUsd > 0) || !Number.isFinite(notionalUsd)) throw new RangeError(`notionalUsd must be a positive finite number, got ${notionalUsd}`);
  if (budgetBps !== CURVE_CAPACITY_BUDGET_BPS) throw new RangeError(`curves store capacity at ${CURVE_CAPACITY_BUDGET_BPS} bps, not ${budgetBps}: walk the books for another budget`);
  const n = curves.length;
  const ts = new Float64Array(n);
  const slip = new Float64Array(n);
  const cap = new Float64Array(n);
  const capLimited = new Uint8Array(n);
  const unknown = new Uint8Array(n);
  const visUsd = new Float64Array(n);
  const visLevels = new Uint32Array(n);
  const isBuy = side === "buy";
  let k = 0;
  let unusable = 0;
  let bound = 0;
  const r = { bps: 0, boundBps: 0 };
  for (let i = 0; i < n; i++) {
    const c = curves[i];
    const s = c.sides;
    if (!s) {
      unusable++;
      continue;
    }
    const cs = isBuy ? s.ask : s.bid;
    ts[k] = c.ts;
    curveSlippageInto(r, cs, curveMid(s), isBuy ? s.bestAsk : s.bestBid, notionalUsd, side);
    slip[k] = r.bps;
    if (r.boundBps > bound) bound = r.boundBps;
    cap[k] = cs.capacityUsd;
    capLimited[k] = cs.capacityLimited ? 1 : 0;
    if (r.bps !== r.bps && c.truncated) {
      unknown[k] = 1;
      visUsd[k] = cs.visibleUsd;
      visLevels[k] = cs.levels;
      if (cs.capacityLimited) cap[k] = NaN;
    }
    k++;
  }
  return {
    notionalUsd,
    side,
    budgetBps,
    length: k,
    unusableCount: unusable,
    ts: ts.subarray(0, k),
    slippageBps: slip.subarray(0, k),
    capacityUsd: cap.subarray(0, k),
    capacityLimited: capLimited.subarray(0, k),
    depthUnknown: unknown.subarray(0, k),
    visibleUsd: visUsd.subarray(0, k),
    visibleLevels: visLevels.subarray(0, k),
    boundBps: bound,
  };
}

/**
 * Median depth (USD) per band of DEPTH_BANDS_BPS on each side over curves (each curve's bands as
 * book.depthProfile gives them; unmeasurable books left out): the median() of their finite values, by
 * selection into one scratch array instead of an object per curve and band (a year's sample is 1,500 curves).
 */
export function curveDepthBandMedians(curves: readonly LiquidityCurve[]): { bandBps: number; bidUsd: number | null; askUsd: number | null }[] {
  const scratch = new Float64Array(curves.length);
  const medianOf = (band: number, side: "bid" | "ask") => {
    let k = 0;
    for (const c of curves) {
      const v = c.sides?.[side].depthUsd[band];
      if (v !== undefined && Number.isFinite(v)) scratch[k++] = v;
    }
    return percentilesInPlace(scratch.subarray(0, k), [50])[0];
  };
  return DEPTH_BANDS_BPS.map((bandBps, i) => ({ bandBps, bidUsd: medianOf(i, "bid"), askUsd: medianOf(i, "ask") }));
}

/**
 * Depth within `bandBps` (one of DEPTH_BANDS_BPS) on each side, as refill-figures.levelDepthPoint: null when
 * the book cannot be measured, or when it was cut and its deepest visible level is still inside the band.
 */
export function curveDepthPoint(c: LiquidityCurve, bandBps: number): DepthPoint {
  const i = (DEPTH_BANDS_BPS as readonly number[]).indexOf(bandBps);
  if (i < 0) throw new RangeError(`curves store depth at ${DEPTH_BANDS_BPS.join(", ")} bps, not ${bandBps}`);
  const s = c.sides;
  if (!s) return { ts: c.ts, bidUsd: null, askUsd: null };
  const mid = curveMid(s);
  const side = (cs: typeof s.bid) => {
    const lastBps = (Math.abs(cs.lastPrice - mid) / mid) * 1e4;
    return c.truncated && lastBps <= bandBps ? null : cs.depthUsd[i];
  };
  return { ts: c.ts, bidUsd: side(s.bid), askUsd: side(s.ask) };
}
