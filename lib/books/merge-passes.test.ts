import { describe, expect, it } from "vitest";
import { bucketWidth, mergeBookPasses, type BookPass } from "./merge-passes";
import type { Level } from "../metrics/types";

describe("bucketWidth", () => {
  it("is 10^(integer digits − significant figures)", () => {
    expect(bucketWidth(89947, 2)).toBe(1000);
    expect(bucketWidth(89947, 5)).toBe(1);
    expect(bucketWidth(100000, 2)).toBe(10000);
    expect(bucketWidth(99999, 5)).toBe(1);
    expect(bucketWidth(2.111, 4)).toBeCloseTo(0.001, 15);
    expect(bucketWidth(0.000012, 2)).toBeCloseTo(1e-6, 20);
  });
});

describe("mergeBookPasses (hand-worked, 4 levels a page)", () => {
  const exact: BookPass = {
    sigFigs: null,
    bids: [[90000, 1], [89999, 1], [89998, 1], [89997, 1]],
    asks: [[90001, 1], [90002, 1], [90003, 1], [90004, 1]],
  };
  // 4 figures: $10 buckets. 2 figures: $1,000 buckets.
  const four: BookPass = { sigFigs: 4, bids: [[90000, 4], [89990, 2], [89980, 3], [89970, 5]], asks: [[90010, 2], [90020, 3], [90030, 1], [90040, 1]] };
  const two: BookPass = { sigFigs: 2, bids: [[90000, 20], [89000, 40], [88000, 7]], asks: [[91000, 10], [92000, 6]] };

  it("appends only buckets wholly beyond what is counted, at the bucket's far edge", () => {
    const m = mergeBookPasses(exact, [four, two], 4);
    // Bids: exact edge 89997. 90000 and 89990 buckets may reach 90010 / 90000 (> 89997): skipped.
    // 89980 reaches at most 89990 ≤ 89997: kept at 89970; 89970 kept at 89960; edge 89960.
    // $1,000 buckets: 90000 and 89000 may reach 91000 / 90000 (> 89960): skipped (their size is left out);
    // 88000 reaches at most 89000: kept at 87000. Three buckets < a page of 4: the side is whole.
    expect(m.bids).toEqual([[90000, 1], [89999, 1], [89998, 1], [89997, 1], [89970, 3], [89960, 5], [87000, 7]]);
    // Asks: exact edge 90004. 90010 may reach down to 90000 (< 90004): skipped; 90020, 90030, 90040 kept at
    // 90030, 90040, 90050; edge 90050. 91000 may reach 90000: skipped; 92000 (from 91000) kept at 93000.
    expect(m.asks).toEqual([[90001, 1], [90002, 1], [90003, 1], [90004, 1], [90030, 3], [90040, 1], [90050, 1], [93000, 6]]);
    expect(m).toMatchObject({ aggregated: true, exactLevels: 4, truncated: false });
    // Visible bid size: 4 exact + 3 + 5 + 7 = 19 of the 4 + 2 + 3 + 5 + 20 + 40 + 7 the passes show at all.
    expect(m.bids.reduce((s, l) => s + l[1], 0)).toBe(19);
  });

  it("stays cut when the coarsest pass used still fills its page", () => {
    const m = mergeBookPasses(exact, [four], 4);
    expect(m.truncated).toBe(true);
    expect(m.bids.at(-1)).toEqual([89960, 5]);
  });

  it("leaves a side the exact pass shows whole, and labels nothing when no bucket is added", () => {
    const whole: BookPass = { sigFigs: null, bids: exact.bids.slice(0, 3), asks: exact.asks.slice(0, 3) };
    const m = mergeBookPasses(whole, [four, two], 4);
    expect(m.bids).toEqual(whole.bids);
    expect(m.asks).toEqual(whole.asks);
    expect(m).toMatchObject({ aggregated: false, truncated: false });
  });

  it("keeps every side strictly worsening and never prices a bucket better than its far edge", () => {
    const m = mergeBookPasses(exact, [four, two], 4);
    const worsening = (side: Level[], dir: number) => side.every((l, i) => i === 0 || dir * (l[0] - side[i - 1][0]) > 0);
    expect(worsening(m.bids, -1)).toBe(true);
    expect(worsening(m.asks, 1)).toBe(true);
  });
});
