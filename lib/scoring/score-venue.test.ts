import { describe, it, expect } from "vitest";
import { FACT_KEYS, DEFAULT_WEIGHTS } from "./items";
import { scoreVenue, type VenueScoreInput } from "./score-venue";
import { rankStability, rankVenues } from "./rank-venues";

const base = (venue: string): VenueScoreInput => ({ venue, targetNotionalUsd: 1_000_000, facts: [] });

describe("scoreVenue", () => {
  it("counts sub-metrics and items without data as 0 over the full weight", () => {
    // depth: p50 5 bps → 80; beyond share 0.01 → 80; capacity 2 M / 1 M target = 2 → 60 + (2 − 1)/(3 − 1) × 25 = 72.5.
    //        realized/implied: no trade prints → 0. item = (80 + 80 + 72.5 + 0) / 4 = 58.125 (adequacy 1: no sample count given).
    // transparency (9 facts): on chain yes → 100, liquidation history no → 0, downloads unknown and 6 facts not
    //        curated → 0 each: item = 100 / 9 = 11.111, measured (mean of the 2 with data) = 50.
    // Every other item has no data and counts 0 at its weight: total = (25 × 58.125 + 5 × 100/9) / 100 = 15.0868.
    // execution coverage over the book sub-metrics = (25 × 3/3 + 15 × 0/2) / 40 = 0.625 ≥ 0.5 → scored.
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
    expect(depth.score).toBeCloseTo(58.125, 12);
    expect(depth.coverage).toBe(0.75);
    expect(depth.evidence).toContainEqual({ label: "Median capacity at 10 bps / target", value: 2, unit: "ratio", source: "test books" });
    expect(depth.evidence).toContainEqual({ label: "Median capacity at 10 bps / target: target notional", value: 1_000_000, unit: "USD", source: "input" });
    const transparency = s.items.find((i) => i.id === "transparency")!;
    expect(transparency.subScores).toHaveLength(9);
    expect(transparency.score).toBeCloseTo(100 / 9, 12);
    expect(transparency.measuredScore).toBe(50);
    expect(transparency.coverage).toBeCloseTo(2 / 9, 12);
    expect(transparency.evidence[0]).toEqual({ label: "Settlement on chain", value: "yes", unit: "fact", source: "https://example.org/docs" });
    const funding = s.items.find((i) => i.id === "funding")!;
    expect(funding).toMatchObject({ status: "no-data", score: null, coverage: 0 });
    expect(s.droppedItems).toEqual(["stress", "funding", "liquidation", "fees", "resiliency"]);
    expect(s.droppedWeight).toBe(70);
    expect(s.status).toBe("scored");
    expect(s.executionCoverage).toBeCloseTo(0.625, 12);
    expect(s.total).toBeCloseTo((25 * 58.125 + (5 * 100) / 9) / 100, 9);
    // Contributions: a fact "yes" adds 5/100 × 100/9 = 0.556 points; p50 slippage 25/100 × 80/4 = 5; they sum to the total.
    expect(transparency.subScores.find((x) => x.id === "settlementOnChain")!.contribution).toBeCloseTo(5 / 9, 12);
    expect(depth.subScores.find((x) => x.id === "p50SlippageBps")!.contribution).toBeCloseTo(5, 12);
    const sum = s.items.flatMap((i) => i.subScores).reduce((a, x) => a + x.contribution, 0);
    expect(sum).toBeCloseTo(s.total!, 9);
    expect(s.confidence).toBeCloseTo((25 * 0.75 + 5 * (2 / 9)) / 100, 9);
  });

  it("scores facts only in Transparency: funding and liquidation read measured figures only", () => {
    // A "published: yes" fact no longer scores 100 inside Funding: funding with only a coverage of 1 → 100
    // over 4 sub-metrics = 25; the formula fact adds to Transparency (100 / 9), at weight 5.
    const s = scoreVenue({
      ...base("f"),
      funding: { coverage: 1, annualizedStdev: null },
      facts: [{ key: FACT_KEYS.fundingFormulaPublished, status: "known", value: "yes" }],
    });
    const funding = s.items.find((i) => i.id === "funding")!;
    expect(funding.subScores.map((x) => x.id)).toEqual(["coverage", "annualizedStdev", "carrySpread7d", "predictionMae"]);
    expect(funding.score).toBe(25);
    expect(s.items.find((i) => i.id === "liquidation")!.subScores.map((x) => x.id)).toEqual(["insuranceToOi", "largestCascadeToOi"]);
    expect(s.items.find((i) => i.id === "transparency")!.score).toBeCloseTo(100 / 9, 12);
  });

  it("scores realized figures in depth and stress but gates the total on book figures only", () => {
    // Book-only depth (3 of 4 sub-metrics) and stress (2 of 3): the gate reads the book sub-metrics, 3/3 and 2/2 → 1.
    const books: VenueScoreInput = {
      ...base("r"),
      depth: { p50SlippageBps: 5, beyondDepthShare: 0.01, medianCapacityUsd: 2_000_000 },
      stress: { p95Ratio: 1.5, beyondDepthShareInStress: 0 },
    };
    const a = scoreVenue(books);
    expect(a.executionCoverage).toBe(1);
    const depthA = a.items.find((i) => i.id === "depth")!;
    // (80 + 80 + 72.5 + 0) / 4 = 58.125: the missing realized figure counts 0 with its reason.
    expect(depthA.score).toBeCloseTo(58.125, 12);
    expect(depthA.subScores.find((x) => x.id === "realizedToImplied")).toMatchObject({ score: null, missing: "no data" });
    // With sweeps: realized/implied 1.2 → 100 + (1.2 − 1)/(1.5 − 1) × (70 − 100) = 88; realized stress ratio 3 → 40.
    const b = scoreVenue({ ...books, depth: { ...books.depth!, realizedToImplied: 1.2 }, stress: { ...books.stress!, realizedStressRatio: 3 } });
    expect(b.items.find((i) => i.id === "depth")!.score).toBeCloseTo((80 + 80 + 72.5 + 88) / 4, 12);
    // stress: p95 ratio 1.5 → 80, beyond share 0 → 100, realized 40: (80 + 100 + 40) / 3.
    expect(b.items.find((i) => i.id === "stress")!.score).toBeCloseTo(220 / 3, 12);
    expect(b.executionCoverage).toBe(1);
    // Realized figures alone never open the gate: no book figures, no total.
    const tradesOnly = scoreVenue({ ...base("t"), depth: { p50SlippageBps: null, beyondDepthShare: null, medianCapacityUsd: null, realizedToImplied: 1 } });
    expect(tradesOnly).toMatchObject({ status: "insufficient-data", executionCoverage: 0, total: null });
  });

  it("scores the 7-day carry spread and the prediction error, each missing with its own reason", () => {
    // coverage 0.95 → 60 + (0.95 − 0.9)/(0.99 − 0.9) × 40 = 82.222; stdev 0.2 → 70;
    // carry spread 0.5 → 70 + (0.5 − 0.25)/(0.75 − 0.25) × (30 − 70) = 50; prediction MAE 0.03 → 100 + (0.03 − 0.01)/(0.05 − 0.01) × (70 − 100) = 85.
    // item = (82.222 + 70 + 50 + 85) / 4 = 71.806 (no sample count: adequacy 1).
    const funding = { coverage: 0.95, annualizedStdev: 0.2, carrySpread7d: 0.5, predictionMae: 0.03 };
    const f = scoreVenue({ ...base("c"), funding }).items.find((i) => i.id === "funding")!;
    expect(f.subScores.map((x) => [x.id, +x.score!.toFixed(6)])).toEqual([["coverage", 82.222222], ["annualizedStdev", 70], ["carrySpread7d", 50], ["predictionMae", 85]]);
    expect(f.score).toBeCloseTo((740 / 9 + 70 + 50 + 85) / 4, 9);
    // Without a prediction: 0 points for it, the reason the figures give, and never a higher item score.
    const why = "3 predicted rates matched to a settlement (scored from 10)";
    const g = scoreVenue({ ...base("c"), funding: { ...funding, predictionMae: null, missingInputs: { predictionMae: why } } }).items.find((i) => i.id === "funding")!;
    expect(g.subScores.find((x) => x.id === "predictionMae")).toMatchObject({ score: null, missing: why });
    expect(g.score).toBeCloseTo((740 / 9 + 70 + 50) / 4, 9);
    expect(g.score!).toBeLessThan(f.score!);
  });

  it("reads count facts, the ledger's incident weight before the fact, and partial answers", () => {
    // resiliency: availability 0.97 → 50; incidents "3" → 70 + (3 − 2)/(5 − 2) × (30 − 70) = 56.667; gap missing → 0:
    // item = (50 + 56.667 + 0) / 3 = 35.556, measured (50 + 56.667) / 2 = 53.333, coverage 2/3.
    // transparency: ADL "partial" → 50 of 9 facts → 50 / 9.
    const input: VenueScoreInput = {
      ...base("beta"),
      resiliency: { availability: 0.97, longestGapHours: null },
      facts: [
        { key: FACT_KEYS.resiliencyIncidents12m, status: "known", value: "3" },
        { key: FACT_KEYS.liquidationAdlRankingPublished, status: "known", value: "partial" },
      ],
    };
    const s = scoreVenue(input);
    const r = s.items.find((i) => i.id === "resiliency")!;
    expect(r.score).toBeCloseTo((50 + 170 / 3) / 3, 9);
    expect(r.measuredScore).toBeCloseTo((50 + 170 / 3) / 2, 9);
    expect(r.coverage).toBeCloseTo(2 / 3, 12);
    expect(s.items.find((i) => i.id === "transparency")!.score).toBeCloseTo(50 / 9, 12);
    // No book: no total, with the reason.
    expect(s.status).toBe("insufficient-data");
    expect(s.total).toBeNull();
    expect(s.reason).toMatch(/^no usable order book in the window/);
    // Ledger weight 0.5 (one moderate incident) → 100 + 0.5/2 × (70 − 100) = 92.5, read instead of the fact.
    const ledger = scoreVenue({ ...input, incidentWeight12m: 0.5, incidentSource: "ledger: 1 incident" });
    const inc = ledger.items.find((i) => i.id === "resiliency")!.subScores.find((x) => x.id === "incidents12m")!;
    expect(inc).toMatchObject({ value: 0.5, score: 92.5 });
    expect(ledger.items.find((i) => i.id === "resiliency")!.evidence).toContainEqual({ label: inc.label, value: 0.5, unit: "weighted count", source: "ledger: 1 incident" });
  });

  it("has no total and zero confidence without any data", () => {
    const s = scoreVenue(base("empty"));
    expect(s.total).toBeNull();
    expect(s.status).toBe("insufficient-data");
    expect(s.executionCoverage).toBe(0);
    expect(s.confidence).toBe(0);
    expect(s.droppedWeight).toBe(100);
  });

  it("rejects negative weights", () => {
    expect(() => scoreVenue(base("x"), { depth: -1 })).toThrow(RangeError);
  });
});

// A: depth 100 (p50 1 bp, no beyond, capacity 10× target, realized = implied), fees 50 (all-in 50 bps → 0, no changes in stress → 100).
// B: depth 0 (p50 100 bps, beyond 0.2, capacity 0, realized 5× implied), fees 100 (all-in 2 bps, no changes).
const venueA: VenueScoreInput = {
  ...base("A"),
  depth: { p50SlippageBps: 1, beyondDepthShare: 0, medianCapacityUsd: 10_000_000, realizedToImplied: 1 },
  fees: { allInCostBps: 50, changesInStress: 0 },
};
const venueB: VenueScoreInput = {
  ...base("B"),
  depth: { p50SlippageBps: 100, beyondDepthShare: 0.2, medianCapacityUsd: 0, realizedToImplied: 5 },
  fees: { allInCostBps: 2, changesInStress: 0 },
};

describe("ranking", () => {
  it("changes with the weights", () => {
    // Default (Σ w = 100): A = (25 × 100 + 15 × 50) / 100 = 32.5; B = (25 × 0 + 15 × 100) / 100 = 15 → A first.
    const def = rankVenues([scoreVenue(venueA), scoreVenue(venueB)]);
    expect(def.map((r) => [r.venue, r.rank])).toEqual([["A", 1], ["B", 2]]);
    expect(def[0].total).toBeCloseTo(32.5, 12);
    expect(def[1].total).toBeCloseTo(15, 12);
    // depth 5, stress 0, fees 50 (Σ w = 100): A = (500 + 2500) / 100 = 30; B = (0 + 5000) / 100 = 50 → B first.
    const w = { ...DEFAULT_WEIGHTS, depth: 5, stress: 0, fees: 50 };
    const alt = rankVenues([scoreVenue(venueA, w), scoreVenue(venueB, w)]);
    expect(alt.map((r) => [r.venue, r.rank])).toEqual([["B", 1], ["A", 2]]);
    expect(alt[0].total).toBeCloseTo(50, 9);
  });

  it("shares ranks on ties and leaves venues without a total unranked", () => {
    const r = rankVenues([
      { venue: "c", total: 40 },
      { venue: "b", total: 50 },
      { venue: "n", total: null },
      { venue: "a", total: 50 },
    ]);
    expect(r.map((x) => [x.venue, x.rank, x.insufficient])).toEqual([["a", 1, false], ["b", 1, false], ["c", 3, false], ["n", null, true]]);
  });

  it("ranks real and simulated venues apart, real first; insufficient data after every scored venue", () => {
    const r = rankVenues([
      { venue: "sim-top", total: 99, group: "simulated" },
      { venue: "real-low", total: 10, group: "real" },
      { venue: "real-none", total: null, group: "real" },
      { venue: "real-high", total: 60 },
      { venue: "sim-low", total: 20, group: "simulated" },
    ]);
    expect(r.map((x) => [x.venue, x.group, x.rank])).toEqual([
      ["real-high", "real", 1],
      ["real-low", "real", 2],
      ["real-none", "real", null],
      ["sim-top", "simulated", 1],
      ["sim-low", "simulated", 2],
    ]);
  });

  it("a venue without a usable book never ranks above one with it, whatever its facts", () => {
    // Facts-only venue: every transparency fact yes, perfect funding and resiliency — but no depth or stress data.
    const allFacts = Object.values(FACT_KEYS).filter((k) => k !== FACT_KEYS.resiliencyIncidents12m).map((key) => ({ key, status: "known" as const, value: "yes" }));
    const factsOnly = scoreVenue({ ...base("facts-only"), funding: { coverage: 1, annualizedStdev: 0 }, resiliency: { availability: 1, longestGapHours: 0 }, facts: allFacts });
    const measured = scoreVenue({ ...base("measured"), depth: { p50SlippageBps: 30, beyondDepthShare: 0.1, medianCapacityUsd: 1e5 } });
    expect(factsOnly.total).toBeNull();
    expect(measured.total).not.toBeNull();
    expect(rankVenues([factsOnly, measured]).map((x) => [x.venue, x.rank])).toEqual([["measured", 1], ["facts-only", null]]);
  });
});

describe("rankStability", () => {
  it("reports min and max rank under ±5 point weight changes", () => {
    // X: depth (p50 1 bp → 100, beyond 0 → 100, capacity 10× → 100) = 100; fees (all-in 10 bps → 50, changes missing → 0) = 25.
    // Y: depth (p50 9 bps → 80 − 4 × 3 = 68, 100, 100) = 89.333; fees (2 bps → 100, missing → 0) = 50.
    // Z: depth (p50 100 bps → 0, beyond 0 → 100, capacity 0 → 0) = 33.333; fees (50 bps → 0) = 0.
    // Each venue's realized/implied scores its depth mean (1 → 100, 1 + 32/180 → 89.333, 2.6 → 33.333), so depth keeps it.
    // Base (Σ w = 100): X = (2500 + 375) / 100 = 28.75; Y = (2233.3 + 750) / 100 = 29.83 → Y 1, X 2, Z 3 (8.33).
    // fees − 5 (Σ w = 95): X = (2500 + 250) / 95 = 28.95; Y = (2233.3 + 500) / 95 = 28.77 → X 1, Y 2.
    // Moves of the other weights change Σ w for both alike or favour Y further. So X and Y range 1–2, Z stays 3.
    const full = { beyondDepthShare: 0, medianCapacityUsd: 10_000_000 };
    const X: VenueScoreInput = { ...base("X"), depth: { p50SlippageBps: 1, ...full, realizedToImplied: 1 }, fees: { allInCostBps: 10, changesInStress: null } };
    const Y: VenueScoreInput = { ...base("Y"), depth: { p50SlippageBps: 9, ...full, realizedToImplied: 1 + 32 / 180 }, fees: { allInCostBps: 2, changesInStress: null } };
    const Z: VenueScoreInput = { ...base("Z"), depth: { p50SlippageBps: 100, beyondDepthShare: 0, medianCapacityUsd: 0, realizedToImplied: 2.6 }, fees: { allInCostBps: 50, changesInStress: null } };
    expect(scoreVenue(X).total).toBeCloseTo(28.75, 9);
    expect(scoreVenue(Y).total).toBeCloseTo((25 * 268) / 3 / 100 + 7.5, 9);
    const st = rankStability([X, Y, Z]);
    expect(st).toEqual([
      { venue: "X", baseRank: 2, minRank: 1, maxRank: 2 },
      { venue: "Y", baseRank: 1, minRank: 1, maxRank: 2 },
      { venue: "Z", baseRank: 3, minRank: 3, maxRank: 3 },
    ]);
    // With ±1 point nothing flips: fees − 1 (Σ w = 99): X = (2500 + 350) / 99 = 28.79, Y = (2233.3 + 700) / 99 = 29.63.
    const narrow = rankStability([X, Y, Z], DEFAULT_WEIGHTS, 1);
    expect(narrow.find((s) => s.venue === "Y")).toEqual({ venue: "Y", baseRank: 1, minRank: 1, maxRank: 1 });
    expect(narrow.find((s) => s.venue === "X")).toEqual({ venue: "X", baseRank: 2, minRank: 2, maxRank: 2 });
  });
});

describe("sample adequacy", () => {
  it("scales an item's score and coverage by n / minimum", () => {
    // One book snapshot: depth measures (80 + 80 + 72.5 + 77.5) / 4 = 77.5 (realized/implied 1.375 → 100 − 0.375 × 60 = 77.5),
    // but adequacy = min(1, 1 / 288), so the item scores 77.5 / 288 and coverage = 4/4 × 1/288 = 0.003472;
    // confidence = 25 × 0.003472 / 100 = 0.000868.
    const one: VenueScoreInput = { ...base("one"), depth: { p50SlippageBps: 5, beyondDepthShare: 0.01, medianCapacityUsd: 2_000_000, realizedToImplied: 1.375, sampleCount: 1 } };
    const s1 = scoreVenue(one);
    const d1 = s1.items.find((i) => i.id === "depth")!;
    expect(d1.score).toBeCloseTo(77.5 / 288, 12);
    expect(d1.measuredScore).toBeCloseTo(77.5, 12);
    expect(d1.adequacy).toBeCloseTo(1 / 288, 12);
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
  it("say 'not published by venue' instead of 'no data', and still count 0", () => {
    // Liquidations are not published (Binance REST): the cascade sub-metric is missing for that reason;
    // insurance is not published either. The item has no figure, so it counts 0 at its weight 15.
    const s = scoreVenue({ ...base("b"), liquidation: null, unpublished: ["liquidations", "insurance"] });
    const liq = s.items.find((i) => i.id === "liquidation")!;
    expect(liq.subScores.find((x) => x.id === "largestCascadeToOi")!.missing).toBe("not published by venue");
    expect(liq.subScores.find((x) => x.id === "insuranceToOi")!.missing).toBe("not published by venue");
    const funding = s.items.find((i) => i.id === "funding")!;
    expect(funding.subScores.find((x) => x.id === "coverage")!.missing).toBe("no data");
    expect(s.droppedItems).toContain("liquidation");
  });
});
