import { describe, expect, it } from "vitest";
import { inferKrakenMarket, krakenFutures, relativeRate } from "./connector";
import { context, fetchOffline, parseFixture, readFixture } from "../test-kit";
import { createVenueHttp } from "../http";

const BOOK = "krakenfutures/orderbook_PI_XBTUSD_2022-06-04_trimmed.json";
const INSTRUMENTS = "krakenfutures/instruments_4_trimmed_2025.json";
const TICKER = "krakenfutures/ws_ticker_PI_XBTUSD_2022-06-02.json";
const TRADES = "krakenfutures/ws_trade_snapshot_PI_XBTUSD_2022-03-05.json";

describe("krakenfutures parsers on recorded responses", () => {
  it("parses the REST orderbook of the inverse PI_XBTUSD: 1-USD contracts become BTC", async () => {
    const r = await parseFixture(krakenFutures, "depth", BOOK, { symbol: "PI_XBTUSD" });
    expect(r.rejected).toEqual([]);
    const book = r.rows[0];
    expect(book).toMatchObject({ symbol: "PI_XBTUSD", exchangeTs: Date.parse("2022-06-04T06:30:00.247Z"), levelLimit: null, truncated: false });
    expect(book.bids).toHaveLength(3);
    // 20000 contracts x 1 USD at 29656 -> 20000 / 29656 = 0.674400 BTC (not 20000 BTC)
    expect(book.asks[0]).toEqual([29656, 20000 / 29656]);
    expect(book.asks[0][1]).toBeCloseTo(0.6744, 4);
    // 66 contracts at 29648 -> 0.00222612 BTC
    expect(book.bids[0][1]).toBeCloseTo(0.00222612, 8);
  });

  it("refuses a REST orderbook without a symbol and a corrupted level, naming the field", async () => {
    const r = await parseFixture(krakenFutures, "depth", BOOK);
    expect(r.rejected[0]).toMatchObject({ venue: "krakenfutures", field: "symbol" });
    const body = readFixture(BOOK) as any;
    body.orderBook.bids[1][1] = -66;
    const bad = await krakenFutures.parse("depth", body, context("krakenfutures", { symbol: "PI_XBTUSD" }));
    expect(bad.rows).toEqual([]);
    expect(bad.rejected[0]).toMatchObject({ symbol: "PI_XBTUSD", field: "bids[1].size" });
  });

  it("reads a WebSocket book_snapshot and skips deltas in a recorded session", async () => {
    const snap = readFixture("krakenfutures/ws_book_snapshot_PI_XBTUSD_2022-03-05_trimmed.json") as any;
    const delta = { feed: "book", product_id: "PI_XBTUSD", side: "buy", seq: 270613033, price: 39080.5, qty: 0.0, timestamp: 1646479025941 };
    const r = await krakenFutures.parse("depth", [snap, delta], context("krakenfutures"));
    expect(r.rejected).toEqual([]);
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]).toMatchObject({ symbol: "PI_XBTUSD", exchangeTs: 1646478671000 });
    // 34400 contracts at 39253 -> 0.876366 BTC
    expect(r.rows[0].bids[0][1]).toBeCloseTo(34400 / 39253, 12);
  });

  it("reads the WebSocket ticker: relative funding due at next_funding_rate_time, predicted", async () => {
    const r = await parseFixture(krakenFutures, "funding", TICKER);
    expect(r.rejected).toEqual([]);
    expect(r.rows[0]).toMatchObject({ symbol: "PI_XBTUSD", fundingTime: 1654171200000, rate: 9.6321875e-8, intervalHours: null, markPrice: 29919.75, indexPrice: 29927.42, predicted: true });
    // premium = (29919.75 - 29927.42) / 29927.42 = -0.000256287
    expect(r.rows[0].premium).toBeCloseTo(-0.000256287, 8);
    // The inverse absolute rate is coin per 1-USD contract: absolute * price ~ relative (3.216424e-12 * 29919.75 = 9.62e-8).
    const raw = readFixture(TICKER) as any;
    expect(raw.funding_rate * raw.markPrice).toBeCloseTo(raw.relative_funding_rate, 9);
  });

  it("converts inverse open interest (USD contracts) to BTC at the mark price", async () => {
    const r = await parseFixture(krakenFutures, "oi", TICKER);
    // 43,967,525 contracts x 1 USD / 29919.75 = 1469.5148 BTC; USD value 43,967,525
    expect(r.rows).toEqual([{ symbol: "PI_XBTUSD", ts: 1654164951042, sizeBase: 43967525 / 29919.75, valueUsd: 43967525 }]);
    expect(r.rows[0].sizeBase).toBeCloseTo(1469.5148, 3);
  });

  it("finds no liquidation among ordinary fills, and picks a liquidation-typed fill", async () => {
    const plain = await parseFixture(krakenFutures, "liquidations", TRADES);
    expect(plain).toEqual({ rows: [], rejected: [] });
    // Edge case built from the recorded snapshot: the second fill re-typed as a liquidation.
    const body = readFixture(TRADES) as any;
    body.trades[1].type = "liquidation";
    const r = await krakenFutures.parse("liquidations", body, context("krakenfutures"));
    // 636 contracts x 1 USD at 39077 -> 0.0162755 BTC, 636 USD
    expect(r.rows).toEqual([{ symbol: "PI_XBTUSD", ts: 1646472569433, side: "sell", price: 39077, sizeBase: 636 / 39077, notionalUsd: 636 }]);
  });

  it("rejects a corrupt trade with venue, market and field while keeping the other one", async () => {
    const body = readFixture(TRADES) as any;
    body.trades[0].price = "not-a-number";
    body.trades[1].type = "liquidation";
    const r = await krakenFutures.parse("liquidations", body, context("krakenfutures"));
    expect(r.rows).toHaveLength(1);
    expect(r.rejected).toEqual([expect.objectContaining({ venue: "krakenfutures", symbol: "PI_XBTUSD", field: "price", index: 0 })]);
  });

  it("parses instruments through ccxt: PI_ inverse 1-USD contracts, PF_ linear coin-sized", async () => {
    const r = await parseFixture(krakenFutures, "markets", INSTRUMENTS);
    expect(r.rejected).toEqual([]);
    expect(r.rows.map((m) => m.symbol)).toEqual(["PI_XBTUSD", "PF_ETHUSD", "PF_PEPEUSD", "PF_AAPLxUSD"]);
    expect(r.rows[0]).toEqual({ symbol: "PI_XBTUSD", base: "BTC", quote: "USD", settle: "BTC", contractType: "inverse", sizeUnit: "contracts", contractSize: 1, tickSize: 0.5, maxLeverage: 50, fundingIntervalHours: null, active: true });
    expect(r.rows[1]).toMatchObject({ symbol: "PF_ETHUSD", base: "ETH", settle: "USD", contractType: "linear", sizeUnit: "base", contractSize: 1, tickSize: 0.1, maxLeverage: 50 });
    // AAPLx: initial margin 0.2 -> 5x
    expect(r.rows[3]).toMatchObject({ maxLeverage: 5 });
    const fees = await parseFixture(krakenFutures, "fees", INSTRUMENTS);
    expect(fees.rows[0]).toMatchObject({ scope: "perp", tier: "base", makerRate: 0.0002, takerRate: 0.0005 });
  });

  it("rejects a bad instrument record by symbol and keeps the rest", async () => {
    const body = readFixture(INSTRUMENTS) as any;
    delete body.instruments[1].tradeable;
    const r = await krakenFutures.parse("markets", body, context("krakenfutures"));
    expect(r.rows.map((m) => m.symbol)).toEqual(["PI_XBTUSD", "PF_PEPEUSD", "PF_AAPLxUSD"]);
    expect(r.rejected).toEqual([expect.objectContaining({ symbol: "PF_ETHUSD", field: "tradeable", index: 1 })]);
  });

  it("infers markets from the symbol (XBT is BTC)", () => {
    expect(krakenFutures.inferMarket!("PF_XBTUSD")).toMatchObject({ base: "BTC", contractType: "linear", sizeUnit: "base" });
    expect(krakenFutures.inferMarket!("PI_ETHUSD")).toMatchObject({ base: "ETH", contractType: "inverse", sizeUnit: "contracts", contractSize: 1 });
    expect(krakenFutures.inferMarket!("FI_XBTUSD_220624")).toBeNull();
    expect(krakenFutures.symbolFor("BTC")).toBe("PF_XBTUSD");
  });

  it("fetches the orderbook through ccxt's request code and captures the raw body", async () => {
    const body = readFixture(BOOK);
    const urls: string[] = [];
    const captures = await fetchOffline(krakenFutures, "depth", { symbols: ["PI_XBTUSD"] }, ({ url }) => {
      urls.push(url);
      return body;
    });
    expect(urls).toEqual(["https://futures.kraken.com/derivatives/api/v3/orderbook?symbol=PI_XBTUSD"]);
    expect(captures[0]).toMatchObject({ venue: "krakenfutures", kind: "depth", symbol: "PI_XBTUSD", levelLimit: null, body });
    const r = await krakenFutures.parse("depth", captures[0].body, context("krakenfutures", { symbol: captures[0].symbol }));
    expect(r.rows).toHaveLength(1);
  });

  it("fetches instruments through ccxt's fetchMarkets", async () => {
    const body = readFixture(INSTRUMENTS);
    const urls: string[] = [];
    const captures = await fetchOffline(krakenFutures, "markets", { symbols: [] }, ({ url }) => {
      urls.push(url);
      return body;
    });
    expect(urls).toEqual(["https://futures.kraken.com/derivatives/api/v3/instruments"]);
    expect(captures[0].body).toEqual(body);
  });
});

describe("krakenfutures PI_ funding conversion, settled on a recorded body", () => {
  it("relative = absolute × mark for PI_ (the recorded ticker carries both); ÷ mark (ccxt) is nine orders off", async () => {
    const t = readFixture(TICKER) as { funding_rate: number; relative_funding_rate: number; funding_rate_prediction: number; relative_funding_rate_prediction: number; markPrice: number };
    const pi = inferKrakenMarket("PI_XBTUSD")!;
    const ours = relativeRate(t.funding_rate, t.markPrice, pi);
    // 3.216424e-12 × 29919.75 = 9.62346e-08 against the published 9.6321875e-08.
    expect(ours).toBeCloseTo(9.62346e-8, 12);
    expect(Math.abs(ours / t.relative_funding_rate - 1)).toBeLessThan(0.001);
    expect(Math.abs(relativeRate(t.funding_rate_prediction, t.markPrice, pi) / t.relative_funding_rate_prediction - 1)).toBeLessThan(0.001);
    const ccxtWay = t.funding_rate / t.markPrice;
    expect(t.relative_funding_rate / ccxtWay).toBeGreaterThan(1e8);
    // PF_ contracts are one coin settled in USD: the absolute rate is USD per contract, so it divides.
    expect(relativeRate(3, 30000, inferKrakenMarket("PF_XBTUSD")!)).toBe(0.0001);
  });

  it("asks /historicalfundingrates with the symbol alone (the venue answers the whole history; nothing to page)", async () => {
    const urls: string[] = [];
    await fetchOffline(krakenFutures, "funding", { symbols: ["PF_XBTUSD"], since: Date.UTC(2024, 0, 1), until: Date.UTC(2024, 1, 1) }, ({ url }) => {
      urls.push(url);
      return url.includes("historical") ? { rates: [] } : { tickers: [] };
    });
    expect(urls).toEqual(["https://futures.kraken.com/derivatives/api/v4/historicalfundingrates?symbol=PF_XBTUSD", "https://futures.kraken.com/derivatives/api/v3/tickers"]);
  });
});

describe.skipIf(process.env.LIVE !== "1")("krakenfutures live API", () => {
  it("PI_XBTUSD's REST ticker converts to the relative rate its history publishes", async () => {
    const http = createVenueHttp(krakenFutures);
    await krakenFutures.fetch("funding", http, { symbols: ["PI_XBTUSD"] });
    const [history, tickers] = http.captures;
    const rows = (await krakenFutures.parse("funding", tickers.body, context("krakenfutures"))).rows;
    const pi = rows.find((r) => r.symbol === "PI_XBTUSD")!;
    // A current hourly rate is a small fraction of the price, never ~1e-15 (absolute ÷ mark).
    expect(Math.abs(pi.rate)).toBeLessThan(0.01);
    expect(pi.rate === 0 || Math.abs(pi.rate) > 1e-10).toBe(true);
    expect((history.body as { rates: unknown[] }).rates.length).toBeGreaterThan(1000);
  }, 30_000);

  it("returns a sane PF_XBTUSD book", async () => {
    const http = createVenueHttp(krakenFutures);
    const symbol = krakenFutures.symbolFor("BTC");
    await krakenFutures.fetch("depth", http, { symbols: [symbol] });
    const cap = http.captures[0];
    const r = await krakenFutures.parse("depth", cap.body, context("krakenfutures", { symbol, receivedTs: cap.receivedTs }));
    expect(r.rejected).toEqual([]);
    const book = r.rows[0];
    expect(book.bids.length).toBeGreaterThan(10);
    expect(book.bids[0][0]).toBeLessThan(book.asks[0][0]);
    expect(book.asks[0][1]).toBeLessThan(1000);
  }, 30_000);
});
