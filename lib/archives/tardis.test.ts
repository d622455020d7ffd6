// Tardis dataset layout, and derivative_ticker / book_snapshot rows read from real Tardis files
// (tests/fixtures/tardis, sources in tests/fixtures/README.md), figures checked by hand against the rows.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { tardisDatasetPath, tardisExchangeFor, tardisFreeDay, TARDIS_EXCHANGES } from "./tardis";
import { TickerReducer, tardisTickerRow } from "./tardis-ticker";
import { CadenceSampler, tardisBookColumns, tardisBookRow } from "./tardis-book";
import { ArchiveRowError } from "./binance-funding-metrics";
import { RecordError } from "../venues/parse-helpers";
import { archivePlan } from "./archive-sources";

const csv = (f: string) => parse(fs.readFileSync(`tests/fixtures/tardis/${f}`, "utf8"), { columns: true }) as Record<string, string>[];
const rows = (f: string) => parse(fs.readFileSync(`tests/fixtures/tardis/${f}`, "utf8")) as string[][];
const NOW = Date.parse("2026-12-06T00:00:00Z");

describe("Tardis dataset layout", () => {
  it("names a day's file as Tardis documents it, upper-case symbol, path-unsafe characters replaced", () => {
    expect(tardisDatasetPath("binance-futures", "book_snapshot_25", "2025-10-10", "BTCUSDT")).toBe("v1/binance-futures/book_snapshot_25/2025/10/10/BTCUSDT.csv.gz");
    expect(tardisDatasetPath("deribit", "derivative_ticker", "2026-08-10", "BTC-PERPETUAL")).toBe("v1/deribit/derivative_ticker/2026/08/10/BTC-PERPETUAL.csv.gz");
    expect(tardisDatasetPath("hyperliquid", "trades", "2025-01-01", "xyz:XYZ100")).toBe("v1/hyperliquid/trades/2025/01/01/XYZ-XYZ100.csv.gz");
    expect(() => tardisDatasetPath("binance-futures", "trades", "2025-1-1", "BTCUSDT")).toThrow(/not a day/);
    expect(() => tardisDatasetPath("../etc", "trades", "2025-01-01", "BTCUSDT")).toThrow(/exchange/);
  });
  it("maps venues to Tardis exchanges both ways; HTX inverse swaps sit in huobi-dm-swap", () => {
    expect(tardisExchangeFor("binance-coinm", "BTCUSD_PERP")).toBe("binance-delivery");
    expect(tardisExchangeFor("okx", "BTC-USDT-SWAP")).toBe("okex-swap");
    expect(tardisExchangeFor("htx", "BTC-USD")).toBe("huobi-dm-swap");
    expect(tardisExchangeFor("htx", "BTC-USDT")).toBe("huobi-dm-linear-swap");
    expect(tardisExchangeFor("lighter", "BTC")).toBeNull();
    for (const [exchange, venue] of Object.entries(TARDIS_EXCHANGES)) if (exchange !== "huobi-dm-swap") expect(tardisExchangeFor(venue, "X-USDT")).toBe(exchange);
  });
  it("without a key only a month's first day is free; the plan sends the key as a Bearer header and skips the rest", () => {
    expect(tardisFreeDay("2025-10-01")).toBe(true);
    expect(tardisFreeDay("2025-10-10")).toBe(false);
    const free = archivePlan("binance-usdm", "depth", "tardis", { baseUrl: "", tardisBaseUrl: "http://t" });
    if (typeof free === "string") throw new Error(free);
    expect(free.skip("2025-10-10")).toMatch(/TARDIS_API_KEY/);
    expect(free.skip("2025-10-01")).toBeNull();
    expect(free.files("BTCUSDT", "2025-10-01")[0]).toMatchObject({ url: "http://t/v1/binance-futures/book_snapshot_25/2025/10/01/BTCUSDT.csv.gz", checksumUrl: null, headers: {}, format: "tardis-book-snapshot-csv" });
    const keyed = archivePlan("binance-usdm", "funding", "tardis", { baseUrl: "", tardisApiKey: "k1" });
    if (typeof keyed === "string") throw new Error(keyed);
    expect(keyed.skip("2025-10-10")).toBeNull();
    expect(keyed.files("BTCUSDT", "2025-10-10")[0]).toMatchObject({ url: "https://datasets.tardis.dev/v1/binance-futures/derivative_ticker/2025/10/10/BTCUSDT.csv.gz", headers: { authorization: "Bearer k1" }, format: "tardis-derivative-ticker-csv" });
    expect(archivePlan("lighter", "trades", "tardis", { baseUrl: "" })).toMatch(/no exchange/);
    expect(archivePlan("binance-usdm", "fees", "tardis", { baseUrl: "" })).toMatch(/no fees dataset/);
    expect(archivePlan("hyperliquid", "depth", "archive", { baseUrl: "" })).toMatch(/requester pays.*AWS_ACCESS_KEY_ID/);
    expect(archivePlan("hyperliquid", "funding", "archive", { baseUrl: "", aws: { accessKeyId: "a", secretAccessKey: "b" } })).toMatch(/depth \(l2Book\) and open interest \(asset_ctxs\); funding history comes from --source api/);
  });
});

describe("Tardis derivative_ticker rows", () => {
  it("OKX: the funding_timestamp moving from 00:00 to 08:00 at 00:00:07.369 settles 00:00 at the last rate published for it", () => {
    const red = new TickerReducer();
    const out = csv("okex-futures_derivative_ticker_BTC-USD_UM_XPERP-310404.csv").map((c) => red.push(tardisTickerRow(c, NOW)));
    const settled = out.flatMap((o) => (o.settled ? [o.settled] : []));
    // 1786320000000000 µs = 2026-08-10T00:00:00Z; rows 1-3 carry -0.0003972900658902 for it, row 4 moves on
    expect(settled).toEqual([{ fundingTime: Date.parse("2026-08-10T00:00:00Z"), rate: -0.0003972900658902, intervalHours: null }]);
    expect(out.findIndex((o) => o.settled)).toBe(3);
    // all 8 rows lie within one 5-minute slot: one reading, the first row's, valued at its mark price
    const oi = out.flatMap((o) => (o.oi ? [o.oi] : []));
    expect(oi).toEqual([{ ts: 1786320006952, openInterest: 11063965, price: 64778.7 }]);
  });
  it("Deribit: no funding_timestamp (continuous funding), so no settlement; open interest 705,041,730 (USD) at mark 65,220.13", () => {
    const red = new TickerReducer();
    const out = csv("deribit_derivative_ticker_BTC-PERPETUAL.csv").map((c) => red.push(tardisTickerRow(c, NOW)));
    expect(out.some((o) => o.settled)).toBe(false);
    expect(out.flatMap((o) => (o.oi ? [o.oi] : []))).toEqual([{ ts: 1786320665523, openInterest: 705041730, price: 65220.13 }]);
  });
  it("samples open interest at the first row of each 5-minute slot and reads an 8 h interval once two settlements are seen", () => {
    const red = new TickerReducer();
    const at = (iso: string, fundingIso: string, rate: string, oi = "100") => tardisTickerRow({ exchange: "binance-futures", symbol: "BTCUSDT", timestamp: String(Date.parse(iso) * 1000), funding_timestamp: String(Date.parse(fundingIso) * 1000), funding_rate: rate, open_interest: oi, mark_price: "100" }, NOW);
    const seq = [
      at("2025-10-10T07:59:00Z", "2025-10-10T08:00:00Z", "0.0001"),
      at("2025-10-10T07:59:30Z", "2025-10-10T08:00:00Z", "0.0002"),
      at("2025-10-10T08:00:01Z", "2025-10-10T16:00:00Z", "0.0003"),
      at("2025-10-10T15:59:59Z", "2025-10-10T16:00:00Z", "-0.0004"),
      at("2025-10-10T16:00:00Z", "2025-10-11T00:00:00Z", "0"),
    ].map((r) => red.push(r));
    expect(seq.flatMap((o) => (o.settled ? [o.settled] : []))).toEqual([
      { fundingTime: Date.parse("2025-10-10T08:00:00Z"), rate: 0.0002, intervalHours: null },
      { fundingTime: Date.parse("2025-10-10T16:00:00Z"), rate: -0.0004, intervalHours: 8 },
    ]);
    expect(seq.map((o) => o.oi !== null)).toEqual([true, false, true, true, true]);
  });
  it("rejects a time in ms where µs are due, a broken rate and a negative open interest, naming the field", () => {
    const base = { exchange: "deribit", symbol: "BTC-PERPETUAL", timestamp: "1786320665523000", open_interest: "1", mark_price: "1" };
    const field = (cells: Record<string, string>) => {
      try {
        tardisTickerRow(cells, NOW);
        return null;
      } catch (e) {
        return (e as ArchiveRowError).field;
      }
    };
    expect(field(base)).toBeNull();
    expect(field({ ...base, timestamp: "1786320665523" })).toBe("timestamp");
    expect(field({ ...base, funding_rate: "1.5" })).toBe("funding_rate");
    expect(field({ ...base, open_interest: "-3" })).toBe("open_interest");
    expect(field({ ...base, mark_price: "abc" })).toBe("mark_price");
  });
});

describe("Tardis book_snapshot rows", () => {
  const [header, ...data] = rows("binance-futures_book_snapshot_5_BTCUSDT.csv");
  const cols = tardisBookColumns(header)!;
  const usdm = { symbol: "BTCUSDT", contractType: "linear" as const, sizeUnit: "base" as const, contractSize: 1 };
  it("reads the five levels a side of the first real row, best first, in base units", () => {
    expect(cols.asks).toHaveLength(5);
    const b = tardisBookRow(data[0], cols, usdm);
    expect(b.exchangeTs).toBe(1598918403696);
    expect(b.receivedTs).toBe(1598918403810);
    expect(b.asks[0]).toEqual([11657.08, 1.714]);
    expect(b.bids[0]).toEqual([11657.07, 10.896]);
    expect(b.bids[4]).toEqual([11655.68, 0.111]);
    expect(b).toMatchObject({ levelLimit: 5, truncated: true });
  });
  it("converts inverse contracts by their face value", () => {
    const b = tardisBookRow(data[0], cols, { symbol: "BTCUSD_PERP", contractType: "inverse", sizeUnit: "contracts", contractSize: 100 });
    expect(b.asks[0][1]).toBeCloseTo((1.714 * 100) / 11657.08, 12);
  });
  it("rejects a crossed row and a bad amount with the field named", () => {
    const crossed = [...data[0]];
    crossed[cols.bids[0][0]] = "11660";
    expect(() => tardisBookRow(crossed, cols, usdm)).toThrow(RecordError);
    const bad = [...data[0]];
    bad[cols.asks[2][1]] = "x";
    try {
      tardisBookRow(bad, cols, usdm);
    } catch (e) {
      expect((e as RecordError).field).toBe("asks[2].amount");
    }
    expect(tardisBookColumns(["exchange", "symbol", "timestamp"])).toBeNull();
  });
  it("samples the first good row of each cadence slot", () => {
    const s = new CadenceSampler(100);
    const kept = data.map((r) => Number(r[cols.timestamp]) / 1000).filter((ts) => (s.due(ts) ? (s.took(ts), true) : false));
    // 100 ms slots: …403.696, .888, .930 (.965 shares .930's slot), 404.021 (.045 skipped), .126 (.132 skipped), .244 (.284 skipped)
    expect(kept.map((t) => Math.floor(t) % 10_000)).toEqual([3696, 3888, 3930, 4021, 4126, 4244]);
  });
});
