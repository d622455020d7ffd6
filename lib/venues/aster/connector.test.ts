import { describe, expect, it } from "vitest";
import { aster } from "./connector";
import { context, fetchOffline, parseFixture, queryOf, readFixture } from "../test-kit";
import { createVenueHttp } from "../http";

// The only recorded Aster response found is an account commission-rate body (ccxt/ccxt :
// ts/src/test/static/response/aster.json, fetchTradingFee). Aster's public futures bodies have Binance
// USD-M's shapes, so the Binance recordings stand in for them where a test needs a body to run the
// Aster request path or ccxt's Aster market parser; they are Binance data, not Aster data.
const COMMISSION = "aster/commissionRate_BTCUSDT.json";
const BINANCE_DEPTH = "binance-usdm/depth_BTCUSDT_limit100_2024-11-01.json";
const BINANCE_EXCHANGE_INFO = "binance-usdm/exchangeInfo_2021-07-22.json";
const BINANCE_FUNDING = "binance-usdm/fundingRate_BTCUSDT_2020-09.json";
const BINANCE_PREMIUM = "binance-usdm/premiumIndex_all_2020-10-16.json";
const RECEIVED = Date.UTC(2026, 0, 1);

describe("aster parsers", () => {
  it("parses the recorded commissionRate body as an account fee tier", async () => {
    const r = await parseFixture(aster, "fees", COMMISSION);
    expect(r.rejected).toEqual([]);
    expect(r.rows).toEqual([{ scope: "perp", tier: "account", makerRate: 0.0001, takerRate: 0.00035, effectiveFrom: RECEIVED, source: expect.stringContaining("commissionRate (BTCUSDT") }]);
    const bad = await aster.parse("fees", { ...(readFixture(COMMISSION) as object), takerCommissionRate: "n/a" }, context("aster"));
    expect(bad.rejected[0]).toMatchObject({ venue: "aster", symbol: "BTCUSDT", field: "takerCommissionRate" });
  });

  it("reports base fees from ccxt's Aster metadata, matching the recorded account rate", async () => {
    const r = await parseFixture(aster, "fees", BINANCE_EXCHANGE_INFO);
    expect(r.rows[0]).toMatchObject({ tier: "regular", makerRate: 0.0001, takerRate: 0.00035, source: expect.stringContaining("ccxt aster") });
  });

  it("runs ccxt's Aster market parser once per market although its loader asks spot and futures", async () => {
    const r = await parseFixture(aster, "markets", BINANCE_EXCHANGE_INFO);
    expect(r.rejected).toEqual([]);
    const ids = r.rows.map((m) => m.symbol);
    expect(new Set(ids).size).toBe(ids.length);
    expect(r.rows.find((m) => m.symbol === "BTCUSDT")).toMatchObject({ base: "BTC", quote: "USDT", contractType: "linear", sizeUnit: "base", contractSize: 1, tickSize: 0.01 });
  });

  it("parses a Binance-compatible depth body with base sizes and the cut at a known limit", async () => {
    const r = await parseFixture(aster, "depth", BINANCE_DEPTH, { symbol: "BTCUSDT" });
    expect(r.rows[0]).toMatchObject({ symbol: "BTCUSDT", levelLimit: 100, truncated: true });
    expect(r.rows[0].asks[0]).toEqual([69607.8, 11.668]);
  });
});

describe("aster live path through ccxt (offline)", () => {
  it("requests /fapi/v1/depth on fapi.asterdex.com through ccxt's aster methods", async () => {
    const body = readFixture(BINANCE_DEPTH);
    const urls: string[] = [];
    const captures = await fetchOffline(aster, "depth", { symbols: ["BTCUSDT"], levelLimit: 100 }, ({ url }) => {
      urls.push(url);
      return body;
    });
    expect(urls).toEqual(["https://fapi.asterdex.com/fapi/v1/depth?symbol=BTCUSDT&limit=100"]);
    expect(captures[0]).toMatchObject({ venue: "aster", kind: "depth", symbol: "BTCUSDT", levelLimit: 100, body });
  });

  it("loads futures exchangeInfo only, and funding history plus premiumIndex", async () => {
    const urls: string[] = [];
    await fetchOffline(aster, "markets", { symbols: [] }, ({ url }) => {
      urls.push(url);
      return readFixture(BINANCE_EXCHANGE_INFO);
    });
    await fetchOffline(aster, "funding", { symbols: ["BTCUSDT"] }, ({ url }) => {
      urls.push(url);
      return readFixture(url.includes("premiumIndex") ? BINANCE_PREMIUM : BINANCE_FUNDING);
    });
    expect(urls).toEqual([
      "https://fapi.asterdex.com/fapi/v1/exchangeInfo",
      "https://fapi.asterdex.com/fapi/v1/fundingRate?symbol=BTCUSDT&limit=1000",
      "https://fapi.asterdex.com/fapi/v1/premiumIndex?symbol=BTCUSDT",
    ]);
  });

  it("pages funding history forward from `since` and snaps depth to the allowed limits (Binance-compatible rules)", async () => {
    // asterdex/api-docs, GET /fapi/v3/fundingRate: "If the number of data between startTime and endTime is larger
    // than limit, return as startTime + limit. In ascending order."; depth "Valid limits:[5, 10, 20, 50, 100, 500, 1000]".
    const H8 = 8 * 3_600_000;
    const first = Date.UTC(2025, 0, 1);
    const requests: Record<string, string>[] = [];
    await fetchOffline(aster, "funding", { symbols: ["BTCUSDT"], since: first, until: first + 1200 * H8 }, ({ url }) => {
      const q = queryOf(url);
      requests.push({ path: new URL(url).pathname, ...q });
      if (url.includes("premiumIndex")) return [];
      const from = Number(q.startTime);
      const start = first + Math.ceil((from - first) / H8) * H8;
      return Array.from({ length: Math.min(1000, Math.floor((Number(q.endTime) - start) / H8) + 1) }, (_, i) => ({ symbol: "BTCUSDT", fundingTime: start + i * H8, fundingRate: "0.0001" }));
    });
    expect(requests).toEqual([
      { path: "/fapi/v1/fundingRate", symbol: "BTCUSDT", startTime: String(first), endTime: String(first + 1200 * H8), limit: "1000" },
      { path: "/fapi/v1/fundingRate", symbol: "BTCUSDT", startTime: String(first + 999 * H8 + 1), endTime: String(first + 1200 * H8), limit: "1000" },
      { path: "/fapi/v1/premiumIndex", symbol: "BTCUSDT" },
    ]);
    const depth = await fetchOffline(aster, "depth", { symbols: ["BTCUSDT"], levelLimit: 200 }, () => readFixture(BINANCE_DEPTH));
    expect(queryOf(depth[0].request.url).limit).toBe("500");
  });

  it("declares open interest unsupported and refuses to fetch it", async () => {
    expect(aster.has.oi).toBe(false);
    await expect(fetchOffline(aster, "oi", { symbols: ["BTCUSDT"] }, () => ({}))).rejects.toThrow(/aster: oi not supported/);
  });
});

describe.skipIf(process.env.LIVE !== "1")("aster live API", () => {
  it("fetches a sane BTCUSDT book", async () => {
    const http = createVenueHttp(aster);
    await aster.fetch("depth", http, { symbols: [aster.symbolFor("BTC")], levelLimit: 100 });
    const c = http.captures[0];
    const r = await aster.parse("depth", c.body, context("aster", { symbol: c.symbol, receivedTs: c.receivedTs, levelLimit: c.levelLimit }));
    expect(r.rejected).toEqual([]);
    const book = r.rows[0];
    expect(book.bids.length).toBeGreaterThan(5);
    expect(book.bids[0][0]).toBeLessThan(book.asks[0][0]);
    expect((book.asks[0][0] - book.bids[0][0]) / book.bids[0][0]).toBeLessThan(0.01);
  }, 30_000);

  it("pages a 30-day funding window and answers a snapped depth limit", async () => {
    const http = createVenueHttp(aster);
    const until = Date.now();
    await aster.fetch("funding", http, { symbols: ["BTCUSDT"], since: until - 30 * 24 * 3_600_000, until, maxPages: 3 });
    const rows = (await Promise.all(http.captures.map((c) => aster.parse("funding", c.body, context("aster", { symbol: c.symbol }))))).flatMap((r) => r.rows);
    expect(rows.filter((r) => !r.predicted).length).toBeGreaterThan(80);
    await aster.fetch("depth", http, { symbols: ["BTCUSDT"], levelLimit: 30 });
    expect(queryOf(http.captures.at(-1)!.request.url).limit).toBe("50");
  }, 60_000);
});
