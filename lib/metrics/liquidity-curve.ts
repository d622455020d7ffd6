// Materialized liquidity curves (issue #18.1): what a market's figures need from one book, derived once at
// ingest and stored beside its packed levels, so figures over a year read a few hundred bytes per sampled
// snapshot instead of decoding and walking every level.
//
// Per side (bids: what a sell walks; asks: what a buy walks) a curve holds:
//   - slippage (bps, as book.slippageBps) at each notional of CURVE_GRID_USD the visible side can fill;
//   - the visible side's notional V = Σ price × size and base B = Σ size, its level count and last price
//     (the depth at which the book was cut);
//   - depth (USD) within each band of DEPTH_BANDS_BPS (as book.depthProfile) and capacity at the default
//     10 bps budget (as book.capacityUsd).
// Prices, visible totals and capacity are stored as the exact doubles the book walk gives; slippage at the grid
// and band depths as float32 (7 significant digits, ~440 bytes a book in all), so figures at grid notionals
// and standard bands equal the level walk to 1e-7 relative: the same at every digit a page shows (property
// tests hold this).
//
// Between grid notionals, slippage is interpolated on the base filled Q(N): walking asks, each dollar buys at
// a price no better than the last, so Q is concave in N; walking bids it is convex. The chord between two
// grid points (0 and the whole visible side are grid points too) bounds Q on one side, the neighbouring
// chords (and the best and last prices) on the other, so every interpolated value comes with its bound:
// the chord gives the larger slippage (never understates the cost), and `boundBps` is how far the truth can
// lie below it. At grid points the stored value itself (bound 0).
import type { Book, Level } from "./types";
import {
  bookProblem,
  budgetLimitPrice,
  DEPTH_BANDS_BPS,
  lastCapacityLimitedByDepth,
  slippageCostBps,
  walkCapacity,
  type OrderSide,
} from "./book";

/**
 * Notionals (USD) a curve stores slippage at: 1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5 per decade (no step above
 * ×1.33) from $10k to $50M: every notional the pages offer is a grid point.
 */
export const CURVE_GRID_USD: readonly number[] = (() => {
  const out: number[] = [];
  for (let e = 4; e <= 7; e++) for (const s of [1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5]) out.push(s * 10 ** e);
  return out.filter((n) => n <= 50_000_000);
})();

/** Budget the stored capacity is measured at (the figures' CAPACITY_BUDGET_BPS). */
export const CURVE_CAPACITY_BUDGET_BPS = 10;

/** Bumped when the stored layout or what it holds changes; a curve of another version is recomputed. */
export const CURVE_VERSION = 2;

export interface CurveSide {
  /** Visible levels on the side. */
  levels: number;
  /** Σ price × size over the visible levels, summed in walk order (USD). */
  visibleUsd: number;
  /** Σ size over the visible levels (base units). */
  visibleBase: number;
  /** Price of the deepest visible level (where a truncated book was cut). */
  lastPrice: number;
  /** Capacity (USD) at CURVE_CAPACITY_BUDGET_BPS, as book.capacityUsd. */
  capacityUsd: number;
  /** The whole visible side fit within the budget. */
  capacityLimited: boolean;
  /**
   * Depth (USD) within each band of DEPTH_BANDS_BPS. (Plain arrays, not typed ones: a figure decodes ~10^4 curves
   * and keeps them while it works; a typed array is three heap objects, its backing store off the heap past 64
   * bytes, which made scavenges ~25 % slower and the slowest market-years ~90 ms slower.)
   */
  depthUsd: readonly number[];
  /** Slippage (bps) at CURVE_GRID_USD[0 .. slip.length): the grid notionals the visible side fills. */
  slip: readonly number[];
}

export interface LiquidityCurve {
  ts: number;
  truncated: boolean;
  /** Null when the book cannot be measured (empty side, invalid price, crossed): as book.bookProblem. */
  sides: { bestBid: number; bestAsk: number; bid: CurveSide; ask: CurveSide } | null;
}

function sideCurve(levels: readonly Level[], mid: number, side: OrderSide): CurveSide {
  const isBuy = side === "buy";
  let visibleUsd = 0;
  let visibleBase = 0;
  for (let i = 0; i < levels.length; i++) {
    visibleUsd += levels[i][0] * levels[i][1];
    visibleBase += levels[i][1];
  }
  // Slippage at every grid notional in one pass over the levels (as walkNotional per notional would: the level
  // that covers the remainder up to 1e-12 of the notional fills it), so computing a curve at ingest costs
  // O(levels + grid), not O(levels × grid).
  const grid = CURVE_GRID_USD;
  const slip: number[] = [];
  let g = 0;
  let spent = 0;
  let base = 0;
  for (let i = 0; i < levels.length && g < grid.length; i++) {
    const p = levels[i][0];
    const usd = p * levels[i][1];
    while (g < grid.length && usd >= grid[g] - spent - grid[g] * 1e-12) {
      const n = grid[g++];
      slip.push(slippageCostBps(n / (base + (n - spent) / p), mid, side));
    }
    spent += usd;
    base += levels[i][1];
  }
  const capacityUsd = walkCapacity(levels, budgetLimitPrice(mid, CURVE_CAPACITY_BUDGET_BPS, side), side);
  const capacityLimited = lastCapacityLimitedByDepth();
  // Depth within each band, as book.cumulativeDepth (levels sorted away from mid; 1e-9 bps edge tolerance).
  const depthUsd: number[] = new Array<number>(DEPTH_BANDS_BPS.length).fill(0);
  let cum = 0;
  let k = 0;
  for (let i = 0; i < levels.length && k < DEPTH_BANDS_BPS.length; i++) {
    const p = levels[i][0];
    const d = isBuy ? ((p - mid) / mid) * 1e4 : ((mid - p) / mid) * 1e4;
    while (k < DEPTH_BANDS_BPS.length && d > DEPTH_BANDS_BPS[k] + 1e-9) depthUsd[k++] = cum;
    cum += p * levels[i][1];
  }
  for (; k < DEPTH_BANDS_BPS.length; k++) depthUsd[k] = cum;
  // Rounded as stored (float32), so a curve computed now and one read back are the same.
  for (let i = 0; i < depthUsd.length; i++) depthUsd[i] = Math.fround(depthUsd[i]);
  return { levels: levels.length, visibleUsd, visibleBase, lastPrice: levels[levels.length - 1][0], capacityUsd, capacityLimited, depthUsd, slip: slip.map(Math.fround) };
}

/** The curve of one book (walks each side once per grid notional it fills; done at ingest). */
export function liquidityCurve(book: Book): LiquidityCurve {
  if (bookProblem(book) !== null) return { ts: book.ts, truncated: book.truncated, sides: null };
  const bestBid = book.bids[0][0];
  const bestAsk = book.asks[0][0];
  const mid = (bestBid + bestAsk) / 2;
  return { ts: book.ts, truncated: book.truncated, sides: { bestBid, bestAsk, bid: sideCurve(book.bids, mid, "sell"), ask: sideCurve(book.asks, mid, "buy") } };
}

export const curveMid = (s: NonNullable<LiquidityCurve["sides"]>) => (s.bestBid + s.bestAsk) / 2;

// ---- stored form -------------------------------------------------------------------------------------------
// Little-endian bytes: u8 version, u8 flags (1 = measurable), then when measurable f64 bestBid, f64 bestAsk,
// and per side (bid, ask): u32 levels, u8 grid points, u8 capacity-limited, f64 visibleUsd, visibleBase,
// lastPrice, capacityUsd, f32 × 7 depth bands, f32 × grid points slippage. `ts` and `truncated` are the
// snapshot row's own columns and are not repeated.
// Hand-written rather than a serialisation library: a fixed layout of a few doubles decodes with one DataView
// and no allocation beyond the arrays returned, which matters at thousands of curves per figure.

const SIDE_FIXED = 4 + 1 + 1 + 8 * 4 + 4 * DEPTH_BANDS_BPS.length;

export function encodeCurve(c: LiquidityCurve): Uint8Array<ArrayBuffer> {
  if (!c.sides) return Uint8Array.of(CURVE_VERSION, 0);
  const s = c.sides;
  const size = 2 + 16 + 2 * SIDE_FIXED + 4 * (s.bid.slip.length + s.ask.slip.length);
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  out[0] = CURVE_VERSION;
  out[1] = 1;
  v.setFloat64(2, s.bestBid, true);
  v.setFloat64(10, s.bestAsk, true);
  let at = 18;
  for (const side of [s.bid, s.ask]) {
    v.setUint32(at, side.levels, true);
    out[at + 4] = side.slip.length;
    out[at + 5] = side.capacityLimited ? 1 : 0;
    at += 6;
    for (const x of [side.visibleUsd, side.visibleBase, side.lastPrice, side.capacityUsd]) {
      v.setFloat64(at, x, true);
      at += 8;
    }
    for (const x of [...side.depthUsd, ...side.slip]) {
      v.setFloat32(at, x, true);
      at += 4;
    }
  }
  return out;
}

/** The curve stored as bytes, or null when they are not a curve of this CURVE_VERSION (recompute it). */
export function decodeCurve(bytes: Uint8Array, ts: number, truncated: boolean): LiquidityCurve | null {
  if (bytes.length < 2 || bytes[0] !== CURVE_VERSION) return null;
  if (bytes[1] === 0) return { ts, truncated, sides: null };
  if (bytes.length < 18 + 2 * SIDE_FIXED) return null;
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bid = decodeSide(v, 18);
  const askAt = bid ? 18 + sideBytes(bid) : 0;
  const ask = bid && decodeSide(v, askAt);
  if (!bid || !ask || askAt + sideBytes(ask) !== bytes.length) return null;
  return { ts, truncated, sides: { bestBid: v.getFloat64(2, true), bestAsk: v.getFloat64(10, true), bid, ask } };
}

/** Bytes a decoded side took (its fixed part, bands and grid slippages). */
const sideBytes = (side: CurveSide) => 6 + 8 * 4 + 4 * (side.depthUsd.length + side.slip.length);

/** One side's stored curve at byte `at` (plain reads, no closures: thousands of curves are decoded per figure). */
function decodeSide(v: DataView, at: number): CurveSide | null {
  if (at + SIDE_FIXED > v.byteLength) return null;
  const levels = v.getUint32(at, true);
  const nSlip = v.getUint8(at + 4);
  const capacityLimited = v.getUint8(at + 5) === 1;
  const nBands = DEPTH_BANDS_BPS.length;
  const end = at + 6 + 8 * 4 + 4 * (nBands + nSlip);
  if (end > v.byteLength) return null;
  const visibleUsd = v.getFloat64(at + 6, true);
  const visibleBase = v.getFloat64(at + 14, true);
  const lastPrice = v.getFloat64(at + 22, true);
  const capacityUsd = v.getFloat64(at + 30, true);
  let p = at + 38;
  const depthUsd: number[] = [];
  for (let i = 0; i < nBands; i++, p += 4) depthUsd.push(v.getFloat32(p, true));
  const slip: number[] = [];
  for (let i = 0; i < nSlip; i++, p += 4) slip.push(v.getFloat32(p, true));
  return { levels, visibleUsd, visibleBase, lastPrice, capacityUsd, capacityLimited, depthUsd, slip };
}

// ---- reading a curve ---------------------------------------------------------------------------------------

export interface CurveSlippage {
  /** Slippage (bps) at the notional; NaN when the visible side holds less than it (beyond visible depth). */
  bps: number;
  /** How far below `bps` the exact walk can lie (0 at grid notionals, and for NaN). */
  boundBps: number;
}

/** Base filled for notional n on a side: from a stored grid slippage (vwap = mid × (1 ± s/1e4)). */
function baseAt(n: number, s: number, mid: number, isBuy: boolean): number {
  return n / (isBuy ? mid * (1 + s / 1e4) : mid * (1 - s / 1e4));
}

// Points of Q(N), the base filled against notional: index −1 is (0, 0), 0..n−1 the grid, n the whole visible
// side. Plain functions, not closures per call: a year's figures read ~10^5 slippages.
const pointN = (c: CurveSide, i: number) => (i < 0 ? 0 : i < c.slip.length ? CURVE_GRID_USD[i] : c.visibleUsd);
const pointQ = (c: CurveSide, i: number, mid: number, isBuy: boolean) => (i < 0 ? 0 : i < c.slip.length ? baseAt(CURVE_GRID_USD[i], c.slip[i], mid, isBuy) : c.visibleBase);
// A neighbouring chord's slope carries the float32 rounding of its grid values, amplified by how short it is
// against the stretch it is extended over. Grid steps are ≥ ×1.2; a stretch shorter than 5 % of its end
// (only the whole visible side can lie that close to a grid point) is not used: the bound only widens.
const reliable = (dn: number, at: number) => dn > 0.05 * at;

/**
 * Slippage at any notional from a side's curve, written into `out` (callers reading many curves reuse one):
 * exact at grid notionals and at the whole visible side; between them the chord of base filled against
 * notional, with its bound (see the file comment).
 */
export function curveSlippageInto(out: CurveSlippage, c: CurveSide, mid: number, bestPrice: number, notionalUsd: number, side: OrderSide): void {
  const grid = CURVE_GRID_USD;
  const n = c.slip.length;
  const isBuy = side === "buy";
  out.boundBps = 0;
  // The walk's own tolerance: a side holding the notional up to float rounding fills it.
  if (c.visibleUsd < notionalUsd - notionalUsd * 1e-12) {
    out.bps = NaN;
    return;
  }
  // Exact grid point (binary search over the filled part of the grid).
  let lo = 0;
  let hi = n; // first grid index with grid[i] > notional, within [0, n]
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (grid[m] <= notionalUsd) lo = m + 1;
    else hi = m;
  }
  const k = lo - 1; // last grid point ≤ notional (−1: none)
  if (k >= 0 && grid[k] === notionalUsd) {
    out.bps = c.slip[k];
    return;
  }
  const n0 = pointN(c, k);
  const q0 = pointQ(c, k, mid, isBuy);
  const n1 = pointN(c, k + 1);
  const q1 = pointQ(c, k + 1, mid, isBuy);
  if (!(n1 > n0)) {
    out.bps = slippageCostBps(notionalUsd / q1, mid, side);
    return;
  }
  const chord = q0 + ((notionalUsd - n0) * (q1 - q0)) / (n1 - n0);
  // Marginal base per dollar is 1 / price: ≤ 1/best on asks (prices rise), ≥ 1/best on bids (prices fall).
  const none = isBuy ? Infinity : -Infinity;
  const leftSlope = k < 0 ? 1 / bestPrice : reliable(n0 - pointN(c, k - 1), n0) ? (q0 - pointQ(c, k - 1, mid, isBuy)) / (n0 - pointN(c, k - 1)) : NaN;
  const fromLeft = leftSlope === leftSlope ? q0 + (notionalUsd - n0) * leftSlope : none;
  // The far side: the next chord, or for the last segment the deepest visible price.
  const rightSlope = k + 2 <= n ? (reliable(pointN(c, k + 2) - n1, n1) ? (pointQ(c, k + 2, mid, isBuy) - q1) / (pointN(c, k + 2) - n1) : NaN) : 1 / c.lastPrice;
  const fromRight = rightSlope === rightSlope ? q1 - (n1 - notionalUsd) * rightSlope : none;
  // Asks: Q concave, chord ≤ Q ≤ both extensions. Bids: Q convex, max(extensions) ≤ Q ≤ chord.
  const other = isBuy ? Math.min(fromLeft, fromRight, q1) : Math.max(fromLeft, fromRight, q0);
  const est = slippageCostBps(notionalUsd / chord, mid, side);
  const alt = slippageCostBps(notionalUsd / other, mid, side);
  // Allowances for rounding: the float32 grid values (6e-8 relative) carried into the rebuilt bases and slopes,
  // amplified by how far the segment's far end lies from the notional, and double cancellation in the slopes.
  const amp = Math.max(1, n1 / notionalUsd);
  out.bps = est;
  out.boundBps = Math.max(0, est - alt) + 1e-6 * amp * Math.abs(est) + 1e-7 * amp;
}
