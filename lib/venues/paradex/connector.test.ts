import { describe, expect, it } from "vitest";
import { paradex } from "./connector";
import { context, fetchOffline, offlineHttp, parseFixture, queryOf, readFixture } from "../test-kit";
import { createVenueHttp } from "../http";
import type { MarketRow } from "../types";

// Real responses recorded on Paradex testnet by ccxt (ccxt/ccxt : ts/src/test/static/response/paradex.json),
// except the insurance body, which is the example of Paradex's API reference (see tests/fixtures/README.md).
const MARKETS = "paradex/markets_BTC-USD-PERP_testnet_2024.json";
const SUMMARY = "paradex/markets_summary_BTC-USD-PERP_testnet_2024-06-14.json";
const BOOK = "paradex/orderbook_BTC-USD-PERP_testnet_2024-06-14.json";
const TRADES = "paradex/trades_BTC-USD-PERP_testnet_2024-06-14.json";
const INSURANCE = "paradex/insurance_docs_example.json";
const RECEIVED = Date.UTC(2026, 0, 1);

type Results = { results: Record<string, unknown>[] };

describe("paradex parsers on recorded responses", () => {
  it("parses /markets through ccxt: base sizes, tick, leverage = 1 / imf_base, funding cap", async () => {
    const r = await parseFixture(paradex, "markets", MARKETS);
    expect(r.rejected).toEqual([]);
    expect(r.rows).toEqual([
      {
        symbol: "BTC-USD-PERP", base: "BTC", quote: "USD", settle: "USDC", contractType: "linear", sizeUnit: "base", contractSize: 1,
        tickSize: 0.1, maxLeverage: 50, fundingIntervalHours: null, fundingCapRate: 0.02, fundingFloorRate: -0.02, active: true,
      },
    ]);
  });

  it("rejects a market with a bad tick size, and skips option markets", async () => {
    const body = readFixture(MARKETS) as Results;
    const bad = { results: [{ ...body.results[0], price_tick_size: "x" }, { ...body.results[0], symbol: "BTC-USD-96000-C", asset_kind: "PERP_OPTION" }] };
    const r = await paradex.parse("markets", bad, context("paradex"));
    expect(r.rows).toEqual([]);
    expect(r.rejected).toEqual([expect.objectContaining({ venue: "paradex", symbol: "BTC-USD-PERP", field: "price_tick_size", index: 0 })]);
  });

  it("parses the 20-bid / 3-ask book in base units; a bare body was cut at the default depth of 20", async () => {
    const r = await parseFixture(paradex, "depth", BOOK);
    expect(r.rejected).toEqual([]);
    const book = r.rows[0];
    expect(book.symbol).toBe("BTC-USD-PERP");
    expect(book.bids).toHaveLength(20);
    expect(book.asks).toHaveLength(3);
    expect(book.bids[0]).toEqual([66810, 0.078]);
    expect(book.asks[0]).toEqual([67643.2, 3.734]);
    // size is BTC: best bid notional = 0.078 × 66810 = 5211.18 USD.
    expect(book.bids[0][0] * book.bids[0][1]).toBeCloseTo(5211.18, 6);
    expect(book.exchangeTs).toBe(1718377985388);
    expect(book).toMatchObject({ levelLimit: 20, truncated: true });
    // Asked for 100 levels, 20 bids is the whole side.
    const deep = await parseFixture(paradex, "depth", BOOK, { levelLimit: 100 });
    expect(deep.rows[0]).toMatchObject({ levelLimit: 100, truncated: false });
  });

  it("rejects a negative ask size naming market and field", async () => {
    const body = readFixture(BOOK) as { asks: string[][] };
    body.asks[1] = ["79981", "-0.5"];
    const r = await paradex.parse("depth", body, context("paradex"));
    expect(r.rows).toEqual([]);
    expect(r.rejected[0]).toMatchObject({ venue: "paradex", symbol: "BTC-USD-PERP", field: "asks[1].size" });
  });

  it("reads the summary funding rate as the current estimate, with mark, spot and premium", async () => {
    const r = await parseFixture(paradex, "funding", SUMMARY);
    expect(r.rejected).toEqual([]);
    const f = r.rows[0];
    expect(f).toMatchObject({ symbol: "BTC-USD-PERP", fundingTime: 1718377962698, rate: 0.00749938923192, intervalHours: null, markPrice: 67307.7225876, indexPrice: 66806.71304318, predicted: true });
    // premium = (67307.7225876 − 66806.71304318) / 66806.71304318 = 0.0074993892320: the rate is the premium.
    expect(f.premium).toBeCloseTo(0.007499389232, 10);
    // The funding period comes from the market's metadata when known.
    const markets = new Map<string, MarketRow>([["BTC-USD-PERP", { ...paradex.inferMarket!("BTC-USD-PERP")!, fundingIntervalHours: 8 }]]);
    const withPeriod = await parseFixture(paradex, "funding", SUMMARY, { markets });
    expect(withPeriod.rows[0].intervalHours).toBe(8);
  });

  it("reads open interest in base units valued at the mark price, rejecting a corrupt row", async () => {
    const r = await parseFixture(paradex, "oi", SUMMARY);
    // 152.777 BTC × 67307.7225876 USD = 10,283,071.93 USD.
    expect(r.rows[0]).toMatchObject({ symbol: "BTC-USD-PERP", ts: 1718377962698, sizeBase: 152.777 });
    expect(r.rows[0].valueUsd).toBeCloseTo(10283071.9337657652, 4);
    const body = readFixture(SUMMARY) as Results;
    const bad = { results: [body.results[0], { ...body.results[0], symbol: "ETH-USD-PERP", open_interest: "" }] };
    const r2 = await paradex.parse("oi", bad, context("paradex"));
    expect(r2.rows).toHaveLength(1);
    expect(r2.rejected).toEqual([expect.objectContaining({ venue: "paradex", symbol: "ETH-USD-PERP", field: "open_interest", index: 1 })]);
  });

  it("keeps only LIQUIDATION trades; the recorded FILL is skipped", async () => {
    const fills = await parseFixture(paradex, "liquidations", TRADES);
    expect(fills).toEqual({ rows: [], rejected: [] });
    // The recorded trade relabelled as a liquidation: 0.026 BTC × 67643.2 = 1758.7232 USD.
    const body = readFixture(TRADES) as Results;
    const liq = { ...body, results: [{ ...body.results[0], trade_type: "LIQUIDATION" }] };
    const r = await paradex.parse("liquidations", liq, context("paradex"));
    expect(r.rows).toEqual([{ symbol: "BTC-USD-PERP", ts: 1718377985388, side: "buy", price: 67643.2, sizeBase: 0.026, notionalUsd: 67643.2 * 0.026 }]);
  });

  it("parses the insurance fund account value (documentation example body)", async () => {
    const r = await parseFixture(paradex, "insurance", INSURANCE);
    expect(r.rows).toEqual([{ ts: 1681471234972, asset: "USDC", balanceUsd: 136285.069 }]);
    const bad = await paradex.parse("insurance", { ...(readFixture(INSURANCE) as object), account_value: null }, context("paradex"));
    expect(bad.rejected[0]).toMatchObject({ venue: "paradex", field: "account_value" });
  });

  it("reports base fees from ccxt's market metadata when /markets has no fee_config", async () => {
    const r = await parseFixture(paradex, "fees", MARKETS);
    expect(r.rows).toEqual([{ scope: "perp", tier: "base", makerRate: -0.00005, takerRate: 0.0003, effectiveFrom: RECEIVED, source: expect.stringContaining("ccxt paradex") }]);
  });
});

describe("paradex live path through ccxt (offline)", () => {
  it("requests the orderbook with a depth through ccxt and captures the body", async () => {
    const body = readFixture(BOOK);
    const urls: string[] = [];
    const captures = await fetchOffline(paradex, "depth", { symbols: ["BTC-USD-PERP"] }, ({ url }) => {
      urls.push(url);
      return body;
    });
    expect(urls).toEqual(["https://api.prod.paradex.trade/v1/orderbook/BTC-USD-PERP?depth=100"]);
    expect(captures[0]).toMatchObject({ venue: "paradex", kind: "depth", symbol: "BTC-USD-PERP", levelLimit: 100, body });
  });

  it("reads funding and OI from one markets/summary call, and the insurance fund", async () => {
    const urls: string[] = [];
    const responder = ({ url }: { url: string }) => {
      urls.push(url);
      return readFixture(url.includes("insurance") ? INSURANCE : SUMMARY);
    };
    await fetchOffline(paradex, "funding", { symbols: ["BTC-USD-PERP"] }, responder);
    const ins = await fetchOffline(paradex, "insurance", { symbols: [] }, responder);
    expect(urls).toEqual(["https://api.prod.paradex.trade/v1/markets/summary?market=ALL", "https://api.prod.paradex.trade/v1/insurance"]);
    expect(ins[0].kind).toBe("insurance");
  });
});

describe("paradex fixes of issue #22", () => {
  it("open interest skips option rows (empty funding_rate) as the funding parser does, so the run is not partial", async () => {
    const summary = readFixture(SUMMARY) as { results: Record<string, unknown>[] };
    // An option row as /markets/summary lists it beside the perpetuals: funding_rate "".
    const option = { ...summary.results[0], symbol: "BTC-USD-14JUN24-67000-C", funding_rate: "", open_interest: "3.5", mark_price: "512.3" };
    const body = { results: [...summary.results, option] };
    const oi = await paradex.parse("oi", body, context("paradex"));
    expect(oi.rejected).toEqual([]);
    // 152.777 BTC at the row's mark 67,307.7225876.
    expect(oi.rows).toEqual([{ symbol: "BTC-USD-PERP", ts: 1718377962698, sizeBase: 152.777, valueUsd: 152.777 * 67307.7225876 }]);
    const funding = await paradex.parse("funding", body, context("paradex"));
    expect(funding.rejected).toEqual([]);
    expect(funding.rows.map((r) => r.symbol)).toEqual(["BTC-USD-PERP"]);
    // A perpetual row that lost its open interest is still refused, naming the field.
    const broken = await paradex.parse("oi", { results: [{ ...summary.results[0], open_interest: "x" }] }, context("paradex"));
    expect(broken.rejected[0]).toMatchObject({ symbol: "BTC-USD-PERP", field: "open_interest" });
  });

  it("caps the requested depth at 100, the deepest the venue serves", async () => {
    const asked: string[] = [];
    for (const levels of [undefined, 20, 500]) {
      const captures = await fetchOffline(paradex, "depth", { symbols: ["BTC-USD-PERP"], levelLimit: levels }, () => readFixture(BOOK));
      asked.push(`${queryOf(captures[0].request.url).depth}/${captures[0].levelLimit}`);
    }
    expect(asked).toEqual(["100/100", "20/20", "100/100"]);
  });

  it("walks /funding/data by cursor over the window when one is asked, storing estimates", async () => {
    const requests: Record<string, string>[] = [];
    const t0 = Date.UTC(2025, 10, 26, 12);
    const http = offlineHttp(paradex, ({ url }) => {
      const q = queryOf(url);
      requests.push({ path: new URL(url).pathname, ...q });
      if (!url.includes("funding/data")) return readFixture(SUMMARY);
      const page = q.cursor === undefined ? 0 : Number(q.cursor.replace("c", ""));
      const results = Array.from({ length: 3 }, (_, i) => ({ market: "BTC-USD-PERP", funding_index: "20511.9", funding_premium: "-6.05", funding_rate: "-0.00006992598926", funding_rate_8h: "", funding_period_hours: 8, created_at: t0 - (page * 3 + i) * 5000 }));
      return { next: page < 2 ? `c${page + 1}` : null, prev: null, results };
    });
    await paradex.fetch("funding", http, { symbols: ["BTC-USD-PERP"], since: t0 - 3_600_000, until: t0 });
    expect(requests).toEqual([
      { path: "/v1/funding/data", market: "BTC-USD-PERP", start_at: String(t0 - 3_600_000), end_at: String(t0), page_size: "5000" },
      { path: "/v1/funding/data", market: "BTC-USD-PERP", start_at: String(t0 - 3_600_000), end_at: String(t0), page_size: "5000", cursor: "c1" },
      { path: "/v1/funding/data", market: "BTC-USD-PERP", start_at: String(t0 - 3_600_000), end_at: String(t0), page_size: "5000", cursor: "c2" },
      { path: "/v1/markets/summary", market: "ALL" },
    ]);
    const rows = (await paradex.parse("funding", http.captures[0].body, context("paradex"))).rows;
    expect(rows[0]).toEqual({ symbol: "BTC-USD-PERP", fundingTime: t0, rate: -0.00006992598926, intervalHours: 8, premium: null, markPrice: null, indexPrice: null, predicted: true });
    expect(http.warnings).toEqual([]);
    // Without a window only the summary is asked.
    const urls: string[] = [];
    await fetchOffline(paradex, "funding", { symbols: ["BTC-USD-PERP"] }, ({ url }) => (urls.push(url), readFixture(SUMMARY)));
    expect(urls).toEqual(["https://api.prod.paradex.trade/v1/markets/summary?market=ALL"]);
  });
});

describe.skipIf(process.env.LIVE !== "1")("paradex live API", () => {
  it("answers depth=100 (the cap) and the summary's OI without rejections; funding/data pages by cursor", async () => {
    const http = createVenueHttp(paradex);
    await paradex.fetch("depth", http, { symbols: ["BTC-USD-PERP"], levelLimit: 1000 });
    expect(queryOf(http.captures[0].request.url).depth).toBe("100");
    await paradex.fetch("oi", http, { symbols: [] });
    const oi = await paradex.parse("oi", http.captures[1].body, context("paradex"));
    expect(oi.rejected).toEqual([]);
    const until = Date.now();
    await paradex.fetch("funding", http, { symbols: ["BTC-USD-PERP"], since: until - 10 * 60_000, until, maxPages: 3 });
    const data = http.captures.filter((c) => c.request.url.includes("funding/data"));
    expect(data.length).toBeGreaterThan(0);
    const rows = (await paradex.parse("funding", data[0].body, context("paradex"))).rows;
    expect(rows.length).toBeGreaterThan(0);
  }, 60_000);

  it("fetches a sane BTC-USD-PERP book", async () => {
    const http = createVenueHttp(paradex);
    await paradex.fetch("depth", http, { symbols: [paradex.symbolFor("BTC")] });
    const c = http.captures[0];
    const r = await paradex.parse("depth", c.body, context("paradex", { symbol: c.symbol, receivedTs: c.receivedTs, levelLimit: c.levelLimit }));
    expect(r.rejected).toEqual([]);
    const book = r.rows[0];
    expect(book.bids.length).toBeGreaterThan(5);
    expect(book.bids[0][0]).toBeLessThan(book.asks[0][0]);
    expect((book.asks[0][0] - book.bids[0][0]) / book.bids[0][0]).toBeLessThan(0.01);
  }, 30_000);
});
