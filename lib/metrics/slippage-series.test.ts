import { describe, it, expect } from "vitest";
import fc from "fast-check";
import type { Book, Level } from "./types";
import { samplesToList, slippageSamples, slippageSeries, summarizeSlippage, type SlippageSamples } from "./slippage-series";
import { percentileOfSorted } from "./stats";

// Books with bid 100 − x, ask 100 + x (mid 100): a buy that fits in the best ask costs x / 100 × 1e4 bps.
// Whole books (not truncated): a thin one is truly beyond visible depth (a cut one is "depth unknown", below).
const bookAt = (ts: number, x: number, asks: Level[] = [[100 + x, 1000]]): Book => ({
  ts,
  bids: [[100 - x, 1000]],
  asks,
  truncated: false,
});

// x = 0.01, 0.02, 0.03 → 1, 2, 3 bps; the fourth book has a second level 101 × 1000 and x = 0.04 → 4 bps;
// a thin book (ask 100.05 × 1 = 100.05 USD) is beyond visible depth for 10 000 USD; a crossed book is skipped.
const books: Book[] = [
  bookAt(1, 0.01),
  bookAt(2, 0.02),
  bookAt(3, 0.03),
  bookAt(4, 0.04, [
    [100.04, 1000],
    [101, 1000],
  ]),
  bookAt(5, 0.05, [[100.05, 1]]),
  { ts: 6, bids: [[101, 1]], asks: [[100, 1]], truncated: false },
];

describe("slippageSeries", () => {
  it("computes percentiles over filled snapshots, the beyond share and capacity", () => {
    const s = slippageSeries(books, 10_000, "buy");
    // 5 usable snapshots (the crossed one is counted apart), 4 filled at [1, 2, 3, 4] bps, 1 beyond.
    expect(s.count).toBe(5);
    expect(s.unusableCount).toBe(1);
    expect(s.filledCount).toBe(4);
    expect(s.beyondShare).toBeCloseTo(0.2, 12);
    // Linear percentiles of [1, 2, 3, 4]: h = 3p/100. p50: 2.5; p90: h 2.7 → 3.7; p95: 2.85 → 3.85; p99: 2.97 → 3.97.
    expect(s.p50Bps).toBeCloseTo(2.5, 6);
    expect(s.p90Bps).toBeCloseTo(3.7, 6);
    expect(s.p95Bps).toBeCloseTo(3.85, 6);
    expect(s.p99Bps).toBeCloseTo(3.97, 6);
    expect(s.maxBps).toBeCloseTo(4, 6);
    // Capacity at 10 bps (buy limit 100 × 1.001 = 100.1):
    //  books 1–3: the whole ask (100.0x × 1000) fits → 100 010, 100 020, 100 030, limited by visible depth;
    //  book 4: 100.04 × 1000 → slack 0.06 × 1000 = 60; 101: d = 0.9, q = 60 / 0.9 = 66.667 → +6 733.33 → 106 773.33;
    //  book 5: 100.05 × 1 fits → 100.05, limited.
    // Sorted [100.05, 100 010, 100 020, 100 030, 106 773.33]: median 100 020;
    // p5: h = 4 × 0.05 = 0.2 → 100.05 + 0.2 × (100 010 − 100.05) = 20 082.04. Limited share 4/5.
    expect(s.capacityMedianUsd).toBeCloseTo(100_020, 6);
    expect(s.capacityP5Usd).toBeCloseTo(20_082.04, 6);
    expect(s.capacityLimitedShare).toBeCloseTo(0.8, 12);
    expect(s.capacityBudgetBps).toBe(10);
  });

  it("keeps per-snapshot samples with null for beyond depth, and filters by index", () => {
    const samples = slippageSamples(books, 10_000, "buy");
    const list = samplesToList(samples);
    expect(list.map((v) => v.ts)).toEqual([1, 2, 3, 4, 5]);
    expect(list[4].slippageBps).toBeNull();
    expect(list[0].slippageBps).toBeCloseTo(1, 6);
    // Only snapshots at ts ≥ 3: filled [3, 4] → p50 3.5; beyond 1 of 3.
    const late = summarizeSlippage(samples, (i) => samples.ts[i] >= 3);
    expect(late.count).toBe(3);
    expect(late.p50Bps).toBeCloseTo(3.5, 6);
    expect(late.beyondShare).toBeCloseTo(1 / 3, 12);
  });

  it("returns nulls, not zeros, when nothing is filled", () => {
    const s = slippageSeries([books[4]], 10_000, "sell");
    // The bid side of book 5 is 99.95 × 1000 = 99 950 USD ≥ 10 000, so a sell fills: (100 − 99.95)/100 × 1e4 = 5 bps.
    expect(s.p50Bps).toBeCloseTo(5, 6);
    const none = slippageSeries([books[4]], 10_000, "buy");
    expect(none.filledCount).toBe(0);
    expect(none.p50Bps).toBeNull();
    expect(none.maxBps).toBeNull();
    expect(none.beyondShare).toBe(1);
    expect(slippageSeries([], 1000, "buy").beyondShare).toBeNull();
  });
});

describe("truncated books: depth unknown, not a failed fill", () => {
  // Asks 100 × 2 + 101 × 3 = $503 visible (2 levels). A $1 000 buy does not fit.
  const asks: [number, number][] = [[100, 2], [101, 3]];
  const bids: [number, number][] = [[99, 20]];
  const cut = (ts: number) => ({ ts, bids, asks, truncated: true });
  const whole = (ts: number) => ({ ts, bids, asks, truncated: false });
  // A deep book: $1 000 fills at 100 → VWAP 100, mid 99.5 → (100 − 99.5) / 99.5 × 1e4 = 50.251 bps.
  const deep = (ts: number) => ({ ts, bids, asks: [[100, 50]] as [number, number][], truncated: true });

  it("counts a cut book that shows less than the notional as unknown, with a note, and keeps it out of the statistics", () => {
    const s = slippageSeries([cut(1), cut(2), deep(3)], 1000, "buy");
    expect(s.unknownCount).toBe(2);
    expect(s.unknownShare).toBeCloseTo(2 / 3, 12);
    expect(s.unknownVisibleUsd).toBe(503);
    expect(s.unknownVisibleLevels).toBe(2);
    expect(s.note).toBe("depth unknown beyond 2 levels / $503");
    // Only the deep book is an observation: filled, not beyond.
    expect(s.count).toBe(1);
    expect(s.beyondCount).toBe(0);
    expect(s.beyondShare).toBe(0);
    expect(s.p50Bps).toBeCloseTo((0.5 / 99.5) * 1e4, 9);
  });

  it("an all-truncated window has no slippage figures; capacity only where the budget is reached inside the cut", () => {
    // Budget 10 bps: buy limit 99.5 × 1.001 = 99.5995 < 100, so not even the best ask fits → capacity 0, reached
    // inside the visible levels (not limited by the cut) → known. With a 200 bps budget (limit 101.49) the whole
    // visible side fits → limited by the cut → unknown.
    const s = slippageSeries([cut(1), cut(2)], 1000, "buy");
    expect(s).toMatchObject({ count: 0, unknownCount: 2, unknownShare: 1, beyondShare: null, p50Bps: null, capacityMedianUsd: 0 });
    expect(slippageSeries([cut(1), cut(2)], 1000, "buy", { budgetBps: 200 }).capacityMedianUsd).toBeNull();
  });

  it("a whole (untruncated) book that cannot fill is beyond visible depth, as before", () => {
    const s = slippageSeries([whole(1)], 1000, "buy");
    expect(s).toMatchObject({ count: 1, unknownCount: 0, beyondCount: 1, beyondShare: 1, note: null });
  });
});

describe("summarizeSlippage statistics", () => {
  it("equal the percentiles of the sorted filled slippages and capacities, whatever the samples (beyond depth, unknown depth, ties, filters)", () => {
    const value = fc.oneof(fc.double({ min: -5, max: 500, noNaN: true }), fc.constant(Number.NaN), fc.constantFrom(0, 1, 2.5));
    const row = fc.record({ slip: value, cap: fc.oneof(fc.double({ min: 0, max: 1e8, noNaN: true }), fc.constant(Number.NaN)), limited: fc.boolean(), unknown: fc.boolean(), keep: fc.boolean() });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 300 }), fc.boolean(), (rows, filtered) => {
        const n = rows.length;
        const samples: SlippageSamples = {
          notionalUsd: 1e6,
          side: "buy",
          budgetBps: 10,
          length: n,
          unusableCount: 0,
          ts: Float64Array.from(rows, (_, i) => i),
          slippageBps: Float64Array.from(rows, (r) => r.slip),
          capacityUsd: Float64Array.from(rows, (r) => r.cap),
          capacityLimited: Uint8Array.from(rows, (r) => (r.limited ? 1 : 0)),
          depthUnknown: Uint8Array.from(rows, (r) => (r.unknown ? 1 : 0)),
          visibleUsd: new Float64Array(n),
          visibleLevels: new Uint32Array(n),
        };
        const include = filtered ? (i: number) => rows[i].keep : undefined;
        const kept = rows.filter((r) => !filtered || r.keep);
        const known = kept.filter((r) => !r.unknown);
        const filled = Float64Array.from(known.map((r) => r.slip).filter((s) => !Number.isNaN(s))).sort();
        const caps = Float64Array.from(kept.map((r) => r.cap).filter((c) => !Number.isNaN(c))).sort();
        const s = summarizeSlippage(samples, include);
        // (=== : a selection may hand back 0 where the sort put −0 at that rank; the figures are the same number)
        const same = (a: number | null, b: number | null) => expect(a === b, `${a} vs ${b}`).toBe(true);
        same(s.p50Bps, percentileOfSorted(filled, 50));
        same(s.p90Bps, percentileOfSorted(filled, 90));
        same(s.p95Bps, percentileOfSorted(filled, 95));
        same(s.p99Bps, percentileOfSorted(filled, 99));
        same(s.maxBps, filled.length ? filled[filled.length - 1] : null);
        same(s.capacityMedianUsd, percentileOfSorted(caps, 50));
        same(s.capacityP5Usd, percentileOfSorted(caps, 5));
        expect(s.count).toBe(known.length);
        expect(s.filledCount).toBe(filled.length);
      }),
      { numRuns: 500 },
    );
  });
});
