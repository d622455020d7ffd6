// Realized execution from trade prints (pure, no I/O): prints grouped into sweeps (the fills of one aggressive
// order), each sweep's VWAP against the mid just before it (realized slippage, effective spread), markouts of
// the mid after it, and phantom depth (a stored book's implied walk against what the sweep really paid).
// Summaries by size bucket: realized-summary.ts.
// Times are epoch ms, prices USD per base unit, sizes base units, notionals USD.
import type { Book, TimeWindow } from "./types";
import { slippageBps, slippageCostBps, midPrice } from "./book";
import { windowMask } from "./stress";
import { MINUTE_MS } from "./time";

/** One trade print. `side` is the aggressor's (taker's) side: "buy" lifted an ask, "sell" hit a bid. */
export interface TradePrint {
  ts: number;
  price: number;
  sizeBase: number;
  side: "buy" | "sell";
  /** The venue's trade id (or a stable id derived from the row when the venue gives none). */
  tradeId: string;
  /** What ties prints of one aggressive order beyond time and side (the taker's address on Hyperliquid); null when the venue gives nothing. */
  groupKey: string | null;
  /** Mid of the best bid/ask the recording held just before this print (Binance bookTicker); null without one. */
  quoteMid: number | null;
}

export interface Sweep {
  ts: number;
  side: "buy" | "sell";
  groupKey: string | null;
  prints: number;
  sizeBase: number;
  notionalUsd: number;
  /** Σ price × size / Σ size. */
  vwap: number;
  /** Best price of the sweep: lowest for a buy, highest for a sell (the touch it started at). */
  touchPrice: number;
  /** Pre-trade mid carried by the first print (recorded top of book), if any. */
  quoteMid: number | null;
}

/**
 * The grouping rule: prints with the same timestamp, the same aggressor side and the same group key (the
 * venue's taker id where it has one) are one sweep. Binance and Tardis give no taker id, so there it is
 * time + side: two takers filled in the same millisecond on the same side count as one sweep (an upper bound
 * on sweep size). Prints need not be sorted; sweeps come out by time, then in first-print order.
 */
export function groupSweeps(prints: readonly TradePrint[]): Sweep[] {
  const sorted = isSortedByTs(prints) ? prints : [...prints].sort((a, b) => a.ts - b.ts);
  const out: Sweep[] = [];
  let i = 0;
  const n = sorted.length;
  while (i < n) {
    const ts = sorted[i].ts;
    const open = new Map<string, Sweep & { sumPx: number }>();
    let j = i;
    for (; j < n && sorted[j].ts === ts; j++) {
      const p = sorted[j];
      const key = `${p.side}|${p.groupKey ?? ""}`;
      let s = open.get(key);
      if (!s) {
        s = { ts, side: p.side, groupKey: p.groupKey, prints: 0, sizeBase: 0, notionalUsd: 0, vwap: 0, touchPrice: p.price, quoteMid: p.quoteMid, sumPx: 0 };
        open.set(key, s);
      }
      s.prints++;
      s.sizeBase += p.sizeBase;
      s.sumPx += p.price * p.sizeBase;
      s.touchPrice = p.side === "buy" ? Math.min(s.touchPrice, p.price) : Math.max(s.touchPrice, p.price);
    }
    for (const s of open.values()) {
      out.push({ ts: s.ts, side: s.side, groupKey: s.groupKey, prints: s.prints, sizeBase: s.sizeBase, notionalUsd: s.sumPx, vwap: s.sumPx / s.sizeBase, touchPrice: s.touchPrice, quoteMid: s.quoteMid });
    }
    i = j;
  }
  return out;
}

function isSortedByTs(prints: readonly { ts: number }[]): boolean {
  for (let i = 1; i < prints.length; i++) if (prints[i].ts < prints[i - 1].ts) return false;
  return true;
}

// ---- size buckets ------------------------------------------------------------------------------------------

/** Half-decade (log-spaced) notional edges: $10k, $31.6k, $100k, $316k, $1M, $3.16M, $10M. */
export const SWEEP_BUCKET_EDGES_USD = [1e4, 10 ** 4.5, 1e5, 10 ** 5.5, 1e6, 10 ** 6.5, 1e7] as const;
export const SWEEP_BUCKET_LABELS = ["<$10k", "$10k–32k", "$32k–100k", "$100k–316k", "$316k–1M", "$1M–3.2M", "$3.2M–10M", "≥$10M"] as const;
export const SWEEP_BUCKET_COUNT = SWEEP_BUCKET_LABELS.length;

/** Bucket index of a notional: 0 below $10k, then one per half decade, 7 at $10M and above. */
export function sweepBucket(notionalUsd: number): number {
  let b = 0;
  while (b < SWEEP_BUCKET_EDGES_USD.length && notionalUsd >= SWEEP_BUCKET_EDGES_USD[b]) b++;
  return b;
}

// ---- mids --------------------------------------------------------------------------------------------------

export type MidSource = "quote" | "book" | "trades";

export interface MidPoint {
  ts: number;
  mid: number;
}

export interface RealizedOptions {
  /** Oldest a book, quote or trade may be to give the pre-trade mid (default 10 s). */
  maxMidAgeMs?: number;
  /** Oldest a stored book may be to be walked for phantom depth (default 2 s: older, the market's own drift swamps the comparison). */
  maxBookAgeMs?: number;
  /** Markout horizons (default 1 s, 1 min, 5 min). */
  horizonsMs?: readonly number[];
  /** Realized above this multiple of the implied walk (and ≥ PHANTOM_MIN_EXCESS_BPS more) flags phantom depth. */
  phantomFactor?: number;
}

export const REALIZED_DEFAULTS = { maxMidAgeMs: 10_000, maxBookAgeMs: 2_000, horizonsMs: [1_000, MINUTE_MS, 5 * MINUTE_MS], phantomFactor: 2 } as const;
export const PHANTOM_MIN_EXCESS_BPS = 1;

/** The rule, shown verbatim on /methodology. */
export const REALIZED_RULE =
  "Prints with the same timestamp, aggressor side and taker id (Hyperliquid's taker address; none on Binance or Tardis files) form one sweep. " +
  "Its realized slippage is q(VWAP − M)/M × 1e4 bps (q = +1 buy, −1 sell), M the mid just before it: the recorded best bid/ask before its first print when the file holds quotes, " +
  "else the latest stored book at most 10 s before it, else (last buy sweep's lowest price + last sell sweep's highest price)/2 from trades at most 10 s before it; the source is reported. " +
  "Effective spread = 2q(P − M)/M. Markout at +h = q(M_h − M)/M with M_h the latest mid in [t + h/2, t + h] (price impact); realized spread = effective spread − 2 × markout. " +
  "Percentiles (linear) by half-decade size bucket ($10k … $10M), inside and outside stress windows, with counts. " +
  "Phantom depth: for sweeps with a stored book at most 2 s before, realized slippage (against the pre-trade mid above) / the slippage that book implies at the sweep's notional (its walk against its own mid); flagged when realized > 2 × implied and at least 1 bp more.";

/** Sorted mid points (books, recorded quotes): the latest at or before `t` and no earlier than `lo`. */
function latestPoint<P extends MidPoint>(points: readonly P[], t: number, lo: number): P | null {
  const i = latestIndex(points, t, lo);
  return i < 0 ? null : points[i];
}

/** Index of latestPoint, or -1. */
function latestIndex(points: readonly MidPoint[], t: number, lo: number): number {
  // binary search: last index with ts <= t
  let a = 0;
  let b = points.length - 1;
  let idx = -1;
  while (a <= b) {
    const m = (a + b) >> 1;
    if (points[m].ts <= t) {
      idx = m;
      a = m + 1;
    } else b = m - 1;
  }
  return idx < 0 || points[idx].ts < lo ? -1 : idx;
}

/** Last sweep index with ts < t (sweeps sorted by ts). */
function lastSweepBefore(sweeps: readonly Sweep[], t: number, inclusive: boolean): number {
  let a = 0;
  let b = sweeps.length - 1;
  let idx = -1;
  while (a <= b) {
    const m = (a + b) >> 1;
    if (inclusive ? sweeps[m].ts <= t : sweeps[m].ts < t) {
      idx = m;
      a = m + 1;
    } else b = m - 1;
  }
  return idx;
}

/** Mid from the last trades either side in [lo, hi] (hi inclusive or not): (last buy touch + last sell touch) / 2. */
function tradeMid(sweeps: readonly Sweep[], lo: number, hi: number, inclusive: boolean): number | null {
  let buy: number | null = null;
  let sell: number | null = null;
  for (let i = lastSweepBefore(sweeps, hi, inclusive); i >= 0 && sweeps[i].ts >= lo; i--) {
    const s = sweeps[i];
    if (s.side === "buy") buy ??= s.touchPrice;
    else sell ??= s.touchPrice;
    if (buy !== null && sell !== null) return (buy + sell) / 2;
  }
  return null;
}

// ---- per-sweep figures -------------------------------------------------------------------------------------

export interface SweepFigures extends Sweep {
  bucket: number;
  stress: boolean;
  mid: number | null;
  midSource: MidSource | null;
  /** q(VWAP − M)/M × 1e4; positive is a cost. */
  slippageBps: number | null;
  /** 2q(VWAP − M)/M × 1e4. */
  effectiveSpreadBps: number | null;
  /** q(M_h − M)/M × 1e4 per horizon (null when no mid in [t + h/2, t + h]). */
  markoutBps: (number | null)[];
  /** Book-implied slippage at the sweep's notional from a stored book at most maxBookAgeMs before; null without one. */
  impliedBps: number | null;
  /** True when that book's visible side holds less than the sweep's notional. */
  impliedBeyondDepth: boolean;
  /** Realized slippage of a sweep that has a walkable book (the ratio's numerator); null without one. */
  realizedVsBookBps: number | null;
  phantom: boolean;
}

/**
 * A stored book as the realized figures read it: its time and mid ((best bid + best ask) / 2, as midPrice), and its
 * levels where a sweep walks it (walkedBookPoints says which); books that cannot be measured are left out.
 */
export interface BookPoint extends MidPoint {
  book: Book | null;
}

/** Books as points, levels attached (the measurable ones, in time order). */
export function bookPoints(books: readonly Book[]): BookPoint[] {
  const out: BookPoint[] = [];
  for (const b of books) {
    const m = midPrice(b);
    if (m !== null) out.push({ ts: b.ts, mid: m, book: b });
  }
  return out.sort((a, b) => a.ts - b.ts);
}

/**
 * Indices (into `points`, sorted by time) of the books the sweeps of these prints walk for phantom depth: the
 * latest at most maxBookAgeMs before each sweep. Only these need their levels (sweepFiguresAt).
 */
export function walkedBookPoints(prints: readonly TradePrint[], points: readonly MidPoint[], opts: RealizedOptions = {}): Set<number> {
  const o = { ...REALIZED_DEFAULTS, ...opts };
  const out = new Set<number>();
  for (const s of groupSweeps(prints)) {
    const i = latestIndex(points, s.ts - 1, s.ts - o.maxBookAgeMs);
    if (i >= 0) out.add(i);
  }
  return out;
}

/**
 * Figures of every sweep. `books` are stored (or replayed) level books sorted by time; `quotes` extra mid points
 * (used for markouts only: the pre-trade mid of a print comes from its own quoteMid).
 */
export function sweepFigures(sweeps: readonly Sweep[], books: readonly Book[], stressWindows: readonly TimeWindow[], opts: RealizedOptions = {}, quotes: readonly MidPoint[] = []): SweepFigures[] {
  return sweepFiguresAt(sweeps, bookPoints(books), stressWindows, opts, quotes);
}

/** sweepFigures over book points (sorted by time) whose levels are attached at least where a sweep walks them. */
export function sweepFiguresAt(sweeps: readonly Sweep[], bookMids: readonly BookPoint[], stressWindows: readonly TimeWindow[], opts: RealizedOptions = {}, quotes: readonly MidPoint[] = []): SweepFigures[] {
  const o = { ...REALIZED_DEFAULTS, ...opts };
  // points for markouts: books, recorded quotes, and each sweep's own recorded pre-trade quote
  const points: MidPoint[] = [...bookMids.map((b) => ({ ts: b.ts, mid: b.mid })), ...quotes, ...sweeps.filter((s) => s.quoteMid !== null).map((s) => ({ ts: s.ts, mid: s.quoteMid! }))].sort((a, b) => a.ts - b.ts);
  const stressMask = windowMask(Float64Array.from(sweeps, (s) => s.ts), stressWindows);
  const out: SweepFigures[] = [];
  for (let si = 0; si < sweeps.length; si++) {
    const s = sweeps[si];
    const q = s.side === "buy" ? 1 : -1;
    let mid: number | null = null;
    let midSource: MidSource | null = null;
    if (s.quoteMid !== null) {
      mid = s.quoteMid;
      midSource = "quote";
    }
    // the latest book strictly before the sweep (a book at the same millisecond may already show it)
    const prior = latestPoint(bookMids, s.ts - 1, s.ts - o.maxMidAgeMs);
    if (mid === null && prior) {
      mid = prior.mid;
      midSource = "book";
    }
    if (mid === null) {
      const tm = tradeMid(sweeps, s.ts - o.maxMidAgeMs, s.ts, false);
      if (tm !== null) {
        mid = tm;
        midSource = "trades";
      }
    }
    const slip = mid === null ? null : slippageCostBps(s.vwap, mid, s.side);
    const markoutBps = o.horizonsMs.map((h) => {
      if (mid === null) return null;
      const p = latestPoint(points, s.ts + h, s.ts + h / 2);
      let mh = p && p.ts > s.ts ? p.mid : null;
      if (mh === null) mh = tradeMid(sweeps, s.ts + h / 2, s.ts + h, true);
      return mh === null ? null : ((q * (mh - mid)) / mid) * 1e4;
    });
    const bookForWalk = latestPoint(bookMids, s.ts - 1, s.ts - o.maxBookAgeMs);
    let impliedBps: number | null = null;
    let impliedBeyondDepth = false;
    if (bookForWalk) {
      if (!bookForWalk.book) throw new Error(`sweepFiguresAt: the book at ${bookForWalk.ts} is walked but its levels were not read (walkedBookPoints)`);
      const r = slippageBps(bookForWalk.book, s.notionalUsd, s.side);
      if (r?.kind === "filled") impliedBps = r.slippageBps;
      else if (r) impliedBeyondDepth = true;
    }
    // implied: the book's walk against its own mid; realized: against the sweep's pre-trade mid (so the market's
    // drift between the book and the sweep is not counted as missing depth)
    const realizedVsBook = bookForWalk ? slip : null;
    const phantom = impliedBps !== null && realizedVsBook !== null && realizedVsBook > o.phantomFactor * Math.max(impliedBps, 0) && realizedVsBook - impliedBps >= PHANTOM_MIN_EXCESS_BPS;
    // Fields listed, not spread: `{ ...s, ... }` here cost ~13 µs a sweep (V8 falls back to a slow object).
    out.push({
      ts: s.ts,
      side: s.side,
      groupKey: s.groupKey,
      prints: s.prints,
      sizeBase: s.sizeBase,
      notionalUsd: s.notionalUsd,
      vwap: s.vwap,
      touchPrice: s.touchPrice,
      quoteMid: s.quoteMid,
      bucket: sweepBucket(s.notionalUsd),
      stress: stressMask[si] === 1,
      mid,
      midSource,
      slippageBps: slip,
      effectiveSpreadBps: slip === null ? null : 2 * slip,
      markoutBps,
      impliedBps,
      impliedBeyondDepth,
      realizedVsBookBps: realizedVsBook,
      phantom,
    });
  }
  return out;
}
