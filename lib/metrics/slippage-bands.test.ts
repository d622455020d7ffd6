// Percentile bands of slippage over time, hand-checked.
import { describe, expect, it } from "vitest";
import { bandPeriodMs, slippageBands } from "./slippage-bands";
import { DAY_MS, HOUR_MS } from "./time";

const T0 = Date.parse("2024-11-01T00:00:00Z");

describe("slippageBands", () => {
  it("takes p50 and p95 of the worse side per period", () => {
    // Period 1 h. Hour 0: worse sides 1, 2, 3, 4, 10 (buy/sell mixed) → p50 = 3; p95: h = 4 × 0.95 = 3.8 →
    // 4 + 0.8 × (10 − 4) = 8.8. Hour 2: one snapshot, worse side 5 → p50 = p95 = 5. Hour 1 has none: left out.
    const pts = [
      { ts: T0, buyBps: 1, sellBps: 0.5 },
      { ts: T0 + 10 * 60_000, buyBps: 0.1, sellBps: 2 },
      { ts: T0 + 20 * 60_000, buyBps: 3, sellBps: 3 },
      { ts: T0 + 30 * 60_000, buyBps: 4, sellBps: 1 },
      { ts: T0 + 40 * 60_000, buyBps: 2, sellBps: 10 },
      { ts: T0 + 2 * HOUR_MS + 1, buyBps: 5, sellBps: 4 },
    ];
    const bands = slippageBands(pts, { from: T0, to: T0 + 3 * HOUR_MS }, HOUR_MS);
    expect(bands.map((b) => [b.fromTs - T0, b.count, b.p50Bps])).toEqual([
      [0, 5, 3],
      [2 * HOUR_MS, 1, 5],
    ]);
    expect(bands[1].p95Bps).toBe(5);
    expect(bands[0].p95Bps).toBeCloseTo(8.8, 12);
    expect(bands[0].midTs).toBe(T0 + HOUR_MS / 2);
  });

  it("does not let snapshots beyond visible depth improve a period: its p95 becomes unknown", () => {
    // 20 snapshots, 1 beyond depth (5 %, at the limit) → p95 of the 19 others; 2 beyond (10 %) → p95 null.
    const mk = (beyond: number) => Array.from({ length: 20 }, (_, i) => ({ ts: T0 + i * 60_000, buyBps: i < beyond ? null : 1 + i, sellBps: 1 }));
    const [one] = slippageBands(mk(1), { from: T0, to: T0 + HOUR_MS }, HOUR_MS);
    expect(one).toMatchObject({ count: 20, beyond: 1 });
    expect(one.p95Bps).not.toBeNull();
    const [two] = slippageBands(mk(2), { from: T0, to: T0 + HOUR_MS }, HOUR_MS);
    expect(two).toMatchObject({ count: 20, beyond: 2, p95Bps: null });
    expect(two.p50Bps).not.toBeNull();
    const [all] = slippageBands(mk(20), { from: T0, to: T0 + HOUR_MS }, HOUR_MS);
    expect(all).toMatchObject({ p50Bps: null, p95Bps: null });
  });

  it("picks a period giving at most 48 periods, and keeps the last instant in the last period", () => {
    expect(bandPeriodMs(T0, T0 + 20 * HOUR_MS)).toBe(HOUR_MS); // 20 h: 15 min would be 80 periods
    expect(bandPeriodMs(T0, T0 + 30 * DAY_MS)).toBe(DAY_MS); // 30 d: 4 h would be 180
    expect(bandPeriodMs(T0, T0 + 2 * HOUR_MS)).toBe(5 * 60_000);
    const bands = slippageBands([{ ts: T0 + HOUR_MS, buyBps: 1, sellBps: 2 }], { from: T0, to: T0 + HOUR_MS }, HOUR_MS);
    expect(bands).toHaveLength(1);
    expect(bands[0].fromTs).toBe(T0);
  });
});
