import { describe, expect, it } from "vitest";
import { bitmex, REST_LIMIT } from "./connector";
import { context, fetchOffline, offlineHttp, parseFixture, queryOf, readFixture } from "../test-kit";
import { resetRateLimits } from "../rate-limit";
import { createVenueHttp } from "../http";
import type { MarketRow } from "../types";

const INSTRUMENTS = "bitmex/instrument_JTOUSDT_XBTETH_XBTUSD_2024-03-02.json";

async function marketsFromFixture(): Promise<Map<string, MarketRow>> {
  const r = await parseFixture(bitmex, "markets", INSTRUMENTS);
  return new Map(r.rows.map((m) => [m.symbol, m]));
}

/**
 * XBTUSDT, built by hand because no recorded XBTUSDT instrument record is available. Its contract size is
 * the one BitMEX's own recorded data implies: tradeBin1m of 2022-06-01 shows volume 1,634,000 contracts =
 * homeNotional 1.634 XBT, i.e. 1e-6 XBT per contract (checked in a test below).
 */
const XBTUSDT: MarketRow = { symbol: "XBTUSDT", base: "BTC", quote: "USDT", settle: "USDT", contractType: "linear", sizeUnit: "contracts", contractSize: 1e-6, tickSize: 0.5, maxLeverage: null, fundingIntervalHours: 8, active: true };

describe("bitmex parsers on recorded responses", () => {
  it("builds perpetual markets from instrument multipliers; skips the ETH-quoted XBTETH", async () => {
    const r = await parseFixture(bitmex, "markets", INSTRUMENTS);
    expect(r.rejected).toEqual([]);
    expect(r.rows).toEqual([
      // linear: 1 / underlyingToPositionMultiplier (1) = 1 JTO per contract; initMargin 0.1 -> 10x
      { symbol: "JTOUSDT", base: "JTO", quote: "USDT", settle: "USDT", contractType: "linear", sizeUnit: "contracts", contractSize: 1, tickSize: 0.00001, maxLeverage: 10, fundingIntervalHours: 8, active: true },
      // inverse: |multiplier / underlyingToSettleMultiplier| = 1e8 / 1e8 = 1 USD per contract; initMargin 0.01 -> 100x
      { symbol: "XBTUSD", base: "BTC", quote: "USD", settle: "BTC", contractType: "inverse", sizeUnit: "contracts", contractSize: 1, tickSize: 0.5, maxLeverage: 100, fundingIntervalHours: 8, active: true },
    ]);
  });

  it("reads base fees from the XBTUSD instrument", async () => {
    const r = await parseFixture(bitmex, "fees", INSTRUMENTS);
    expect(r.rows).toEqual([{ scope: "perp", tier: "base", makerRate: 0.0002, takerRate: 0.00075, effectiveFrom: Date.UTC(2026, 0, 1), source: "bitmex /api/v1/instrument makerFee/takerFee (XBTUSD)" }]);
  });

  it("rejects an instrument with a broken multiplier by symbol and keeps the others", async () => {
    const body = readFixture(INSTRUMENTS) as any[];
    body[2].underlyingToSettleMultiplier = null;
    body[0].tickSize = "abc";
    const r = await bitmex.parse("markets", body, context("bitmex"));
    expect(r.rows).toEqual([]);
    expect(r.rejected).toEqual([
      expect.objectContaining({ venue: "bitmex", symbol: "JTOUSDT", field: "tickSize", index: 0 }),
      expect.objectContaining({ venue: "bitmex", symbol: "XBTUSD", field: "underlyingToSettleMultiplier", index: 2 }),
    ]);
  });

  it("values open interest in coins and USD from each record's own multipliers", async () => {
    const r = await parseFixture(bitmex, "oi", INSTRUMENTS);
    expect(r.rejected).toEqual([]);
    const [jto, xbt] = r.rows;
    // JTOUSDT: 6780 contracts x 1 JTO = 6780 JTO; x mark 2.46561 = 16716.84 USD (BitMEX's openValue 16716835800 micro-USDT)
    expect(jto).toMatchObject({ symbol: "JTOUSDT", ts: Date.parse("2024-03-02T02:44:10.789Z"), sizeBase: 6780 });
    expect(jto.valueUsd).toBeCloseTo(16716.8358, 3);
    // XBTUSD: 286,362,900 contracts x 1 USD / mark 62074.87 = 4613.1857 XBT
    // (BitMEX's own openValue, 461319177384 XBt = 4613.19 XBT, agrees to 0.01 XBT)
    expect(xbt).toMatchObject({ symbol: "XBTUSD", valueUsd: 286362900 });
    expect(xbt.sizeBase).toBeCloseTo(4613.1857, 4);
    expect(Math.abs(xbt.sizeBase! - 461319177384 / 1e8)).toBeLessThan(0.01);
  });

  it("reads the instruments' fundingRate as the predicted rate for the next fundingTimestamp", async () => {
    const r = await parseFixture(bitmex, "funding", INSTRUMENTS);
    expect(r.rows.map((x) => x.symbol)).toEqual(["JTOUSDT", "XBTUSD"]);
    expect(r.rows[1]).toEqual({ symbol: "XBTUSD", fundingTime: Date.parse("2024-03-02T04:00:00.000Z"), rate: 0.000224, intervalHours: 8, premium: null, markPrice: 62074.87, indexPrice: null, predicted: true });
  });

  it("reads settled funding from WebSocket funding tables, 8h interval as stated by the venue", async () => {
    const r = await parseFixture(bitmex, "funding", "bitmex/ws_funding_messages_2021-2022.json");
    expect(r.rejected).toEqual([]);
    expect(r.rows).toHaveLength(4);
    expect(r.rows[0]).toEqual({ symbol: "XBTUSD", fundingTime: 1617307200000, rate: 0.000817, intervalHours: 8, premium: null, markPrice: null, indexPrice: null, predicted: false });
    expect(r.rows[3]).toMatchObject({ symbol: "XBTUSDT", fundingTime: 1654171200000, rate: 0.000075 });
  });

  it("keeps the good funding records when one is corrupt", async () => {
    const msgs = readFixture("bitmex/ws_funding_messages_2021-2022.json") as any[];
    msgs[2].data[1].fundingRate = "NaN";
    const r = await bitmex.parse("funding", msgs, context("bitmex"));
    expect(r.rows.map((x) => x.symbol)).toEqual(["XBTUSD", "ETHUSD", "AAVEUSDT"]);
    expect(r.rejected).toEqual([expect.objectContaining({ venue: "bitmex", symbol: "XBTUSDT", field: "fundingRate", index: 3 })]);
  });

  it("parses a REST orderBook/L2 body of the inverse XBTUSD: 1-USD contracts become BTC", async () => {
    const markets = await marketsFromFixture();
    const r = await parseFixture(bitmex, "depth", "bitmex/orderBookL2_XBTUSD_rest_trimmed.json", { markets });
    expect(r.rejected).toEqual([]);
    const book = r.rows[0];
    // The recorder kept only the outermost levels (bids at 1.5/1/0.5 USD, asks from 658900 USD).
    expect(book.bids.map((l) => l[0])).toEqual([1.5, 1, 0.5]);
    expect(book.asks.map((l) => l[0])).toEqual([658900, 662520, 1000000]);
    // 20000 contracts x 1 USD at 658900 -> 0.0303536 BTC; 6000 contracts at 1.5 USD -> 4000 BTC
    expect(book.asks[0][1]).toBeCloseTo(20000 / 658900, 12);
    expect(book.bids[0][1]).toBe(4000);
    expect(book).toMatchObject({ symbol: "XBTUSD", exchangeTs: null, levelLimit: null, truncated: false });
  });

  it("sizes the linear XBTUSDT book with 1e-6 XBT per contract", async () => {
    const bin = readFixture("bitmex/ws_tradeBin1m_XBTUSDT_2022-06-01.json") as any;
    // The venue's own numbers: 1.634 XBT / 1,634,000 contracts = 1e-6 XBT per contract.
    expect(bin.data[0].homeNotional / bin.data[0].volume).toBeCloseTo(XBTUSDT.contractSize, 12);
    const markets = new Map([["XBTUSDT", XBTUSDT]]);
    const r = await parseFixture(bitmex, "depth", "bitmex/orderBookL2_XBTUSDT_rest_trimmed.json", { markets, levelLimit: 3 });
    const book = r.rows[0];
    // 24000 contracts at 50390 -> 0.024 XBT (not 24000 XBT); 16,000,000 contracts at 1.5 -> 16 XBT
    expect(book.asks[0]).toEqual([50390, 24000 * 1e-6]);
    expect(book.bids[0][1]).toBeCloseTo(16, 9);
    expect(book).toMatchObject({ levelLimit: 3, truncated: true });
  });

  it("reads orderBook10 WebSocket snapshots (top 10: truncated) for inverse and linear swaps", async () => {
    const markets = await marketsFromFixture();
    markets.set("XBTUSDT", XBTUSDT);
    const r = await parseFixture(bitmex, "depth", "bitmex/ws_orderBook10_XBTUSD_XBTUSDT_2022-05-30.json", { markets });
    expect(r.rejected).toEqual([]);
    const [inv, lin] = r.rows;
    expect(inv).toMatchObject({ symbol: "XBTUSD", exchangeTs: Date.parse("2022-05-30T19:20:46.586Z"), levelLimit: 10, truncated: true });
    // 217100 contracts x 1 USD at 30715.5 -> 7.06809 BTC
    expect(inv.bids[0][1]).toBeCloseTo(217100 / 30715.5, 12);
    // XBTUSDT: 242000 contracts x 1e-6 = 0.242 XBT; 4000 contracts = 0.004 XBT
    expect(lin.bids[0]).toEqual([31626.5, 242000 * 1e-6]);
    expect(lin.asks[0][1]).toBeCloseTo(0.004, 12);
  });

  it("refuses a book for a market it does not know, and a crossed book", async () => {
    const r = await parseFixture(bitmex, "depth", "bitmex/orderBookL2_XBTUSDT_rest_trimmed.json");
    expect(r.rejected[0]).toMatchObject({ venue: "bitmex", symbol: "XBTUSDT", field: "symbol" });
    const body = readFixture("bitmex/orderBookL2_XBTUSDT_rest_trimmed.json") as any[];
    body[5].price = 70000; // a bid above every ask
    const crossed = await bitmex.parse("depth", body, context("bitmex", { markets: new Map([["XBTUSDT", XBTUSDT]]) }));
    expect(crossed.rejected[0]).toMatchObject({ symbol: "XBTUSDT", field: "bids[0].price" });
  });

  it("reads liquidation inserts (contracts -> BTC) and ignores the matching delete", async () => {
    const markets = await marketsFromFixture();
    const r = await parseFixture(bitmex, "liquidations", "bitmex/tardis_ws_liquidation_messages.json", { markets });
    // 9214 contracts x 1 USD at 10106 -> 0.911736 BTC, 9214 USD; no time in the body: received time.
    expect(r.rows).toEqual([{ symbol: "XBTUSD", ts: Date.UTC(2026, 0, 1), side: "buy", price: 10106, sizeBase: 9214 / 10106, notionalUsd: 9214 }]);
    expect(r.rows[0].sizeBase).toBeCloseTo(0.911736, 6);
  });

  it("stores the USDt insurance fund in USD and refuses the unpriced XBt fund", async () => {
    // Constructed per BitMEX's Insurance model {currency, timestamp, walletBalance}: no recorded /insurance
    // body was found; balances in the smallest unit (USDt = 1e-6 USDT, XBt = 1e-8 XBT).
    const body = [
      { currency: "USDt", timestamp: "2024-03-02T12:00:00.000Z", walletBalance: 123456789012 },
      { currency: "XBt", timestamp: "2024-03-02T12:00:00.000Z", walletBalance: 1000000000 },
    ];
    const r = await bitmex.parse("insurance", body, context("bitmex"));
    expect(r.rows).toEqual([{ ts: Date.parse("2024-03-02T12:00:00.000Z"), asset: "USDT", balanceUsd: 123456.789012 }]);
    expect(r.rejected).toEqual([expect.objectContaining({ venue: "bitmex", field: "currency", index: 1 })]);
  });

  it("fetches the L2 book natively with the requested depth and captures the raw body", async () => {
    const body = readFixture("bitmex/orderBookL2_XBTUSD_rest_trimmed.json");
    const urls: string[] = [];
    const captures = await fetchOffline(bitmex, "depth", { symbols: ["XBTUSD"], levelLimit: 25 }, ({ url }) => {
      urls.push(url);
      return body;
    });
    expect(urls).toEqual(["https://www.bitmex.com/api/v1/orderBook/L2?symbol=XBTUSD&depth=25"]);
    expect(captures[0]).toMatchObject({ venue: "bitmex", kind: "depth", symbol: "XBTUSD", levelLimit: 25, body });
  });

  it("fetches markets, open interest and liquidations from the documented paths", async () => {
    const urls: string[] = [];
    const answer = ({ url }: { url: string }) => {
      urls.push(url);
      return [];
    };
    await fetchOffline(bitmex, "markets", { symbols: [] }, answer);
    await fetchOffline(bitmex, "oi", { symbols: ["XBTUSD"] }, answer);
    await fetchOffline(bitmex, "liquidations", { symbols: ["XBTUSD"] }, answer);
    await fetchOffline(bitmex, "insurance", { symbols: [] }, answer);
    expect(urls).toEqual([
      "https://www.bitmex.com/api/v1/instrument/active",
      "https://www.bitmex.com/api/v1/instrument?symbol=XBTUSD",
      "https://www.bitmex.com/api/v1/liquidation?symbol=XBTUSD",
      "https://www.bitmex.com/api/v1/insurance?filter=%7B%22currency%22%3A%22USDt%22%7D&reverse=true&count=100",
    ]);
    // The documented generic table filter, not an undocumented `currency` parameter.
    expect(queryOf(urls[3])).toEqual({ filter: '{"currency":"USDt"}', reverse: "true", count: "100" });
  });

  it("walks funding history back by endTime (oldest − 1 ms) from `until` to `since`, newest first", async () => {
    const H8 = 8 * 3_600_000;
    const first = Date.UTC(2016, 4, 14, 12);
    const last = first + 1299 * H8;
    const requests: Record<string, string>[] = [];
    const http = offlineHttp(bitmex, ({ url }) => {
      const q = queryOf(url);
      requests.push({ path: new URL(url).pathname, ...q });
      if (!url.includes("/funding")) return [];
      const lo = Math.max(first, Date.parse(q.startTime));
      const hi = Math.min(last, Date.parse(q.endTime));
      const out = [];
      for (let t = first + Math.floor((hi - first) / H8) * H8; t >= lo && out.length < Number(q.count); t -= H8) {
        out.push({ timestamp: new Date(t).toISOString(), symbol: "XBTUSD", fundingInterval: "2000-01-01T08:00:00.000Z", fundingRate: 0.0001, fundingRateDaily: 0.0003 });
      }
      return out;
    });
    const since = first + 100 * H8;
    await bitmex.fetch("funding", http, { symbols: ["XBTUSD"], since, until: last });
    const iso = (t: number) => new Date(t).toISOString();
    expect(requests).toEqual([
      { path: "/api/v1/funding", symbol: "XBTUSD", reverse: "true", count: "500", startTime: iso(since), endTime: iso(last) },
      { path: "/api/v1/funding", symbol: "XBTUSD", reverse: "true", count: "500", startTime: iso(since), endTime: iso(first + 800 * H8 - 1) },
      { path: "/api/v1/funding", symbol: "XBTUSD", reverse: "true", count: "500", startTime: iso(since), endTime: iso(first + 300 * H8 - 1) },
      { path: "/api/v1/instrument", symbol: "XBTUSD" },
    ]);
    const rows = (await Promise.all(http.captures.slice(0, 3).map((c) => bitmex.parse("funding", c.body, context("bitmex"))))).flatMap((r) => r.rows);
    expect(rows).toHaveLength(1200);
    expect(Math.min(...rows.map((r) => r.fundingTime))).toBe(since);
    expect(rows[0]).toMatchObject({ symbol: "XBTUSD", rate: 0.0001, intervalHours: 8, predicted: false });
  });

  it("paces every native call by the unauthenticated budget (30 per minute: one per 2 s)", async () => {
    resetRateLimits();
    const starts: number[] = [];
    let t = 1_000_000;
    const clock = { now: () => t, sleep: async (ms: number) => void (t += ms) };
    const http = createVenueHttp(bitmex, { clock, responder: () => (starts.push(t), []) });
    await bitmex.fetch("oi", http, { symbols: ["XBTUSD", "XBTUSDT", "ETHUSDT"] });
    await bitmex.fetch("insurance", http, { symbols: [] });
    expect(starts).toEqual([1_000_000, 1_002_000, 1_004_000, 1_006_000]);
    expect(REST_LIMIT).toMatchObject({ requests: 30, perMs: 60_000 });
  });
});

describe.skipIf(process.env.LIVE !== "1")("bitmex live API", () => {
  it("returns a sane XBTUSD book", async () => {
    const http = createVenueHttp(bitmex);
    await bitmex.fetch("markets", http, { symbols: [] });
    const markets = await bitmex.parse("markets", http.captures[0].body, context("bitmex"));
    const symbol = bitmex.symbolFor("BTC");
    await bitmex.fetch("depth", http, { symbols: [symbol], levelLimit: 50 });
    const cap = http.captures[1];
    const r = await bitmex.parse("depth", cap.body, context("bitmex", { symbol, levelLimit: cap.levelLimit, receivedTs: cap.receivedTs, markets: new Map(markets.rows.map((m) => [m.symbol, m])) }));
    expect(r.rejected).toEqual([]);
    const book = r.rows[0];
    expect(book.bids.length).toBeGreaterThan(10);
    expect(book.bids[0][0]).toBeLessThan(book.asks[0][0]);
    expect(book.asks[0][1]).toBeLessThan(1000);
  }, 30_000);

  it("answers the documented insurance filter with USDt rows only, and pages 400 days of funding", async () => {
    const http = createVenueHttp(bitmex);
    await bitmex.fetch("insurance", http, { symbols: [] });
    const body = http.captures[0].body as { currency: string }[];
    expect(body.length).toBeGreaterThan(0);
    expect(new Set(body.map((r) => r.currency))).toEqual(new Set(["USDt"]));
    const until = Date.now();
    await bitmex.fetch("funding", http, { symbols: ["XBTUSD"], since: until - 400 * 24 * 3_600_000, until, maxPages: 4 });
    const rows = (await Promise.all(http.captures.filter((c) => c.request.url.includes("/funding")).map((c) => bitmex.parse("funding", c.body, context("bitmex"))))).flatMap((r) => r.rows);
    expect(rows.length).toBeGreaterThan(1100);
    expect(http.warnings).toEqual([]);
  }, 120_000);
});
