import { describe, expect, it } from "vitest";
import { kucoinFutures, fundingHoursOf } from "./connector";
import { context, fetchOffline, offlineHttp, parseFixture, queryOf, readFixture } from "../test-kit";
import { createVenueHttp } from "../http";
import { connectorFor } from "../registry";
import type { MarketRow } from "../types";

const CONTRACTS = "kucoinfutures/contracts_active_XBT_2023.json";
const BOOK = "kucoinfutures/ua_orderbook_XBTUSDTM_2026-01-21.json";
const CURRENT = "kucoinfutures/funding_rate_current_XBTUSDTM_2024-01-22.json";

async function marketsMap(): Promise<Map<string, MarketRow>> {
  const r = await parseFixture(kucoinFutures, "markets", CONTRACTS);
  return new Map(r.rows.map((m) => [m.symbol, m]));
}

describe("kucoinfutures parsers on recorded responses", () => {
  it("parses XBTUSDTM as linear 0.001 BTC lots and XBTUSDM as inverse 1 USD contracts, both 8-hourly", async () => {
    const r = await parseFixture(kucoinFutures, "markets", CONTRACTS);
    expect(r.rejected).toEqual([]);
    expect(r.rows).toEqual([
      { symbol: "XBTUSDTM", base: "BTC", quote: "USDT", settle: "USDT", contractType: "linear", sizeUnit: "contracts", contractSize: 0.001, tickSize: 1, maxLeverage: 100, fundingIntervalHours: 8, active: true },
      { symbol: "XBTUSDM", base: "BTC", quote: "USD", settle: "BTC", contractType: "inverse", sizeUnit: "contracts", contractSize: 1, tickSize: 1, maxLeverage: 50, fundingIntervalHours: 8, active: true },
    ]);
  });

  it("values open interest: 9,876,432 lots × 0.001 = 9,876.432 BTC; 36,857,949 USD contracts / 29,519.05 = 1,248.62 BTC", async () => {
    const r = await parseFixture(kucoinFutures, "oi", CONTRACTS, { receivedTs: Date.UTC(2023, 6, 1) });
    expect(r.rejected).toEqual([]);
    const [lin, inv] = r.rows;
    expect(lin.sizeBase).toBeCloseTo(9876.432, 6);
    expect(lin.valueUsd).toBeCloseTo(9876.432 * 29538.28, 2);
    expect(inv.sizeBase).toBeCloseTo(36857949 / 29519.05, 6);
    expect(inv.sizeBase).toBeCloseTo(1248.6158, 3);
    expect(inv.valueUsd).toBe(36857949);
  });

  it("places the current rate at receivedTs + nextFundingRateTime (a duration in ms)", async () => {
    const at = Date.UTC(2023, 6, 1, 12);
    const r = await parseFixture(kucoinFutures, "funding", CONTRACTS, { receivedTs: at });
    expect(r.rows.map((x) => [x.symbol, x.fundingTime - at, x.rate, x.intervalHours, x.predicted])).toEqual([
      ["XBTUSDTM", 25242841, -0.000013, 8, true],
      ["XBTUSDM", 25242830, 0.0001, 8, true],
    ]);
  });

  it("converts the unified-account book from lots to BTC and its nanosecond ts to ms", async () => {
    const r = await parseFixture(kucoinFutures, "depth", BOOK, { markets: await marketsMap() });
    expect(r.rejected).toEqual([]);
    const b = r.rows[0];
    // ts 1768969154925000000 ns = 2026-01-21T04:19:14.925Z
    expect(new Date(b.exchangeTs!).toISOString()).toBe("2026-01-21T04:19:14.925Z");
    // best bid 1507 lots × 0.001 = 1.507 BTC; best ask 48 lots = 0.048 BTC
    expect(b.bids[0][0]).toBe(89389.6);
    expect(b.bids[0][1]).toBeCloseTo(1.507, 12);
    expect(b.asks[0]).toEqual([89389.7, 0.048]);
    expect(b.asks.reduce((s, [, q]) => s + q, 0)).toBeCloseTo((48 + 1 + 5 + 10 + 1) * 0.001, 12);
  });

  it("refuses the book without the contract's multiplier, and one named for another contract", async () => {
    expect((await parseFixture(kucoinFutures, "depth", BOOK)).rejected[0]).toMatchObject({ venue: "kucoinfutures", symbol: "XBTUSDTM", field: "symbol" });
    expect((await parseFixture(kucoinFutures, "depth", BOOK, { symbol: "ETHUSDTM", markets: await marketsMap() })).rejected[0]).toMatchObject({ field: "data.symbol" });
  });

  it("reads the current funding endpoint: the index .XBTUSDTMFPI8H names XBTUSDTM, granularity 28,800,000 ms = 8 h", async () => {
    const r = await parseFixture(kucoinFutures, "funding", CURRENT);
    expect(r.rejected).toEqual([]);
    expect(r.rows).toEqual([{ symbol: "XBTUSDTM", fundingTime: 1705896000000, rate: 0.000136, intervalHours: 8, premium: null, markPrice: null, indexPrice: null, predicted: true }]);
  });

  it("reads the funding period from granularity when present, else from the index name", () => {
    expect(fundingHoursOf({ fundingRateGranularity: 14_400_000, fundingRateSymbol: ".XBTUSDTMFPI8H" })).toBe(4);
    expect(fundingHoursOf({ fundingRateSymbol: ".ETHUSDTMFPI8H" })).toBe(8);
    expect(fundingHoursOf({ fundingRateSymbol: null })).toBeNull();
  });
});

describe("kucoinfutures requests, pinned through ccxt's request code", () => {
  it("is registered with an honest has map", () => {
    const c = connectorFor("kucoinfutures");
    expect(c.has).toEqual({ markets: true, depth: true, funding: true, fees: false, liquidations: false, oi: true, insurance: false, margin: false });
    expect(c.symbolFor("BTC")).toBe("XBTUSDTM");
  });

  it("asks contracts/active and the 100-level depth", async () => {
    const m = await fetchOffline(kucoinFutures, "markets", { symbols: [] }, () => readFixture(CONTRACTS));
    expect(m.map((c) => c.request.url)).toEqual(["https://api-futures.kucoin.com/api/v1/contracts/active"]);
    const d = await fetchOffline(kucoinFutures, "depth", { symbols: ["XBTUSDTM"] }, () => readFixture(BOOK));
    expect(d.map((c) => [c.request.url, c.levelLimit])).toEqual([["https://api-futures.kucoin.com/api/v1/level2/depth100?symbol=XBTUSDTM", 100]]);
  });

  it("pages settled funding back with ms from/to", async () => {
    const H8 = 8 * 3_600_000;
    const newest = Date.UTC(2024, 0, 1);
    const asked: Record<string, string>[] = [];
    const http = offlineHttp(kucoinFutures, ({ url }) => {
      if (url.endsWith("contracts/active")) return readFixture(CONTRACTS);
      const q = queryOf(url);
      asked.push(q);
      const data = [];
      for (let t = Math.min(Number(q.to), newest); t >= Number(q.from) && data.length < 100; t -= H8) data.push({ symbol: "XBTUSDTM", fundingRate: 0.0001, timepoint: t });
      return { code: "200000", data };
    });
    await kucoinFutures.fetch("funding", http, { symbols: ["XBTUSDTM"], since: newest - 149 * H8, until: newest });
    expect(asked.map((q) => [q.symbol, Number(q.from), Number(q.to)])).toEqual([
      ["XBTUSDTM", newest - 149 * H8, newest],
      ["XBTUSDTM", newest - 149 * H8, newest - 99 * H8 - 1],
    ]);
    expect(http.warnings).toEqual([]);
    const hist = await kucoinFutures.parse("funding", { code: "200000", data: [{ symbol: "XBTUSDTM", fundingRate: 0.0001, timepoint: newest }] }, context("kucoinfutures", { markets: await marketsMap() }));
    expect(hist.rows[0]).toMatchObject({ symbol: "XBTUSDTM", fundingTime: newest, rate: 0.0001, intervalHours: 8, predicted: false });
  });
});

describe.skipIf(process.env.LIVE !== "1")("kucoinfutures live API", () => {
  it("loads the contracts and an XBTUSDTM book in BTC", async () => {
    const http = createVenueHttp(kucoinFutures);
    await kucoinFutures.fetch("markets", http, { symbols: [] });
    const markets = await kucoinFutures.parse("markets", http.captures[0].body, context("kucoinfutures"));
    const map = new Map(markets.rows.map((m) => [m.symbol, m]));
    expect(map.get("XBTUSDTM")?.contractSize).toBe(0.001);
    await kucoinFutures.fetch("depth", http, { symbols: ["XBTUSDTM"] });
    const book = await kucoinFutures.parse("depth", http.captures.at(-1)!.body, context("kucoinfutures", { markets: map, levelLimit: 100 }));
    expect(book.rows[0].bids.length).toBeGreaterThan(0);
  }, 60_000);
});
