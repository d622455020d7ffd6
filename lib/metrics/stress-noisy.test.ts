// Stress-window detection on noisy series: with noise the top-decile move is > 0, so only the
// "4 × median move" guard keeps a calm market from being flagged (lib/metrics/stress.test.ts uses
// noise-free data, where the threshold is 0 and the guard never matters).
import { describe, expect, it } from "vitest";
import { MINUTE_MS } from "./time";
import { detectStressWindows, type MidSpreadPoint } from "./stress";

/** mulberry32: a small seeded generator, local to this test so it depends on nothing else. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const POINTS = 1008; // one week of 10-minute points

/**
 * A calm market: a slow random walk (steps uniform in ±0.002 %) plus independent quote noise uniform in ±0.1 %
 * on each mid, spreads uniform in 1.5–2.5 bps. Hand bound: a 1 h move is |ε_i − ε_ref + walk| ≤ 0.2 % + 6 × 0.002 %
 * = 0.212 %, while the median move (half the difference of two ±0.1 % uniforms exceeds 0.0586 %) is ≈ 0.06 %,
 * so 4 × median ≈ 0.24 % sits above every possible move: no point can be stressed. The top decile alone
 * (≈ 0.14 %) is always reached by about 100 points.
 */
function calmSeries(seed: number, crashAt: number | null = null): MidSpreadPoint[] {
  const r = rng(seed);
  let level = 100;
  const out: MidSpreadPoint[] = [];
  for (let i = 0; i < POINTS; i++) {
    level *= 1 + (r() * 2 - 1) * 2e-5;
    if (crashAt !== null && i === crashAt) level *= 0.95; // planted crash: −5 % that stays
    const noise = (r() * 2 - 1) * 1e-3;
    out.push({ ts: i * 10 * MINUTE_MS, mid: level * (1 + noise), spreadBps: 1.5 + r() });
  }
  return out;
}

describe("detectStressWindows on noisy series", () => {
  it.each([1, 7, 42, 2026])("a calm noisy walk (seed %i) yields no stress window", (seed) => {
    const d = detectStressWindows(calmSeries(seed));
    expect(d.pointCount).toBe(POINTS);
    // The threshold is the guard (4 × median), above the top decile.
    expect(d.moveThreshold!).toBeGreaterThan(0.002);
    expect(d.moveThreshold!).toBeLessThan(0.003);
    expect(d.stressedPointCount).toBe(0);
    expect(d.windows).toEqual([]);
  });

  it.each([1, 7, 42, 2026])("the same walk with one planted −5 %% crash (seed %i) yields exactly one window", (seed) => {
    const crashAt = 500;
    const d = detectStressWindows(calmSeries(seed, crashAt));
    // Points 500…505 compare the post-crash mid with a pre-crash reference 1 h earlier: move ≈ |ln 0.95| ≈ 5.1 %.
    expect(d.stressedPointCount).toBe(6);
    expect(d.windows).toHaveLength(1);
    const w = d.windows[0];
    // [500 × 10 min − 30 min, 505 × 10 min + 30 min]
    expect([w.from / MINUTE_MS, w.to / MINUTE_MS]).toEqual([4970, 5080]);
    expect(w.peakMoveBps!).toBeGreaterThan(490);
    expect(w.peakMoveBps!).toBeLessThan(540);
  });
});
