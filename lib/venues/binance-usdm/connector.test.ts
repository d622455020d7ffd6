import { describe, expect, it } from "vitest";
import { binanceUsdm } from "./connector";
import { context, fetchOffline, parseFixture, readFixture } from "../test-kit";

describe("binance-usdm parsers on recorded responses", () => {
  it("parses the 100/100-level BTCUSDT depth body with exchange time T and base-asset sizes", async () => {
    const r = await parseFixture(binanceUsdm, "depth", "binance-usdm/depth_BTCUSDT_limit100_2024-11-01.json", { symbol: "BTCUSDT" });
    expect(r.rejected).toEqual([]);
    const book = r.rows[0];
    expect(book.bids).toHaveLength(100);
    expect(book.asks).toHaveLength(100);
    expect(book.asks[0]).toEqual([69607.8, 11.668]);
    expect(book.bids[0][0]).toBeLessThan(69607.8);
    expect(book.exchangeTs).toBe(1730440386476);
    // 100 levels is one of the limits /fapi/v1/depth accepts: the book is cut there.
    expect(book.levelLimit).toBe(100);
    expect(book.truncated).toBe(true);
  });

  it("refuses a depth body without a symbol, naming the field", async () => {
    const r = await parseFixture(binanceUsdm, "depth", "binance-usdm/depth_BTCUSDT_limit100_2024-11-01.json");
    expect(r.rows).toEqual([]);
    expect(r.rejected[0]).toMatchObject({ venue: "binance-usdm", field: "symbol" });
  });

  it("rejects a crossed book and a negative size with venue, market and field", async () => {
    const body = readFixture("binance-usdm/depth_BTCUSDT_limit100_2024-11-01.json") as { bids: string[][]; asks: string[][] };
    const crossed = { ...body, bids: [["70000.0", "1.0"], ...body.bids] };
    const r1 = await binanceUsdm.parse("depth", crossed, context("binance-usdm", { symbol: "BTCUSDT" }));
    expect(r1.rejected[0]).toMatchObject({ symbol: "BTCUSDT", field: "bids[0].price" });
    expect(r1.rejected[0].message).toMatch(/crossed book/);
    const negative = { ...body, asks: [["69607.80", "-1"], ...body.asks.slice(1)] };
    const r2 = await binanceUsdm.parse("depth", negative, context("binance-usdm", { symbol: "BTCUSDT" }));
    expect(r2.rejected[0]).toMatchObject({ symbol: "BTCUSDT", field: "asks[0].size" });
  });

  it("parses 100 funding records, keeping the good ones when one is corrupt", async () => {
    const ok = await parseFixture(binanceUsdm, "funding", "binance-usdm/fundingRate_BTCUSDT_2020-09.json");
    expect(ok.rows).toHaveLength(100);
    expect(ok.rows[0]).toMatchObject({ symbol: "BTCUSDT", fundingTime: 1600128000000, rate: -0.0002227, predicted: false });
    const body = readFixture("binance-usdm/fundingRate_BTCUSDT_2020-09.json") as Record<string, unknown>[];
    body[3] = { ...body[3], fundingRate: "NaN" };
    delete body[5].fundingTime;
    const bad = await binanceUsdm.parse("funding", body, context("binance-usdm"));
    expect(bad.rows).toHaveLength(98);
    expect(bad.rejected.map((x) => [x.index, x.field, x.symbol])).toEqual([
      [3, "fundingRate", "BTCUSDT"],
      [5, "fundingTime", "BTCUSDT"],
    ]);
  });

  it("reads premiumIndex as predicted funding with mark, index and premium", async () => {
    const r = await parseFixture(binanceUsdm, "funding", "binance-usdm/premiumIndex_all_2020-10-16.json");
    expect(r.rows).toHaveLength(5);
    const eos = r.rows.find((x) => x.symbol === "EOSUSDT")!;
    expect(eos).toMatchObject({ predicted: true, markPrice: 2.59828765, indexPrice: 2.59732255, rate: 0.0001, fundingTime: 1602835200000 });
    // premium = (2.59828765 - 2.59732255) / 2.59732255 = 0.00037157...
    expect(eos.premium).toBeCloseTo(0.00037157, 7);
  });

  it("parses exchangeInfo through ccxt into linear base-sized markets", async () => {
    const r = await parseFixture(binanceUsdm, "markets", "binance-usdm/exchangeInfo_2021-07-22.json");
    expect(r.rows.length).toBeGreaterThan(100);
    expect(r.rows.find((m) => m.symbol === "BTCUSDT")).toMatchObject({ base: "BTC", quote: "USDT", contractType: "linear", sizeUnit: "base", contractSize: 1, tickSize: 0.01 });
  });

  it("parses fundingInfo into interval and cap per symbol", async () => {
    const r = await parseFixture(binanceUsdm, "markets", "binance-usdm/fundingInfo_all.json");
    expect(r.rows.find((m) => m.symbol === "LPTUSDT")).toMatchObject({ fundingIntervalHours: 4, fundingCapRate: 0.02, fundingFloorRate: -0.02 });
  });

  it("parses open interest in base units, valued later from a stored price", async () => {
    const r = await parseFixture(binanceUsdm, "oi", "binance-usdm/openInterest_BTCUSDT_2023-12-10.json");
    expect(r.rows).toEqual([{ symbol: "BTCUSDT", ts: 1702244985273, sizeBase: 83782.317, valueUsd: null }]);
  });

  it("parses a forceOrder liquidation at its average price and filled size", async () => {
    const r = await parseFixture(binanceUsdm, "liquidations", "binance-usdm/tardis_ws_forceOrder_messages.json");
    // ap 4706.04 x z 0.014 = 65.88456 USD
    expect(r.rows).toEqual([{ symbol: "BTCUSDT", ts: 1584059031421, side: "buy", price: 4706.04, sizeBase: 0.014, notionalUsd: 4706.04 * 0.014 }]);
  });

  it("fetches depth through ccxt's request code and captures the raw body", async () => {
    const body = readFixture("binance-usdm/depth_BTCUSDT_limit100_2024-11-01.json");
    const urls: string[] = [];
    const captures = await fetchOffline(binanceUsdm, "depth", { symbols: ["BTCUSDT"], levelLimit: 100 }, ({ url }) => {
      urls.push(url);
      return body;
    });
    expect(urls[0]).toMatch(/^https:\/\/fapi\.binance\.com\/fapi\/v1\/depth\?symbol=BTCUSDT&limit=100$/);
    expect(captures).toHaveLength(1);
    expect(captures[0]).toMatchObject({ venue: "binance-usdm", kind: "depth", symbol: "BTCUSDT", levelLimit: 100 });
    expect(captures[0].body).toEqual(body);
  });

  it("retries a 5xx answered through ccxt, then succeeds", async () => {
    const ccxt = (await import("ccxt")).default;
    const body = readFixture("binance-usdm/openInterest_BTCUSDT_2023-12-10.json");
    let calls = 0;
    const captures = await fetchOffline(binanceUsdm, "oi", { symbols: ["BTCUSDT"] }, () => {
      calls++;
      if (calls === 1) throw new ccxt.ExchangeNotAvailable("binanceusdm 503 Service Unavailable");
      return body;
    });
    expect(calls).toBe(2);
    expect(captures).toHaveLength(1);
  });
});
