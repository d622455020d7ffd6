// worseSide: the worse of buy and sell, a missing side never counting as 0.
import { describe, expect, it } from "vitest";
import { worseSide } from "./worse-side";

describe("worseSide", () => {
  it("picks the larger slippage and the smaller capacity", () => {
    expect(worseSide(3.5, 4.25, Math.max)).toBe(4.25);
    expect(worseSide(120_000, 95_000, Math.min)).toBe(95_000);
  });
  it("yields the other side when one is missing, null when both are", () => {
    expect(worseSide(null, 7, Math.max)).toBe(7);
    expect(worseSide(2, undefined, Math.min)).toBe(2);
    expect(worseSide(undefined, null, Math.max)).toBeNull();
    // A 0 is a real figure, not a missing one.
    expect(worseSide(0, 5, Math.min)).toBe(0);
  });
});
