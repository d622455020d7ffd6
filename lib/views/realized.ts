// Realized execution figures of a market as pages, the API and the CLI receive them
// (lib/services/realized-figures.ts computes them from stored trade prints and books). Client-safe.
import type { BucketSummary } from "../metrics/realized-summary";
export { SWEEP_BUCKET_LABELS, SWEEP_BUCKET_EDGES_USD, REALIZED_RULE } from "../metrics/sweeps";

/** At most this many raw prints (the latest in the window) are grouped into sweeps per request. */
export const MAX_REALIZED_PRINTS = 250_000;
/** At most this many stored books (evenly spaced) are used for pre-trade mids, markouts and phantom depth. */
export const MAX_REALIZED_BOOKS = 3_000;

export interface RealizedBucket extends BucketSummary {
  /** Book-implied buy slippage (p50 over the books in the window) at the bucket's implied notional (the curve-grid notional nearest its middle); null without books. */
  impliedP50Bps: number | null;
  impliedNotionalUsd: number;
  /** Share of those books too thin to fill it. */
  impliedBeyondShare: number | null;
  /** Sweeps counted in the per-minute aggregates over the window (covers prints older than the raw window). */
  aggregateSweeps: number;
}

export interface RealizedFigures {
  /** Window of the raw prints used (presets count back from the market's newest print). */
  window: { from: number; to: number };
  provenance: string[];
  prints: number;
  sweeps: number;
  /** True when the window held more than MAX_REALIZED_PRINTS prints: the latest ones were used. */
  capped: boolean;
  booksUsed: number;
  /** Where the stress windows came from: the market's book series (with named windows), or trade prices when it has no books. */
  stressSource: "books" | "trades";
  stressWindows: { from: number; to: number }[];
  horizonsMs: number[];
  buckets: RealizedBucket[];
  /** Per-minute aggregates over the same window spec resolved over the stored minutes (presets count back from the
   * latest minute), so they cover prints older than the raw window: prints, notional and sweeps. */
  aggregates: { minutes: number; prints: number; notionalUsd: number; sweeps: number; firstMinute: number | null; lastMinute: number | null };
  rule: string;
}
