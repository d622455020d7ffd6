// Book metrics over many snapshots held as typed columns (struct of arrays): the definitions of book.ts
// (mid, spread, depth bands, slippage walk, capacity) and slippage-series.ts, to the last bit, without a
// tuple per level or an allocation per book. Stored levels decode straight into these columns
// (lib/books/book-columns.ts); the per-book functions in book.ts stay the reference they are tested against.
import type { Book } from "./types";
import { BAND_EPS_BPS, DEPTH_BANDS_BPS, type OrderSide } from "./book";
import { DEFAULT_CAPACITY_BUDGET_BPS, type SlippageSamples } from "./slippage-series";

/**
 * Books in columns. Book i's bids are bidPrice/bidSize[bidStart[i] .. bidStart[i + 1]), best (highest) first;
 * its asks askPrice/askSize[askStart[i] .. askStart[i + 1]), best (lowest) first. Prices USD, sizes base units.
 */
export interface BookColumns {
  length: number;
  ts: Float64Array;
  /** 1 when the venue (or a decode limit) cut the book, so depth beyond the last level is not visible. */
  truncated: Uint8Array;
  bidStart: Uint32Array;
  askStart: Uint32Array;
  bidPrice: Float64Array;
  bidSize: Float64Array;
  askPrice: Float64Array;
  askSize: Float64Array;
}

/** Empty columns for `books` books holding up to `bidLevels` and `askLevels` levels in all. */
export function allocBookColumns(books: number, bidLevels: number, askLevels: number): BookColumns {
  return {
    length: books,
    ts: new Float64Array(books),
    truncated: new Uint8Array(books),
    bidStart: new Uint32Array(books + 1),
    askStart: new Uint32Array(books + 1),
    bidPrice: new Float64Array(bidLevels),
    bidSize: new Float64Array(bidLevels),
    askPrice: new Float64Array(askLevels),
    askSize: new Float64Array(askLevels),
  };
}

/** Columns holding the same levels as `books`, in order. */
export function bookColumnsFromBooks(books: readonly Book[]): BookColumns {
  let nb = 0;
  let na = 0;
  for (const b of books) {
    nb += b.bids.length;
    na += b.asks.length;
  }
  const c = allocBookColumns(books.length, nb, na);
  nb = 0;
  na = 0;
  for (let i = 0; i < books.length; i++) {
    const b = books[i];
    c.ts[i] = b.ts;
    c.truncated[i] = b.truncated ? 1 : 0;
    for (const [p, s] of b.bids) {
      c.bidPrice[nb] = p;
      c.bidSize[nb++] = s;
    }
    for (const [p, s] of b.asks) {
      c.askPrice[na] = p;
      c.askSize[na++] = s;
    }
    c.bidStart[i + 1] = nb;
    c.askStart[i + 1] = na;
  }
  return c;
}

/** Book i as the per-book functions of book.ts take it (for drill-down and tests). */
export function bookAt(c: BookColumns, i: number): Book {
  const bids: [number, number][] = [];
  const asks: [number, number][] = [];
  for (let j = c.bidStart[i]; j < c.bidStart[i + 1]; j++) bids.push([c.bidPrice[j], c.bidSize[j]]);
  for (let j = c.askStart[i]; j < c.askStart[i + 1]; j++) asks.push([c.askPrice[j], c.askSize[j]]);
  return { ts: c.ts[i], bids, asks, truncated: c.truncated[i] === 1 };
}

/** mid = (best bid + best ask) / 2, or NaN for an empty, non-positive, non-finite or crossed book (book.ts bookProblem). */
export function midAt(c: BookColumns, i: number): number {
  const b0 = c.bidStart[i];
  const a0 = c.askStart[i];
  if (b0 === c.bidStart[i + 1] || a0 === c.askStart[i + 1]) return NaN;
  const bid = c.bidPrice[b0];
  const ask = c.askPrice[a0];
  if (!(bid > 0) || !(ask > 0) || !Number.isFinite(bid) || !Number.isFinite(ask) || bid > ask) return NaN;
  return (bid + ask) / 2;
}

// Scratch outputs of the allocation-free walkers (single-threaded JS: safe to share).
let walkLevelsConsumed = 0;
let walkVisibleUsd = 0;
let capacityLimitedByDepth = false;

/**
 * book.ts walkNotional over levels [from, to) of a column pair: the base filled by `notionalUsd` of quote, or
 * −1 when the levels hold less (walkVisibleUsd then holds their total). Same operations, same order.
 */
function walkNotionalAt(price: Float64Array, size: Float64Array, from: number, to: number, notionalUsd: number): number {
  let remaining = notionalUsd;
  let base = 0;
  const tol = notionalUsd * 1e-12; // a level that covers the remainder up to float rounding fills it
  for (let j = from; j < to; j++) {
    const p = price[j];
    const s = size[j];
    const usd = p * s;
    if (usd >= remaining - tol) {
      walkLevelsConsumed = j + 1 - from;
      return base + remaining / p;
    }
    base += s;
    remaining -= usd;
  }
  walkLevelsConsumed = to - from;
  walkVisibleUsd = notionalUsd - remaining;
  return -1;
}

/** book.ts walkCapacity over levels [from, to): the largest notional (USD) whose VWAP stays within limitPrice. */
function walkCapacityAt(price: Float64Array, size: Float64Array, from: number, to: number, limitPrice: number, isBuy: boolean): number {
  let slack = 0;
  let usd = 0;
  for (let j = from; j < to; j++) {
    const p = price[j];
    const s = size[j];
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
    capacityLimitedByDepth = false;
    return usd + (slack / d) * p;
  }
  capacityLimitedByDepth = true;
  return usd;
}

/**
 * Cumulative depth (USD) within each band (bps from mid, ascending) over levels [from, to) of one side, as
 * book.ts cumulativeDepth: written to usd[at + k], complete[at + k] (1 when a visible level lies beyond band k,
 * or the book is not truncated). A level's distance from mid, (mid − p) / mid × 1e4 for bids and
 * (p − mid) / mid × 1e4 for asks, is computed exactly as there whenever it decides anything; a level whose price
 * lies inside the band edge by a margin (1e-9 of mid, far above float rounding) is counted without the division.
 */
function cumulativeDepthAt(
  price: Float64Array,
  size: Float64Array,
  from: number,
  to: number,
  mid: number,
  isBid: boolean,
  bands: Float64Array,
  truncated: boolean,
  usd: Float64Array,
  complete: Uint8Array,
  at: number,
): void {
  const nb = bands.length;
  const seenAll = truncated ? 0 : 1;
  let cum = 0;
  let k = 0;
  if (isBid) {
    let sureInside = nb > 0 ? bidSureInside(mid, bands[0]) : Infinity;
    for (let j = from; j < to && k < nb; j++) {
      const p = price[j];
      if (!(p > sureInside)) {
        const d = ((mid - p) / mid) * 1e4; // distance from mid, bps
        while (k < nb && d > bands[k] + BAND_EPS_BPS) {
          usd[at + k] = cum;
          complete[at + k] = 1; // a visible level lies beyond this band, so the band is fully seen
          k++;
        }
        sureInside = k < nb ? bidSureInside(mid, bands[k]) : Infinity;
      }
      cum += p * size[j];
    }
  } else {
    let sureInside = nb > 0 ? askSureInside(mid, bands[0]) : -Infinity;
    for (let j = from; j < to && k < nb; j++) {
      const p = price[j];
      if (!(p < sureInside)) {
        const d = ((p - mid) / mid) * 1e4; // distance from mid, bps
        while (k < nb && d > bands[k] + BAND_EPS_BPS) {
          usd[at + k] = cum;
          complete[at + k] = 1;
          k++;
        }
        sureInside = k < nb ? askSureInside(mid, bands[k]) : -Infinity;
      }
      cum += p * size[j];
    }
  }
  for (; k < nb; k++) {
    usd[at + k] = cum;
    complete[at + k] = seenAll;
  }
}

/** A bid priced above this is within `bandBps` of mid beyond any float rounding of the distance. */
function bidSureInside(mid: number, bandBps: number): number {
  const edge = bandBps + BAND_EPS_BPS;
  return mid - (mid * edge) / 1e4 + 1e-9 * mid * (1 + Math.abs(edge) / 1e4);
}

/** An ask priced below this is within `bandBps` of mid beyond any float rounding of the distance. */
function askSureInside(mid: number, bandBps: number): number {
  const edge = bandBps + BAND_EPS_BPS;
  return mid + (mid * edge) / 1e4 - 1e-9 * mid * (1 + Math.abs(edge) / 1e4);
}

/**
 * book.ts bookMetrics for every book, in columns. Book i, band b at [i × bands + b]; book i, notional k at
 * [i × notionals + k]. An unusable (empty or crossed) book has usable 0 and NaN figures. A slippage of NaN is
 * "beyond visible depth" (its visible depth in buyVisibleUsd / sellVisibleUsd, else NaN there).
 */
export interface BookMetricsColumns {
  length: number;
  bandsBps: readonly number[];
  notionalsUsd: readonly number[];
  usable: Uint8Array;
  bestBid: Float64Array;
  bestAsk: Float64Array;
  midPrice: Float64Array;
  spreadBps: Float64Array;
  bidDepthUsd: Float64Array;
  askDepthUsd: Float64Array;
  bidComplete: Uint8Array;
  askComplete: Uint8Array;
  buySlippageBps: Float64Array;
  sellSlippageBps: Float64Array;
  buyVwap: Float64Array;
  sellVwap: Float64Array;
  buyLevelsConsumed: Uint32Array;
  sellLevelsConsumed: Uint32Array;
  buyVisibleUsd: Float64Array;
  sellVisibleUsd: Float64Array;
}

export function bookMetricsColumns(c: BookColumns, notionalsUsd: readonly number[], bandsBps: readonly number[] = DEPTH_BANDS_BPS): BookMetricsColumns {
  for (const n of notionalsUsd) {
    if (!(n > 0) || !Number.isFinite(n)) throw new RangeError(`notionalUsd must be a positive finite number, got ${n}`);
  }
  const n = c.length;
  const nb = bandsBps.length;
  const nk = notionalsUsd.length;
  const bands = Float64Array.from(bandsBps);
  const notionals = Float64Array.from(notionalsUsd);
  const out: BookMetricsColumns = {
    length: n,
    bandsBps,
    notionalsUsd,
    usable: new Uint8Array(n),
    bestBid: new Float64Array(n),
    bestAsk: new Float64Array(n),
    midPrice: new Float64Array(n),
    spreadBps: new Float64Array(n),
    bidDepthUsd: new Float64Array(n * nb),
    askDepthUsd: new Float64Array(n * nb),
    bidComplete: new Uint8Array(n * nb),
    askComplete: new Uint8Array(n * nb),
    buySlippageBps: new Float64Array(n * nk),
    sellSlippageBps: new Float64Array(n * nk),
    buyVwap: new Float64Array(n * nk),
    sellVwap: new Float64Array(n * nk),
    buyLevelsConsumed: new Uint32Array(n * nk),
    sellLevelsConsumed: new Uint32Array(n * nk),
    buyVisibleUsd: new Float64Array(n * nk),
    sellVisibleUsd: new Float64Array(n * nk),
  };
  const { bidPrice, bidSize, askPrice, askSize, bidStart, askStart } = c;
  for (let i = 0; i < n; i++) {
    const mid = midAt(c, i);
    if (mid !== mid) {
      out.bestBid[i] = out.bestAsk[i] = out.midPrice[i] = out.spreadBps[i] = NaN;
      out.bidDepthUsd.fill(NaN, i * nb, i * nb + nb);
      out.askDepthUsd.fill(NaN, i * nb, i * nb + nb);
      for (const a of [out.buySlippageBps, out.sellSlippageBps, out.buyVwap, out.sellVwap, out.buyVisibleUsd, out.sellVisibleUsd]) a.fill(NaN, i * nk, i * nk + nk);
      continue;
    }
    const b0 = bidStart[i];
    const b1 = bidStart[i + 1];
    const a0 = askStart[i];
    const a1 = askStart[i + 1];
    const bid = bidPrice[b0];
    const ask = askPrice[a0];
    const truncated = c.truncated[i] === 1;
    out.usable[i] = 1;
    out.bestBid[i] = bid;
    out.bestAsk[i] = ask;
    out.midPrice[i] = mid;
    out.spreadBps[i] = ((ask - bid) / mid) * 1e4; // spread_bps = (best ask − best bid) / mid × 1e4
    cumulativeDepthAt(bidPrice, bidSize, b0, b1, mid, true, bands, truncated, out.bidDepthUsd, out.bidComplete, i * nb);
    cumulativeDepthAt(askPrice, askSize, a0, a1, mid, false, bands, truncated, out.askDepthUsd, out.askComplete, i * nb);
    for (let k = 0; k < nk; k++) {
      const notional = notionals[k];
      const at = i * nk + k;
      // buy walks the asks: VWAP = notional / base filled; cost (VWAP − mid) / mid × 1e4
      let base = walkNotionalAt(askPrice, askSize, a0, a1, notional);
      if (base < 0) {
        out.buySlippageBps[at] = out.buyVwap[at] = NaN;
        out.buyVisibleUsd[at] = walkVisibleUsd;
      } else {
        const vwap = notional / base;
        out.buyVwap[at] = vwap;
        out.buySlippageBps[at] = ((vwap - mid) / mid) * 1e4;
        out.buyVisibleUsd[at] = NaN;
      }
      out.buyLevelsConsumed[at] = walkLevelsConsumed;
      // sell walks the bids: cost (mid − VWAP) / mid × 1e4
      base = walkNotionalAt(bidPrice, bidSize, b0, b1, notional);
      if (base < 0) {
        out.sellSlippageBps[at] = out.sellVwap[at] = NaN;
        out.sellVisibleUsd[at] = walkVisibleUsd;
      } else {
        const vwap = notional / base;
        out.sellVwap[at] = vwap;
        out.sellSlippageBps[at] = ((mid - vwap) / mid) * 1e4;
        out.sellVisibleUsd[at] = NaN;
      }
      out.sellLevelsConsumed[at] = walkLevelsConsumed;
    }
  }
  return out;
}

/** slippage-series.ts slippageSamples over columns: the same samples, to the last bit. */
export function slippageSamplesColumns(
  c: BookColumns,
  notionalUsd: number,
  side: OrderSide,
  budgetBps: number = DEFAULT_CAPACITY_BUDGET_BPS,
): SlippageSamples {
  if (!(notionalUsd > 0) || !Number.isFinite(notionalUsd)) {
    throw new RangeError(`notionalUsd must be a positive finite number, got ${notionalUsd}`);
  }
  const n = c.length;
  const ts = new Float64Array(n);
  const slip = new Float64Array(n);
  const cap = new Float64Array(n);
  const capLimited = new Uint8Array(n);
  const unknown = new Uint8Array(n);
  const visUsd = new Float64Array(n);
  const visLevels = new Uint32Array(n);
  const isBuy = side === "buy";
  const price = isBuy ? c.askPrice : c.bidPrice;
  const size = isBuy ? c.askSize : c.bidSize;
  const start = isBuy ? c.askStart : c.bidStart;
  let k = 0;
  let unusable = 0;
  for (let i = 0; i < n; i++) {
    const mid = midAt(c, i);
    if (mid !== mid) {
      unusable++;
      continue;
    }
    const from = start[i];
    const to = start[i + 1];
    ts[k] = c.ts[i];
    const base = walkNotionalAt(price, size, from, to, notionalUsd);
    // VWAP = notional / base filled; cost as in book.slippageBps; NaN marks beyond visible depth.
    slip[k] = base < 0 ? NaN : isBuy ? ((notionalUsd / base - mid) / mid) * 1e4 : ((mid - notionalUsd / base) / mid) * 1e4;
    // Limit VWAP for the budget: buy mid × (1 + budget/1e4), sell mid × (1 − budget/1e4) (book.ts budgetLimitPrice).
    cap[k] = walkCapacityAt(price, size, from, to, isBuy ? mid * (1 + budgetBps / 1e4) : mid * (1 - budgetBps / 1e4), isBuy);
    capLimited[k] = capacityLimitedByDepth ? 1 : 0;
    if (base < 0 && c.truncated[i] === 1) {
      // Cut book, notional beyond what it shows: depth unknown. A capacity limited by the cut is unknown too.
      unknown[k] = 1;
      let usd = 0;
      for (let j = from; j < to; j++) usd += price[j] * size[j]; // visible notional = Σ price × size
      visUsd[k] = usd;
      visLevels[k] = to - from;
      if (capLimited[k] === 1) cap[k] = NaN;
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
  };
}
