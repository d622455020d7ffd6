import { describe, it, expect } from "vitest";
import type { LiquidationPoint } from "./types";
import { DAY_MS, HOUR_MS, MINUTE_MS } from "./time";
import { insuranceOverWindow, insuranceToOi, largestCascade, liquidationStats, liquidationsPerDay, shareInWindows } from "./liquidations";

const D = Date.UTC(2024, 0, 1);
const liq = (minutes: number, notionalUsd: number, side: "buy" | "sell" = "sell"): LiquidationPoint => ({
  ts: D + minutes * MINUTE_MS,
  side,
  notionalUsd,
});
// Day 1: 0 min 100 sell, 10 min 200 buy, 50 min 300 sell, 70 min 400 sell, 130 min 50 buy (total 1 050).
// Day 2: 25 h → 500 sell.
const liqs = [liq(0, 100), liq(10, 200, "buy"), liq(50, 300), liq(70, 400), liq(130, 50, "buy"), liq(25 * 60, 500)];
// OI day 1: 10 000 and 30 000 → mean 20 000; none on day 2.
const oi = [
  { ts: D + HOUR_MS, valueUsd: 10_000 },
  { ts: D + 5 * HOUR_MS, valueUsd: 30_000 },
];

describe("largestCascade", () => {
  it("finds the largest 1 h rolling sum", () => {
    // Windows [t, t + 1 h) starting at each liquidation (a record exactly 60 min later is outside):
    //   at 0 min  → 0, 10, 50          → 100 + 200 + 300 = 600
    //   at 10 min → 10, 50 (70 is out) → 200 + 300 = 500
    //   at 50 min → 50, 70 (130 is out) → 300 + 400 = 700
    //   at 70 min → 70 (130 is out)    → 400;  at 130 min → 50;  day 2 → 500.
    // Largest: 700, from 50 to 70 min, 2 records.
    expect(largestCascade(liqs)).toEqual({ notionalUsd: 700, from: D + 50 * MINUTE_MS, to: D + 70 * MINUTE_MS, count: 2 });
    // With a 61 min window the 10 min start reaches 70: 200 + 300 + 400 = 900.
    expect(largestCascade(liqs, 61 * MINUTE_MS)!.notionalUsd).toBe(900);
    expect(largestCascade([])).toBeNull();
  });
});

describe("per-day notional", () => {
  it("sums per UTC day with OI ratio when OI exists", () => {
    // Day 1: 1 050 total, buy 250, sell 800, 5 records; 1 050 / 20 000 = 0.0525. Day 2: 500, no OI → null ratio.
    const days = liquidationsPerDay(liqs, oi);
    expect(days).toEqual([
      { day: "2024-01-01", dayStart: D, notionalUsd: 1050, buyUsd: 250, sellUsd: 800, count: 5, meanOiUsd: 20_000, notionalToOi: 0.0525 },
      { day: "2024-01-02", dayStart: D + DAY_MS, notionalUsd: 500, buyUsd: 0, sellUsd: 500, count: 1, meanOiUsd: null, notionalToOi: null },
    ]);
    // With a 3-day window every day is listed; day 3 has nothing recorded.
    const w = liquidationsPerDay(liqs, oi, { from: D, to: D + 3 * DAY_MS - 1 });
    expect(w.map((d) => d.notionalUsd)).toEqual([1050, 500, 0]);
  });
});

describe("shares and ratios", () => {
  it("computes the share in stress windows and insurance / OI", () => {
    // Window [0, 60 min] holds 100 + 200 + 300 = 600 of 1 550 → 0.3870968.
    expect(shareInWindows(liqs, [{ from: D, to: D + HOUR_MS }])).toBeCloseTo(600 / 1550, 12);
    expect(shareInWindows([], [{ from: D, to: D + HOUR_MS }])).toBeNull();
    // 1 M insurance / 50 M OI = 0.02.
    expect(insuranceToOi(1_000_000, 50_000_000)).toBe(0.02);
    expect(insuranceToOi(null, 50_000_000)).toBeNull();
    expect(insuranceToOi(1_000_000, 0)).toBeNull();
  });

  it("reads the fund's history over a window: its low point and that low / OI", () => {
    // Three daily readings 120 M, 90 M, 110 M; OI 1.5 B → low 90 M on day 2, 90 M / 1.5 B = 0.06.
    const readings = [{ ts: D, balanceUsd: 120e6 }, { ts: D + DAY_MS, balanceUsd: 90e6 }, { ts: D + 2 * DAY_MS, balanceUsd: 110e6 }];
    expect(insuranceOverWindow(readings, 1.5e9)).toEqual({ readings: 3, minBalanceUsd: 90e6, minTs: D + DAY_MS, minToOi: 0.06, leftOutAtLow: [] });
    expect(insuranceOverWindow(readings, null)?.minToOi).toBeNull();
    expect(insuranceOverWindow([], 1.5e9)).toBeNull();
  });

  it("bundles the stats over a window", () => {
    // Mean OI in the window = 20 000; largest cascade 700 → 700 / 20 000 = 0.035.
    const s = liquidationStats(liqs, oi, { window: { from: D, to: D + 2 * DAY_MS - 1 }, stressWindows: [] });
    expect(s.totalUsd).toBe(1550);
    expect(s.count).toBe(6);
    expect(s.meanOiUsd).toBe(20_000);
    expect(s.largestCascadeToOi).toBeCloseTo(0.035, 12);
    expect(s.shareInStress).toBe(0);
    expect(liquidationStats(liqs, [], { window: { from: D, to: D + DAY_MS } }).largestCascadeToOi).toBeNull();
  });
});
