// Binance Vision fundingRate / metrics rows on the real BTCUSD_PERP rows in tests/fixtures/binance-vision
// (source in tests/fixtures/README.md), figures checked by hand; bad cells rejected with the field named.
import fs from "node:fs";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { ArchiveRowError, fundingRowFromArchive, oiRowFromMetrics, parseUtcDateTime } from "./binance-funding-metrics";
import { binanceVenueFor, detectFormat, symbolFromName } from "./formats";

const read = (f: string) => parse(fs.readFileSync(`tests/fixtures/binance-vision/${f}`, "utf8"), { columns: true }) as Record<string, string>[];
const FUNDING = read("BTCUSD_PERP-fundingRate-2023-06.head3.csv");
const METRICS = read("BTCUSD_PERP-metrics-2023-06-25.head3.csv");
const BTCUSD_PERP = { symbol: "BTCUSD_PERP", contractType: "inverse" as const, sizeUnit: "contracts" as const, contractSize: 100 };

function fieldOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof ArchiveRowError) return `${e.field}: ${e.message}`;
    throw e;
  }
  return "no error";
}

describe("Binance Vision fundingRate rows", () => {
  it("maps the real 2023-06 BTCUSD_PERP rows: calc_time kept to the ms, 8 h interval, settled rate", () => {
    const rows = FUNDING.map((r) => fundingRowFromArchive(r, "BTCUSD_PERP"));
    // 1685577600011 = 2023-06-01T00:00:00.011Z, then 08:00:00.000Z and 16:00:00.001Z
    expect(rows.map((r) => new Date(r.fundingTime).toISOString())).toEqual(["2023-06-01T00:00:00.011Z", "2023-06-01T08:00:00.000Z", "2023-06-01T16:00:00.001Z"]);
    expect(rows[0]).toEqual({ symbol: "BTCUSD_PERP", fundingTime: 1685577600011, rate: 0.0001, intervalHours: 8, premium: null, markPrice: null, indexPrice: null, predicted: false });
  });

  it("rejects a calc_time in seconds or microseconds, a bad interval and a bad rate, naming the field", () => {
    const row = FUNDING[0];
    expect(fieldOf(() => fundingRowFromArchive({ ...row, calc_time: "1685577600" }, "BTCUSD_PERP"))).toMatch(/^calc_time: 1685577600 looks like epoch seconds/);
    expect(fieldOf(() => fundingRowFromArchive({ ...row, calc_time: "1685577600011000" }, "BTCUSD_PERP"))).toMatch(/^calc_time: .*looks like epoch microseconds/);
    expect(fieldOf(() => fundingRowFromArchive({ ...row, calc_time: "2023-06-01 00:00:00" }, "BTCUSD_PERP"))).toMatch(/^calc_time: not an epoch-ms time/);
    expect(fieldOf(() => fundingRowFromArchive({ ...row, funding_interval_hours: "" }, "BTCUSD_PERP"))).toMatch(/^funding_interval_hours:/);
    expect(fieldOf(() => fundingRowFromArchive({ ...row, last_funding_rate: "NaN" }, "BTCUSD_PERP"))).toMatch(/^last_funding_rate:/);
  });
});

describe("Binance Vision metrics rows", () => {
  it("maps the real COIN-M row of 2023-06-25 00:00: contracts × $100 in USD, the value column in BTC", () => {
    const r = oiRowFromMetrics(METRICS[0], BTCUSD_PERP);
    // 5,578,700 contracts × $100 = $557,870,000; sum_open_interest_value 18265.00911826 BTC (implied $30,543.1/BTC)
    expect(r).toEqual({ symbol: "BTCUSD_PERP", ts: Date.parse("2023-06-25T00:00:00Z"), sizeBase: 18265.00911826, valueUsd: 557_870_000 });
    expect(r.valueUsd! / r.sizeBase).toBeCloseTo(30543.1, 1);
    const all = METRICS.map((m) => oiRowFromMetrics(m, BTCUSD_PERP));
    expect(all.map((x) => x.ts - all[0].ts)).toEqual([0, 300_000, 600_000]);
    expect(all[2].valueUsd).toBe(557_440_100);
  });

  it("reads a USD-M row as base quantity and USD value (the same columns, Binance's USD-M units)", () => {
    const usdm = { symbol: "BTCUSD_PERP", contractType: "linear" as const, sizeUnit: "base" as const, contractSize: 1 };
    expect(oiRowFromMetrics(METRICS[0], usdm)).toMatchObject({ sizeBase: 5578700, valueUsd: 18265.00911826 });
  });

  it("reads create_time as UTC whatever the machine's zone, and rejects bad cells by field", () => {
    const tz = process.env.TZ;
    process.env.TZ = "Asia/Tokyo";
    try {
      expect(parseUtcDateTime("2023-06-25 00:05:00")).toBe(Date.UTC(2023, 5, 25, 0, 5, 0));
    } finally {
      process.env.TZ = tz;
    }
    expect(parseUtcDateTime("2023-06-25 24:00:00")).toBeNaN();
    const row = METRICS[1];
    expect(fieldOf(() => oiRowFromMetrics({ ...row, create_time: "1687651500000" }, BTCUSD_PERP))).toMatch(/^create_time: not a UTC/);
    expect(fieldOf(() => oiRowFromMetrics({ ...row, symbol: "ETHUSD_PERP" }, BTCUSD_PERP))).toMatch(/^symbol: row is for "ETHUSD_PERP"/);
    expect(fieldOf(() => oiRowFromMetrics({ ...row, sum_open_interest: "-1" }, BTCUSD_PERP))).toMatch(/^sum_open_interest:/);
    expect(fieldOf(() => oiRowFromMetrics({ ...row, sum_open_interest_value: "" }, BTCUSD_PERP))).toMatch(/^sum_open_interest_value:/);
  });
});

describe("recognition", () => {
  it("knows both files by header, and headerless ones by name; COIN-M symbols go to binance-coinm", () => {
    expect(detectFormat("x.csv", "calc_time,funding_interval_hours,last_funding_rate")).toBe("binance-funding-rate");
    expect(detectFormat("x.csv", "create_time,symbol,sum_open_interest,sum_open_interest_value,count_toptrader_long_short_ratio,sum_toptrader_long_short_ratio,count_long_short_ratio,sum_taker_long_short_vol_ratio")).toBe("binance-metrics");
    expect(detectFormat("BTCUSD_PERP-fundingRate-2023-06.csv", "1685577600011,8,0.00010000")).toBe("binance-funding-rate");
    expect(detectFormat("BTCUSD_PERP-metrics-2023-06-25.csv", '2023-06-25 00:00:00,BTCUSD_PERP,5578700.00000000,18265.00911826,"","","",0.00855776')).toBe("binance-metrics");
    expect(symbolFromName("data/BTCUSD_PERP-metrics-2023-06-25.zip")).toBe("BTCUSD_PERP");
    expect([binanceVenueFor("BTCUSD_PERP"), binanceVenueFor("BTCUSD_240628"), binanceVenueFor("BTCUSDT")]).toEqual(["binance-coinm", "binance-coinm", "binance-usdm"]);
  });
});
