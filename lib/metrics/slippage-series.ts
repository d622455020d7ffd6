// Slippage over many book snapshots of one market, for one notional and side: percentiles over filled
// snapshots, share beyond visible depth, and capacity at a slippage budget (median and 5th percentile).
// Built for ~10^7 levels: per-snapshot values go into preallocated typed arrays; the walks allocate nothing.
import type { Book } from "./types";
import {
  budgetLimitPrice,
  lastCapacityLimitedByDepth,
  slippageCostBps,
  walkCapacity,
  walkNotional,
  type OrderSide,
} from "./book";
import { percentilesInPlace } from "./stats";

export const DEFAULT_CAPACITY_BUDGET_BPS = 10;

/**
 * Per-snapshot values, struct-of-arrays. Only usable books (non-empty, not crossed) are kept, in input order.
 * NaN in slippageBps means "beyond visible depth" (null in the public list form, see samplesToList).
 */
export interface SlippageSamples {
  /** Null when the samples came from a list without that information. */
  notionalUsd: number | null;
  side: OrderSide | null;
  budgetBps: number;
  /** Usable snapshots stored. */
  length: number;
  /** Snapshots skipped because the book was empty or crossed. */
  unusableCount: number;
  ts: Float64Array;
  slippageBps: Float64Array;
  capacityUsd: Float64Array;
  /** 1 when the whole visible side fit within the budget (capacity is then a lower bound). */
  capacityLimited: Uint8Array;
  /**
   * 1 when the depth at the notional is unknown: the venue cut the book (truncated) and its visible side holds
   * less than the notional, so whether the order would fill is not known (not a failed fill, not depth 0).
   * Absent for samples from a list without that information.
   */
  depthUnknown?: Uint8Array;
  /** Visible side notional (USD) and levels of each depth-unknown sample (0 elsewhere). */
  visibleUsd?: Float64Array;
  visibleLevels?: Uint32Array;
}

/** One snapshot in list form: slippageBps null = beyond visible depth; capacityUsd null = not measured. */
export interface TimedSlippage {
  ts: number;
  slippageBps: number | null;
  capacityUsd: number | null;
  capacityLimitedByDepth?: boolean;
  /** Truncated book whose visible side holds less than the notional: depth unknown (slippageBps is null). */
  depthUnknown?: boolean;
}

/** Walk every book once for slippage at notionalUsd and once for capacity at budgetBps. */
export function slippageSamples(
  books: readonly Book[],
  notionalUsd: number,
  side: OrderSide,
  budgetBps: number = DEFAULT_CAPACITY_BUDGET_BPS,
): SlippageSamples {
  if (!(notionalUsd > 0) || !Number.isFinite(notionalUsd)) {
    throw new RangeError(`notionalUsd must be a positive finite number, got ${notionalUsd}`);
  }
  const n = books.length;
  const ts = new Float64Array(n);
  const slip = new Float64Array(n);
  const cap = new Float64Array(n);
  const capLimited = new Uint8Array(n);
  const unknown = new Uint8Array(n);
  const visUsd = new Float64Array(n);
  const visLevels = new Uint32Array(n);
  const isBuy = side === "buy";
  let k = 0;
  let unusable = 0;
  for (let i = 0; i < n; i++) {
    const book = books[i];
    const bids = book.bids;
    const asks = book.asks;
    if (bids.length === 0 || asks.length === 0) {
      unusable++;
      continue;
    }
    const bid = bids[0][0];
    const ask = asks[0][0];
    if (!(bid > 0) || !(ask > 0) || bid > ask || !Number.isFinite(bid) || !Number.isFinite(ask)) {
      unusable++;
      continue;
    }
    const mid = (bid + ask) / 2; // mid = (best bid + best ask) / 2
    const levels = isBuy ? asks : bids;
    ts[k] = book.ts;
    const base = walkNotional(levels, notionalUsd);
    // VWAP = notional / base filled; cost as in book.slippageBps; NaN marks beyond visible depth.
    slip[k] = base < 0 ? NaN : slippageCostBps(notionalUsd / base, mid, side);
    cap[k] = walkCapacity(levels, budgetLimitPrice(mid, budgetBps, side), side);
    capLimited[k] = lastCapacityLimitedByDepth() ? 1 : 0;
    if (base < 0 && book.truncated) {
      // Cut book, notional beyond what it shows: depth unknown. A capacity limited by the cut is unknown too.
      unknown[k] = 1;
      let usd = 0;
      for (let j = 0; j < levels.length; j++) usd += levels[j][0] * levels[j][1]; // visible notional = Σ price × size
      visUsd[k] = usd;
      visLevels[k] = levels.length;
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

/** List form of samples (null instead of NaN). */
export function samplesToList(samples: SlippageSamples): TimedSlippage[] {
  const out: TimedSlippage[] = new Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    const s = samples.slippageBps[i];
    const c = samples.capacityUsd[i];
    out[i] = {
      ts: samples.ts[i],
      slippageBps: Number.isNaN(s) ? null : s,
      capacityUsd: Number.isNaN(c) ? null : c,
      capacityLimitedByDepth: samples.capacityLimited[i] === 1,
      ...(samples.depthUnknown?.[i] === 1 ? { depthUnknown: true } : {}),
    };
  }
  return out;
}

/** Struct-of-arrays form of a list (capacityUsd null is stored as NaN and ignored by the statistics). */
export function samplesFromList(
  list: readonly TimedSlippage[],
  meta: { notionalUsd?: number | null; side?: OrderSide | null; budgetBps?: number; unusableCount?: number } = {},
): SlippageSamples {
  const n = list.length;
  const samples: SlippageSamples = {
    notionalUsd: meta.notionalUsd ?? null,
    side: meta.side ?? null,
    budgetBps: meta.budgetBps ?? DEFAULT_CAPACITY_BUDGET_BPS,
    length: n,
    unusableCount: meta.unusableCount ?? 0,
    ts: new Float64Array(n),
    slippageBps: new Float64Array(n),
    capacityUsd: new Float64Array(n),
    capacityLimited: new Uint8Array(n),
    depthUnknown: new Uint8Array(n),
  };
  for (let i = 0; i < n; i++) {
    const v = list[i];
    samples.ts[i] = v.ts;
    samples.slippageBps[i] = v.slippageBps ?? NaN;
    samples.capacityUsd[i] = v.capacityUsd ?? NaN;
    samples.capacityLimited[i] = v.capacityLimitedByDepth ? 1 : 0;
    samples.depthUnknown![i] = v.depthUnknown ? 1 : 0;
  }
  return samples;
}

export interface SlippageSeriesStats {
  notionalUsd: number | null;
  side: OrderSide | null;
  /** Usable snapshots with a known answer (filled + beyond visible depth); depth-unknown ones are not counted. */
  count: number;
  /** Snapshots whose depth at the notional is unknown (truncated book showing less than the notional). */
  unknownCount: number;
  /** unknownCount / (count + unknownCount); null when both are 0. */
  unknownShare: number | null;
  /** Largest visible side notional (USD) and level count among the depth-unknown snapshots; null without any. */
  unknownVisibleUsd: number | null;
  unknownVisibleLevels: number | null;
  /** "depth unknown beyond N levels / $X" when some snapshots are depth-unknown; null otherwise. */
  note: string | null;
  /** Snapshots skipped because the book was empty or crossed (whole sample set, before any include filter). */
  unusableCount: number;
  filledCount: number;
  beyondCount: number;
  /** beyondCount / count; null when count = 0. */
  beyondShare: number | null;
  /** Percentiles (linear interpolation) and max of slippage over filled snapshots; null when none filled. */
  p50Bps: number | null;
  p90Bps: number | null;
  p95Bps: number | null;
  p99Bps: number | null;
  maxBps: number | null;
  capacityBudgetBps: number;
  /** Median per-snapshot capacity at the budget. */
  capacityMedianUsd: number | null;
  /** 5th percentile of per-snapshot capacity: the bad case. */
  capacityP5Usd: number | null;
  /** Share of snapshots whose whole visible side fit within the budget (capacity there is a lower bound). */
  capacityLimitedShare: number | null;
}

/**
 * Statistics over the samples (optionally only indices where include(i) is true):
 * pX = percentile X (linear) of slippageBps over filled snapshots; beyondShare = beyond / (filled + beyond);
 * capacityMedianUsd = percentile 50 and capacityP5Usd = percentile 5 of per-snapshot capacity.
 */
export function summarizeSlippage(
  samples: SlippageSamples,
  include?: (index: number) => boolean,
): SlippageSeriesStats {
  const n = samples.length;
  const filled = new Float64Array(n);
  const caps = new Float64Array(n);
  let nf = 0;
  let nc = 0;
  let count = 0;
  let limited = 0;
  let unknown = 0;
  let visUsd = 0;
  let visLevels = 0;
  const slip = samples.slippageBps;
  const cap = samples.capacityUsd;
  const unk = samples.depthUnknown;
  for (let i = 0; i < n; i++) {
    if (include !== undefined && !include(i)) continue;
    if (unk !== undefined && unk[i] === 1) {
      // Depth unknown: neither a fill nor a failed fill, so out of the slippage statistics. Its capacity still
      // counts when the budget was reached inside the visible levels (a cut-limited one was stored as NaN).
      unknown++;
      visUsd = Math.max(visUsd, samples.visibleUsd?.[i] ?? 0);
      visLevels = Math.max(visLevels, samples.visibleLevels?.[i] ?? 0);
      const c = cap[i];
      if (c === c) caps[nc++] = c;
      continue;
    }
    count++;
    const s = slip[i];
    if (s === s) filled[nf++] = s; // s === s is false only for NaN (beyond visible depth)
    const c = cap[i];
    if (c === c) {
      caps[nc++] = c;
      if (samples.capacityLimited[i] === 1) limited++;
    }
  }
  // Percentiles by selection, not a sort: a market's figures summarize ~50 series of up to 4,000 samples.
  const f = filled.subarray(0, nf);
  let max = -Infinity;
  for (let i = 0; i < nf; i++) if (f[i] > max) max = f[i];
  const [p50Bps, p90Bps, p95Bps, p99Bps] = percentilesInPlace(f, [50, 90, 95, 99]);
  const [capacityMedianUsd, capacityP5Usd] = percentilesInPlace(caps.subarray(0, nc), [50, 5]);
  const beyond = count - nf;
  return {
    notionalUsd: samples.notionalUsd,
    side: samples.side,
    count,
    unknownCount: unknown,
    unknownShare: count + unknown === 0 ? null : unknown / (count + unknown),
    unknownVisibleUsd: unknown === 0 || visUsd === 0 ? null : visUsd,
    unknownVisibleLevels: unknown === 0 || visLevels === 0 ? null : visLevels,
    note: unknown === 0 ? null : depthUnknownNote(visLevels, visUsd),
    unusableCount: samples.unusableCount,
    filledCount: nf,
    beyondCount: beyond,
    beyondShare: count === 0 ? null : beyond / count,
    p50Bps,
    p90Bps,
    p95Bps,
    p99Bps,
    maxBps: nf === 0 ? null : max,
    capacityBudgetBps: samples.budgetBps,
    capacityMedianUsd,
    capacityP5Usd,
    capacityLimitedShare: nc === 0 ? null : limited / nc,
  };
}

/** "depth unknown beyond 5 levels / $120k": what a truncated book leaves unknown. */
export function depthUnknownNote(levels: number, visibleUsd: number): string {
  const usd = visibleUsd >= 1e6 ? `$${(visibleUsd / 1e6).toFixed(1)}M` : visibleUsd >= 1e3 ? `$${Math.round(visibleUsd / 1e3)}k` : `$${Math.round(visibleUsd)}`;
  return levels > 0 ? `depth unknown beyond ${levels} levels / ${usd}` : "depth unknown (truncated book)";
}

/** slippageSamples + summarizeSlippage: the series statistics for one market/window/notional/side. */
export function slippageSeries(
  books: readonly Book[],
  notionalUsd: number,
  side: OrderSide,
  options: { budgetBps?: number } = {},
): SlippageSeriesStats {
  return summarizeSlippage(slippageSamples(books, notionalUsd, side, options.budgetBps ?? DEFAULT_CAPACITY_BUDGET_BPS));
}
