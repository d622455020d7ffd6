// What a forced close costs: the liquidation order walks the stored book, re-centred on the scenario's mark
// and with its sizes scaled by the liquidity drain. Pure.
import type { Level } from "../metrics/types";
import type { EvidenceBook, PositionSide } from "./types";

export interface LiquidationFill {
  /** Base units filled inside the visible (drained) book. */
  filledBase: number;
  /** Cost against the mark, USD: Σ |mark − fill price| × size over the fills; a lower bound when beyond depth. */
  costUsd: number;
  /** Volume-weighted fill price of the visible part. */
  vwapUsd: number | null;
  levelsConsumed: number;
  /** True when the book held less than the position: the rest is priced at the last visible level, so the cost is "at least". */
  beyondVisibleDepth: boolean;
}

/**
 * The book the scenario trades against: every price multiplied by markUsd / stored mid (the stored shape,
 * moved to the scenario's price) and every size by depthFactor. Best level first, as stored.
 */
export function scenarioLevels(levels: readonly Level[], storedMidUsd: number, markUsd: number, depthFactor: number): Level[] {
  const k = markUsd / storedMidUsd;
  return levels.map(([p, s]) => [p * k, s * depthFactor] as const);
}

/**
 * Walk `levels` for `qtyBase` units. Cost = Σ (mark − price) × size for a sell (a long being closed into the
 * bids), Σ (price − mark) × size for a buy (a short closed into the asks). When the levels run out, the rest
 * is filled at the last visible price — a lower bound, flagged, never a made-up deeper book.
 */
export function walkLiquidation(levels: readonly Level[], qtyBase: number, markUsd: number, closing: PositionSide): LiquidationFill {
  const sell = closing === "long";
  let remaining = qtyBase;
  let cost = 0;
  let quote = 0;
  let filled = 0;
  let consumed = 0;
  for (const [p, s] of levels) {
    if (remaining <= 0) break;
    const take = Math.min(s, remaining);
    cost += (sell ? markUsd - p : p - markUsd) * take;
    quote += p * take;
    filled += take;
    remaining -= take;
    consumed++;
  }
  const beyond = remaining > qtyBase * 1e-12;
  if (beyond && levels.length > 0) {
    const lastPrice = levels[levels.length - 1][0];
    cost += (sell ? markUsd - lastPrice : lastPrice - markUsd) * remaining;
  }
  return { filledBase: filled, costUsd: cost, vwapUsd: filled > 0 ? quote / filled : null, levelsConsumed: consumed, beyondVisibleDepth: beyond };
}

/** Liquidation cost of closing `qtyBase` of a `side` position at `markUsd` against a drained book; null without a book. */
export function liquidationCost(book: EvidenceBook | null, side: PositionSide, qtyBase: number, markUsd: number, depthFactor: number): LiquidationFill | null {
  if (!book) return null;
  const levels = side === "long" ? book.bids : book.asks;
  if (levels.length === 0) return null;
  return walkLiquidation(scenarioLevels(levels, book.midPriceUsd, markUsd, depthFactor), qtyBase, markUsd, side);
}
