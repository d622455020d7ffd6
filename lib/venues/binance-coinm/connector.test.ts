import { describe, expect, it } from "vitest";
import { binanceCoinm } from "./connector";
import { context, fetchOffline, offlineHttp, parseFixture, queryOf, readFixture } from "../test-kit";
import { createVenueHttp } from "../http";
import { connectorFor } from "../registry";
import type { MarketRow } from "../types";

const EXCHANGE_INFO = "binance-coinm/exchangeInfo_2025-08-07.json";

async function marketsMap(): Promise<Map<string, MarketRow>> {
  const r = await parseFixture(binanceCoinm, "markets", EXCHANGE_INFO);
  return new Map(r.rows.map((m) => [m.symbol, m]));
}

describe("binance-coinm parsers on recorded responses", () => {
  it("parses exchangeInfo through ccxt into inverse contract-sized perpetuals: 100 USD BTC, 10 USD the others", async () => {
    const r = await parseFixture(binanceCoinm, "markets", EXCHANGE_INFO);
    expect(r.rejected).toEqual([]);
    // 25 perpetuals in the recorded body (GALAUSD_PERP was DELIVERING, so inactive).
    expect(r.rows).toHaveLength(25);
    expect(r.rows.find((m) => m.symbol === "BTCUSD_PERP")).toMatchObject({ base: "BTC", quote: "USD", settle: "BTC", contractType: "inverse", sizeUnit: "contracts", contractSize: 100, tickSize: 0.1, active: true });
    expect(r.rows.find((m) => m.symbol === "ETHUSD_PERP")).toMatchObject({ base: "ETH", settle: "ETH", contractType: "inverse", contractSize: 10 });
    expect(r.rows.find((m) => m.symbol === "GALAUSD_PERP")?.active).toBe(false);
    expect(r.rows.every((m) => m.contractSize === (m.base === "BTC" ? 100 : 10))).toBe(true);
  });

  it("converts a 100-level BTCUSD_PERP book from contracts to BTC: base = contracts × 100 USD / price", async () => {
    const markets = await marketsMap();
    const r = await parseFixture(binanceCoinm, "depth", "binance-coinm/depth_BTCUSD_PERP_limit100_2024-11-01.json", { markets });
    expect(r.rejected).toEqual([]);
    const book = r.rows[0];
    expect(book.symbol).toBe("BTCUSD_PERP");
    expect(book.exchangeTs).toBe(1730440387145);
    expect(book.bids).toHaveLength(100);
    expect(book.levelLimit).toBe(100);
    expect(book.truncated).toBe(true);
    // best ask 6209 contracts at 69512.8: 620,900 USD = 620900 / 69512.8 = 8.932168 BTC
    expect(book.asks[0][0]).toBe(69512.8);
    expect(book.asks[0][1]).toBeCloseTo(8.932168, 6);
    // best bid 172 contracts at 69512.7: 17,200 USD = 0.247436... BTC
    expect(book.bids[0]).toEqual([69512.7, (172 * 100) / 69512.7]);
    expect(book.bids[0][1]).toBeCloseTo(0.247437, 6);
    // USD depth of the first three asks: (6209 + 110 + 75) × 100 = 639,400 USD
    const usd = book.asks.slice(0, 3).reduce((s, [p, q]) => s + p * q, 0);
    expect(usd).toBeCloseTo(639_400, 6);
  });

  it("refuses a book for a market whose contract size is unknown, and a crossed book", async () => {
    const r = await parseFixture(binanceCoinm, "depth", "binance-coinm/depth_BTCUSD_PERP_limit100_2024-11-01.json");
    expect(r.rows).toEqual([]);
    expect(r.rejected[0]).toMatchObject({ venue: "binance-coinm", symbol: "BTCUSD_PERP", field: "symbol" });
    expect(r.rejected[0].message).toMatch(/import the venue's markets first/);
    const body = readFixture("binance-coinm/depth_BTCUSD_PERP_limit100_2024-11-01.json") as { bids: string[][] };
    const crossed = { ...body, bids: [["70000.0", "5"], ...body.bids] };
    const r2 = await binanceCoinm.parse("depth", crossed, context("binance-coinm", { markets: await marketsMap() }));
    expect(r2.rejected[0]).toMatchObject({ symbol: "BTCUSD_PERP", field: "bids[0].price" });
  });

  it("keeps a 28-level recorded book (the recorder trimmed a limit=1000 answer) as not cut", async () => {
    const r = await parseFixture(binanceCoinm, "depth", "binance-coinm/depth_BTCUSD_PERP_limit1000_2021-01-27.json", { markets: await marketsMap() });
    expect(r.rows[0].asks).toHaveLength(28);
    expect(r.rows[0].levelLimit).toBeNull();
    expect(r.rows[0].truncated).toBe(false);
    // 326 contracts at 32108.6 = 32,600 USD = 1.01530... BTC
    expect(r.rows[0].asks[0][1]).toBeCloseTo(1.015304, 6);
  });

  it("parses 50 settled funding records 8 hours apart", async () => {
    const r = await parseFixture(binanceCoinm, "funding", "binance-coinm/fundingRate_BTCUSD_PERP_2020-11.json");
    expect(r.rejected).toEqual([]);
    expect(r.rows).toHaveLength(50);
    expect(r.rows[0]).toEqual({ symbol: "BTCUSD_PERP", fundingTime: 1604217600000, rate: 0.0001, intervalHours: null, premium: null, markPrice: null, indexPrice: null, predicted: false });
    expect(r.rows[4].rate).toBe(0.00005398);
    // 8-hourly settlement: 2020-11-01T08:00Z, then +28,800,000 ms
    expect(r.rows[1].fundingTime - r.rows[0].fundingTime).toBe(8 * 3_600_000);
  });

  it("reads premiumIndex as the predicted rate and skips the quarterlies it lists without funding", async () => {
    const one = await parseFixture(binanceCoinm, "funding", "binance-coinm/premiumIndex_BTCUSD_PERP_2023-06-20.json");
    expect(one.rows).toHaveLength(1);
    expect(one.rows[0]).toMatchObject({ symbol: "BTCUSD_PERP", predicted: true, rate: 0.00006292, markPrice: 26780.2, indexPrice: 26792.39505234, fundingTime: 1687248000000 });
    // premium = (26780.2 − 26792.39505234) / 26792.39505234 = −0.00045517
    expect(one.rows[0].premium).toBeCloseTo(-0.00045517, 8);
    const all = await parseFixture(binanceCoinm, "funding", "binance-coinm/premiumIndex_all_2023-09-11.json");
    expect(all.rejected).toEqual([]);
    expect(all.rows.map((r) => [r.symbol, r.rate])).toEqual([
      ["FILUSD_PERP", 0.00004207],
      ["GMTUSD_PERP", -0.0000066],
      ["XTZUSD_PERP", -0.00026801],
    ]);
  });

  it("does not parse kinds it does not offer", async () => {
    const r = await parseFixture(binanceCoinm, "oi", "binance-coinm/openInterest_BTCUSD_PERP_2023-12-10.json");
    expect(r.rows).toEqual([]);
    expect(r.rejected[0]).toMatchObject({ venue: "binance-coinm", field: "kind" });
  });
});

describe("binance-coinm requests, pinned through ccxt's request code", () => {
  it("is registered with an honest has map", () => {
    const c = connectorFor("binance-coinm");
    expect(c.info.name).toBe("Binance COIN-M Futures");
    expect(c.has).toEqual({ markets: true, depth: true, funding: true, fees: true, liquidations: false, oi: false, insurance: false, margin: false });
    for (const k of ["oi", "liquidations", "insurance", "margin"] as const) expect(c.notes[k]).toBeTruthy();
    expect(c.symbolFor("BTC")).toBe("BTCUSD_PERP");
  });

  it("asks dapi depth with a limit the venue accepts", async () => {
    const body = readFixture("binance-coinm/depth_BTCUSD_PERP_limit100_2024-11-01.json");
    const urls: string[] = [];
    const captures = await fetchOffline(binanceCoinm, "depth", { symbols: ["BTCUSD_PERP"], levelLimit: 30 }, ({ url }) => {
      urls.push(url);
      return body;
    });
    expect(urls).toEqual(["https://dapi.binance.com/dapi/v1/depth?symbol=BTCUSD_PERP&limit=50"]);
    expect(captures[0]).toMatchObject({ venue: "binance-coinm", kind: "depth", symbol: "BTCUSD_PERP", levelLimit: 50 });
    const deepest = await fetchOffline(binanceCoinm, "depth", { symbols: ["BTCUSD_PERP"] }, () => body);
    expect(queryOf(deepest[0].request.url).limit).toBe("1000");
  });

  it("fetches exchangeInfo then fundingInfo for markets, and exchangeInfo alone for fees", async () => {
    const info = readFixture(EXCHANGE_INFO);
    const captures = await fetchOffline(binanceCoinm, "markets", { symbols: [] }, ({ url }) => (url.includes("/fundingInfo") ? [] : info));
    expect(captures.map((c) => c.request.url)).toEqual(["https://dapi.binance.com/dapi/v1/exchangeInfo", "https://dapi.binance.com/dapi/v1/fundingInfo"]);
    // gocryptotrader recorded /dapi/v1/fundingInfo answering `null`: no adjusted symbol, no rows, no rejection.
    expect(await binanceCoinm.parse("markets", null, context("binance-coinm"))).toEqual({ rows: [], rejected: [] });
    // A hand-made record in the fundingInfo shape (no recorded COIN-M body lists an adjusted symbol).
    const fi = await binanceCoinm.parse("markets", [{ symbol: "BTCUSD_PERP", adjustedFundingRateCap: "0.0075", adjustedFundingRateFloor: "-0.0075", fundingIntervalHours: 4 }], context("binance-coinm", { markets: await marketsMap() }));
    expect(fi.rows[0]).toMatchObject({ symbol: "BTCUSD_PERP", contractSize: 100, fundingIntervalHours: 4, fundingCapRate: 0.0075 });
    const fees = await fetchOffline(binanceCoinm, "fees", { symbols: [] }, () => info);
    expect(fees).toHaveLength(1);
    const feeRows = await binanceCoinm.parse("fees", fees[0].body, context("binance-coinm"));
    expect(feeRows.rows).toHaveLength(1);
    expect(feeRows.rows[0]).toMatchObject({ scope: "perp", tier: "regular" });
  });

  it("pages funding history forward from the newest record + 1 ms, then premiumIndex per symbol", async () => {
    const H8 = 8 * 3_600_000;
    const first = Date.UTC(2021, 0, 1);
    const last = first + 1499 * H8;
    const requests: Record<string, string>[] = [];
    const http = offlineHttp(binanceCoinm, ({ url }) => {
      const q = queryOf(url);
      requests.push({ path: new URL(url).pathname, ...q });
      if (url.includes("/premiumIndex")) return readFixture("binance-coinm/premiumIndex_BTCUSD_PERP_2023-06-20.json");
      const out = [];
      const from = Math.ceil((Number(q.startTime) - first) / H8) * H8 + first;
      for (let t = from; t <= Math.min(last, Number(q.endTime)) && out.length < Number(q.limit); t += H8) out.push({ symbol: q.symbol, fundingTime: t, fundingRate: "0.00010000" });
      return out;
    });
    await binanceCoinm.fetch("funding", http, { symbols: ["BTCUSD_PERP"], since: first, until: last });
    expect(requests).toEqual([
      { path: "/dapi/v1/fundingRate", symbol: "BTCUSD_PERP", startTime: String(first), endTime: String(last), limit: "1000" },
      { path: "/dapi/v1/fundingRate", symbol: "BTCUSD_PERP", startTime: String(first + 999 * H8 + 1), endTime: String(last), limit: "1000" },
      { path: "/dapi/v1/premiumIndex", symbol: "BTCUSD_PERP" },
    ]);
    const rows = (await Promise.all(http.captures.map((c) => binanceCoinm.parse("funding", c.body, context("binance-coinm"))))).flatMap((r) => r.rows);
    expect(rows.filter((r) => !r.predicted)).toHaveLength(1500);
    expect(http.warnings).toEqual([]);
  });
});

describe.skipIf(process.env.LIVE !== "1")("binance-coinm live API", () => {
  it("loads markets, a BTCUSD_PERP book and funding", async () => {
    const http = createVenueHttp(binanceCoinm);
    await binanceCoinm.fetch("markets", http, { symbols: [] });
    const markets = await binanceCoinm.parse("markets", http.captures[0].body, context("binance-coinm"));
    expect(markets.rows.find((m) => m.symbol === "BTCUSD_PERP")?.contractSize).toBe(100);
    const map = new Map(markets.rows.map((m) => [m.symbol, m]));
    await binanceCoinm.fetch("depth", http, { symbols: ["BTCUSD_PERP"], levelLimit: 100 });
    const book = await binanceCoinm.parse("depth", http.captures.at(-1)!.body, context("binance-coinm", { symbol: "BTCUSD_PERP", markets: map, levelLimit: 100 }));
    expect(book.rows[0].bids.length).toBe(100);
    await binanceCoinm.fetch("funding", http, { symbols: ["BTCUSD_PERP"] });
    const f = await binanceCoinm.parse("funding", http.captures.at(-1)!.body, context("binance-coinm"));
    expect(f.rows).toHaveLength(1);
  }, 60_000);
});
