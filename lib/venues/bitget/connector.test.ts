import { describe, expect, it } from "vitest";
import { bitget, inferBitgetMarket } from "./connector";
import { context, fetchOffline, offlineHttp, parseFixture, queryOf, readFixture } from "../test-kit";
import { createVenueHttp } from "../http";

const CONTRACTS = "bitget/ccxt_static_markets_swap_contract_records.json";
const CURRENT_FUND = "bitget/v2_mix_market_current-fund-rate_BTCUSDT_2025-04-24.json";
const HISTORY_FUND = "bitget/v2_mix_market_history-fund-rate_BTCUSDT_2025-06-20.json";
const HISTORY_FUND_V3 = "bitget/v3_market_history-fund-rate_BTCUSDT_2025-06-20.json";
const OI_V3 = "bitget/v3_market_open-interest_BTCUSDT_2025-06-28.json";
const TICKER_V3 = "bitget/v3_market_tickers_USDT-FUTURES_BTCUSDT_2025-06-19.json";
const BOOK_V2 = "bitget/v2_spot_market_orderbook_BTCUSDT_limit2_2024-02-01.json";
const BOOK_V3 = "bitget/v3_market_orderbook_BTCUSDT_spot_2025-06-19.json";

/** A /api/v2/mix/market/contracts body around real contract records (see tests/fixtures/README.md). */
const contractsBody = () => ({ code: "00000", msg: "success", requestTime: 1700000000000, data: readFixture(CONTRACTS) });

describe("bitget parsers on recorded responses", () => {
  it("parses contracts through ccxt: base-sized perpetuals with the venue's funding interval", async () => {
    const r = await bitget.parse("markets", contractsBody(), context("bitget"));
    expect(r.rejected).toEqual([]);
    expect(r.rows.map((m) => m.symbol)).toEqual(["BTCUSDT", "BTCUSD", "ETHUSDT", "LTCUSDT"]);
    expect(r.rows[0]).toMatchObject({ base: "BTC", quote: "USDT", settle: "USDT", contractType: "linear", sizeUnit: "base", contractSize: 1, tickSize: 0.1, maxLeverage: 125, fundingIntervalHours: 8 });
    expect(r.rows[2]).toMatchObject({ symbol: "ETHUSDT", tickSize: 0.01, maxLeverage: 100 });
    expect(inferBitgetMarket("SOLUSDT")).toMatchObject({ base: "SOL", sizeUnit: "base", contractSize: 1 });
  });

  it("reads base maker/taker from the contracts' makerFeeRate/takerFeeRate", async () => {
    const r = await bitget.parse("fees", contractsBody(), context("bitget"));
    expect(r.rows).toEqual([expect.objectContaining({ scope: "perp", tier: "base", makerRate: 0.0002, takerRate: 0.0006, effectiveFrom: Date.UTC(2026, 0, 1) })]);
  });

  it("reads current-fund-rate as the predicted rate for the next settlement with the stated interval", async () => {
    const r = await parseFixture(bitget, "funding", CURRENT_FUND);
    expect(r.rejected).toEqual([]);
    expect(r.rows).toEqual([{ symbol: "BTCUSDT", fundingTime: 1745510400000, rate: -0.000014, intervalHours: 8, premium: null, markPrice: null, indexPrice: null, predicted: true }]);
  });

  it("reads settled funding from the v2 and v3 history endpoints", async () => {
    for (const f of [HISTORY_FUND, HISTORY_FUND_V3]) {
      const r = await parseFixture(bitget, "funding", f);
      expect(r.rejected).toEqual([]);
      expect(r.rows).toEqual([{ symbol: "BTCUSDT", fundingTime: 1750435200000, rate: -0.000013, intervalHours: null, premium: null, markPrice: null, indexPrice: null, predicted: false }]);
    }
  });

  it("rejects corrupt funding records and venue errors naming venue, market and field", async () => {
    const body = readFixture(HISTORY_FUND) as { data: Record<string, string>[] };
    const good = body.data[0];
    body.data = [{ ...good, fundingRate: "n/a" }, good, { ...good, fundingTime: "yesterday" }];
    const r = await bitget.parse("funding", body, context("bitget"));
    expect(r.rows).toHaveLength(1);
    expect(r.rejected.map((x) => [x.venue, x.symbol, x.field, x.index])).toEqual([
      ["bitget", "BTCUSDT", "fundingRate", 0],
      ["bitget", "BTCUSDT", "fundingTime", 2],
    ]);
    const err = await bitget.parse("funding", { ...body, code: "40034", msg: "Parameter does not exist" }, context("bitget", { symbol: "BTCUSDT" }));
    expect(err.rejected[0]).toMatchObject({ venue: "bitget", symbol: "BTCUSDT", field: "code" });
  });

  it("reads v3 open interest in base units", async () => {
    const r = await parseFixture(bitget, "oi", OI_V3);
    expect(r.rows).toEqual([{ symbol: "BTCUSDT", ts: 1751101220993, sizeBase: 18166.3583, valueUsd: null }]);
  });

  it("values ticker open interest at the mark price", async () => {
    const r = await parseFixture(bitget, "oi", TICKER_V3);
    // 7482.9441 BTC x mark 104676.5 = 783,288,398.08 USD
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]).toMatchObject({ symbol: "BTCUSDT", ts: 1750333294671, sizeBase: 7482.9441 });
    expect(r.rows[0].valueUsd).toBeCloseTo(783288398.08365, 3);
  });

  it("parses a {asks,bids,ts} book (v2 shape shared by merge-depth) with base sizes", async () => {
    const r = await parseFixture(bitget, "depth", BOOK_V2, { symbol: "BTCUSDT" });
    expect(r.rejected).toEqual([]);
    expect(r.rows[0]).toMatchObject({
      symbol: "BTCUSDT",
      exchangeTs: 1706804094602,
      bids: [[42604.36, 0.616], [42604.3, 0.44]],
      asks: [[42604.37, 0.601], [42608.51, 0.0127]],
      levelLimit: null,
      truncated: false,
    });
    const cut = await parseFixture(bitget, "depth", BOOK_V2, { symbol: "BTCUSDT", levelLimit: 2 });
    expect(cut.rows[0]).toMatchObject({ levelLimit: 2, truncated: true });
  });

  it("parses a v3 {a,b,ts} book with numeric levels", async () => {
    const r = await parseFixture(bitget, "depth", BOOK_V3, { symbol: "BTCUSDT", levelLimit: 5 });
    expect(r.rejected).toEqual([]);
    const book = r.rows[0];
    expect(book.bids).toHaveLength(5);
    expect(book.bids[0]).toEqual([104833, 0.108037]);
    expect(book.asks[4]).toEqual([104988.4, 0.141281]);
    expect(book).toMatchObject({ exchangeTs: 1750330050203, levelLimit: 5, truncated: true });
  });

  it("rejects a crossed book and a book without a named market", async () => {
    const body = readFixture(BOOK_V2) as { data: { bids: string[][] } };
    body.data.bids.unshift(["43000", "1"]);
    const r = await bitget.parse("depth", body, context("bitget", { symbol: "BTCUSDT" }));
    expect(r.rejected[0]).toMatchObject({ venue: "bitget", symbol: "BTCUSDT", field: "bids[0].price" });
    const r2 = await parseFixture(bitget, "depth", BOOK_V2);
    expect(r2.rejected[0]).toMatchObject({ venue: "bitget", field: "symbol" });
  });

  it("fetches funding through ccxt's request code and captures both bodies", async () => {
    const history = readFixture(HISTORY_FUND);
    const current = readFixture(CURRENT_FUND);
    const urls: string[] = [];
    const captures = await fetchOffline(bitget, "funding", { symbols: ["BTCUSDT"] }, ({ url }) => {
      urls.push(url);
      return url.includes("history-fund-rate") ? history : current;
    });
    const parts = urls.map((x) => new URL(x));
    expect(parts.map((u) => u.origin + u.pathname)).toEqual([
      "https://api.bitget.com/api/v2/mix/market/history-fund-rate",
      "https://api.bitget.com/api/v2/mix/market/current-fund-rate",
    ]);
    expect(Object.fromEntries(parts[1].searchParams)).toEqual({ symbol: "BTCUSDT", productType: "USDT-FUTURES" });
    expect(captures.map((c) => [c.kind, c.symbol])).toEqual([["funding", "BTCUSDT"], ["funding", "BTCUSDT"]]);
    expect(captures[1].body).toEqual(current);
  });

  it("asks merge-depth for the deepest book (limit=max) unless a gear is requested", async () => {
    const body = readFixture(BOOK_V2);
    const urls: string[] = [];
    const captures = await fetchOffline(bitget, "depth", { symbols: ["BTCUSDT"] }, ({ url }) => {
      urls.push(url);
      return body;
    });
    const u = new URL(urls[0]);
    expect(u.origin + u.pathname).toBe("https://api.bitget.com/api/v2/mix/market/merge-depth");
    expect(Object.fromEntries(u.searchParams)).toEqual({ symbol: "BTCUSDT", productType: "USDT-FUTURES", limit: "max", precision: "scale0" });
    expect(captures[0]).toMatchObject({ kind: "depth", symbol: "BTCUSDT", levelLimit: null });
    const urls15: string[] = [];
    await fetchOffline(bitget, "depth", { symbols: ["BTCUSDT"], levelLimit: 10 }, ({ url }) => {
      urls15.push(url);
      return body;
    });
    expect(new URL(urls15[0]).searchParams.get("limit")).toBe("15");
  });
});

describe("bitget funding history pages and risk reserve pools", () => {
  it("pages history-fund-rate by pageNo (100 per page, newest first) until a page reaches `since`", async () => {
    const H8 = 8 * 3_600_000;
    const newest = Date.UTC(2025, 5, 20, 16);
    const requests: Record<string, string>[] = [];
    const http = offlineHttp(bitget, ({ url }) => {
      const q = queryOf(url);
      requests.push({ path: new URL(url).pathname, ...q });
      if (!url.includes("history-fund-rate")) return readFixture(CURRENT_FUND);
      const page = Number(q.pageNo ?? 1);
      const data = Array.from({ length: Number(q.pageSize) }, (_, i) => ({ symbol: q.symbol, fundingRate: "0.0001", fundingTime: String(newest - ((page - 1) * 100 + i) * H8) }));
      return { code: "00000", msg: "success", requestTime: String(newest), data };
    });
    const since = newest - 250 * H8;
    await bitget.fetch("funding", http, { symbols: ["BTCUSDT"], since, until: newest });
    expect(requests.map((r) => [r.path, r.pageSize, r.pageNo])).toEqual([
      ["/api/v2/mix/market/history-fund-rate", "100", undefined],
      ["/api/v2/mix/market/history-fund-rate", "100", "2"],
      ["/api/v2/mix/market/history-fund-rate", "100", "3"],
      ["/api/v2/mix/market/current-fund-rate", undefined, undefined],
    ]);
    const rows = (await Promise.all(http.captures.slice(0, 3).map((c) => bitget.parse("funding", c.body, context("bitget"))))).flatMap((r) => r.rows);
    expect(Math.min(...rows.map((r) => r.fundingTime))).toBeLessThanOrEqual(since);
    expect(http.warnings).toEqual([]);
  });

  it("stores every risk reserve pool of risk-reserve-all, not one symbol's pool as the venue's fund", async () => {
    // Shape read by the Bitget SDKs for GET /api/v3/market/risk-reserve-all ({list: [{symbols, coin, balance}]});
    // no recorded body was found.
    const body = {
      code: "00000",
      msg: "success",
      requestTime: 1753793743942,
      data: { list: [
        { symbols: ["BTCUSDT"], coin: "USDT", balance: "95815.67734608" },
        { symbols: ["ETHUSDT", "SOLUSDT", "AAVEUSDT"], coin: "USDT", balance: "120000.5" },
        { symbols: ["BTCUSD"], coin: "BTC", balance: "12.5" },
      ] },
    };
    const captures = await fetchOffline(bitget, "insurance", { symbols: ["BTCUSDT"] }, ({ url }) => {
      expect(new URL(url).pathname).toBe("/api/v3/market/risk-reserve-all");
      expect(queryOf(url)).toEqual({ category: "USDT-FUTURES" });
      return body;
    });
    const r = await bitget.parse("insurance", captures[0].body, context("bitget"));
    expect(r).toEqual({
      rows: [
        { ts: 1753793743942, asset: "USDT:BTCUSDT", balanceUsd: 95815.67734608 },
        { ts: 1753793743942, asset: "USDT:AAVEUSDT+2", balanceUsd: 120000.5 },
      ],
      rejected: [],
    });
  });

  it("labels a per-symbol risk-reserve answer with its symbol (the docs' example body)", async () => {
    const r = await parseFixture(bitget, "insurance", "bitget/v3_market_risk-reserve_BTCUSDT_docs_example.json", { symbol: "BTCUSDT" });
    expect(r.rows).toEqual([{ ts: 1753718400000, asset: "USDT:BTCUSDT", balanceUsd: 95815.67734608 }]);
  });
});

describe.skipIf(process.env.LIVE !== "1")("bitget live", () => {
  it("answers risk-reserve-all with pools and pages 60 days of funding", async () => {
    const http = createVenueHttp(bitget);
    await bitget.fetch("insurance", http, { symbols: [] });
    const ins = await bitget.parse("insurance", http.captures[0].body, context("bitget"));
    expect(ins.rejected).toEqual([]);
    expect(ins.rows.length).toBeGreaterThan(1);
    const until = Date.now();
    await bitget.fetch("funding", http, { symbols: ["BTCUSDT"], since: until - 60 * 24 * 3_600_000, until, maxPages: 4 });
    const rows = (await Promise.all(http.captures.filter((c) => c.request.url.includes("history-fund-rate")).map((c) => bitget.parse("funding", c.body, context("bitget"))))).flatMap((r) => r.rows);
    expect(rows.length).toBeGreaterThan(170);
    expect(http.warnings).toEqual([]);
  }, 60_000);

  it("fetches a sane BTCUSDT book", async () => {
    const http = createVenueHttp(bitget);
    await bitget.fetch("depth", http, { symbols: ["BTCUSDT"] });
    const c = http.captures[0];
    const r = await bitget.parse("depth", c.body, context("bitget", { symbol: "BTCUSDT", levelLimit: c.levelLimit, receivedTs: c.receivedTs }));
    expect(r.rejected).toEqual([]);
    const book = r.rows[0];
    expect(book.bids.length).toBeGreaterThan(10);
    expect(book.asks.length).toBeGreaterThan(10);
    expect(book.bids[0][0]).toBeLessThan(book.asks[0][0]);
    expect(book.bids[0][0]).toBeGreaterThan(1000);
  });
});
