import { describe, expect, it } from "vitest";
import { bybit, inferBybitMarket } from "./connector";
import { context, fetchOffline, offlineHttp, parseFixture, queryOf, readFixture } from "../test-kit";
import { createVenueHttp } from "../http";

const OB500 = "bybit/ob500_XRPUSDT_2024-12-01_first_snapshot.json";
const TICKERS = "bybit/v5_market_tickers_linear_2023-08-16.json";
const LIQ = "bybit/tardis_liquidation_messages.json";
const INSTRUMENTS = "bybit/ccxt_static_markets_instruments-info_records.json";

type Snapshot = { topic: string; type: string; ts: number; cts: number; data: { s: string; b: string[][]; a: string[][]; u: number; seq: number } };
type Tickers = { retCode: number; retMsg: string; time: number; result: { category: string; list: Record<string, string>[] } };

/** A v5 instruments-info body for one category, built around real instrument records. */
function instrumentsBody(category: "linear" | "inverse") {
  const records = readFixture(INSTRUMENTS) as { contractType: string }[];
  const list = records.filter((r) => r.contractType === (category === "linear" ? "LinearPerpetual" : "InversePerpetual"));
  return { retCode: 0, retMsg: "OK", result: { category, list, nextPageCursor: "" }, retExtInfo: {}, time: 1700000000000 };
}

describe("bybit parsers on recorded responses", () => {
  it("parses the orderbook.500 snapshot: 500 levels a side, base-asset sizes, cut at the venue's 500", async () => {
    const r = await parseFixture(bybit, "depth", OB500);
    expect(r.rejected).toEqual([]);
    const book = r.rows[0];
    expect(book.symbol).toBe("XRPUSDT");
    expect(book.bids).toHaveLength(500);
    expect(book.asks).toHaveLength(500);
    // Linear contract: sizes are XRP quantities as sent ("1.9531","6203" -> 6203 XRP).
    expect(book.bids[0]).toEqual([1.9531, 6203]);
    expect(book.asks[0]).toEqual([1.9532, 10480]);
    expect(book.exchangeTs).toBe(1733011200691);
    expect(book.levelLimit).toBe(500);
    expect(book.truncated).toBe(true);
  });

  it("parses the same book in the REST /v5/market/orderbook envelope", async () => {
    const ws = readFixture(OB500) as Snapshot;
    const rest = { retCode: 0, retMsg: "OK", result: { ...ws.data, ts: ws.ts }, retExtInfo: {}, time: ws.ts + 1 };
    const r = await bybit.parse("depth", rest, context("bybit", { symbol: "XRPUSDT", levelLimit: 500 }));
    expect(r.rejected).toEqual([]);
    expect(r.rows[0]).toMatchObject({ symbol: "XRPUSDT", exchangeTs: 1733011200691, levelLimit: 500, truncated: true });
    expect(r.rows[0].bids).toHaveLength(500);
  });

  it("rejects a negative size, a crossed book and a delta message, naming venue, market and field", async () => {
    const ws = readFixture(OB500) as Snapshot;
    const negative = structuredClone(ws);
    negative.data.b[3] = [negative.data.b[3][0], "-5"];
    const r1 = await bybit.parse("depth", negative, context("bybit"));
    expect(r1.rows).toEqual([]);
    expect(r1.rejected[0]).toMatchObject({ venue: "bybit", symbol: "XRPUSDT", field: "bids[3].size" });
    const crossed = structuredClone(ws);
    crossed.data.b.unshift(["2.5000", "10"]);
    const r2 = await bybit.parse("depth", crossed, context("bybit"));
    expect(r2.rejected[0]).toMatchObject({ symbol: "XRPUSDT", field: "bids[0].price" });
    const delta = { ...structuredClone(ws), type: "delta" };
    const r3 = await bybit.parse("depth", delta, context("bybit", { symbol: "XRPUSDT" }));
    expect(r3.rejected[0]).toMatchObject({ venue: "bybit", symbol: "XRPUSDT", field: "type" });
  });

  it("reads tickers as predicted funding for the 245 perpetuals, skipping the 14 dated futures", async () => {
    const r = await parseFixture(bybit, "funding", TICKERS);
    expect(r.rejected).toEqual([]);
    expect(r.rows).toHaveLength(245);
    expect(r.rows.some((x) => x.symbol === "BTC-29SEP23")).toBe(false);
    const btc = r.rows.find((x) => x.symbol === "BTCUSDT")!;
    expect(btc).toMatchObject({ fundingTime: 1692172800000, rate: 0.0001, markPrice: 29197.4, indexPrice: 29202.83, predicted: true, intervalHours: null });
    // premium = (29197.40 - 29202.83) / 29202.83 = -0.000185941
    expect(btc.premium).toBeCloseTo(-0.000185941, 8);
  });

  it("keeps the good funding records when two are corrupt", async () => {
    const body = readFixture(TICKERS) as Tickers;
    const iBtc = body.result.list.findIndex((x) => x.symbol === "BTCUSDT");
    const iEth = body.result.list.findIndex((x) => x.symbol === "ETHUSDT");
    body.result.list[iBtc].fundingRate = "not-a-rate";
    delete (body.result.list[iEth] as Partial<Record<string, string>>).markPrice;
    const r = await bybit.parse("funding", body, context("bybit"));
    expect(r.rows).toHaveLength(243);
    expect(r.rejected.map((x) => [x.venue, x.symbol, x.field, x.index])).toEqual([
      ["bybit", "ETHUSDT", "markPrice", iEth],
      ["bybit", "BTCUSDT", "fundingRate", iBtc],
    ].sort((a, b) => (a[3] as number) - (b[3] as number)));
  });

  it("reads open interest from tickers in base units with the venue's USD value", async () => {
    const r = await parseFixture(bybit, "oi", TICKERS);
    expect(r.rejected).toEqual([]);
    expect(r.rows).toHaveLength(245);
    // Linear: openInterest 72480.801 BTC; openInterestValue 2116250939.12 USDT (= 72480.801 x mark 29197.40).
    expect(r.rows.find((x) => x.symbol === "BTCUSDT")).toEqual({ symbol: "BTCUSDT", ts: 1692163167245, sizeBase: 72480.801, valueUsd: 2116250939.12 });
  });

  it("parses legacy, v5 and allLiquidation messages; inverse qty is USD, converted to base at the price", async () => {
    const r = await parseFixture(bybit, "liquidations", LIQ);
    expect(r.rejected).toEqual([]);
    expect(r.rows).toHaveLength(10);
    // Inverse BTCUSD: 836 USD contracts at 23216 -> 836 / 23216 = 0.0360096 BTC, notional 836 USD.
    // "Sell" = a short was liquidated -> the liquidation order buys.
    const first = r.rows[0];
    expect(first).toMatchObject({ symbol: "BTCUSD", ts: 1608280339753, side: "buy", price: 23216, notionalUsd: 836 });
    expect(first.sizeBase).toBeCloseTo(836 / 23216, 12);
    // The 1,257,079-contract BTCUSD liquidation at 44662.5: 1257079 / 44662.5 = 28.146185 BTC.
    expect(r.rows[1]).toMatchObject({ side: "sell", notionalUsd: 1257079 });
    expect(r.rows[1].sizeBase).toBeCloseTo(28.146185, 5);
    // Linear BTCUSDT: 0.009 BTC x 45212.50 = 406.9125 USD.
    const lin = r.rows.find((x) => x.symbol === "BTCUSDT")!;
    expect(lin).toMatchObject({ side: "buy", price: 45212.5, sizeBase: 0.009 });
    expect(lin.notionalUsd).toBeCloseTo(406.9125, 9);
    // v5 inverse XRPUSD: size 6949 USD at 0.5149 -> 13495.82 XRP.
    const xrp = r.rows.find((x) => x.symbol === "XRPUSD")!;
    expect(xrp).toMatchObject({ ts: 1680673944093, notionalUsd: 6949 });
    expect(xrp.sizeBase).toBeCloseTo(6949 / 0.5149, 9);
    // allLiquidation: PIPPINUSDT v 2846 at p 0.02456 -> 69.89776 USD, S "Sell" -> buy.
    const pip = r.rows.find((x) => x.symbol === "PIPPINUSDT")!;
    expect(pip).toMatchObject({ ts: 1740480207110, side: "buy", sizeBase: 2846 });
    expect(pip.notionalUsd).toBeCloseTo(69.89776, 9);
  });

  it("rejects a corrupt liquidation naming its message and field, keeping the others", async () => {
    const body = readFixture(LIQ) as { data: Record<string, unknown> | Record<string, unknown>[] }[];
    (body[2].data as Record<string, unknown>).side = "Long";
    const r = await bybit.parse("liquidations", body, context("bybit"));
    expect(r.rows).toHaveLength(9);
    expect(r.rejected).toEqual([expect.objectContaining({ venue: "bybit", symbol: "ETHUSD", field: "side", index: 2 })]);
  });

  it("parses instruments through ccxt: linear base-sized, inverse USD-sized, interval and caps from the venue", async () => {
    const lin = await bybit.parse("markets", instrumentsBody("linear"), context("bybit"));
    expect(lin.rejected).toEqual([]);
    expect(lin.rows.map((m) => m.symbol)).toEqual(["BTCUSDT", "ETHUSDT"]);
    expect(lin.rows[0]).toMatchObject({ base: "BTC", quote: "USDT", contractType: "linear", sizeUnit: "base", contractSize: 1, tickSize: 0.1, maxLeverage: 100, fundingIntervalHours: 8, fundingCapRate: 0.005, fundingFloorRate: -0.005 });
    const inv = await bybit.parse("markets", instrumentsBody("inverse"), context("bybit"));
    expect(inv.rows).toEqual([expect.objectContaining({ symbol: "BTCUSD", settle: "BTC", contractType: "inverse", sizeUnit: "usd", contractSize: 1, fundingCapRate: 0.00375 })]);
    expect(inferBybitMarket("BTCUSD")).toMatchObject({ contractType: "inverse", sizeUnit: "usd", contractSize: 1 });
    expect(inferBybitMarket("BTC-29SEP23")).toBeNull();
  });

  it("reads base maker/taker from ccxt's market metadata", async () => {
    const r = await bybit.parse("fees", instrumentsBody("linear"), context("bybit"));
    expect(r.rows).toEqual([expect.objectContaining({ scope: "perp", tier: "base", makerRate: 0.0001, takerRate: 0.0006, effectiveFrom: Date.UTC(2026, 0, 1) })]);
  });

  it("rejects a venue error body naming the field", async () => {
    const r = await bybit.parse("funding", { retCode: 10001, retMsg: "params error", result: {} }, context("bybit", { symbol: "BTCUSDT" }));
    expect(r.rejected[0]).toMatchObject({ venue: "bybit", symbol: "BTCUSDT", field: "retCode" });
  });

  it("fetches depth through ccxt's request code and captures the raw body", async () => {
    const body = readFixture(OB500);
    const urls: string[] = [];
    const captures = await fetchOffline(bybit, "depth", { symbols: ["XRPUSDT"] }, ({ url }) => {
      urls.push(url);
      return body;
    });
    expect(urls).toHaveLength(1);
    const u = new URL(urls[0]);
    expect(u.origin + u.pathname).toBe("https://api.bybit.com/v5/market/orderbook");
    expect(Object.fromEntries(u.searchParams)).toEqual({ category: "linear", symbol: "XRPUSDT", limit: "500" });
    expect(captures).toEqual([expect.objectContaining({ venue: "bybit", kind: "depth", symbol: "XRPUSDT", levelLimit: 500, body })]);
    const parsed = await bybit.parse("depth", captures[0].body, context("bybit", { symbol: "XRPUSDT", levelLimit: captures[0].levelLimit }));
    expect(parsed.rows[0].truncated).toBe(true);
  });

  it("fetches open interest from tickers per symbol, inverse symbols in the inverse category", async () => {
    const body = readFixture(TICKERS);
    const urls: string[] = [];
    const captures = await fetchOffline(bybit, "oi", { symbols: ["BTCUSDT", "BTCUSD"] }, ({ url }) => {
      urls.push(url);
      return body;
    });
    expect(urls.map((x) => Object.fromEntries(new URL(x).searchParams))).toEqual([
      { category: "linear", symbol: "BTCUSDT" },
      { category: "inverse", symbol: "BTCUSD" },
    ]);
    expect(new URL(urls[0]).pathname).toBe("/v5/market/tickers");
    expect(captures.map((c) => c.kind)).toEqual(["oi", "oi"]);
  });
});

describe("bybit funding history paging (newest first, endTime walked back)", () => {
  const H8 = 8 * 3_600_000;
  /** The venue's funding/history: the newest `limit` records at or before endTime (or now), newest first. */
  function venue(first: number, last: number) {
    const requests: Record<string, string>[] = [];
    const responder = ({ url }: { url: string }) => {
      const q = queryOf(url);
      requests.push({ path: new URL(url).pathname, ...q });
      if (url.includes("/tickers")) return { retCode: 0, retMsg: "OK", result: { category: "linear", list: [] }, time: last };
      if (q.startTime && !q.endTime) return { retCode: 10001, retMsg: "params error", result: {} };
      const end = Math.min(last, Number(q.endTime ?? last));
      const list = [];
      for (let t = first + Math.floor((end - first) / H8) * H8; t >= first && list.length < Number(q.limit); t -= H8) list.push({ symbol: q.symbol, fundingRate: "0.0001", fundingRateTimestamp: String(t) });
      return { retCode: 0, retMsg: "OK", result: { category: q.category, list }, retExtInfo: {}, time: last };
    };
    return { requests, responder };
  }

  it("covers a 450-record window in three pages ending at the oldest record − 1 ms, keeping its oldest part", async () => {
    const first = Date.UTC(2023, 0, 1);
    const since = first + 50 * H8;
    const until = first + 499 * H8;
    const v = venue(first, first + 600 * H8);
    const http = offlineHttp(bybit, v.responder);
    await bybit.fetch("funding", http, { symbols: ["BTCUSDT"], since, until });
    expect(v.requests).toEqual([
      { path: "/v5/market/funding/history", category: "linear", symbol: "BTCUSDT", limit: "200", endTime: String(until) },
      { path: "/v5/market/funding/history", category: "linear", symbol: "BTCUSDT", limit: "200", endTime: String(first + 300 * H8 - 1) },
      { path: "/v5/market/funding/history", category: "linear", symbol: "BTCUSDT", limit: "200", endTime: String(first + 100 * H8 - 1) },
      { path: "/v5/market/tickers", category: "linear", symbol: "BTCUSDT" },
    ]);
    const rows = (await Promise.all(http.captures.slice(0, 3).map((c) => bybit.parse("funding", c.body, context("bybit", { symbol: c.symbol }))))).flatMap((r) => r.rows);
    const times = new Set(rows.map((r) => r.fundingTime));
    // Every settlement of [since, until] (450 of them), the oldest part included.
    for (let t = since; t <= until; t += H8) expect(times.has(t)).toBe(true);
    expect(http.warnings).toEqual([]);
  });

  it("stops when the venue has nothing older (a short page), without a warning", async () => {
    const first = Date.UTC(2023, 0, 1);
    const v = venue(first, first + 250 * H8);
    const http = offlineHttp(bybit, v.responder);
    await bybit.fetch("funding", http, { symbols: ["BTCUSD"], since: first - 100 * H8, until: first + 250 * H8 });
    expect(v.requests.filter((r) => r.path.endsWith("/history")).map((r) => [r.category, r.endTime])).toEqual([["inverse", String(first + 250 * H8)], ["inverse", String(first + 51 * H8 - 1)]]);
    expect(http.warnings).toEqual([]);
  });

  it("without a window asks the latest 200, never startTime alone (the venue refuses it)", async () => {
    const v = venue(Date.UTC(2023, 0, 1), Date.UTC(2023, 3, 1));
    await fetchOffline(bybit, "funding", { symbols: ["ETHUSDT"] }, v.responder);
    expect(v.requests[0]).toEqual({ path: "/v5/market/funding/history", category: "linear", symbol: "ETHUSDT", limit: "200" });
  });
});

describe.skipIf(process.env.LIVE !== "1")("bybit live", () => {
  it("fetches a sane BTCUSDT book", async () => {
    const http = createVenueHttp(bybit);
    await bybit.fetch("depth", http, { symbols: ["BTCUSDT"], levelLimit: 200 });
    const c = http.captures[0];
    const r = await bybit.parse("depth", c.body, context("bybit", { symbol: "BTCUSDT", levelLimit: c.levelLimit, receivedTs: c.receivedTs }));
    expect(r.rejected).toEqual([]);
    const book = r.rows[0];
    expect(book.bids.length).toBeGreaterThan(10);
    expect(book.asks.length).toBeGreaterThan(10);
    expect(book.bids[0][0]).toBeLessThan(book.asks[0][0]);
    expect(book.bids[0][0]).toBeGreaterThan(1000);
  });

  it("walks 120 days of 8-hourly funding back over two pages of 200, reaching `since`", async () => {
    const http = createVenueHttp(bybit);
    const until = Date.now();
    const since = until - 120 * 24 * 3_600_000;
    await bybit.fetch("funding", http, { symbols: ["BTCUSDT"], since, until, maxPages: 4 });
    const rows = (await Promise.all(http.captures.filter((c) => c.request.url.includes("/funding/history")).map((c) => bybit.parse("funding", c.body, context("bybit", { symbol: c.symbol }))))).flatMap((r) => r.rows);
    expect(Math.min(...rows.map((r) => r.fundingTime))).toBeLessThanOrEqual(since + 8 * 3_600_000);
    expect(http.warnings).toEqual([]);
  }, 60_000);
});
