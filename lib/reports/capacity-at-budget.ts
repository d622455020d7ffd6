// Capacity of a market at a user-chosen slippage budget: the stressed 5th percentile (per-snapshot
// capacity inside stress windows) with the overall 5th percentile as fallback when there is no stress
// window, on the worse of the buy and sell sides. At the scorecard's own budget (CAPACITY_BUDGET_BPS) the
// figures already hold these numbers; at any other budget the same sampled books are walked again with
// lib/metrics (same stress windows, same sampling as lib/services/market-figures.ts).
import type { Db } from "../db";
import { slippageSamples, summarizeSlippage } from "../metrics/slippage-series";
import type { OrderSide } from "../metrics/book";
import { booksByIds, midSpreadSeriesFor } from "../services/market-data";
import { CAPACITY_BUDGET_BPS, MAX_SAMPLED_SNAPSHOTS, thin, type MarketFigures } from "../services/market-figures";
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

const EMPTY: SideCapacity = { overallP5Usd: null, overallMedianUsd: null, stressP5Usd: null, insideCount: 0 };

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

/** Capacity at the figures' own budget, read from the figures. */
function fromFigures(f: MarketFigures): CapacityAtBudget {
  const windows = f.stress?.windows.length ?? 0;
  const side = (s: "buy" | "sell"): SideCapacity =>
    f.slippage
      ? { overallP5Usd: f.slippage[s].capacityP5Usd, overallMedianUsd: f.slippage[s].capacityMedianUsd, stressP5Usd: f.stress?.[s].insideCapacityP5Usd ?? null, insideCount: f.stress?.[s].insideCount ?? 0 }
      : EMPTY;
  return pickCapacity(CAPACITY_BUDGET_BPS, windows, side("buy"), side("sell"));
}

/** Capacity of the figures' market at `budgetBps` (USD), stressed p5 with overall-p5 fallback. */
export async function capacityAtBudget(db: Db, f: MarketFigures | null, budgetBps: number): Promise<CapacityAtBudget> {
  if (!f || !f.window || !f.slippage) return pickCapacity(budgetBps, f?.stress?.windows.length ?? 0, EMPTY, EMPTY);
  if (budgetBps === CAPACITY_BUDGET_BPS) return fromFigures(f);
  const windows = f.stress?.windows ?? [];
  const series = await midSpreadSeriesFor(db, f.marketId, f.window);
  const inStress = (ts: number) => windows.some((w) => ts >= w.from && ts <= w.to);
  const sampleIds = thin(series, MAX_SAMPLED_SNAPSHOTS).map((p) => p.id);
  const insideIds = thin(series.filter((p) => inStress(p.ts)), MAX_SAMPLED_SNAPSHOTS).map((p) => p.id);
  const books = await booksByIds(db, [...new Set([...sampleIds, ...insideIds])]);
  // ts is unique per market (the snapshots' natural key), so books are matched to ids by time.
  const tsOf = new Map(series.map((p) => [p.id, p.ts]));
  const tsSet = (ids: number[]) => new Set(ids.map((id) => tsOf.get(id)));
  const sampleTs = tsSet(sampleIds);
  const insideTs = tsSet(insideIds);
  const sample = books.filter((b) => sampleTs.has(b.ts));
  const inside = books.filter((b) => insideTs.has(b.ts));
  const side = (s: OrderSide): SideCapacity => {
    const all = summarizeSlippage(slippageSamples(sample, f.notionalUsd, s, budgetBps));
    const st = summarizeSlippage(slippageSamples(inside, f.notionalUsd, s, budgetBps));
    return { overallP5Usd: all.capacityP5Usd, overallMedianUsd: all.capacityMedianUsd, stressP5Usd: st.capacityP5Usd, insideCount: st.count };
  };
  return pickCapacity(budgetBps, windows.length, side("buy"), side("sell"));
}
