// Depth-band books (pure): Binance Vision `bookDepth` snapshots give, for each ±x % band around a reference
// price, the cumulative base quantity and USD notional resting between the reference and that band's edge.
// They are not levels: depth within a band is exact, anything finer (slippage at a notional) is an estimate.
//
// Reference price: Binance does not document it. We take it as the midpoint of the innermost bid band's VWAP
// and the innermost ask band's VWAP (VWAP = cumulative notional / cumulative quantity). For the 2023-10-16
// archive at 00:00:13 that is (88,118,459.19 / 3,261.775 + 95,646,901.03 / 3,507.512) / 2 ≈ 27,142.5 USD, within
// a few dollars of the traded price then; the error is at most a third of the innermost band's width.
//
// Slippage estimate ("estimated from depth bands"): between two consecutive band edges d0 < d1 (fractions of
// the reference price) the band's increment (Δqty, Δnotional) is spread with a LINEAR density in distance,
// f(x) = a + b·x on [d0, d1], whose total is Δqty and whose quantity-weighted mean distance equals the
// increment's own VWAP distance |Δnotional / (Δqty · ref) − 1|. A non-negative linear density can only
// place that mean in the middle third of the band, so a mean outside it is clamped to the nearer edge of the
// middle third (the band's quantity is still matched exactly). A taker order fills the nearest distance
// first; its slippage is the quantity-weighted mean distance filled, in bps of the reference price. An order
// larger than the outermost band is "beyond visible depth".

export interface DepthBand {
  /** Signed band edge in percent: negative = bids below the reference, positive = asks above it. */
  pct: number;
  /** Cumulative base quantity from the reference to the band edge. */
  qty: number;
  /** Cumulative USD notional from the reference to the band edge. */
  notionalUsd: number;
}

export interface BandSnapshot {
  ts: number;
  bands: DepthBand[];
}

export type BandSide = "buy" | "sell";

export const BAND_ESTIMATE_LABEL = "estimated from depth bands";

export const BAND_METHOD =
  "Depth-band books (Binance bookDepth): depth within ±x % is the archive's cumulative notional, exact. " +
  "Reference price = midpoint of the innermost bid and ask bands' VWAPs (notional / quantity). Slippage at a " +
  "notional is estimated: each band increment is spread with a linear density in distance from the reference " +
  "whose mean matches the increment's VWAP (clamped to the band's middle third), and the order fills nearest " +
  "first. These figures are labelled \"estimated from depth bands\" and never share a percentile with level books.";

/** Bid bands (pct < 0) by increasing distance, and ask bands (pct > 0) likewise. */
export function bandSides(s: BandSnapshot): { bids: DepthBand[]; asks: DepthBand[] } {
  const bids = s.bands.filter((b) => b.pct < 0).sort((a, b) => b.pct - a.pct);
  const asks = s.bands.filter((b) => b.pct > 0).sort((a, b) => a.pct - b.pct);
  return { bids, asks };
}

const vwap = (b: DepthBand) => (b.qty > 0 ? b.notionalUsd / b.qty : NaN);

/** The reference price (see the file header), or null when a side is empty. */
export function bandReferencePrice(s: BandSnapshot): number | null {
  const { bids, asks } = bandSides(s);
  if (!bids.length || !asks.length) return null;
  const vb = vwap(bids[0]);
  const va = vwap(asks[0]);
  if (!(vb > 0) || !(va > 0)) return null;
  return (vb + va) / 2;
}

/** Exact cumulative notional within ±pct % on each side (null when the archive has no such band). */
export function bandDepthUsd(s: BandSnapshot, pct: number): { bidUsd: number | null; askUsd: number | null } {
  const eq = (a: number, b: number) => Math.abs(a - b) < 1e-9;
  return {
    bidUsd: s.bands.find((b) => eq(b.pct, -pct))?.notionalUsd ?? null,
    askUsd: s.bands.find((b) => eq(b.pct, pct))?.notionalUsd ?? null,
  };
}

/**
 * Why a snapshot cannot be used, or null. "crossed": the innermost bid band's VWAP is at or above the innermost
 * ask band's, or a band's VWAP lies on the wrong side of the reference; "inconsistent": a side is missing,
 * cumulative quantity or notional shrinks with distance, or a band's VWAP lies beyond its own edge.
 */
export function checkBandSnapshot(s: BandSnapshot): string | null {
  const { bids, asks } = bandSides(s);
  if (!bids.length || !asks.length) return "inconsistent: a side has no bands";
  for (const side of [bids, asks]) {
    for (let i = 0; i < side.length; i++) {
      const b = side[i];
      if (!(b.qty >= 0) || !(b.notionalUsd >= 0)) return `inconsistent: band ${b.pct} % has a negative quantity or notional`;
      if (i > 0 && (b.qty < side[i - 1].qty || b.notionalUsd < side[i - 1].notionalUsd)) return `inconsistent: cumulative depth at ${b.pct} % is below that at ${side[i - 1].pct} %`;
    }
  }
  const vb = vwap(bids[0]);
  const va = vwap(asks[0]);
  if (!(vb > 0) || !(va > 0)) return "inconsistent: an innermost band is empty";
  if (vb >= va) return `crossed: bid band ${bids[0].pct} % priced at ${vb.toFixed(2)}, at or above ask band ${asks[0].pct} % at ${va.toFixed(2)}`;
  const ref = (vb + va) / 2;
  // Each cumulative band's VWAP must lie between the reference and its edge (a small tolerance for rounding
  // and for the reference estimate itself, which can be off by a third of the innermost band).
  const tol = Math.abs(bids[0].pct) / 100 / 3 + 1e-6;
  for (const b of [...bids, ...asks]) {
    if (b.qty === 0) continue;
    const d = vwap(b) / ref - 1;
    const edge = b.pct / 100;
    if (Math.sign(d) !== Math.sign(edge) && Math.abs(d) > tol) return `crossed: band ${b.pct} % priced at ${vwap(b).toFixed(2)}, on the wrong side of the reference ${ref.toFixed(2)}`;
    if (Math.abs(d) > Math.abs(edge) + tol) return `inconsistent: band ${b.pct} % priced at ${vwap(b).toFixed(2)}, beyond its own edge from reference ${ref.toFixed(2)}`;
  }
  return null;
}

/** True when two snapshots have the same bands with the same quantities and notionals. */
export function sameBands(a: BandSnapshot, b: BandSnapshot): boolean {
  if (a.bands.length !== b.bands.length) return false;
  const key = (s: BandSnapshot) => [...s.bands].sort((x, y) => x.pct - y.pct);
  const ka = key(a);
  const kb = key(b);
  return ka.every((x, i) => x.pct === kb[i].pct && x.qty === kb[i].qty && x.notionalUsd === kb[i].notionalUsd);
}

/** A stale band book is one frozen (every band identical) for at least this long. */
export const STALE_BAND_MS = 60 * 60 * 1000;

/**
 * Indices of snapshots inside a run of identical band books lasting at least `minMs` (ts order), each with its
 * reason. The first snapshot of the run is also flagged: a frozen feed cannot say when it froze.
 */
export function staleBandRuns(snaps: readonly BandSnapshot[], minMs = STALE_BAND_MS): Map<number, string> {
  const out = new Map<number, string>();
  let start = 0;
  const flush = (end: number) => {
    if (end - start >= 1 && snaps[end].ts - snaps[start].ts >= minMs) {
      const reason = `stale: every band identical from ${new Date(snaps[start].ts).toISOString()} to ${new Date(snaps[end].ts).toISOString()}`;
      for (let k = start; k <= end; k++) out.set(k, reason);
    }
  };
  for (let i = 1; i <= snaps.length; i++) {
    if (i < snaps.length && sameBands(snaps[i - 1], snaps[i])) continue;
    flush(i - 1);
    start = i;
  }
  return out;
}

interface Segment {
  d0: number;
  w: number;
  qty: number;
  a: number;
  b: number;
}

/** The linear-density segments of one side (see the file header). */
export function bandSegments(levels: readonly DepthBand[], ref: number, side: "bid" | "ask"): Segment[] {
  const segs: Segment[] = [];
  let prevPct = 0;
  let prevQty = 0;
  let prevNotional = 0;
  for (const band of levels) {
    const d0 = Math.abs(prevPct) / 100;
    const d1 = Math.abs(band.pct) / 100;
    const w = d1 - d0;
    const q = band.qty - prevQty;
    const n = band.notionalUsd - prevNotional;
    prevPct = band.pct;
    prevQty = band.qty;
    prevNotional = band.notionalUsd;
    if (!(w > 0) || !(q > 0)) continue;
    const meanDist = side === "ask" ? n / (q * ref) - 1 : 1 - n / (q * ref);
    // local mean within [0, w], clamped to the middle third so the density stays non-negative
    const m = Math.min(Math.max(meanDist - d0, w / 3), (2 * w) / 3);
    const b = (12 * q * (m - w / 2)) / (w * w * w);
    const a = (q - (b * w * w) / 2) / w;
    segs.push({ d0, w, qty: q, a, b });
  }
  return segs;
}

/** Quantity and distance moment (Σ distance·qty) filled from a segment's near edge to local distance t. */
function fillTo(s: Segment, t: number): { qty: number; moment: number } {
  const qty = s.a * t + (s.b * t * t) / 2;
  const local = (s.a * t * t) / 2 + (s.b * t * t * t) / 3;
  return { qty, moment: s.d0 * qty + local };
}

/** Notional (USD) of a fill of quantity qty at mean distance moment/qty. */
const notionalOf = (ref: number, sign: 1 | -1, qty: number, moment: number) => ref * (qty + sign * moment);

export interface BandWalk {
  /** Estimated slippage in bps of the reference price; null = beyond the outermost band. */
  slippageBps: number | null;
}

/**
 * Estimated slippage of a taker order of notionalUsd (buy walks the ask bands, sell the bid bands).
 * fillTo and notionalOf are written out inline here (same operations in the same order, so the same numbers):
 * capacity calls this ~40 times per snapshot side, and the small objects fillTo returns were most of the cost.
 */
export function bandSlippageBps(segs: readonly Segment[], ref: number, side: BandSide, notionalUsd: number): number | null {
  const sign: 1 | -1 = side === "buy" ? 1 : -1;
  let qty = 0;
  let moment = 0;
  let notional = 0;
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i];
    const a = s.a;
    const b = s.b;
    const d0 = s.d0;
    const w = s.w;
    const fullQty = a * w + (b * w * w) / 2;
    const fullMoment = d0 * fullQty + ((a * w * w) / 2 + (b * w * w * w) / 3);
    const segNotional = ref * (fullQty + sign * fullMoment);
    if (notional + segNotional < notionalUsd) {
      qty += fullQty;
      moment += fullMoment;
      notional += segNotional;
      continue;
    }
    // bisection on the local distance reached inside this segment
    let lo = 0;
    let hi = w;
    for (let k = 0; k < 50; k++) {
      const mid = (lo + hi) / 2;
      const q = a * mid + (b * mid * mid) / 2;
      const m = d0 * q + ((a * mid * mid) / 2 + (b * mid * mid * mid) / 3);
      if (notional + ref * (q + sign * m) < notionalUsd) lo = mid;
      else hi = mid;
    }
    const f = fillTo(s, hi);
    qty += f.qty;
    moment += f.moment;
    return qty > 0 ? (moment / qty) * 1e4 : 0;
  }
  return null;
}

/** Total notional a side's bands hold (the most an order can fill within the outermost band). */
export function bandSideNotional(segs: readonly Segment[], ref: number, side: BandSide): number {
  const sign: 1 | -1 = side === "buy" ? 1 : -1;
  return segs.reduce((sum, s) => {
    const f = fillTo(s, s.w);
    return sum + notionalOf(ref, sign, f.qty, f.moment);
  }, 0);
}

/**
 * Estimated capacity at a slippage budget: the largest notional whose estimated slippage is ≤ budgetBps
 * (bisection; slippage grows with size). limitedByDepth when all bands fit within the budget.
 */
export function bandCapacityUsd(segs: readonly Segment[], ref: number, side: BandSide, budgetBps: number): { capacityUsd: number; limitedByDepth: boolean } {
  const total = bandSideNotional(segs, ref, side);
  if (total <= 0) return { capacityUsd: 0, limitedByDepth: true };
  const atTotal = bandSlippageBps(segs, ref, side, total * (1 - 1e-12));
  if (atTotal !== null && atTotal <= budgetBps) return { capacityUsd: total, limitedByDepth: true };
  let lo = 0;
  let hi = total;
  for (let k = 0; k < 40; k++) {
    const mid = (lo + hi) / 2;
    const s = bandSlippageBps(segs, ref, side, mid);
    if (s !== null && s <= budgetBps) lo = mid;
    else hi = mid;
  }
  return { capacityUsd: lo, limitedByDepth: false };
}

export interface BandEstimate {
  ts: number;
  slippageBps: number | null;
  capacityUsd: number | null;
  capacityLimitedByDepth: boolean;
}

/** One snapshot's estimate at a notional and side; null when the snapshot has no reference price. */
export function estimateFromBands(s: BandSnapshot, notionalUsd: number, side: BandSide, budgetBps: number): BandEstimate | null {
  const ref = bandReferencePrice(s);
  if (ref === null) return null;
  const { bids, asks } = bandSides(s);
  const segs = side === "buy" ? bandSegments(asks, ref, "ask") : bandSegments(bids, ref, "bid");
  const cap = bandCapacityUsd(segs, ref, side, budgetBps);
  return { ts: s.ts, slippageBps: bandSlippageBps(segs, ref, side, notionalUsd), capacityUsd: cap.capacityUsd, capacityLimitedByDepth: cap.limitedByDepth };
}

/**
 * A snapshot prepared once for many estimates: reference price and each side's segments, and the capacity at
 * a budget memoised per side (capacity does not depend on the notional, and it is the costly part: a bisection
 * over notionals, each a bisection over distance). estimateFromPrepared gives exactly estimateFromBands' numbers.
 */
export interface PreparedBands {
  ts: number;
  ref: number | null;
  segs: { buy: Segment[]; sell: Segment[] };
  capacity: { buy: Map<number, { capacityUsd: number; limitedByDepth: boolean }>; sell: Map<number, { capacityUsd: number; limitedByDepth: boolean }> };
}

export function prepareBands(s: BandSnapshot): PreparedBands {
  const ref = bandReferencePrice(s);
  const { bids, asks } = bandSides(s);
  return {
    ts: s.ts,
    ref,
    segs: ref === null ? { buy: [], sell: [] } : { buy: bandSegments(asks, ref, "ask"), sell: bandSegments(bids, ref, "bid") },
    capacity: { buy: new Map(), sell: new Map() },
  };
}

export function estimateFromPrepared(p: PreparedBands, notionalUsd: number, side: BandSide, budgetBps: number): BandEstimate | null {
  if (p.ref === null) return null;
  const segs = p.segs[side];
  let cap = p.capacity[side].get(budgetBps);
  if (!cap) p.capacity[side].set(budgetBps, (cap = bandCapacityUsd(segs, p.ref, side, budgetBps)));
  return { ts: p.ts, slippageBps: bandSlippageBps(segs, p.ref, side, notionalUsd), capacityUsd: cap.capacityUsd, capacityLimitedByDepth: cap.limitedByDepth };
}
