// One money format: the sign before the dollar sign, hand-checked.
import { describe, expect, it } from "vitest";
import { fmtUsd } from "./format";

describe("fmtUsd", () => {
  it("puts a minus sign before the dollar sign at every scale", () => {
    expect(fmtUsd(-4_100)).toBe("-$4.1k");
    expect(fmtUsd(4_100)).toBe("$4.1k");
    expect(fmtUsd(-2_500_000)).toBe("-$2.50M");
    expect(fmtUsd(-3e9)).toBe("-$3.00B");
    expect(fmtUsd(-12.4)).toBe("-$12");
    expect(fmtUsd(-12.4, 2)).toBe("-$12.40");
    // A value that rounds to zero is not negative.
    expect(fmtUsd(-0.2)).toBe("$0");
    expect(fmtUsd(null)).toBe("no data");
  });
});
