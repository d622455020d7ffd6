// Capacity of a market at a user-chosen slippage budget (lib/reports/capacity.ts picks the figure: stressed
// p5, overall p5 without a stress window, worse side). At the figures' own budget (CAPACITY_BUDGET_BPS) the
// market figures already hold the statistics; at any other budget the figures' own sampled books
// (sampledBooks in market-figures.ts: same window, stress windows and sampling) are walked again.
import "server-only";
import type { Db } from "../db";
import type { OrderSide } from "../metrics/book";
import { slippageSamples, summarizeSlippage } from "../metrics/slippage-series";
import { NO_SIDE_CAPACITY, pickCapacity, type CapacityAtBudget, type SideCapacity } from "../reports/capacity";
import { CAPACITY_BUDGET_BPS, type MarketFigures } from "../views/market";
import { sampledBooks } from "./market-figures";

/** Capacity at the figures' own budget, read from the figures. */
function fromFigures(f: MarketFigures): CapacityAtBudget {
  const windows = f.stress?.windows.length ?? 0;
  const side = (s: OrderSide): SideCapacity =>
    f.slippage
      ? { overallP5Usd: f.slippage[s].capacityP5Usd, overallMedianUsd: f.slippage[s].capacityMedianUsd, stressP5Usd: f.stress?.[s].insideCapacityP5Usd ?? null, insideCount: f.stress?.[s].insideCount ?? 0 }
      : NO_SIDE_CAPACITY;
  return pickCapacity(CAPACITY_BUDGET_BPS, windows, side("buy"), side("sell"));
}

/** Capacity of the figures' market at `budgetBps` (USD), stressed p5 with overall-p5 fallback. */
export async function capacityAtBudget(db: Db, f: MarketFigures | null, budgetBps: number): Promise<CapacityAtBudget> {
  if (!f || !f.window || !f.slippage) return pickCapacity(budgetBps, f?.stress?.windows.length ?? 0, NO_SIDE_CAPACITY, NO_SIDE_CAPACITY);
  if (budgetBps === CAPACITY_BUDGET_BPS) return fromFigures(f);
  const windows = f.stress?.windows ?? [];
  const { sample, inside } = await sampledBooks(db, f.marketId, f.window, windows);
  const side = (s: OrderSide): SideCapacity => {
    const all = summarizeSlippage(slippageSamples(sample, f.notionalUsd, s, budgetBps));
    const st = summarizeSlippage(slippageSamples(inside, f.notionalUsd, s, budgetBps));
    return { overallP5Usd: all.capacityP5Usd, overallMedianUsd: all.capacityMedianUsd, stressP5Usd: st.capacityP5Usd, insideCount: st.count };
  };
  return pickCapacity(budgetBps, windows.length, side("buy"), side("sell"));
}
