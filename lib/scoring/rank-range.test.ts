// Rank ranges (rankStability) checked against hand-worked re-rankings: each weight moved by +p and −p (clamped
// at 0), one item at a time, and the base ranking. The `minRank ≤ rank ≤ maxRank` property alone holds by
// construction; these cases pin which scenarios are run.
import { describe, expect, it } from "vitest";
import { DEFAULT_WEIGHTS, ITEM_IDS, type Weights } from "./items";
import { rankStability, scoreItems, type VenueScoreInput } from "./score-venue";

const venue = (name: string, p50SlippageBps: number, allInCostBps: number): VenueScoreInput => ({
  venue: name,
  targetNotionalUsd: 1_000_000,
  facts: [],
  depth: { p50SlippageBps, beyondDepthShare: null, medianCapacityUsd: null },
  fees: { allInCostBps, changesInStress: null },
});

// Item scores (depth = p50-slippage sub-score, fees = all-in-cost sub-score; every other item has no data):
//   A: depth 100 (1 bp), fees 0 (50 bps)   B: depth 0 (100 bps), fees 100 (2 bps)   C: depth 68 (9 bps), fees 50 (10 bps)
// With depth weight d and fees weight f: total = (d·D + f·F) / (d + f).
const A = venue("A", 1, 50);
const B = venue("B", 100, 2);
const C = venue("C", 9, 10);

/** Default weights with depth and fees set; the other items have no data, so moving them changes nothing. */
const weights = (depth: number, fees: number): Weights => ({ ...DEFAULT_WEIGHTS, depth, fees });
const ranges = (w: Weights, p?: number) =>
  Object.fromEntries(rankStability([A, B, C], w, p).map((s) => [s.venue, [s.baseRank, s.minRank, s.maxRank]]));

describe("rankStability against hand-worked perturbations", () => {
  it("the hand-work below rests on these item scores", () => {
    const item = (v: VenueScoreInput, id: string) => scoreItems(v).find((i) => i.id === id)!.score;
    expect([item(A, "depth"), item(A, "fees")]).toEqual([100, 0]);
    expect([item(B, "depth"), item(B, "fees")]).toEqual([0, 100]);
    expect([item(C, "depth"), item(C, "fees")]).toEqual([68, 50]);
    for (const id of ITEM_IDS.filter((i) => i !== "depth" && i !== "fees")) expect(item(A, id)).toBeNull();
  });

  it("depth 10, fees 8, ±5: A and B range over 1–3, C over 1–2; B reaches rank 1 only through a −5 move", () => {
    // base (10, 8):  A 1000/18 = 55.56, B 800/18 = 44.44, C (680 + 400)/18 = 60.00 → C 1, A 2, B 3
    // depth +5 (15, 8):  A 1500/23 = 65.22, B 800/23 = 34.78, C (1020 + 400)/23 = 61.74 → A 1, C 2, B 3
    // depth −5 (5, 8):   A 500/13 = 38.46,  B 800/13 = 61.54, C (340 + 400)/13 = 56.92  → B 1, C 2, A 3
    // fees +5 (10, 13):  A 1000/23 = 43.48, B 1300/23 = 56.52, C (680 + 650)/23 = 57.83 → C 1, B 2, A 3
    // fees −5 (10, 3):   A 1000/13 = 76.92, B 300/13 = 23.08, C (680 + 150)/13 = 63.85  → A 1, C 2, B 3
    // A: {2, 1, 3, 3, 1} → 1–3; B: {3, 3, 1, 2, 3} → 1–3; C: {1, 2, 2, 1, 2} → 1–2.
    expect(ranges(weights(10, 8))).toEqual({ A: [2, 1, 3], B: [3, 1, 3], C: [1, 1, 2] });
  });

  it("depth 10, fees 3, ±5: fees −5 clamps at 0; only fees +5 moves anything", () => {
    // base (10, 3):      A 76.92, B 23.08, C 63.85 → A 1, C 2, B 3
    // depth +5 (15, 3):  A 83.33, B 16.67, C (1020 + 150)/18 = 65.00 → A 1, C 2, B 3
    // depth −5 (5, 3):   A 62.50, B 37.50, C (340 + 150)/8 = 61.25   → A 1, C 2, B 3
    // fees +5 (10, 8):   A 55.56, B 44.44, C 60.00 → C 1, A 2, B 3
    // fees −5 → (10, 0): A 100, B 0, C 68 → A 1, C 2, B 3
    expect(ranges(weights(10, 3))).toEqual({ A: [1, 1, 2], B: [3, 3, 3], C: [2, 1, 2] });
  });

  it("depth 10, fees 12: ±1 flips nothing; ±2 flips B and C and ties A with B", () => {
    // base (10, 12): A 45.45, B 54.55, C 58.18 → C 1, B 2, A 3. The nearest flip (B vs C) needs
    // 100f/(d+f) > (68d + 50f)/(d+f) ⇔ 50f > 68d ⇔ f > 13.6 (d = 10) or d < 8.82 (f = 12): ±1 reaches neither.
    expect(ranges(weights(10, 12), 1)).toEqual({ A: [3, 3, 3], B: [2, 2, 2], C: [1, 1, 1] });
    // With ±2: depth −2 (8, 12): B 1200/20 = 60.0 > C (544 + 600)/20 = 57.2 > A 40 → B 1, C 2, A 3;
    // fees +2 (10, 14): B 1400/24 = 58.33 > C (680 + 700)/24 = 57.50 > A 41.67 → B 1, C 2, A 3;
    // depth +2 (12, 12) and fees −2 (10, 10): A = B = 50 tie (shared rank 2) behind C 59 → C 1, A 2, B 2.
    // A: {3, 3, 2, 2, 3} → 2–3; B: {2, 1, 1, 2, 2} → 1–2; C: {1, 2, 2, 1, 1} → 1–2.
    expect(ranges(weights(10, 12), 2)).toEqual({ A: [3, 2, 3], B: [2, 1, 2], C: [1, 1, 2] });
  });
});
