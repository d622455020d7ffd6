// Rank ranges (rankStability) against hand-worked re-rankings under scoring 2.0: each weight moved by +p and
// −p (clamped at 0), one item at a time, plus the base ranking; a scenario in which a venue falls below the
// execution-coverage gate gives it no rank there (it neither widens nor narrows its range). The property
// `minRank ≤ rank ≤ maxRank` holds by construction, so these cases pin the scenarios themselves (#23 point 4).
import { describe, expect, it } from "vitest";
import { DEFAULT_WEIGHTS, ITEM_IDS, type Weights } from "./items";
import { scoreItems, scoreVenue, type VenueScoreInput } from "./score-venue";
import { rankStability } from "./rank-venues";

interface Figures {
  depth: [p50SlippageBps: number, beyondDepthShare: number, capacityToTarget: number, realizedToImplied: number];
  stress: [p95Ratio: number, beyondDepthShareInStress: number, realizedStressRatio: number] | null;
  fees: [allInCostBps: number, changesInStress: number];
}
const venue = (name: string, f: Figures): VenueScoreInput => ({
  venue: name,
  targetNotionalUsd: 1_000_000,
  facts: [],
  depth: { p50SlippageBps: f.depth[0], beyondDepthShare: f.depth[1], medianCapacityUsd: f.depth[2] * 1_000_000, realizedToImplied: f.depth[3] },
  stress: f.stress ? { p95Ratio: f.stress[0], beyondDepthShareInStress: f.stress[1], realizedStressRatio: f.stress[2] } : null,
  fees: { allInCostBps: f.fees[0], changesInStress: f.fees[1] },
});

// Item scores (every figure sits on a scale breakpoint; no sample counts, so adequacy 1):
//   A deep but fragile:  depth (1 bp → 100, 0 → 100, 10× → 100) = 100; stress (10× → 0, 0.5 → 0) = 0;
//                        fees (10 bps → 50, 0 changes → 100) = 75
//   B robust, shallow:   depth (15 bps → 50, 0.05 → 40, 1× → 60) = 50; stress (1× → 100, 0 → 100) = 100;
//                        fees (25 bps → 10, 1 change → 50) = 30
//   C in between:        depth (1 bp → 100, 0.01 → 80, 1× → 60) = 80; stress (1.5× → 80, 0 → 100) = 90;
//                        fees (25 bps → 10, 1 change → 50) = 30
//   D no stress data:    depth (1 bp → 100, 0 → 100, 10× → 100) = 100; stress none; fees (5 bps → 80, 0 → 100) = 90
// Each venue's realized figures score what its book figures average, so the items keep these scores with the realized
// sub-metrics in (scoring 2.1): realized/implied 1 → 100, 2.1 → 50, 4/3 → 80; realized stress ratio 10 → 0, 1 → 100, 1.25 → 90.
// Funding, liquidation, resiliency and transparency have no data for any venue: they count 0 at their weight,
// so moving one of them scales every total by the same factor and ranks nothing differently. Within one
// scenario every venue shares Σw, so the ranking follows N = w_depth·D + w_stress·S + w_fees·F.
const A = venue("A", { depth: [1, 0, 10, 1], stress: [10, 0.5, 10], fees: [10, 0] });
const B = venue("B", { depth: [15, 0.05, 1, 2.1], stress: [1, 0, 1], fees: [25, 1] });
const C = venue("C", { depth: [1, 0.01, 1, 4 / 3], stress: [1.5, 0, 1.25], fees: [25, 1] });
const D = venue("D", { depth: [1, 0, 10, 1], stress: null, fees: [5, 0] });

const weights = (depth: number, stress: number, fees: number): Weights => ({ ...DEFAULT_WEIGHTS, depth, stress, fees });
const ranges = (inputs: VenueScoreInput[], w: Weights, p?: number) =>
  Object.fromEntries(rankStability(inputs, w, p).map((s) => [s.venue, [s.baseRank, s.minRank, s.maxRank]]));

describe("rankStability against hand-worked perturbations (scoring 2.1)", () => {
  it("the hand-work below rests on these item scores", () => {
    const items = (v: VenueScoreInput) => Object.fromEntries(scoreItems(v).map((i) => [i.id, i.score]));
    expect(items(A)).toMatchObject({ depth: 100, stress: 0, fees: 75 });
    expect(items(B)).toMatchObject({ depth: 50, stress: 100, fees: 30 });
    expect(items(C)).toMatchObject({ depth: 80, stress: 90, fees: 30 });
    expect(items(D)).toMatchObject({ depth: 100, stress: null, fees: 90 });
    for (const v of [A, B, C, D]) for (const id of ITEM_IDS.filter((i) => !["depth", "stress", "fees"].includes(i))) expect(items(v)[id]).toBeNull();
    // Base totals at the default weights (Σw = 100): A 36.25, B 32, C 38.
    expect(scoreVenue(A).total).toBeCloseTo(36.25, 9);
    expect(scoreVenue(C).total).toBeCloseTo(38, 9);
  });

  it("default weights (25/15/15), ±5: A ranges 1–3, B 2–3, C 1–2", () => {
    //                     N_A = 25·100+15·0+15·75      N_B = 25·50+15·100+15·30   N_C = 25·80+15·90+15·30
    // base (25,15,15):    A 3625                        B 3200                      C 3800   → C 1, A 2, B 3
    // depth +5 (30):      A 3000 + 1125 = 4125          B 1500+1500+450 = 3450      C 2400+1350+450 = 4200 → C, A, B
    // depth −5 (20):      A 2000 + 1125 = 3125          B 1000+1500+450 = 2950      C 1600+1350+450 = 3400 → C, A, B
    // stress +5 (20):     A 3625                        B 1250+2000+450 = 3700      C 2000+1800+450 = 4250 → C, B, A
    // stress −5 (10):     A 3625                        B 1250+1000+450 = 2700      C 2000+900+450 = 3350  → A, C, B
    // fees +5 (20):       A 2500 + 1500 = 4000          B 1250+1500+600 = 3350      C 2000+1350+600 = 3950 → A, C, B
    // fees −5 (10):       A 2500 + 750 = 3250           B 1250+1500+300 = 3050      C 2000+1350+300 = 3650 → C, A, B
    // A: {2; 2, 2, 3, 1, 1, 2} → 1–3 (rank 3 only through stress +5, rank 1 only through −5/+5 moves of stress/fees)
    // B: {3; 3, 3, 2, 3, 3, 3} → 2–3;  C: {1; 1, 1, 1, 2, 2, 1} → 1–2.
    expect(ranges([A, B, C], weights(25, 15, 15))).toEqual({ A: [2, 1, 3], B: [3, 2, 3], C: [1, 1, 2] });
    // ±1 moves none of them: the closest flip (A over C via stress −) needs 3625 > 2000 + 90·s + 450 ⇔ s < 13.06.
    expect(ranges([A, B, C], weights(25, 15, 15), 1)).toEqual({ A: [2, 2, 2], B: [3, 3, 3], C: [1, 1, 1] });
  });

  it("depth 15, stress 15, fees 15, ±5: a venue below the coverage gate in a scenario has no rank there", () => {
    // D's execution coverage = w_depth·1 / (w_depth + w_stress): base 15/30 = 0.5 (scored, the gate is ≥ 0.5);
    // depth +5 → 20/35 = 0.571, stress −5 → 15/25 = 0.6 (scored); depth −5 → 10/25 = 0.4 and stress +5 →
    // 15/35 = 0.429 (insufficient data: D unranked, the others move up). A, B, C have full coverage throughout.
    //                   A                 B                      C                      D (15·100 + 15·F=90)
    // base (15,15,15):  1500+1125 = 2625  750+1500+450 = 2700    1200+1350+450 = 3000   1500+1350 = 2850 → C, D, B, A
    // depth +5 (20):    2000+1125 = 3125  1000+1500+450 = 2950   1600+1350+450 = 3400   2000+1350 = 3350 → C, D, A, B
    // depth −5 (10):    1000+1125 = 2125  500+1500+450 = 2450    800+1350+450 = 2600    —                → C, B, A
    // stress +5 (20):   2625              750+2000+450 = 3200    1200+1800+450 = 3450   —                → C, B, A
    // stress −5 (10):   2625              750+1000+450 = 2200    1200+900+450 = 2550    2850             → D, A, C, B
    // fees +5 (20):     1500+1500 = 3000  750+1500+600 = 2850    1200+1350+600 = 3150   1500+1800 = 3300 → D, C, A, B
    // fees −5 (10):     1500+750 = 2250   750+1500+300 = 2550    1200+1350+300 = 2850   1500+900 = 2400  → C, B, D, A
    // A: {4; 3, 3, 3, 2, 3, 4} → 2–4;  B: {3; 4, 2, 2, 4, 4, 2} → 2–4;  C: {1; 1, 1, 1, 3, 2, 1} → 1–3;
    // D: {2; 2, —, —, 1, 1, 3} → 1–3.
    expect(scoreVenue(D, weights(15, 15, 15)).status).toBe("scored");
    expect(scoreVenue(D, weights(10, 15, 15)).status).toBe("insufficient-data");
    expect(ranges([A, B, C, D], weights(15, 15, 15))).toEqual({ A: [4, 2, 4], B: [3, 2, 4], C: [1, 1, 3], D: [2, 1, 3] });
  });

  it("a move larger than a weight clamps it at 0 (±25 on 15/15/15)", () => {
    // base (15,15,15):  A 2625, B 2700, C 3000 → C, B, A
    // depth +25 (40):   A 4000+1125 = 5125   B 2000+1500+450 = 3950   C 3200+1350+450 = 5000 → A, C, B
    // depth → 0:        A 0+0+1125 = 1125    B 0+1500+450 = 1950      C 0+1350+450 = 1800    → B, C, A
    //                   (execution coverage = stress share alone = 1 for all three: still scored)
    // stress +25 (40):  A 2625               B 750+4000+450 = 5200    C 1200+3600+450 = 5250 → C, B, A
    // stress → 0:       A 2625               B 750+0+450 = 1200       C 1200+0+450 = 1650    → A, C, B
    // fees +25 (40):    A 1500+3000 = 4500   B 750+1500+1200 = 3450   C 1200+1350+1200 = 3750 → A, C, B
    // fees → 0:         A 1500               B 2250                   C 2550                 → C, B, A
    // A: {3; 1, 3, 3, 1, 1, 3} → 1–3;  B: {2; 3, 1, 2, 3, 3, 2} → 1–3;  C: {1; 2, 2, 1, 2, 2, 1} → 1–2.
    // Reflecting instead of clamping (15 − 25 → 10) would give depth 10: A 2125, B 2450, C 2600 → C, B, A, and
    // B would never reach rank 1 (range 2–3).
    expect(ranges([A, B, C], weights(15, 15, 15), 25)).toEqual({ A: [3, 1, 3], B: [2, 1, 3], C: [1, 1, 2] });
  });
});
