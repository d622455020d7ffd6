import { describe, expect, it } from "vitest";
import { DAY_MS, HOUR_MS, parseDurationMs, utcDayKey, utcDayStart } from "./time";

describe("parseDurationMs", () => {
  it("reads a count and a unit", () => {
    expect(parseDurationMs("90s")).toBe(90_000);
    expect(parseDurationMs("10m")).toBe(600_000);
    expect(parseDurationMs("6h")).toBe(6 * 3600 * 1000);
    expect(parseDurationMs("2d")).toBe(2 * 24 * 3600 * 1000);
  });

  it("refuses anything else", () => {
    for (const s of ["", "10", "h", "1.5h", "-1h", "1w", "10 m", "1234567s", "1H"]) expect(parseDurationMs(s), s).toBeNull();
  });
});

describe("UTC days", () => {
  it("floors to 00:00 UTC", () => {
    const t = Date.UTC(2025, 9, 10, 21, 15);
    expect(utcDayStart(t)).toBe(Date.UTC(2025, 9, 10));
    expect(utcDayKey(t)).toBe("2025-10-10");
    expect(DAY_MS).toBe(24 * HOUR_MS);
  });
});
