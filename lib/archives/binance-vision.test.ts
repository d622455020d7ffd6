import { describe, expect, it } from "vitest";
import { daysBetween, monthEnd, monthsBetween, parseChecksumFile, visionDailyPath, visionMonthlyPath, visionUrl } from "./binance-vision";

describe("Binance Vision layout", () => {
  it("builds the daily bookDepth path of the archive's listing", () => {
    expect(visionUrl("https://data.binance.vision/", visionDailyPath("um", "bookDepth", "BTCUSDT", "2023-10-16"))).toBe(
      "https://data.binance.vision/data/futures/um/daily/bookDepth/BTCUSDT/BTCUSDT-bookDepth-2023-10-16.zip",
    );
    expect(() => visionDailyPath("um", "bookDepth", "../etc", "2023-10-16")).toThrow(/not a Binance symbol/);
    expect(() => visionDailyPath("um", "bookDepth", "BTCUSDT", "2023-1-6")).toThrow(/not a day/);
  });

  it("builds the monthly fundingRate and daily metrics paths, COIN-M under cm", () => {
    expect(visionMonthlyPath("cm", "fundingRate", "BTCUSD_PERP", "2023-06")).toBe("data/futures/cm/monthly/fundingRate/BTCUSD_PERP/BTCUSD_PERP-fundingRate-2023-06.zip");
    expect(visionDailyPath("um", "metrics", "BTCUSDT", "2024-01-01")).toBe("data/futures/um/daily/metrics/BTCUSDT/BTCUSDT-metrics-2024-01-01.zip");
    expect(() => visionMonthlyPath("cm", "fundingRate", "BTCUSD_PERP", "2023-6")).toThrow(/not a month/);
  });

  it("lists the UTC months of a window across a year end; a month ends on its last millisecond", () => {
    expect(monthsBetween(Date.parse("2023-11-30T23:00:00Z"), Date.parse("2024-02-01T00:00:00Z"))).toEqual(["2023-11", "2023-12", "2024-01", "2024-02"]);
    expect(monthsBetween(Date.parse("2024-02-10T00:00:00Z"), Date.parse("2024-02-11T00:00:00Z"))).toEqual(["2024-02"]);
    expect(new Date(monthEnd("2024-02")).toISOString()).toBe("2024-02-29T23:59:59.999Z");
  });

  it("lists the UTC days of a window, both ends included, across a month end", () => {
    expect(daysBetween(Date.parse("2024-02-28T23:00:00Z"), Date.parse("2024-03-01T00:00:00Z"))).toEqual(["2024-02-28", "2024-02-29", "2024-03-01"]);
    expect(daysBetween(Date.parse("2024-02-28T12:00:00Z"), Date.parse("2024-02-28T13:00:00Z"))).toEqual(["2024-02-28"]);
  });

  it("reads a CHECKSUM file in sha256sum's format", () => {
    const hash = "a".repeat(40) + "0123456789ABCDEF01234567";
    expect(parseChecksumFile(`${hash}  BTCUSDT-bookDepth-2023-10-16.zip\n`)).toBe(hash.toLowerCase());
    expect(parseChecksumFile("<Error>NoSuchKey</Error>")).toBeNull();
    expect(parseChecksumFile("abc123  x.zip")).toBeNull();
  });
});
