// The capacity figure an allocation uses, picked from each side's statistics at a slippage budget: the
// stressed 5th percentile, the overall 5th percentile when there is no stress window, the worse side. Pure;
// lib/services/capacity-at-budget.ts supplies the statistics.
import type { OrderSide } from "../metrics/book";
import type { CapacityBasis } from "./allocate";

export interface SideCapacity {
  overallP5Usd: number | null;
  overallMedianUsd: number | null;
  stressP5Usd: number | null;
  insideCount: number;
}

export interface CapacityAtBudget {
  budgetBps: number;
  /** The figure the allocation uses: stressP5Usd, or overallP5Usd when there is no stress window. */
  capacityUsd: number | null;
  basis: CapacityBasis | null;
  /** The side whose capacity was used (the smaller one). */
  side: OrderSide | null;
  stressWindowCount: number;
  buy: SideCapacity;
  sell: SideCapacity;
}

/** A side without books: no figures (null, never 0). */
export const NO_SIDE_CAPACITY: SideCapacity = { overallP5Usd: null, overallMedianUsd: null, stressP5Usd: null, insideCount: 0 };

/** Pick the capacity figure from per-side statistics (pure). */
export function pickCapacity(budgetBps: number, stressWindowCount: number, buy: SideCapacity, sell: SideCapacity): CapacityAtBudget {
  const useStress = stressWindowCount > 0 && (buy.stressP5Usd !== null || sell.stressP5Usd !== null);
  const value = (s: SideCapacity) => (useStress ? s.stressP5Usd : s.overallP5Usd);
  const candidates = (["buy", "sell"] as const).map((side) => ({ side, v: value(side === "buy" ? buy : sell) })).filter((c): c is { side: OrderSide; v: number } => c.v !== null);
  const worst = candidates.sort((a, b) => a.v - b.v)[0];
  return {
    budgetBps,
    capacityUsd: worst?.v ?? null,
    basis: worst ? (useStress ? "stress-p5" : "overall-p5") : null,
    side: worst?.side ?? null,
    stressWindowCount,
    buy,
    sell,
  };
}
