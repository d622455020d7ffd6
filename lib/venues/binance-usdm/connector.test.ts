import { describe, expect, it } from "vitest";
import { binanceUsdm } from "./connector";
import { context, fetchOffline, offlineHttp, parseFixture, queryOf, readFixture } from "../test-kit";
import { createVenueHttp } from "../http";

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

const H8 = 8 * 3_600_000;
/** fundingRate answered like the venue: records every 8 h from startTime (inclusive) to endTime, ascending, at most `limit`. */
function fundingRateVenue(firstRecord: number, lastRecord: number) {
  const requests: Record<string, string>[] = [];
  const responder = ({ url }: { url: string }) => {
    const q = queryOf(url);
    requests.push({ path: new URL(url).pathname, ...q });
    if (url.includes("/premiumIndex")) return { symbol: q.symbol, markPrice: "100", indexPrice: "99.9", lastFundingRate: "0.0001", nextFundingTime: lastRecord + H8, time: lastRecord + 1 };
    const from = Math.max(firstRecord, Math.ceil((Number(q.startTime ?? firstRecord) - firstRecord) / H8) * H8 + firstRecord);
    const to = Math.min(lastRecord, Number(q.endTime ?? lastRecord));
    const out = [];
    for (let t = from; t <= to && out.length < Number(q.limit ?? 100); t += H8) out.push({ symbol: q.symbol, fundingTime: t, fundingRate: "0.00010000", markPrice: "100" });
    return out;
  };
  return { requests, responder };
}

describe("binance-usdm requests, pinned through ccxt's request code", () => {
  it("snaps --levels to the depth limits the venue accepts (5/10/20/50/100/500/1000)", async () => {
    const body = readFixture("binance-usdm/depth_BTCUSDT_limit100_2024-11-01.json");
    const asked: [number | undefined, string, number | null][] = [];
    for (const levels of [undefined, 1, 7, 30, 100, 101, 999, 2000]) {
      const captures = await fetchOffline(binanceUsdm, "depth", { symbols: ["BTCUSDT"], levelLimit: levels }, () => body);
      asked.push([levels, queryOf(captures[0].request.url).limit, captures[0].levelLimit]);
    }
    expect(asked).toEqual([
      [undefined, "1000", 1000],
      [1, "5", 5],
      [7, "10", 10],
      [30, "50", 50],
      [100, "100", 100],
      [101, "500", 500],
      [999, "1000", 1000],
      [2000, "1000", 1000],
    ]);
  });

  it("pages funding history forward from the newest record + 1 ms until the window is covered", async () => {
    // 2,500 8-hourly records from 2021-01-01: three pages of 1,000 / 1,000 / 500.
    const first = Date.UTC(2021, 0, 1);
    const last = first + 2499 * H8;
    const venue = fundingRateVenue(first, last + 10 * H8);
    const http = offlineHttp(binanceUsdm, venue.responder);
    await binanceUsdm.fetch("funding", http, { symbols: ["BTCUSDT"], since: first, until: last });
    expect(venue.requests).toEqual([
      { path: "/fapi/v1/fundingRate", symbol: "BTCUSDT", startTime: String(first), endTime: String(last), limit: "1000" },
      { path: "/fapi/v1/fundingRate", symbol: "BTCUSDT", startTime: String(first + 999 * H8 + 1), endTime: String(last), limit: "1000" },
      { path: "/fapi/v1/fundingRate", symbol: "BTCUSDT", startTime: String(first + 1999 * H8 + 1), endTime: String(last), limit: "1000" },
      { path: "/fapi/v1/premiumIndex", symbol: "BTCUSDT" },
    ]);
    const rows = (await Promise.all(http.captures.map((c) => binanceUsdm.parse("funding", c.body, context("binance-usdm", { symbol: c.symbol }))))).flatMap((r) => r.rows);
    const settled = rows.filter((r) => !r.predicted).map((r) => r.fundingTime);
    // The whole window, newest part included (one request of 1,000 from `since` used to lose it).
    expect(settled).toHaveLength(2500);
    expect(new Set(settled).size).toBe(2500);
    expect([Math.min(...settled), Math.max(...settled)]).toEqual([first, last]);
    expect(rows.filter((r) => r.predicted)).toEqual([expect.objectContaining({ symbol: "BTCUSDT", rate: 0.0001, markPrice: 100, predicted: true })]);
    expect(http.warnings).toEqual([]);
  });

  it("stops at the page cap and reports the part of the window not fetched", async () => {
    const first = Date.UTC(2021, 0, 1);
    const venue = fundingRateVenue(first, first + 4999 * H8);
    const http = offlineHttp(binanceUsdm, venue.responder);
    await binanceUsdm.fetch("funding", http, { symbols: ["BTCUSDT"], since: first, until: first + 4999 * H8, maxPages: 2 });
    expect(venue.requests.filter((r) => r.path === "/fapi/v1/fundingRate")).toHaveLength(2);
    expect(http.warnings).toEqual([expect.objectContaining({ venue: "binance-usdm", symbol: "BTCUSDT", field: "since" })]);
    expect(http.warnings[0].message).toMatch(/stopped at the cap of 2 pages; fetched as far as 2022-10-29T08:00:00.000Z/);
  });

  it("without a window asks one page of the latest records, and premiumIndex per symbol (weight 1, not 10)", async () => {
    const venue = fundingRateVenue(Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 2));
    await fetchOffline(binanceUsdm, "funding", { symbols: ["BTCUSDT", "ETHUSDT"] }, venue.responder);
    expect(venue.requests).toEqual([
      { path: "/fapi/v1/fundingRate", symbol: "BTCUSDT", limit: "1000" },
      { path: "/fapi/v1/fundingRate", symbol: "ETHUSDT", limit: "1000" },
      { path: "/fapi/v1/premiumIndex", symbol: "BTCUSDT" },
      { path: "/fapi/v1/premiumIndex", symbol: "ETHUSDT" },
    ]);
  });

  it("fetches fundingInfo with the markets; its intervals and caps land on the markets", async () => {
    const exchangeInfo = readFixture("binance-usdm/exchangeInfo_2021-07-22.json");
    const fundingInfo = readFixture("binance-usdm/fundingInfo_all.json");
    const captures = await fetchOffline(binanceUsdm, "markets", { symbols: [] }, ({ url }) => (url.includes("/fundingInfo") ? fundingInfo : exchangeInfo));
    expect(captures.map((c) => new URL(c.request.url).pathname)).toEqual(["/fapi/v1/exchangeInfo", "/fapi/v1/fundingInfo"]);
    const markets = await binanceUsdm.parse("markets", captures[0].body, context("binance-usdm"));
    const withInfo = await binanceUsdm.parse("markets", captures[1].body, context("binance-usdm", { markets: new Map(markets.rows.map((m) => [m.symbol, m])) }));
    // TRBUSDT: 4-hourly, capped at ±2 % (fundingInfo); its tick size is still exchangeInfo's.
    expect(withInfo.rows.find((m) => m.symbol === "TRBUSDT")).toMatchObject({ fundingIntervalHours: 4, fundingCapRate: 0.02, fundingFloorRate: -0.02, tickSize: markets.rows.find((m) => m.symbol === "TRBUSDT")!.tickSize });
    // Fees use the same exchangeInfo call only.
    const fees = await fetchOffline(binanceUsdm, "fees", { symbols: [] }, () => exchangeInfo);
    expect(fees).toHaveLength(1);
  });

  it("fetches the insurance fund snapshot and stores each pool's USDT/USDC balance", async () => {
    // The response examples of "Query Insurance Fund Balance Snapshot" (no recorded body was found).
    const body = readFixture("binance-usdm/insuranceBalance_all_docs_example.json");
    const captures = await fetchOffline(binanceUsdm, "insurance", { symbols: ["BTCUSDT"] }, ({ url }) => {
      expect(url).toBe("https://fapi.binance.com/fapi/v1/insuranceBalance");
      return body;
    });
    expect(binanceUsdm.has.insurance).toBe(true);
    const r = await binanceUsdm.parse("insurance", captures[0].body, context("binance-usdm"));
    expect(r).toEqual({
      rows: [
        { ts: 1745366402000, asset: "USDT:ADAUSDT+10", balanceUsd: 314151411.06482935 },
        { ts: 1745366402000, asset: "USDT:ACTUSDT+3", balanceUsd: 5166686.84431694 },
      ],
      rejected: [],
    });
    // The per-symbol form: one pool; BTC and BNFCR balances have no price in the body and are left out.
    const r1 = await parseFixture(binanceUsdm, "insurance", "binance-usdm/insuranceBalance_symbol_docs_example.json");
    expect(r1.rows.map((x) => [x.asset, x.balanceUsd])).toEqual([["USDC:BNBUSDT+7", 299999998.6497832], ["USDT:BNBUSDT+7", 793930579.315848]]);
    const bad = await binanceUsdm.parse("insurance", [{ symbols: ["X"], assets: [{ asset: "USDT", marginBalance: "-1", updateTime: 1 }] }], context("binance-usdm"));
    expect(bad.rejected[0]).toMatchObject({ field: "marginBalance", index: 0 });
  });
});

describe.skipIf(process.env.LIVE !== "1")("binance-usdm live API (fixed endpoints)", () => {
  it("pages a two-month funding window and snaps depth; fundingInfo, premiumIndex and insuranceBalance parse", async () => {
    const http = createVenueHttp(binanceUsdm);
    const until = Date.now();
    await binanceUsdm.fetch("funding", http, { symbols: ["BTCUSDT"], since: until - 60 * 24 * 3_600_000, until, maxPages: 3 });
    const rows = (await Promise.all(http.captures.map((c) => binanceUsdm.parse("funding", c.body, context("binance-usdm", { symbol: c.symbol }))))).flatMap((r) => r.rows);
    expect(rows.filter((r) => !r.predicted).length).toBeGreaterThan(170);
    expect(rows.filter((r) => r.predicted)).toHaveLength(1);
    await binanceUsdm.fetch("depth", http, { symbols: ["BTCUSDT"], levelLimit: 30 });
    expect(queryOf(http.captures.at(-1)!.request.url).limit).toBe("50");
    await binanceUsdm.fetch("markets", http, { symbols: [] });
    expect(new URL(http.captures.at(-1)!.request.url).pathname).toBe("/fapi/v1/fundingInfo");
    expect((await binanceUsdm.parse("markets", http.captures.at(-1)!.body, context("binance-usdm"))).rows.length).toBeGreaterThan(0);
    await binanceUsdm.fetch("insurance", http, { symbols: [] });
    const ins = await binanceUsdm.parse("insurance", http.captures.at(-1)!.body, context("binance-usdm"));
    expect(ins.rejected).toEqual([]);
    expect(ins.rows.reduce((s, r) => s + r.balanceUsd, 0)).toBeGreaterThan(1e6);
  }, 60_000);
});
