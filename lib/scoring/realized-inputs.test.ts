import { describe, expect, it } from "vitest";
import { realizedStressRatio, realizedToImplied } from "./realized-inputs";
import type { RealizedBucket, RealizedFigures } from "../views/realized";

// Only the fields the two rules read; the rest of a bucket is left at zero.
const regime = (withMid: number, p50: number | null, p95: number | null) => ({ sweeps: withMid, withMid, midSources: { quote: 0, book: 0, trades: 0 }, notionalUsd: 0, slippageBps: { p50, p95, p99: null }, effectiveSpreadBps: { p50: null, p95: null, p99: null }, markouts: [] });
const bucket = (minUsd: number, label: string, all: [number, number | null, number | null], normal: [number, number | null, number | null], stress: [number, number | null, number | null], impliedP50Bps: number | null): RealizedBucket => ({
  bucket: 0, label, minUsd, maxUsd: null, all: regime(...all), normal: regime(...normal), stress: regime(...stress),
  phantom: { withBook: 0, beyondDepth: 0, medianRatio: null, medianImpliedBps: null, medianRealizedBps: null, flagged: 0 },
  impliedP50Bps, impliedNotionalUsd: 0, impliedBeyondShare: null, aggregateSweeps: 0,
});
const figures = (buckets: RealizedBucket[]) => ({ buckets }) as unknown as RealizedFigures;

describe("realized figures as scoring inputs", () => {
  const r = figures([
    bucket(0, "<$10k", [500, 0.4, 2], [450, 0.4, 1.5], [50, 0.6, 6], 0.2),
    bucket(100_000, "$100k–316k", [40, 3, 9], [35, 2.5, 6], [5, 4, 15], 2),
    bucket(316_000, "$316k–1M", [8, 6, 12], [8, 6, 12], [0, null, null], 3),
  ]);
  it("reads the bucket closest below the target that has enough sweeps", () => {
    // $1M target: $316k–1M has 8 sweeps (< 20), so $100k–316k: realized p50 3 / implied 2 = 1.5.
    expect(realizedToImplied(r, 1_000_000)).toEqual({ value: 1.5, bucket: "$100k–316k", missing: null });
    // Stress: $100k–316k has 5 stress and 35 normal sweeps: p95 15 / 6 = 2.5.
    expect(realizedStressRatio(r, 1_000_000)).toEqual({ value: 2.5, bucket: "$100k–316k", missing: null });
    // A $50k target only reaches the <$10k bucket: 0.4 / 0.2 = 2; stress 6 / 1.5 = 4.
    expect(realizedToImplied(r, 50_000).value).toBeCloseTo(2, 12);
    expect(realizedStressRatio(r, 50_000).value).toBeCloseTo(4, 12);
  });
  it("is missing, with why, without prints or without a bucket that qualifies", () => {
    expect(realizedToImplied(null, 1e6)).toEqual({ value: null, bucket: null, missing: "no trade prints stored in the window" });
    const thin = figures([bucket(0, "<$10k", [19, 0.4, 2], [19, 0.4, 1.5], [4, 0.6, 6], 0.2)]);
    expect(realizedToImplied(thin, 1e6).missing).toMatch(/^no size bucket up to the target with 20 sweeps/);
    expect(realizedStressRatio(thin, 1e6).missing).toMatch(/^no size bucket up to the target with 5 stress-window and 20 normal sweeps/);
    // No implied slippage (no books): the ratio cannot be read.
    expect(realizedToImplied(figures([bucket(0, "<$10k", [500, 0.4, 2], [450, 0.4, 1.5], [50, 0.6, 6], null)]), 1e6).value).toBeNull();
  });
});
