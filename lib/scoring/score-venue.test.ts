import { describe, it, expect } from "vitest";
import { FACT_KEYS, DEFAULT_WEIGHTS } from "./items";
import { rankStability, rankVenues, scoreVenue, type VenueScoreInput } from "./score-venue";

const base = (venue: string): VenueScoreInput => ({ venue, targetNotionalUsd: 1_000_000, facts: [] });

describe("scoreVenue", () => {
  it("scores items from sub-metrics and drops items without data", () => {
    // depth: p50 5 bps → 80; beyond share 0.01 → 80; capacity 2 M / 1 M target = 2 → 60 + (2 − 1)/(3 − 1) × 25 = 72.5.
    //        item = (80 + 80 + 72.5) / 3 = 77.5, coverage 3/3.
    // transparency: on chain yes → 100, liquidation history no → 0, downloads unknown → none; item 50, coverage 2/3.
    // Every other item has no data → dropped: 15 + 15 + 15 + 15 + 10 = 70.
    // total = (25 × 77.5 + 5 × 50) / (25 + 5) = 2187.5 / 30 = 72.9167.
    // confidence = Σ w × coverage / Σ w = (25 × 1 + 5 × 2/3) / 100 = 28.333 / 100 = 0.28333.
    const input: VenueScoreInput = {
      ...base("alpha"),
      depth: { p50SlippageBps: 5, beyondDepthShare: 0.01, medianCapacityUsd: 2_000_000, source: "test books" },
      funding: { coverage: null, annualizedStdev: null },
      facts: [
        { key: FACT_KEYS.transparencySettlementOnChain, status: "known", value: "yes", source: "https://example.org/docs" },
        { key: FACT_KEYS.transparencyPublicLiquidationHistory, status: "known", value: false },
        { key: FACT_KEYS.transparencyHistoricalDataDownloads, status: "unknown", value: null },
      ],
    };
    const s = scoreVenue(input, DEFAULT_WEIGHTS);
    const depth = s.items.find((i) => i.id === "depth")!;
    expect(depth.score).toBeCloseTo(77.5, 12);
    expect(depth.coverage).toBe(1);
    expect(depth.evidence).toContainEqual({ label: "Median capacity at 10 bps / target", value: 2, unit: "ratio", source: "test books" });
    expect(depth.evidence).toContainEqual({ label: "Median capacity at 10 bps / target: target notional", value: 1_000_000, unit: "USD", source: "input" });
    const transparency = s.items.find((i) => i.id === "transparency")!;
    expect(transparency.score).toBe(50);
    expect(transparency.coverage).toBeCloseTo(2 / 3, 12);
    expect(transparency.evidence[0]).toEqual({ label: "Settlement on chain", value: "yes", unit: "fact", source: "https://example.org/docs" });
    const funding = s.items.find((i) => i.id === "funding")!;
    expect(funding).toMatchObject({ status: "no-data", score: null, coverage: 0 });
    expect(s.droppedItems).toEqual(["stress", "funding", "liquidation", "fees", "resiliency"]);
    expect(s.droppedWeight).toBe(70);
    expect(s.total).toBeCloseTo(2187.5 / 30, 9);
    expect(s.confidence).toBeCloseTo(28.333333333 / 100, 9);
  });

  it("reads count facts and partial answers", () => {
    // resiliency: availability 0.97 → 50; incidents "3" → 70 + (3 − 2)/(5 − 2) × (30 − 70) = 56.667;
    // gap missing → item = (50 + 56.667) / 2 = 53.333, coverage 2/3.
    // liquidation: ADL "partial" → 50 only → item 50, coverage 1/5.
    const s = scoreVenue({
      ...base("beta"),
      resiliency: { availability: 0.97, longestGapHours: null },
      facts: [
        { key: FACT_KEYS.resiliencyIncidents12m, status: "known", value: "3" },
        { key: FACT_KEYS.liquidationAdlRankingPublished, status: "known", value: "partial" },
      ],
    });
    const r = s.items.find((i) => i.id === "resiliency")!;
    expect(r.score).toBeCloseTo((50 + 170 / 3) / 2, 9);
    expect(r.coverage).toBeCloseTo(2 / 3, 12);
    expect(s.items.find((i) => i.id === "liquidation")).toMatchObject({ score: 50, coverage: 0.2 });
  });

  it("has no total and zero confidence without any data", () => {
    const s = scoreVenue(base("empty"));
    expect(s.total).toBeNull();
    expect(s.confidence).toBe(0);
    expect(s.droppedWeight).toBe(100);
  });

  it("rejects negative weights", () => {
    expect(() => scoreVenue(base("x"), { depth: -1 })).toThrow(RangeError);
  });
});

// A: depth 100 (p50 1 bp, no beyond, capacity 10× target), fees 50 (all-in 50 bps → 0, no changes in stress → 100).
// B: depth 0 (p50 100 bps, beyond 0.2, capacity 0), fees 100 (all-in 2 bps, no changes).
const venueA: VenueScoreInput = {
  ...base("A"),
  depth: { p50SlippageBps: 1, beyondDepthShare: 0, medianCapacityUsd: 10_000_000 },
  fees: { allInCostBps: 50, changesInStress: 0 },
};
const venueB: VenueScoreInput = {
  ...base("B"),
  depth: { p50SlippageBps: 100, beyondDepthShare: 0.2, medianCapacityUsd: 0 },
  fees: { allInCostBps: 2, changesInStress: 0 },
};

describe("ranking", () => {
  it("changes with the weights", () => {
    // Default (depth 25, fees 15): A = (25 × 100 + 15 × 50) / 40 = 81.25; B = (25 × 0 + 15 × 100) / 40 = 37.5 → A first.
    const def = rankVenues([scoreVenue(venueA), scoreVenue(venueB)]);
    expect(def.map((r) => [r.venue, r.rank])).toEqual([["A", 1], ["B", 2]]);
    expect(def[0].total).toBeCloseTo(81.25, 12);
    expect(def[1].total).toBeCloseTo(37.5, 12);
    // depth 5, fees 50: A = (500 + 2500) / 55 = 54.545; B = (0 + 5000) / 55 = 90.909 → B first.
    const w = { ...DEFAULT_WEIGHTS, depth: 5, fees: 50 };
    const alt = rankVenues([scoreVenue(venueA, w), scoreVenue(venueB, w)]);
    expect(alt.map((r) => [r.venue, r.rank])).toEqual([["B", 1], ["A", 2]]);
    expect(alt[0].total).toBeCloseTo(5000 / 55, 9);
  });

  it("shares ranks on ties and leaves venues without a total unranked", () => {
    const r = rankVenues([
      { venue: "c", total: 40 },
      { venue: "b", total: 50 },
      { venue: "n", total: null },
      { venue: "a", total: 50 },
    ]);
    expect(r.map((x) => [x.venue, x.rank])).toEqual([["a", 1], ["b", 1], ["c", 3], ["n", null]]);
  });
});

describe("rankStability", () => {
  it("reports min and max rank under ±5 point weight changes", () => {
    // X: depth p50 1 bp → 100; fees all-in 10 bps → 50. Y: depth p50 9 bps → 80 − (9 − 5) × 3 = 68; fees 2 bps → 100.
    // Z: depth p50 100 bps → 0; fees 50 bps → 0 (always last).
    // Base (25, 15): X = (2500 + 750)/40 = 81.25; Y = (1700 + 1500)/40 = 80 → X 1, Y 2.
    // depth − 5 (20, 15): X = (2000 + 750)/35 = 78.57; Y = (1360 + 1500)/35 = 81.71 → Y 1, X 2.
    // fees + 5 (25, 20): X = (2500 + 1000)/45 = 77.78; Y = (1700 + 2000)/45 = 82.22 → Y 1, X 2.
    // Items without data (stress, funding, …) change nothing. So X and Y range over ranks 1–2, Z stays 3.
    const X: VenueScoreInput = { ...base("X"), depth: { p50SlippageBps: 1, beyondDepthShare: null, medianCapacityUsd: null }, fees: { allInCostBps: 10, changesInStress: null } };
    const Y: VenueScoreInput = { ...base("Y"), depth: { p50SlippageBps: 9, beyondDepthShare: null, medianCapacityUsd: null }, fees: { allInCostBps: 2, changesInStress: null } };
    const Z: VenueScoreInput = { ...base("Z"), depth: { p50SlippageBps: 100, beyondDepthShare: null, medianCapacityUsd: null }, fees: { allInCostBps: 50, changesInStress: null } };
    const st = rankStability([X, Y, Z]);
    expect(st).toEqual([
      { venue: "X", baseRank: 1, minRank: 1, maxRank: 2 },
      { venue: "Y", baseRank: 2, minRank: 1, maxRank: 2 },
      { venue: "Z", baseRank: 3, minRank: 3, maxRank: 3 },
    ]);
    // With ±1 point nothing flips: depth − 1 (24, 15): X = (2400 + 750)/39 = 80.77, Y = (1632 + 1500)/39 = 80.31.
    // fees + 1 (25, 16): X = (2500 + 800)/41 = 80.49, Y = (1700 + 1600)/41 = 80.49 — a tie, both rank 1.
    const narrow = rankStability([X, Y, Z], DEFAULT_WEIGHTS, 1);
    expect(narrow.find((s) => s.venue === "Y")).toEqual({ venue: "Y", baseRank: 2, minRank: 1, maxRank: 2 });
    expect(narrow.find((s) => s.venue === "X")).toEqual({ venue: "X", baseRank: 1, minRank: 1, maxRank: 1 });
  });
});

describe("low-confidence venues rank after well-covered ones", () => {
  it("a venue scored on facts alone (confidence 0.05) ranks below a measured one with a lower total", async () => {
    const { rankVenues, MIN_RANKED_CONFIDENCE } = await import("./score-venue");
    expect(MIN_RANKED_CONFIDENCE).toBe(0.5);
    const ranked = rankVenues([
      { venue: "facts-only", total: 97, confidence: 0.05 },
      { venue: "measured", total: 71, confidence: 0.8 },
      { venue: "measured-2", total: 71, confidence: 0.9 },
      { venue: "thin", total: 40, confidence: 0.3 },
    ]);
    // Tier 1 (confidence >= 0.5): measured 71, measured-2 71 (tie, rank 1, 1); tier 2: facts-only 97 -> 3, thin 40 -> 4.
    expect(ranked.map((r) => [r.venue, r.rank, r.lowConfidence])).toEqual([
      ["measured", 1, false],
      ["measured-2", 1, false],
      ["facts-only", 3, true],
      ["thin", 4, true],
    ]);
  });
});

describe("sample adequacy", () => {
  it("scales an item's coverage by n / minimum and so lowers confidence, not the score", () => {
    // One book snapshot: depth scores as before (p50 5 bps → 80, beyond 0.01 → 80, capacity ratio 2 → 72.5),
    // but coverage = 3/3 × min(1, 1 / 288) = 0.003472; confidence = 25 × 0.003472 / 100 = 0.000868.
    const one: VenueScoreInput = { ...base("one"), depth: { p50SlippageBps: 5, beyondDepthShare: 0.01, medianCapacityUsd: 2_000_000, sampleCount: 1 } };
    const s1 = scoreVenue(one);
    const d1 = s1.items.find((i) => i.id === "depth")!;
    expect(d1.score).toBeCloseTo(77.5, 12);
    expect(d1.coverage).toBeCloseTo(1 / 288, 12);
    expect(d1.evidence).toContainEqual({ label: "Sample size (full coverage from 288)", value: 1, unit: "observations", source: "computed" });
    expect(s1.confidence).toBeCloseTo((25 / 288) / 100, 12);
    // 2 880 snapshots: full coverage, confidence 25 / 100.
    const many = scoreVenue({ ...one, depth: { ...one.depth!, sampleCount: 2880 } });
    expect(many.items.find((i) => i.id === "depth")!.coverage).toBe(1);
    expect(many.confidence).toBeCloseTo(0.25, 12);
  });
});

describe("capabilities the venue does not publish", () => {
  it("say 'not published by venue' instead of 'no data', and still drop out of the total", () => {
    // Liquidations are not published (Binance REST): the cascade sub-metric is missing for that reason;
    // insurance is not published either. The item has no figure, so it drops out with its weight 15.
    const s = scoreVenue({ ...base("b"), liquidation: null, unpublished: ["liquidations", "insurance"] });
    const liq = s.items.find((i) => i.id === "liquidation")!;
    expect(liq.subScores.find((x) => x.id === "largestCascadeToOi")!.missing).toBe("not published by venue");
    expect(liq.subScores.find((x) => x.id === "insuranceToOi")!.missing).toBe("not published by venue");
    const funding = s.items.find((i) => i.id === "funding")!;
    expect(funding.subScores.find((x) => x.id === "coverage")!.missing).toBe("no data");
    expect(s.droppedItems).toContain("liquidation");
  });
});
