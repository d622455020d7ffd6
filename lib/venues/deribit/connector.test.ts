import { describe, expect, it } from "vitest";
import { deribit } from "./connector";
import { context, fetchOffline, offlineHttp, parseFixture, queryOf, readFixture } from "../test-kit";
import { createVenueHttp } from "../http";

const BOOK = "deribit/get_order_book_BTC-PERPETUAL_20levels_2025-12-24.json";
const TARDIS = "deribit/tardis_ws_messages.json";

describe("deribit parsers on recorded responses", () => {
  it("parses public/get_order_book: USD amounts become BTC (USD / price), not contracts x 10", async () => {
    const r = await parseFixture(deribit, "depth", BOOK);
    expect(r.rejected).toEqual([]);
    const book = r.rows[0];
    expect(book.symbol).toBe("BTC-PERPETUAL");
    expect(book.exchangeTs).toBe(1766554855140);
    expect(book.bids).toHaveLength(20);
    expect(book.asks).toHaveLength(20);
    // best ask 125090 USD at 87003.0 -> 125090 / 87003 = 1.43776... BTC.
    // (Reading the amount as 10-USD contracts would give 14.38 BTC: the classic inverse error.)
    expect(book.asks[0][0]).toBe(87003);
    expect(book.asks[0][1]).toBeCloseTo(1.437766, 5);
    // best bid 199190 USD at 87002.5 -> 2.289474 BTC
    expect(book.bids[0]).toEqual([87002.5, 199190 / 87002.5]);
    expect(book.bids[0][1]).toBeCloseTo(2.289474, 5);
    // 20 levels per side is one of Deribit's depth values: the book was cut there.
    expect(book.levelLimit).toBe(20);
    expect(book.truncated).toBe(true);
  });

  it("records the requested depth when the capture knows it", async () => {
    const r = await parseFixture(deribit, "depth", BOOK, { levelLimit: 1000 });
    expect(r.rows[0]).toMatchObject({ levelLimit: 1000, truncated: false });
  });

  it("rejects a negative amount and a crossed book naming venue, instrument and field", async () => {
    const body = readFixture(BOOK) as { result: { asks: number[][]; bids: number[][] } };
    const negative = structuredClone(body);
    negative.result.asks[0][1] = -5;
    const r1 = await deribit.parse("depth", negative, context("deribit"));
    expect(r1.rows).toEqual([]);
    expect(r1.rejected[0]).toMatchObject({ venue: "deribit", symbol: "BTC-PERPETUAL", field: "asks[0].size" });
    const crossed = structuredClone(body);
    crossed.result.bids.unshift([90000, 10]);
    const r2 = await deribit.parse("depth", crossed, context("deribit"));
    expect(r2.rejected[0]).toMatchObject({ symbol: "BTC-PERPETUAL", field: "bids[0].price" });
  });

  it("reads WebSocket book snapshots from a tardis recording, skips changes, rejects a one-sided snapshot", async () => {
    const r = await parseFixture(deribit, "depth", TARDIS);
    // ETH-PERPETUAL snapshot kept; its "change" message skipped; LINK_USDC snapshot has no asks.
    expect(r.rows).toHaveLength(1);
    const eth = r.rows[0];
    expect(eth).toMatchObject({ symbol: "ETH-PERPETUAL", exchangeTs: 1564617600273, levelLimit: null, truncated: false });
    // 1895 USD at 217.8 -> 8.70064 ETH
    expect(eth.bids[0][1]).toBeCloseTo(1895 / 217.8, 9);
    expect(r.rejected).toEqual([expect.objectContaining({ venue: "deribit", symbol: "LINK_USDC-PERPETUAL", field: "asks" })]);
  });

  it("reads funding_8h, mark and index from the order book and ticker bodies as a predicted 8h rate", async () => {
    const book = await parseFixture(deribit, "funding", BOOK);
    expect(book.rows).toHaveLength(1);
    expect(book.rows[0]).toMatchObject({ symbol: "BTC-PERPETUAL", fundingTime: 1766554855140, rate: 6.55e-6, intervalHours: 8, markPrice: 87006.21, indexPrice: 86992.82, predicted: true });
    // premium = (87006.21 - 86992.82) / 86992.82 = 0.00015392
    expect(book.rows[0].premium).toBeCloseTo(0.00015392, 7);
    const ws = await parseFixture(deribit, "funding", "deribit/ws_ticker_BTC-PERPETUAL_2025-12-12.json");
    expect(ws.rows[0]).toMatchObject({ rate: 0.00001742, fundingTime: 1765541474086, predicted: true });
  });

  it("keeps good ticker records when one in a recording is corrupt", async () => {
    const msgs = readFixture(TARDIS) as any[];
    const ok = await deribit.parse("funding", msgs, context("deribit"));
    expect(ok.rows.map((x) => x.rate)).toEqual([0.00016281, -0.00008477]);
    msgs[4].params.data.funding_8h = "NaN";
    const bad = await deribit.parse("funding", msgs, context("deribit"));
    expect(bad.rows.map((x) => x.rate)).toEqual([0.00016281]);
    expect(bad.rejected).toEqual([expect.objectContaining({ venue: "deribit", symbol: "BTC-PERPETUAL", field: "funding_8h", index: 4 })]);
  });

  it("converts inverse open interest from USD to BTC at the mark price", async () => {
    const r = await parseFixture(deribit, "oi", BOOK);
    // 1,139,551,440 USD / 87006.21 = 13097.34 BTC; USD value is the USD open interest itself.
    expect(r.rows[0]).toMatchObject({ symbol: "BTC-PERPETUAL", ts: 1766554855140, valueUsd: 1139551440 });
    expect(r.rows[0].sizeBase).toBeCloseTo(1139551440 / 87006.21, 6);
    expect(r.rows[0].sizeBase).toBeCloseTo(13097.34, 1);
  });

  it("finds liquidations in trades: T = taker side, M = maker (opposite) side, sizes USD -> BTC", async () => {
    const r = await parseFixture(deribit, "liquidations", TARDIS);
    expect(r.rejected).toEqual([]);
    // T: taker sold 1120 USD at 4469.5 -> sell liquidation of 0.250587 BTC
    // M: taker bought 2500 USD at 4458.5 from a liquidated maker -> sell liquidation of 0.560726 BTC
    expect(r.rows).toEqual([
      { symbol: "BTC-PERPETUAL", ts: 1584058044032, side: "sell", price: 4469.5, sizeBase: 1120 / 4469.5, notionalUsd: 1120 },
      { symbol: "BTC-PERPETUAL", ts: 1584058067675, side: "sell", price: 4458.5, sizeBase: 2500 / 4458.5, notionalUsd: 2500 },
    ]);
    expect(r.rows[0].sizeBase).toBeCloseTo(0.250587, 6);
  });

  it("reads REST get_last_trades_by_instrument: ordinary trades are not liquidations", async () => {
    const r = await parseFixture(deribit, "liquidations", "deribit/get_last_trades_by_instrument_ETH-PERPETUAL_2025-12-21.json");
    expect(r).toEqual({ rows: [], rejected: [] });
  });

  it("parses an instrument body through ccxt into an inverse USD-sized market and base fees", async () => {
    const r = await parseFixture(deribit, "markets", "deribit/get_instrument_BTC-PERPETUAL_testnet_2025-12-09.json");
    expect(r.rejected).toEqual([]);
    expect(r.rows).toEqual([
      { symbol: "BTC-PERPETUAL", base: "BTC", quote: "USD", settle: "BTC", contractType: "inverse", sizeUnit: "usd", contractSize: 1, tickSize: 0.5, maxLeverage: 50, fundingIntervalHours: null, active: true },
    ]);
    const fees = await parseFixture(deribit, "fees", "deribit/get_instrument_BTC-PERPETUAL_testnet_2025-12-09.json");
    expect(fees.rows).toEqual([{ scope: "perp", tier: "base", makerRate: 0, takerRate: 0.0005, effectiveFrom: Date.UTC(2026, 0, 1), source: expect.stringContaining("get_instruments") }]);
  });

  it("parses a 2021 get_instruments listing: 397 options and dated futures skipped, BTC-PERPETUAL kept as inverse without settlement_currency (#20.6)", async () => {
    const FILE = "deribit/get_instruments_BTC_2021-07-22.json";
    const raw = readFixture(FILE) as { result: Record<string, unknown>[] };
    expect(raw.result).toHaveLength(398);
    expect(raw.result.find((r) => r.instrument_name === "BTC-PERPETUAL")).not.toHaveProperty("settlement_currency");
    const r = await parseFixture(deribit, "markets", FILE);
    expect(r.rejected).toEqual([]);
    // settle BTC although the record names none: a USD-quoted Deribit perpetual is inverse (ccxt alone says linear)
    expect(r.rows).toEqual([
      { symbol: "BTC-PERPETUAL", base: "BTC", quote: "USD", settle: "BTC", contractType: "inverse", sizeUnit: "usd", contractSize: 1, tickSize: 0.5, maxLeverage: 100, fundingIntervalHours: null, active: true },
    ]);
    const fees = await parseFixture(deribit, "fees", FILE);
    expect(fees.rows.map((f) => [f.makerRate, f.takerRate])).toEqual([[0, 0.0005]]);
    // An unclassifiable record (no kind) is still validated and rejected by name, the perpetual kept.
    const body = structuredClone(raw);
    body.result.push({ instrument_name: "BROKEN" });
    const r2 = await deribit.parse("markets", body, context("deribit"));
    expect(r2.rows.map((m) => m.symbol)).toEqual(["BTC-PERPETUAL"]);
    expect(r2.rejected.map((x) => x.symbol)).toEqual(["BROKEN"]);
  });

  it("infers markets from the instrument name: inverse USD-sized or linear coin-sized", () => {
    expect(deribit.inferMarket!("ETH-PERPETUAL")).toMatchObject({ contractType: "inverse", sizeUnit: "usd", contractSize: 1, settle: "ETH" });
    expect(deribit.inferMarket!("SOL_USDC-PERPETUAL")).toMatchObject({ base: "SOL", quote: "USDC", contractType: "linear", sizeUnit: "base" });
    expect(deribit.inferMarket!("BTC-27DEC24")).toBeNull();
    expect(deribit.symbolFor("SOL")).toBe("SOL_USDC-PERPETUAL");
  });

  it("fetches depth through ccxt's request code and captures the raw body", async () => {
    const body = readFixture(BOOK);
    const urls: string[] = [];
    const captures = await fetchOffline(deribit, "depth", { symbols: ["BTC-PERPETUAL"], levelLimit: 20 }, ({ url }) => {
      urls.push(url);
      return body;
    });
    expect(urls).toEqual(["https://www.deribit.com/api/v2/public/get_order_book?instrument_name=BTC-PERPETUAL&depth=20"]);
    expect(captures).toHaveLength(1);
    expect(captures[0]).toMatchObject({ venue: "deribit", kind: "depth", symbol: "BTC-PERPETUAL", levelLimit: 20, body });
  });

  it("asks ccxt for perpetual and dated futures only when fetching markets", async () => {
    const body = readFixture("deribit/get_instrument_BTC-PERPETUAL_testnet_2025-12-09.json") as any;
    const urls: string[] = [];
    const captures = await fetchOffline(deribit, "markets", { symbols: [] }, ({ url }) => {
      urls.push(url);
      return { ...body, result: [body.result] };
    });
    expect(urls).toEqual(["https://www.deribit.com/api/v2/public/get_instruments?currency=any&kind=future"]);
    const r = await deribit.parse("markets", captures[0].body, context("deribit"));
    expect(r.rows.map((m) => m.symbol)).toEqual(["BTC-PERPETUAL"]);
  });
});

describe("deribit funding history windows", () => {
  it("cuts [since, until] into 744-hour spans, each asked whole, then the ticker", async () => {
    const H = 3_600_000;
    const since = Date.UTC(2025, 0, 1);
    const until = since + 2000 * H;
    const requests: Record<string, string>[] = [];
    const http = offlineHttp(deribit, ({ url }) => {
      const q = queryOf(url);
      requests.push({ path: new URL(url).pathname, ...q });
      if (!url.includes("get_funding_rate_history")) return { jsonrpc: "2.0", result: {} };
      const result = [];
      for (let t = Number(q.start_timestamp); t <= Number(q.end_timestamp); t += H) result.push({ timestamp: t, index_price: 90000, prev_index_price: 90000, interest_8h: 0.0001, interest_1h: 0.0000125 });
      return { jsonrpc: "2.0", result };
    });
    await deribit.fetch("funding", http, { symbols: ["BTC-PERPETUAL"], since, until });
    expect(requests).toEqual([
      { path: "/api/v2/public/get_funding_rate_history", instrument_name: "BTC-PERPETUAL", start_timestamp: String(since), end_timestamp: String(since + 744 * H - 1) },
      { path: "/api/v2/public/get_funding_rate_history", instrument_name: "BTC-PERPETUAL", start_timestamp: String(since + 744 * H), end_timestamp: String(since + 1488 * H - 1) },
      { path: "/api/v2/public/get_funding_rate_history", instrument_name: "BTC-PERPETUAL", start_timestamp: String(since + 1488 * H), end_timestamp: String(until) },
      { path: "/api/v2/public/ticker", instrument_name: "BTC-PERPETUAL" },
    ]);
    const rows = (await Promise.all(http.captures.slice(0, 3).map((c) => deribit.parse("funding", c.body, context("deribit", { symbol: c.symbol }))))).flatMap((r) => r.rows);
    // 2,001 hourly records, each hour once.
    expect(rows).toHaveLength(2001);
    expect(new Set(rows.map((r) => r.fundingTime)).size).toBe(2001);
    expect(rows[0]).toMatchObject({ rate: 0.0000125, intervalHours: 1, predicted: false });
  });

  it("reports a window its page cap did not cover", async () => {
    const http = offlineHttp(deribit, ({ url }) => (url.includes("history") ? { jsonrpc: "2.0", result: [] } : { jsonrpc: "2.0", result: {} }));
    await deribit.fetch("funding", http, { symbols: ["ETH-PERPETUAL"], since: Date.UTC(2024, 0, 1), until: Date.UTC(2025, 0, 1), maxPages: 2 });
    expect(http.captures.filter((c) => c.request.url.includes("history"))).toHaveLength(2);
    expect(http.warnings[0]).toMatchObject({ venue: "deribit", symbol: "ETH-PERPETUAL", field: "since" });
    expect(http.warnings[0].message).toMatch(/cap of 2 pages; fetched as far as 2024-03-02T23:59:59.999Z/);
  });
});

describe.skipIf(process.env.LIVE !== "1")("deribit live API", () => {
  it("covers 60 days of hourly funding in 31-day spans", async () => {
    const http = createVenueHttp(deribit);
    const until = Date.now();
    await deribit.fetch("funding", http, { symbols: ["BTC-PERPETUAL"], since: until - 60 * 24 * 3_600_000, until });
    const rows = (await Promise.all(http.captures.filter((c) => c.request.url.includes("history")).map((c) => deribit.parse("funding", c.body, context("deribit", { symbol: c.symbol }))))).flatMap((r) => r.rows);
    expect(rows.length).toBeGreaterThan(1400);
  }, 60_000);

  it("returns a sane BTC-PERPETUAL book", async () => {
    const http = createVenueHttp(deribit);
    const symbol = deribit.symbolFor("BTC");
    await deribit.fetch("depth", http, { symbols: [symbol], levelLimit: 100 });
    const cap = http.captures[0];
    const r = await deribit.parse("depth", cap.body, context("deribit", { symbol, levelLimit: cap.levelLimit, receivedTs: cap.receivedTs }));
    expect(r.rejected).toEqual([]);
    const book = r.rows[0];
    expect(book.bids.length).toBeGreaterThan(10);
    expect(book.bids[0][0]).toBeLessThan(book.asks[0][0]);
    // A BTC level is a fraction of a coin to a few hundred coins, never millions (USD read as BTC).
    expect(book.asks[0][1]).toBeLessThan(1000);
  }, 30_000);
});
