// Stress windows: detection from a mid/spread series (large trailing-hour moves or blown-out spreads),
// merging with user-named windows, and membership tests (windowMask splits a series inside vs outside stress).
import type { Book, TimeWindow } from "./types";
import { HOUR_MS, MINUTE_MS } from "./time";
import { percentilesInPlace } from "./stats";
import { midPrice, spreadBps } from "./book";

export interface MidSpreadPoint {
  ts: number;
  mid: number;
  spreadBps: number;
}

/** The stress-detection rule. The description is shown verbatim by the methodology. */
export const STRESS_RULE = {
  lookbackMs: HOUR_MS,
  movePercentile: 90,
  moveMultipleOfMedian: 4,
  spreadMultipleOfMedian: 3,
  mergeGapMs: HOUR_MS,
  padMs: 30 * MINUTE_MS,
  description:
    "For each point, move = |ln(mid / mid_ref)| where mid_ref is the latest point at least 1 h earlier " +
    "(or the first point of the series when there is none). A point is stressed when its move is > 0 and " +
    "≥ both the 90th percentile (linear) of all moves in the series (the top decile) and 4 × the median move " +
    "(so ordinary volatility, which always fills a top decile, does not count), or when its spread is " +
    "> 3 × the median spread of the series. Stressed points less than 1 h apart merge into one window " +
    "[first, last]; each window is then padded by 30 min on either side, and overlapping windows merge.",
} as const;

export type StressRule = Omit<typeof STRESS_RULE, "description"> & { description?: string };

export interface StressWindow extends TimeWindow {
  /** "detected" by the rule, "named" by a user, or "both" after merging overlapping ones. */
  source: "detected" | "named" | "both";
  /** Names of the user-named windows merged into this one. */
  names: string[];
  /** Detected windows only: stressed points, largest move (bps of log move ×1e4) and largest spread. */
  stressedPoints?: number;
  peakMoveBps?: number;
  peakSpreadBps?: number;
}

export interface NamedWindow extends TimeWindow {
  name: string;
}

export interface StressDetection {
  windows: StressWindow[];
  /** 90th-percentile |log move| (as a fraction, not bps); null for an empty series. */
  moveThreshold: number | null;
  medianSpreadBps: number | null;
  /** spreadMultipleOfMedian × median spread. */
  spreadThresholdBps: number | null;
  stressedPointCount: number;
  pointCount: number;
}

/** Mid/spread series from books (empty or crossed books are skipped). */
export function midSpreadSeries(books: readonly Book[]): MidSpreadPoint[] {
  const out: MidSpreadPoint[] = [];
  for (const b of books) {
    const mid = midPrice(b);
    const spread = spreadBps(b);
    if (mid !== null && spread !== null) out.push({ ts: b.ts, mid, spreadBps: spread });
  }
  return out;
}

/** Sort by from, then merge windows that overlap or touch; sources and names combine. */
function normalizeWindows(windows: readonly StressWindow[]): StressWindow[] {
  const sorted = [...windows].sort((a, b) => a.from - b.from || a.to - b.to);
  const out: StressWindow[] = [];
  for (const w of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && w.from <= last.to) {
      last.to = Math.max(last.to, w.to);
      if (last.source !== w.source) last.source = "both";
      for (const n of w.names) if (!last.names.includes(n)) last.names.push(n);
      if (w.stressedPoints !== undefined) last.stressedPoints = (last.stressedPoints ?? 0) + w.stressedPoints;
      if (w.peakMoveBps !== undefined) last.peakMoveBps = Math.max(last.peakMoveBps ?? -Infinity, w.peakMoveBps);
      if (w.peakSpreadBps !== undefined) {
        last.peakSpreadBps = Math.max(last.peakSpreadBps ?? -Infinity, w.peakSpreadBps);
      }
    } else {
      out.push({ ...w, names: [...w.names] });
    }
  }
  return out;
}

/** Detect stress windows in a mid/spread series by STRESS_RULE (see its description). */
export function detectStressWindows(
  series: readonly MidSpreadPoint[],
  rule: StressRule = STRESS_RULE,
): StressDetection {
  const pts = isSortedByTs(series) ? series : [...series].sort((a, b) => a.ts - b.ts);
  return detectStressWindowsIn(
    { length: pts.length, ts: Float64Array.from(pts, (p) => p.ts), mid: Float64Array.from(pts, (p) => p.mid), spreadBps: Float64Array.from(pts, (p) => p.spreadBps) },
    rule,
  );
}

/** A mid/spread series as columns, in time order (the day rollups' layout: lib/store/book-days.ts). */
export interface MidSpreadColumns {
  length: number;
  ts: ArrayLike<number>;
  mid: ArrayLike<number>;
  spreadBps: ArrayLike<number>;
}

/** detectStressWindows over columns already in time order (no per-point objects: a year is ~10^5 points). */
export function detectStressWindowsIn(pts: MidSpreadColumns, rule: StressRule = STRESS_RULE): StressDetection {
  const n = pts.length;
  if (n === 0) {
    return { windows: [], moveThreshold: null, medianSpreadBps: null, spreadThresholdBps: null, stressedPointCount: 0, pointCount: 0 };
  }
  const { ts, mid, spreadBps } = pts;
  // move_i = |ln(mid_i / mid_ref(i))|, ref(i) = latest j with ts_j ≤ ts_i − lookback, else 0 (two pointers).
  const moves = new Float64Array(n);
  let j = -1;
  for (let i = 0; i < n; i++) {
    const cutoff = ts[i] - rule.lookbackMs;
    while (j + 1 < i && ts[j + 1] <= cutoff) j++;
    const ref = j >= 0 && ts[j] <= cutoff ? j : 0;
    moves[i] = Math.abs(Math.log(mid[i] / mid[ref]));
  }
  // (percentiles by selection on copies: two sorts of a year's 10^5 points took ~15 ms)
  const [movePct, medianMove] = percentilesInPlace(Float64Array.from(moves), [rule.movePercentile, 50]) as number[];
  const spreads = new Float64Array(n);
  for (let i = 0; i < n; i++) spreads[i] = spreadBps[i];
  // Top decile alone always flags 10 % of points, calm or not; the multiple of the median move keeps only
  // moves that are large for this market.
  const moveThreshold = Math.max(movePct, rule.moveMultipleOfMedian * medianMove);
  const medianSpread = percentilesInPlace(spreads, [50])[0] as number;
  const spreadThreshold = rule.spreadMultipleOfMedian * medianSpread;

  const windows: StressWindow[] = [];
  let current: StressWindow | null = null;
  let lastStressTs = -Infinity;
  let stressed = 0;
  for (let i = 0; i < n; i++) {
    const m = moves[i];
    const t = ts[i];
    const sp = spreadBps[i];
    const isStressed = (m > 0 && m >= moveThreshold) || sp > spreadThreshold;
    if (!isStressed) continue;
    stressed++;
    if (current !== null && t - lastStressTs < rule.mergeGapMs) {
      current.to = t;
      current.stressedPoints = (current.stressedPoints ?? 0) + 1;
      current.peakMoveBps = Math.max(current.peakMoveBps ?? 0, m * 1e4);
      current.peakSpreadBps = Math.max(current.peakSpreadBps ?? 0, sp);
    } else {
      current = { from: t, to: t, source: "detected", names: [], stressedPoints: 1, peakMoveBps: m * 1e4, peakSpreadBps: sp };
      windows.push(current);
    }
    lastStressTs = t;
  }
  for (const w of windows) {
    w.from -= rule.padMs;
    w.to += rule.padMs;
  }
  return {
    windows: normalizeWindows(windows),
    moveThreshold,
    medianSpreadBps: medianSpread,
    spreadThresholdBps: spreadThreshold,
    stressedPointCount: stressed,
    pointCount: n,
  };
}

function isSortedByTs(series: readonly { ts: number }[]): boolean {
  for (let i = 1; i < series.length; i++) if (series[i].ts < series[i - 1].ts) return false;
  return true;
}

/**
 * Union of detected and user-named windows, sorted; overlapping windows merge into one whose source is
 * "both" when it mixes detected and named windows, keeping every name.
 */
export function mergeWindows(detected: readonly StressWindow[], userNamed: readonly NamedWindow[]): StressWindow[] {
  const named: StressWindow[] = userNamed.map((w) => ({ from: w.from, to: w.to, source: "named", names: [w.name] }));
  return normalizeWindows([...detected, ...named]);
}

/** True when ts lies in any window (from ≤ ts ≤ to). */
export function inWindows(ts: number, windows: readonly TimeWindow[]): boolean {
  for (let i = 0; i < windows.length; i++) if (ts >= windows[i].from && ts <= windows[i].to) return true;
  return false;
}

/**
 * 1 where ts[i] lies in any window (from ≤ ts ≤ to), else 0: the windows united into sorted disjoint spans
 * once, then a binary search per time (O((n + w) log w), where inWindows per point is O(n·w): a year's
 * figures test thousands of samples against hundreds of windows at a dozen notionals).
 */
export function windowMask(ts: ArrayLike<number>, windows: readonly TimeWindow[]): Uint8Array {
  const sorted = [...windows].sort((a, b) => a.from - b.from);
  const from: number[] = [];
  const to: number[] = [];
  for (const w of sorted) {
    if (from.length && w.from <= to[to.length - 1]) to[to.length - 1] = Math.max(to[to.length - 1], w.to);
    else {
      from.push(w.from);
      to.push(w.to);
    }
  }
  const mask = new Uint8Array(ts.length);
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i];
    // last span starting at or before t
    let lo = 0;
    let hi = from.length - 1;
    let k = -1;
    while (lo <= hi) {
      const m = (lo + hi) >> 1;
      if (from[m] <= t) {
        k = m;
        lo = m + 1;
      } else hi = m - 1;
    }
    mask[i] = k >= 0 && t <= to[k] ? 1 : 0;
  }
  return mask;
}
