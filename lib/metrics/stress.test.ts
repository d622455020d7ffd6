import { describe, it, expect } from "vitest";
import { MINUTE_MS } from "./time";
import { detectStressWindows, inWindows, mergeWindows, midSpreadSeries, windowMask, type MidSpreadPoint } from "./stress";
import { samplesFromList, summarizeSlippage } from "./slippage-series";

// 73 points every 10 min (0 … 720 min). mid 100, spread 2 bps, except:
//  - a planted crash: from point 36 (360 min) on, mid = 95;
//  - a spread blow-out: point 60 (600 min) has spread 10 bps.
const series: MidSpreadPoint[] = Array.from({ length: 73 }, (_, i) => ({
  ts: i * 10 * MINUTE_MS,
  mid: i >= 36 ? 95 : 100,
  spreadBps: i === 60 ? 10 : 2,
}));

describe("detectStressWindows", () => {
  it("finds the planted crash and the spread blow-out", () => {
    // Reference of point i (i ≥ 6) is point i − 6 (exactly 1 h earlier). Points 36–41 compare 95 with 100:
    // move = |ln(0.95)| = 0.0512933; every other move is 0. Sorted moves: 67 zeros then 6 × 0.0513;
    // p90: h = 72 × 0.9 = 64.8 → between two zeros → 0, so the stressed moves are the 6 non-zero ones.
    // Median spread 2 → threshold 6 bps; point 60 (10 bps) is stressed.
    // Windows: points 360…410 min (10 min apart) → [360, 410] padded → [330, 440] min;
    // point 600 min (190 min after 410) → [600, 600] padded → [570, 630] min.
    const d = detectStressWindows(series);
    expect(d.moveThreshold).toBe(0);
    expect(d.medianSpreadBps).toBe(2);
    expect(d.spreadThresholdBps).toBe(6);
    expect(d.stressedPointCount).toBe(7);
    expect(d.windows.map((w) => [w.from / MINUTE_MS, w.to / MINUTE_MS])).toEqual([
      [330, 440],
      [570, 630],
    ]);
    expect(d.windows[0].stressedPoints).toBe(6);
    expect(d.windows[0].peakMoveBps).toBeCloseTo(512.933, 3);
    expect(d.windows[1].peakSpreadBps).toBe(10);
    expect(d.windows[0].source).toBe("detected");
  });

  it("does not depend on input order and handles an empty series", () => {
    const shuffled = [...series].reverse();
    expect(detectStressWindows(shuffled).windows).toEqual(detectStressWindows(series).windows);
    expect(detectStressWindows([]).windows).toEqual([]);
    expect(detectStressWindows([]).moveThreshold).toBeNull();
  });

  it("builds the series from books, skipping crossed ones", () => {
    // bid 99, ask 101 → mid 100, spread 200 bps; the crossed book is skipped.
    const s = midSpreadSeries([
      { ts: 1, bids: [[99, 1]], asks: [[101, 1]], truncated: false },
      { ts: 2, bids: [[102, 1]], asks: [[101, 1]], truncated: false },
    ]);
    expect(s).toHaveLength(1);
    expect(s[0].mid).toBe(100);
    expect(s[0].spreadBps).toBeCloseTo(200, 9);
  });
});

describe("mergeWindows and inWindows", () => {
  it("merges overlapping detected and named windows", () => {
    // detected [330, 440] overlaps named "crash day" [400, 500] → [330, 500], source both;
    // named "later" [1000, 1100] stays alone; detected [570, 630] stays alone.
    const m = (x: number) => x * MINUTE_MS;
    const detected = detectStressWindows(series).windows;
    const merged = mergeWindows(detected, [
      { from: m(1000), to: m(1100), name: "later" },
      { from: m(400), to: m(500), name: "crash day" },
    ]);
    expect(merged.map((w) => [w.from / MINUTE_MS, w.to / MINUTE_MS, w.source, w.names])).toEqual([
      [330, 500, "both", ["crash day"]],
      [570, 630, "detected", []],
      [1000, 1100, "named", ["later"]],
    ]);
    expect(inWindows(m(330), merged)).toBe(true); // ends are included
    expect(inWindows(m(500), merged)).toBe(true);
    expect(inWindows(m(501), merged)).toBe(false);
  });
});

describe("slippage inside vs outside stress (windowMask + summarizeSlippage, as the market figures split their samples)", () => {
  it("compares slippage inside and outside stress", () => {
    // Inside [330, 440] min: 10, 12 bps and one beyond depth; outside: 2, 3, 4, 5 bps.
    // inside p95 of [10, 12]: h = 0.95 → 11.9; outside p95 of [2, 3, 4, 5]: h = 2.85 → 4.85.
    // ratio = 11.9 / 4.85 = 2.45361…; inside beyond share 1/3; inside share of snapshots 3/7.
    const m = (x: number) => x * MINUTE_MS;
    const windows = [{ from: m(330), to: m(440) }];
    const values = [
      { ts: m(0), slippageBps: 2, capacityUsd: 1000 },
      { ts: m(100), slippageBps: 3, capacityUsd: 1000 },
      { ts: m(340), slippageBps: 10, capacityUsd: 100 },
      { ts: m(350), slippageBps: null, capacityUsd: 10 },
      { ts: m(440), slippageBps: 12, capacityUsd: 100 },
      { ts: m(500), slippageBps: 4, capacityUsd: 1000 },
      { ts: m(600), slippageBps: 5, capacityUsd: 1000 },
    ];
    const compare = (w: typeof windows) => {
      const s = samplesFromList(values);
      const mask = windowMask(s.ts, w);
      const inside = summarizeSlippage(s, (i) => mask[i] === 1);
      const outside = summarizeSlippage(s, (i) => mask[i] === 0);
      const p95Ratio = inside.p95Bps === null || outside.p95Bps === null || outside.p95Bps <= 0 ? null : inside.p95Bps / outside.p95Bps;
      return { inside, outside, p95Ratio, insideShare: s.length === 0 ? null : inside.count / s.length };
    };
    const c = compare(windows);
    expect(c.inside.p95Bps).toBeCloseTo(11.9, 9);
    expect(c.outside.p95Bps).toBeCloseTo(4.85, 9);
    expect(c.p95Ratio).toBeCloseTo(11.9 / 4.85, 9);
    expect(c.inside.beyondShare).toBeCloseTo(1 / 3, 12);
    expect(c.insideShare).toBeCloseTo(3 / 7, 12);
    // Median capacity inside [10, 100, 100] → 100; outside all 1000.
    expect(c.inside.capacityMedianUsd).toBe(100);
    // No stress windows: inside is empty → ratio null.
    expect(compare([]).p95Ratio).toBeNull();
  });
});
