import { describe, it, expect } from "vitest";
import { SCALES, SCALE_DEFINITIONS, formatScalePoints, scale } from "./scale";

describe("scale", () => {
  it("interpolates linearly and clamps at the ends", () => {
    // Points (1, 100) (5, 80) (15, 50) (50, 10) (100, 0):
    // x = 3 → 100 + (3 − 1)/(5 − 1) × (80 − 100) = 90; x = 10 → 80 + (5/10) × (−30) = 65;
    // x = 0.5 → clamped 100; x = 400 → clamped 0; a breakpoint returns its score.
    const s = SCALES.depthP50SlippageBps;
    expect(s(3)).toBeCloseTo(90, 12);
    expect(s(10)).toBeCloseTo(65, 12);
    expect(s(0.5)).toBe(100);
    expect(s(400)).toBe(0);
    expect(s(15)).toBe(50);
    expect(s.better).toBe("lower");
    // Increasing scale (0, 0) (0.5, 30) (1, 60) (3, 85) (10, 100): x = 2 → 60 + (1/2) × 25 = 72.5.
    expect(SCALES.depthCapacityToTarget(2)).toBeCloseTo(72.5, 12);
    expect(SCALES.depthCapacityToTarget.better).toBe("higher");
  });

  it("validates its points", () => {
    expect(() => scale([[0, 0]])).toThrow(RangeError); // fewer than two points
    expect(() => scale([[1, 0], [1, 100]])).toThrow(RangeError); // x not strictly increasing
    expect(() => scale([[0, 0], [1, 100], [2, 50]])).toThrow(RangeError); // not monotone
    expect(() => scale([[0, 0], [1, 120]])).toThrow(RangeError); // score above 100
    expect(() => scale([[0, 0], [1, 100]])(NaN)).toThrow(RangeError);
  });

  it("formats points for the methodology and validates every defined scale", () => {
    expect(formatScalePoints([[0, 100], [0.01, 80]])).toBe("0 → 100 · 0.01 → 80");
    for (const d of Object.values(SCALE_DEFINITIONS)) {
      expect(() => scale(d.points)).not.toThrow();
      const s = scale(d.points);
      for (const [x, y] of d.points) expect(s(x)).toBe(y);
    }
  });
});
