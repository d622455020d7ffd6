// Order-book metrics for one snapshot: mid, spread, depth within price bands, slippage of a market order
// walked through the visible book, and capacity (largest notional within a slippage budget).
//
// Empty or crossed books: a book with no bids, no asks, a non-positive/non-finite best price, or a best bid
// above the best ask ("crossed") has no meaningful mid, so every metric below returns null for it (see
// bookProblem to say why). A locked book (best bid = best ask) is accepted: spread 0.
import type { Book, Level } from "./types";

export type BookSide = "bid" | "ask";
export type OrderSide = "buy" | "sell";
export type BookProblem = "empty-bids" | "empty-asks" | "invalid-price" | "crossed";

/** Tolerance (in bps) when comparing a level's distance from mid with a band edge, for float rounding. */
export const BAND_EPS_BPS = 1e-9;

/** Depth bands, in bps from mid, reported by depthProfile. */
export const DEPTH_BANDS_BPS = [10, 25, 50, 100, 200, 500, 1000] as const;

/** Why a book cannot be measured, or null when it can. */
export function bookProblem(book: Book): BookProblem | null {
  if (book.bids.length === 0) return "empty-bids";
  if (book.asks.length === 0) return "empty-asks";
  const bid = book.bids[0][0];
  const ask = book.asks[0][0];
  if (!(bid > 0) || !(ask > 0) || !Number.isFinite(bid) || !Number.isFinite(ask)) return "invalid-price";
  if (bid > ask) return "crossed";
  return null;
}

/** mid = (best bid + best ask) / 2; null for an empty or crossed book. */
export function midPrice(book: Book): number | null {
  if (bookProblem(book) !== null) return null;
  return (book.bids[0][0] + book.asks[0][0]) / 2;
}

/** spread_bps = (best ask − best bid) / mid × 1e4; null for an empty or crossed book. */
export function spreadBps(book: Book): number | null {
  const mid = midPrice(book);
  if (mid === null) return null;
  return ((book.asks[0][0] - book.bids[0][0]) / mid) * 1e4;
}

/** Distance of a price from mid in bps, measured away from mid on the given side (≥ 0 for a sane book). */
function distanceBps(price: number, mid: number, side: BookSide): number {
  return side === "bid" ? ((mid - price) / mid) * 1e4 : ((price - mid) / mid) * 1e4;
}

/**
 * Depth (USD) on one side within `bps` of mid: Σ price × size over levels with |price − mid| / mid × 1e4 ≤ bps.
 * A lower bound when the book is truncated and the last visible level is still inside the band.
 */
export function depthWithinBpsUsd(book: Book, side: BookSide, bps: number): number | null {
  const mid = midPrice(book);
  if (mid === null) return null;
  const levels = side === "bid" ? book.bids : book.asks;
  let usd = 0;
  for (let i = 0; i < levels.length; i++) {
    const p = levels[i][0];
    if (distanceBps(p, mid, side) > bps + BAND_EPS_BPS) break; // sorted: every later level is further away
    usd += p * levels[i][1];
  }
  return usd;
}

export interface DepthBand {
  bandBps: number;
  bidUsd: number;
  askUsd: number;
  /** False when the book is truncated and no visible level lies beyond the band: the figure is a lower bound. */
  bidComplete: boolean;
  askComplete: boolean;
}

/** Cumulative depth (USD) within each band edge, one pass over the levels. */
function cumulativeDepth(
  levels: readonly Level[],
  mid: number,
  side: BookSide,
  bands: readonly number[],
  truncated: boolean,
): { usd: number[]; complete: boolean[] } {
  const usd = new Array<number>(bands.length).fill(0);
  const complete = new Array<boolean>(bands.length).fill(!truncated);
  let cum = 0;
  let k = 0;
  for (let i = 0; i < levels.length && k < bands.length; i++) {
    const p = levels[i][0];
    const d = distanceBps(p, mid, side);
    while (k < bands.length && d > bands[k] + BAND_EPS_BPS) {
      usd[k] = cum;
      complete[k] = true; // a visible level lies beyond this band, so the band is fully seen
      k++;
    }
    cum += p * levels[i][1];
  }
  for (; k < bands.length; k++) usd[k] = cum;
  return { usd, complete };
}

/** Depth per band of DEPTH_BANDS_BPS (or the given bands, ascending), both sides; null for an empty/crossed book. */
export function depthProfile(book: Book, bandsBps: readonly number[] = DEPTH_BANDS_BPS): DepthBand[] | null {
  const mid = midPrice(book);
  if (mid === null) return null;
  const bid = cumulativeDepth(book.bids, mid, "bid", bandsBps, book.truncated);
  const ask = cumulativeDepth(book.asks, mid, "ask", bandsBps, book.truncated);
  return bandsBps.map((bandBps, i) => ({
    bandBps,
    bidUsd: bid.usd[i],
    askUsd: ask.usd[i],
    bidComplete: bid.complete[i],
    askComplete: ask.complete[i],
  }));
}

export type SlippageResult =
  | { kind: "filled"; slippageBps: number; vwap: number; levelsConsumed: number }
  | { kind: "beyond-visible-depth"; visibleDepthUsd: number; truncated: boolean };

// Scratch outputs of the allocation-free walkers below (single-threaded JS: safe to share).
let walkLevelsConsumed = 0;
let walkVisibleUsd = 0;
let capacityLevelsConsumed = 0;
let capacityLimitedByDepth = false;

/**
 * Walk `levels` consuming `notionalUsd` of quote, level by level, the last level partially:
 *   each full level adds size to base filled and price × size to notional spent;
 *   the last level adds remaining / price.
 * Returns the base filled, or −1 when the visible levels hold less than notionalUsd (then walkVisibleUsd
 * holds their total). Sets walkLevelsConsumed. No allocation. Internal; used by slippage-series too.
 */
export function walkNotional(levels: readonly Level[], notionalUsd: number): number {
  let remaining = notionalUsd;
  let base = 0;
  const tol = notionalUsd * 1e-12; // a level that covers the remainder up to float rounding fills it
  const n = levels.length;
  for (let i = 0; i < n; i++) {
    const lv = levels[i];
    const p = lv[0];
    const usd = p * lv[1];
    if (usd >= remaining - tol) {
      walkLevelsConsumed = i + 1;
      return base + remaining / p;
    }
    base += lv[1];
    remaining -= usd;
  }
  walkLevelsConsumed = n;
  walkVisibleUsd = notionalUsd - remaining;
  return -1;
}

/** Levels touched by the last walkNotional call. */
export function lastWalkLevelsConsumed(): number {
  return walkLevelsConsumed;
}

/** Visible depth (USD) found by the last walkNotional call that ran out of levels. */
export function lastWalkVisibleUsd(): number {
  return walkVisibleUsd;
}

/** Slippage cost in bps of a fill at `vwap` against `mid`: buy (vwap − mid)/mid × 1e4, sell (mid − vwap)/mid × 1e4. */
export function slippageCostBps(vwap: number, mid: number, side: OrderSide): number {
  return side === "buy" ? ((vwap - mid) / mid) * 1e4 : ((mid - vwap) / mid) * 1e4;
}

/**
 * Slippage of a market order of `notionalUsd` (quote) walked through the visible book (buy walks asks,
 * sell walks bids): VWAP = notional / base filled; slippage_bps = (VWAP − mid)/mid × 1e4 for buys,
 * (mid − VWAP)/mid × 1e4 for sells (a cost is positive). When the visible side holds less than the notional
 * the result is "beyond-visible-depth" with that visible depth — never a capped or extrapolated number.
 * Null for an empty or crossed book. Throws on a non-positive notional.
 */
export function slippageBps(book: Book, notionalUsd: number, side: OrderSide): SlippageResult | null {
  if (!(notionalUsd > 0) || !Number.isFinite(notionalUsd)) {
    throw new RangeError(`notionalUsd must be a positive finite number, got ${notionalUsd}`);
  }
  const mid = midPrice(book);
  if (mid === null) return null;
  const base = walkNotional(side === "buy" ? book.asks : book.bids, notionalUsd);
  if (base < 0) return { kind: "beyond-visible-depth", visibleDepthUsd: walkVisibleUsd, truncated: book.truncated };
  const vwap = notionalUsd / base;
  return { kind: "filled", slippageBps: slippageCostBps(vwap, mid, side), vwap, levelsConsumed: walkLevelsConsumed };
}

/**
 * Largest notional (USD) whose VWAP stays within `limitPrice` (buy: VWAP ≤ limit; sell: VWAP ≥ limit).
 * With d_i = p_i − limit (buy) or limit − p_i (sell), a fill of q_i per level meets the limit iff Σ q_i d_i ≤ 0.
 * Levels with d_i ≤ 0 add slack −q_i d_i; later levels (d_i > 0, sorted so d grows) use it up; the last level
 * is filled partially with q = slack / d_i. Exact, no grid search. Returns USD; sets capacityLevelsConsumed
 * and capacityLimitedByDepth (true when every visible level fits). No allocation. Internal.
 */
export function walkCapacity(levels: readonly Level[], limitPrice: number, side: OrderSide): number {
  const isBuy = side === "buy";
  let slack = 0;
  let usd = 0;
  const n = levels.length;
  for (let i = 0; i < n; i++) {
    const lv = levels[i];
    const p = lv[0];
    const s = lv[1];
    const d = isBuy ? p - limitPrice : limitPrice - p;
    if (d <= 0) {
      slack -= d * s;
      usd += p * s;
      continue;
    }
    const need = d * s;
    if (need <= slack) {
      slack -= need;
      usd += p * s;
      continue;
    }
    const q = slack / d;
    capacityLevelsConsumed = q > 0 ? i + 1 : i;
    capacityLimitedByDepth = false;
    return usd + q * p;
  }
  capacityLevelsConsumed = n;
  capacityLimitedByDepth = true;
  return usd;
}

/** Whether the last walkCapacity call consumed every visible level. */
export function lastCapacityLimitedByDepth(): boolean {
  return capacityLimitedByDepth;
}

/** Limit VWAP for a slippage budget: buy mid × (1 + budget/1e4), sell mid × (1 − budget/1e4). */
export function budgetLimitPrice(mid: number, budgetBps: number, side: OrderSide): number {
  return side === "buy" ? mid * (1 + budgetBps / 1e4) : mid * (1 - budgetBps / 1e4);
}

export interface CapacityResult {
  /** Largest notional (USD) whose slippage is ≤ the budget; the whole visible side when limitedByVisibleDepth. */
  capacityUsd: number;
  /** True when the whole visible side fits within the budget: the true capacity may be larger. */
  limitedByVisibleDepth: boolean;
  /** Levels touched (the last one possibly partially). */
  levelsConsumed: number;
  truncated: boolean;
}

/**
 * Capacity: the largest notional whose slippage (as in slippageBps) is ≤ budgetBps, solved exactly within the
 * last level (see walkCapacity). 0 when even the best level is beyond the budget (half-spread > budget).
 * Null for an empty or crossed book. Throws on a non-finite budget.
 */
export function capacityUsd(book: Book, side: OrderSide, budgetBps: number): CapacityResult | null {
  if (!Number.isFinite(budgetBps)) throw new RangeError(`budgetBps must be finite, got ${budgetBps}`);
  const mid = midPrice(book);
  if (mid === null) return null;
  const usd = walkCapacity(side === "buy" ? book.asks : book.bids, budgetLimitPrice(mid, budgetBps, side), side);
  return {
    capacityUsd: usd,
    limitedByVisibleDepth: capacityLimitedByDepth,
    levelsConsumed: capacityLevelsConsumed,
    truncated: book.truncated,
  };
}

export interface NotionalSlippage {
  notionalUsd: number;
  buy: SlippageResult;
  sell: SlippageResult;
}

export interface BookMetrics {
  ts: number;
  bestBid: number;
  bestAsk: number;
  midPrice: number;
  spreadBps: number;
  truncated: boolean;
  depth: DepthBand[];
  slippage: NotionalSlippage[];
}

/** Mid, spread, depth profile and both-side slippage at each notional; null for an empty or crossed book. */
export function bookMetrics(book: Book, notionalsUsd: readonly number[]): BookMetrics | null {
  const mid = midPrice(book);
  const spread = spreadBps(book);
  const depth = depthProfile(book);
  if (mid === null || spread === null || depth === null) return null;
  return {
    ts: book.ts,
    bestBid: book.bids[0][0],
    bestAsk: book.asks[0][0],
    midPrice: mid,
    spreadBps: spread,
    truncated: book.truncated,
    depth,
    slippage: notionalsUsd.map((notionalUsd) => ({
      notionalUsd,
      buy: slippageBps(book, notionalUsd, "buy") as SlippageResult,
      sell: slippageBps(book, notionalUsd, "sell") as SlippageResult,
    })),
  };
}
