// Fee metrics: the fee row in force at a time, the all-in cost of a market order (taker fee + slippage,
// plus funding carry over a holding period, stated separately), and fee-schedule changes vs stress windows.
import type { FeeTier, TimeWindow } from "./types";
import { inWindows } from "./stress";

/** The row of `tierName` in force at ts: effectiveFrom ≤ ts < effectiveTo (or open-ended); latest start wins. */
export function feeAt(tiers: readonly FeeTier[], tierName: string, ts: number): FeeTier | null {
  let best: FeeTier | null = null;
  for (const t of tiers) {
    if (t.tier !== tierName || t.effectiveFrom > ts) continue;
    if (t.effectiveTo !== null && ts >= t.effectiveTo) continue;
    if (best === null || t.effectiveFrom > best.effectiveFrom) best = t;
  }
  return best;
}

export interface AllInCostInput {
  /** Taker fee as a fraction (0.0005 = 5 bps); null when unknown. */
  takerRate: number | null;
  /** Slippage cost at the notional (bps); null when unknown or beyond visible depth. */
  slippageBps: number | null;
  /** Mean funding rate per 8 h (fraction); optional. */
  fundingRatePer8h?: number | null;
  holdingHours?: number | null;
}

export interface AllInCost {
  takerBps: number | null;
  slippageBps: number | null;
  /** Entry cost = taker + slippage; null when either is missing. */
  tradingBps: number | null;
  /** Expected funding carry = |mean per-8h rate| × holdingHours / 8 × 1e4; null when not given. */
  fundingCarryBps: number | null;
  /** tradingBps + fundingCarryBps (carry counted only when given); null when tradingBps is null. */
  totalBps: number | null;
}

/**
 * All-in cost of one market order (one way), in bps:
 *   taker_bps = takerRate × 1e4; trading = taker_bps + slippage_bps;
 *   carry_bps = |fundingRatePer8h| × holdingHours / 8 × 1e4 (stated separately); total = trading + carry.
 */
export function allInCostBps(input: AllInCostInput): AllInCost {
  const takerBps = input.takerRate === null ? null : input.takerRate * 1e4;
  const slip = input.slippageBps;
  const tradingBps = takerBps === null || slip === null ? null : takerBps + slip;
  const f = input.fundingRatePer8h;
  const h = input.holdingHours;
  const carry = f === undefined || f === null || h === undefined || h === null ? null : ((Math.abs(f) * h) / 8) * 1e4;
  return {
    takerBps,
    slippageBps: slip,
    tradingBps,
    fundingCarryBps: carry,
    totalBps: tradingBps === null ? null : tradingBps + (carry ?? 0),
  };
}

export interface FeeChange {
  ts: number;
  tier: string;
  fromMakerRate: number;
  toMakerRate: number;
  fromTakerRate: number;
  toTakerRate: number;
  inStress: boolean;
}

/**
 * Fee changes in the window: for each tier, rows sorted by effectiveFrom; a row starting inside the window whose
 * maker or taker rate differs from the tier's previous row is a change (a tier's first row is not: there is
 * nothing to compare with). inStress = its effectiveFrom lies in a stress window.
 */
export function feeChanges(
  tiers: readonly FeeTier[],
  window: TimeWindow,
  stressWindows: readonly TimeWindow[],
): FeeChange[] {
  const byTier = new Map<string, FeeTier[]>();
  for (const t of tiers) {
    const list = byTier.get(t.tier) ?? [];
    list.push(t);
    byTier.set(t.tier, list);
  }
  const out: FeeChange[] = [];
  for (const [tier, rows] of byTier) {
    rows.sort((a, b) => a.effectiveFrom - b.effectiveFrom);
    for (let i = 1; i < rows.length; i++) {
      const prev = rows[i - 1];
      const cur = rows[i];
      if (cur.effectiveFrom < window.from || cur.effectiveFrom > window.to) continue;
      if (cur.makerRate === prev.makerRate && cur.takerRate === prev.takerRate) continue;
      out.push({
        ts: cur.effectiveFrom,
        tier,
        fromMakerRate: prev.makerRate,
        toMakerRate: cur.makerRate,
        fromTakerRate: prev.takerRate,
        toTakerRate: cur.takerRate,
        inStress: inWindows(cur.effectiveFrom, stressWindows),
      });
    }
  }
  return out.sort((a, b) => a.ts - b.ts || a.tier.localeCompare(b.tier));
}
