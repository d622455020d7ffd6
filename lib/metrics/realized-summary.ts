// Realized execution summarised by size bucket, normal vs stress (lib/metrics/sweeps.ts gives each sweep's
// figures): percentiles of realized slippage and effective spread, markouts, and phantom depth.
import type { Book, TimeWindow } from "./types";
import { percentileOfSorted } from "./stats";
import { bookPoints, groupSweeps, sweepFiguresAt, REALIZED_DEFAULTS, REALIZED_RULE, SWEEP_BUCKET_COUNT, SWEEP_BUCKET_EDGES_USD, SWEEP_BUCKET_LABELS, type BookPoint, type MidPoint, type MidSource, type RealizedOptions, type SweepFigures, type TradePrint } from "./sweeps";

export interface Pcts {
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

export interface MarkoutSummary {
  horizonMs: number;
  count: number;
  /** Mean q(M_h − M)/M in bps (price impact). */
  meanImpactBps: number | null;
  /** Mean effective spread − 2 × markout (what the liquidity provider kept). */
  meanRealizedSpreadBps: number | null;
}

export interface RegimeSummary {
  sweeps: number;
  /** Sweeps with a pre-trade mid, by where it came from. */
  withMid: number;
  midSources: Record<MidSource, number>;
  notionalUsd: number;
  slippageBps: Pcts;
  effectiveSpreadBps: Pcts;
  markouts: MarkoutSummary[];
}

export interface PhantomSummary {
  /** Sweeps with a stored book at most maxBookAgeMs before them. */
  withBook: number;
  /** Of those, the book's visible side held less than the sweep. */
  beyondDepth: number;
  /** Median of realized / implied where implied > 0. */
  medianRatio: number | null;
  medianImpliedBps: number | null;
  medianRealizedBps: number | null;
  flagged: number;
}

export interface BucketSummary {
  bucket: number;
  label: string;
  minUsd: number;
  maxUsd: number | null;
  normal: RegimeSummary;
  stress: RegimeSummary;
  all: RegimeSummary;
  phantom: PhantomSummary;
}

export interface RealizedSummary {
  prints: number;
  sweeps: number;
  firstTs: number | null;
  lastTs: number | null;
  buckets: BucketSummary[];
  horizonsMs: number[];
  rule: string;
}

function pcts(values: number[]): Pcts {
  const s = Float64Array.from(values).sort();
  return { p50: percentileOfSorted(s, 50), p95: percentileOfSorted(s, 95), p99: percentileOfSorted(s, 99) };
}

const meanOf = (v: number[]) => (v.length ? v.reduce((a, b) => a + b, 0) / v.length : null);

function regime(figs: readonly SweepFigures[], horizonsMs: readonly number[]): RegimeSummary {
  const withMid = figs.filter((f) => f.slippageBps !== null);
  const midSources: Record<MidSource, number> = { quote: 0, book: 0, trades: 0 };
  for (const f of withMid) midSources[f.midSource!]++;
  return {
    sweeps: figs.length,
    withMid: withMid.length,
    midSources,
    notionalUsd: figs.reduce((a, f) => a + f.notionalUsd, 0),
    slippageBps: pcts(withMid.map((f) => f.slippageBps!)),
    effectiveSpreadBps: pcts(withMid.map((f) => f.effectiveSpreadBps!)),
    markouts: horizonsMs.map((h, i) => {
      const m = withMid.filter((f) => f.markoutBps[i] !== null);
      return {
        horizonMs: h,
        count: m.length,
        meanImpactBps: meanOf(m.map((f) => f.markoutBps[i]!)),
        meanRealizedSpreadBps: meanOf(m.map((f) => f.effectiveSpreadBps! - 2 * f.markoutBps[i]!)),
      };
    }),
  };
}

function medianOf(v: number[]): number | null {
  return percentileOfSorted(Float64Array.from(v).sort(), 50);
}

function phantomSummary(figs: readonly SweepFigures[]): PhantomSummary {
  const withBook = figs.filter((f) => f.impliedBps !== null || f.impliedBeyondDepth);
  const filled = withBook.filter((f) => f.impliedBps !== null);
  const ratios = filled.filter((f) => f.impliedBps! > 0).map((f) => f.realizedVsBookBps! / f.impliedBps!);
  return {
    withBook: withBook.length,
    beyondDepth: withBook.length - filled.length,
    medianRatio: medianOf(ratios),
    medianImpliedBps: medianOf(filled.map((f) => f.impliedBps!)),
    medianRealizedBps: medianOf(filled.map((f) => f.realizedVsBookBps!)),
    flagged: filled.filter((f) => f.phantom).length,
  };
}

/** Realized execution by size bucket, normal vs stress, from prints, stored books and stress windows. */
export function realizedExecution(prints: readonly TradePrint[], books: readonly Book[], stressWindows: readonly TimeWindow[], opts: RealizedOptions = {}, quotes: readonly MidPoint[] = []): RealizedSummary {
  return realizedExecutionAt(prints, bookPoints(books), stressWindows, opts, quotes);
}

/** realizedExecution over book points (sweepFiguresAt): levels needed only where walkedBookPoints says. */
export function realizedExecutionAt(prints: readonly TradePrint[], points: readonly BookPoint[], stressWindows: readonly TimeWindow[], opts: RealizedOptions = {}, quotes: readonly MidPoint[] = []): RealizedSummary {
  const horizonsMs = [...(opts.horizonsMs ?? REALIZED_DEFAULTS.horizonsMs)];
  const sweeps = groupSweeps(prints);
  const figs = sweepFiguresAt(sweeps, points, stressWindows, opts, quotes);
  const buckets: BucketSummary[] = [];
  for (let b = 0; b < SWEEP_BUCKET_COUNT; b++) {
    const inB = figs.filter((f) => f.bucket === b);
    buckets.push({
      bucket: b,
      label: SWEEP_BUCKET_LABELS[b],
      minUsd: b === 0 ? 0 : SWEEP_BUCKET_EDGES_USD[b - 1],
      maxUsd: b < SWEEP_BUCKET_EDGES_USD.length ? SWEEP_BUCKET_EDGES_USD[b] : null,
      normal: regime(inB.filter((f) => !f.stress), horizonsMs),
      stress: regime(inB.filter((f) => f.stress), horizonsMs),
      all: regime(inB, horizonsMs),
      phantom: phantomSummary(inB),
    });
  }
  return { prints: prints.length, sweeps: sweeps.length, firstTs: sweeps[0]?.ts ?? null, lastTs: sweeps.at(-1)?.ts ?? null, buckets, horizonsMs, rule: REALIZED_RULE };
}
