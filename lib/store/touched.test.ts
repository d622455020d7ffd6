// What an ingest run touched against what a cached figure read (lib/store/touched.ts).
import { describe, expect, it } from "vitest";
import { mergeTouches, runInvalidates, touchesOfRows, type FigureScope, type Touch } from "./touched";

// Market 7's figures over the window [1000, 2000], resolved from book data spanning [0, 5000]; funding read in
// [1500, 2000] of [1000, 2000]; margin not read; fees, insurance and market metadata read in full.
const scope: FigureScope = { marketId: 7, data: { depth: { from: 1000, to: 2000, first: 0, last: 5000 }, funding: { from: 1500, to: 2000, first: 1000, last: 2000 }, margin: "ignore" } };
const run = (touched: Touch[] | null, startedAt = 0) => ({ startedAt, touched });
const depth = (marketId: number | null, from: number | null, to: number | null): Touch => ({ marketId, kind: "depth", from, to });

describe("runInvalidates", () => {
  it("keeps a figure when the run wrote another market, or its own market outside the window but inside the span", () => {
    expect(runInvalidates(scope, run([depth(8, 1500, 1500)]))).toBe(false);
    expect(runInvalidates(scope, run([depth(7, 3000, 4000)]))).toBe(false);
    expect(runInvalidates(scope, run([depth(7, 0, 999)]))).toBe(false);
    expect(runInvalidates(scope, run([{ marketId: null, kind: "margin", from: null, to: null }]))).toBe(false);
    expect(runInvalidates(scope, run([]))).toBe(false);
  });

  it("recomputes when the run wrote inside the window, beyond the span, all times, a kind read in full, or did not say", () => {
    expect(runInvalidates(scope, run([depth(7, 2000, 2000)]))).toBe(true);
    expect(runInvalidates(scope, run([depth(7, 500, 1000)]))).toBe(true);
    // A book after the span's end moves a preset window's end.
    expect(runInvalidates(scope, run([depth(7, 5001, 5001)]))).toBe(true);
    expect(runInvalidates(scope, run([depth(7, -1, -1)]))).toBe(true);
    expect(runInvalidates(scope, run([depth(7, null, null)]))).toBe(true);
    expect(runInvalidates(scope, run([{ marketId: null, kind: "fees", from: null, to: null }]))).toBe(true);
    expect(runInvalidates(scope, run([{ marketId: 7, kind: "liquidations", from: 10, to: 10 }]))).toBe(true);
    // A venue-wide depth touch (market unknown) counts for every market.
    expect(runInvalidates(scope, run([depth(null, 1500, 1500)]))).toBe(true);
    expect(runInvalidates(scope, run(null))).toBe(true);
    expect(runInvalidates(null, run([]))).toBe(true);
  });

  it("checks only run start times for a figure that reads runs, not data", () => {
    const res: FigureScope = { data: "ignore", runsStarted: { from: 1000, to: 2000 } };
    expect(runInvalidates(res, run(null, 3000))).toBe(false);
    expect(runInvalidates(res, run([depth(7, 1500, 1500)], 3000))).toBe(false);
    expect(runInvalidates(res, run([], 1500))).toBe(true);
  });
});

describe("touches of a batch", () => {
  it("spans each market's book times, and merges batches into one range per market and kind", () => {
    const ids = new Map([["BTCUSDT", 7], ["ETHUSDT", 8]]);
    const rows = [
      { symbol: "BTCUSDT", exchangeTs: 300, receivedTs: 999 },
      { symbol: "BTCUSDT", exchangeTs: null, receivedTs: 100 },
      { symbol: "ETHUSDT", exchangeTs: 50, receivedTs: 60 },
    ];
    const t = touchesOfRows("depth", rows, (s) => ids.get(s), 3);
    expect(t).toEqual([depth(7, 100, 300), depth(8, 50, 50)]);
    // Every book already stored: nothing changed.
    expect(touchesOfRows("depth", rows, (s) => ids.get(s), 0)).toEqual([]);
    expect(mergeTouches(t, [depth(7, 400, 500), depth(9, 1, 1)])).toEqual([depth(7, 100, 500), depth(8, 50, 50), depth(9, 1, 1)]);
    expect(touchesOfRows("funding", [{ symbol: "BTCUSDT", fundingTime: 5 }], (s) => ids.get(s), 0)).toEqual([{ marketId: 7, kind: "funding", from: null, to: null }]);
    expect(touchesOfRows("fees", [{}], () => undefined, 1)).toEqual([{ marketId: null, kind: "fees", from: null, to: null }]);
  });
});
