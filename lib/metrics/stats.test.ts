import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { finitePrefix, mean, median, percentile, percentileOfSorted, percentilesInPlace, stdev, shareOrNull } from "./stats";

describe("percentile (numpy linear)", () => {
  it("interpolates between closest ranks", () => {
    // [1, 2, 3, 4]: h = (n − 1) p / 100. p50: h = 1.5 → 2 + 0.5 × 1 = 2.5. p90: h = 2.7 → 3 + 0.7 = 3.7.
    expect(percentile([4, 1, 3, 2], 50)).toBeCloseTo(2.5, 12);
    expect(percentile([4, 1, 3, 2], 90)).toBeCloseTo(3.7, 12);
    // [15, 20, 35, 40, 50], p40: h = 4 × 0.4 = 1.6 → 20 + 0.6 × (35 − 20) = 29 (numpy.percentile gives 29).
    expect(percentile([15, 20, 35, 40, 50], 40)).toBeCloseTo(29, 12);
    // p0 / p100 are min / max; a single value is every percentile.
    expect(percentile([15, 20, 35, 40, 50], 0)).toBe(15);
    expect(percentile([15, 20, 35, 40, 50], 100)).toBe(50);
    expect(percentile([7], 95)).toBe(7);
  });

  it("skips missing values and returns null for none", () => {
    // [null, 10, NaN, 20] → [10, 20], p50 = 15.
    expect(percentile([null, 10, NaN, 20], 50)).toBe(15);
    expect(percentile([], 50)).toBeNull();
    expect(median([null])).toBeNull();
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });

  it("reads a sorted sub-range", () => {
    // sorted[1..4) = [2, 3, 4]; p50 = 3.
    expect(percentileOfSorted(Float64Array.of(1, 2, 3, 4, 5), 50, 1, 4)).toBe(3);
  });
});

describe("mean and stdev", () => {
  it("uses the sample (n − 1) standard deviation", () => {
    // [2,4,4,4,5,5,7,9]: mean 40/8 = 5; Σ(x − 5)² = 9+1+1+1+0+0+4+16 = 32; var = 32/7; sd = √4.5714 = 2.13809.
    expect(mean([2, 4, 4, 4, 5, 5, 7, 9])).toBe(5);
    expect(stdev([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(stdev([3])).toBeNull();
    expect(mean([])).toBeNull();
    expect(shareOrNull(1, 0)).toBeNull();
  });
});

describe("percentilesInPlace (quickselect)", () => {
  const sortedPercentiles = (values: number[], ps: number[]) => {
    const sorted = Float64Array.from(values).sort();
    return ps.map((p) => percentileOfSorted(sorted, p));
  };

  it("equals the sorted-array percentile on hand-checked values", () => {
    // sorted: 1 2 3 4 10 → p50 = 3, p90 at h = 3.6: 4 + 0.6 × 6 = 7.6, p0 = 1, p100 = 10
    const [p50, p90, p0, p100] = percentilesInPlace(Float64Array.from([10, 3, 1, 4, 2]), [50, 90, 0, 100]);
    expect([p50, p0, p100]).toEqual([3, 1, 10]);
    expect(p90).toBeCloseTo(7.6, 12);
    expect(percentilesInPlace(new Float64Array(0), [50])).toEqual([null]);
    expect(() => percentilesInPlace(Float64Array.from([1]), [101])).toThrow(RangeError);
  });

  it("ranks NaN last, as a typed-array sort does", () => {
    // sorted: 1 2 NaN NaN → p0 = 1, p33⅓ = 2, p50 interpolates into NaN, p100 = NaN
    const got = percentilesInPlace(Float64Array.from([NaN, 2, NaN, 1]), [0, 100 / 3, 50, 100]);
    expect(got[0]).toBe(1);
    expect(got[1]).toBeCloseTo(2, 12);
    expect(got[2]).toBeNaN();
    expect(got[3]).toBeNaN();
  });

  it("equals the sorted-array percentile for random inputs with ties, infinities and NaN", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ noNaN: false }), fc.constantFrom(Infinity, -Infinity, 0, -0)), { maxLength: 300 }),
        fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1, maxLength: 6 }),
        (values, ps) => {
          const want = sortedPercentiles(values, ps);
          const got = percentilesInPlace(Float64Array.from(values), ps);
          for (let i = 0; i < ps.length; i++) {
            const w = want[i];
            const g = got[i];
            if (w === null || g === null) expect(g).toBe(w);
            else if (Number.isNaN(w)) expect(g).toBeNaN();
            // (−0 and 0 rank apart in a sort and equal in a selection: numerically the same value)
            else expect(g === w || (g === 0 && w === 0)).toBe(true);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("finitePrefix", () => {
  it("keeps the finite values of the first n, in order", () => {
    expect(Array.from(finitePrefix(Float64Array.from([1, NaN, 3, Infinity, 5]), 4))).toEqual([1, 3]);
    expect(finitePrefix(new Float64Array(3), 0).length).toBe(0);
  });
});
