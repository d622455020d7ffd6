import { describe, expect, it } from "vitest";
import { mexc } from "./connector";
import { context, fetchOffline, offlineHttp, parseFixture, queryOf, readFixture } from "../test-kit";
import { createVenueHttp } from "../http";
import { connectorFor } from "../registry";
import type { MarketRow } from "../types";

const DETAIL = "mexc/contract_detail_BTC_USDT_2025-12-31.json";
const DEPTH = "mexc/contract_depth_BTC_USDT_2025-12-31.json";

async function marketsMap(): Promise<Map<string, MarketRow>> {
  const r = await parseFixture(mexc, "markets", DETAIL);
  return new Map(r.rows.map((m) => [m.symbol, m]));
}

describe("mexc parsers on recorded responses", () => {
  it("parses BTC_USDT as linear 0.0001 BTC contracts, tick 0.1, 500x", async () => {
    const r = await parseFixture(mexc, "markets", DETAIL);
    expect(r.rejected).toEqual([]);
    expect(r.rows).toEqual([{ symbol: "BTC_USDT", base: "BTC", quote: "USDT", settle: "USDT", contractType: "linear", sizeUnit: "contracts", contractSize: 0.0001, tickSize: 0.1, maxLeverage: 500, fundingIntervalHours: null, active: true }]);
  });

  it("converts the BTC_USDT book from contracts to BTC (× 0.0001)", async () => {
    const r = await parseFixture(mexc, "depth", DEPTH, { symbol: "BTC_USDT", levelLimit: 1000, markets: await marketsMap() });
    expect(r.rejected).toEqual([]);
    const b = r.rows[0];
    // timestamp 1767209914046 = 2025-12-31T19:38:34.046Z
    expect(new Date(b.exchangeTs!).toISOString()).toBe("2025-12-31T19:38:34.046Z");
    // best bid 11,742 contracts = 1.1742 BTC at 87,631.4; best ask 11,008 = 1.1008 BTC
    expect(b.bids[0][0]).toBe(87631.4);
    expect(b.bids[0][1]).toBeCloseTo(1.1742, 10);
    expect(b.asks[0][1]).toBeCloseTo(1.1008, 10);
    // bid side: (11742+4236+4396+3804+4097) × 0.0001 = 2.8275 BTC
    expect(b.bids.reduce((s, [, q]) => s + q, 0)).toBeCloseTo(2.8275, 10);
    expect([b.bids.length, b.asks.length, b.truncated]).toEqual([5, 5, false]);
  });

  it("refuses the book without the contract's size, and a failed call's envelope", async () => {
    expect((await parseFixture(mexc, "depth", DEPTH, { symbol: "BTC_USDT" })).rejected[0]).toMatchObject({ venue: "mexc", symbol: "BTC_USDT", field: "symbol" });
    // the venue's own answer for an unknown contract (recorded beside the book): code 1001, success false
    const r = await mexc.parse("depth", { code: 1001, message: "Contract does not exist", success: false }, context("mexc", { symbol: "BTCUSDT", markets: await marketsMap() }));
    expect(r.rows).toEqual([]);
    expect(r.rejected[0]).toMatchObject({ venue: "mexc", field: "success" });
  });

  it("parses settled history and the current rate with its cycle (response shapes of the API docs; no recorded body)", async () => {
    const hist = await mexc.parse("funding", { success: true, code: 0, data: { pageSize: 2, totalCount: 2, totalPage: 1, currentPage: 1, resultList: [{ symbol: "BTC_USDT", fundingRate: 0.000266, settleTime: 1609804800000 }, { symbol: "BTC_USDT", fundingRate: 0.00029, settleTime: 1609776000000 }] } }, context("mexc"));
    expect(hist.rows.map((x) => [x.fundingTime, x.rate, x.predicted])).toEqual([[1609804800000, 0.000266, false], [1609776000000, 0.00029, false]]);
    const cur = await mexc.parse("funding", { success: true, code: 0, data: { symbol: "BTC_USDT", fundingRate: 0.000088, maxFundingRate: 0.003, minFundingRate: -0.003, collectCycle: 8, nextSettleTime: 1767225600000, timestamp: 1767209914046 } }, context("mexc"));
    expect(cur.rows).toEqual([{ symbol: "BTC_USDT", fundingTime: 1767225600000, rate: 0.000088, intervalHours: 8, premium: null, markPrice: null, indexPrice: null, predicted: true }]);
  });
});

describe("mexc requests, pinned through ccxt's request code", () => {
  it("is registered with an honest has map", () => {
    const c = connectorFor("mexc");
    expect(c.has).toEqual({ markets: true, depth: true, funding: true, fees: false, liquidations: false, oi: false, insurance: false, margin: false });
  });

  it("asks contract/detail and the 1000-level depth (ccxt routes the contract API through api.mexc.com)", async () => {
    const m = await fetchOffline(mexc, "markets", { symbols: [] }, () => readFixture(DETAIL));
    expect(m.map((c) => c.request.url)).toEqual(["https://api.mexc.com/api/v1/contract/detail"]);
    const d = await fetchOffline(mexc, "depth", { symbols: ["BTC_USDT"] }, () => readFixture(DEPTH));
    expect(d.map((c) => [new URL(c.request.url).pathname, queryOf(c.request.url), c.levelLimit])).toEqual([["/api/v1/contract/depth/BTC_USDT", { limit: "1000" }, 1000]]);
  });

  it("pages funding history from page 1 (newest) back to `since`, then asks the current rate", async () => {
    const H8 = 8 * 3_600_000;
    const newest = Date.UTC(2025, 11, 31);
    const asked: Record<string, string>[] = [];
    const http = offlineHttp(mexc, ({ url }) => {
      const q: Record<string, string> = { path: new URL(url).pathname, ...queryOf(url) };
      asked.push(q);
      if (!url.includes("history")) return { success: true, code: 0, data: { symbol: "BTC_USDT", fundingRate: 0.0001, collectCycle: 8, nextSettleTime: newest + H8 } };
      const p = Number(q.page_num);
      const resultList = [];
      for (let i = (p - 1) * 100; i < p * 100; i++) resultList.push({ symbol: "BTC_USDT", fundingRate: 0.0001, settleTime: newest - i * H8 });
      return { success: true, code: 0, data: { pageSize: 100, totalCount: 300, totalPage: 3, currentPage: p, resultList } };
    });
    await mexc.fetch("funding", http, { symbols: ["BTC_USDT"], since: newest - 150 * H8, until: newest });
    expect(asked.map((q) => [q.path, q.page_num ?? null])).toEqual([
      ["/api/v1/contract/funding_rate/history", "1"],
      ["/api/v1/contract/funding_rate/history", "2"],
      ["/api/v1/contract/funding_rate/BTC_USDT", null],
    ]);
    expect(http.warnings).toEqual([]);
  });
});

describe.skipIf(process.env.LIVE !== "1")("mexc live API", () => {
  it("loads the contracts and a BTC_USDT book in BTC", async () => {
    const http = createVenueHttp(mexc);
    await mexc.fetch("markets", http, { symbols: [] });
    const markets = await mexc.parse("markets", http.captures[0].body, context("mexc"));
    const map = new Map(markets.rows.map((m) => [m.symbol, m]));
    expect(map.get("BTC_USDT")?.contractSize).toBe(0.0001);
    await mexc.fetch("depth", http, { symbols: ["BTC_USDT"], levelLimit: 100 });
    const book = await mexc.parse("depth", http.captures.at(-1)!.body, context("mexc", { symbol: "BTC_USDT", markets: map, levelLimit: 100 }));
    expect(book.rows[0].bids.length).toBeGreaterThan(0);
  }, 60_000);
});
