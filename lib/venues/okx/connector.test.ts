import { describe, expect, it } from "vitest";
import { LIQUIDATION_LIMIT, okx } from "./connector";
import { context, fetchOffline, offlineHttp, parseFixture, queryOf, readFixture } from "../test-kit";
import { resetRateLimits } from "../rate-limit";
import { createVenueHttp } from "../http";
import type { MarketRow } from "../types";

const INSTRUMENTS = "okx/public_instruments_SWAP_2022.json";
const BOOK = "okx/ws_books_snapshot_UNI-USD-SWAP_2022-05-13.json";
const LIQ = "okx/tardis_liquidation_messages.json";

async function swapMarkets(): Promise<Map<string, MarketRow>> {
  const r = await parseFixture(okx, "markets", INSTRUMENTS);
  return new Map(r.rows.map((m) => [m.symbol, m]));
}

type BookMsg = { arg: { channel: string; instId: string }; action: string; data: { asks: string[][]; bids: string[][]; ts: string; checksum: number }[] };

describe("okx parsers on recorded responses", () => {
  it("parses SWAP instruments through ccxt with contract values from ctVal", async () => {
    const r = await parseFixture(okx, "markets", INSTRUMENTS);
    expect(r.rejected).toEqual([]);
    expect(r.rows).toHaveLength(166);
    // Inverse: ctVal is USD per contract (ctValCcy USD).
    expect(r.rows.find((m) => m.symbol === "UNI-USD-SWAP")).toMatchObject({ base: "UNI", quote: "USD", settle: "UNI", contractType: "inverse", sizeUnit: "contracts", contractSize: 10, tickSize: 0.001, maxLeverage: 75 });
    expect(r.rows.find((m) => m.symbol === "BTC-USD-SWAP")).toMatchObject({ contractType: "inverse", contractSize: 100 });
    // Linear: ctVal is base units per contract (ctValCcy BTC).
    expect(r.rows.find((m) => m.symbol === "BTC-USDT-SWAP")).toMatchObject({ contractType: "linear", sizeUnit: "contracts", contractSize: 0.01, tickSize: 0.1, maxLeverage: 125 });
  });

  it("reads the base maker/taker from ccxt's swap fee schedule", async () => {
    const r = await parseFixture(okx, "fees", INSTRUMENTS);
    expect(r.rows).toEqual([expect.objectContaining({ scope: "perp", tier: "base", makerRate: 0.0002, takerRate: 0.0005 })]);
  });

  it("converts the inverse UNI-USD-SWAP books snapshot from 10-USD contracts to UNI", async () => {
    const r = await parseFixture(okx, "depth", BOOK, { markets: await swapMarkets() });
    expect(r.rejected).toEqual([]);
    const book = r.rows[0];
    expect(book.symbol).toBe("UNI-USD-SWAP");
    expect(book.bids).toHaveLength(121);
    expect(book.asks).toHaveLength(119);
    // best bid ["5.14","251"]: 251 contracts x 10 USD / 5.14 USD per UNI = 488.3268 UNI (not 251, not 2510).
    expect(book.bids[0][0]).toBe(5.14);
    expect(book.bids[0][1]).toBeCloseTo((251 * 10) / 5.14, 9);
    expect(book.bids[0][1]).toBeCloseTo(488.3268, 4);
    // best ask ["5.148","60"]: 60 x 10 / 5.148 = 116.55 UNI.
    expect(book.asks[0][1]).toBeCloseTo(116.5501, 4);
    expect(book.exchangeTs).toBe(1652459225363);
    // The "books" channel sends up to 400 levels: 121 bids is the whole book, not a cut one.
    expect(book.levelLimit).toBe(400);
    expect(book.truncated).toBe(false);
  });

  it("parses the same book in the REST /api/v5/market/books-full envelope, cut at the requested size", async () => {
    const ws = readFixture(BOOK) as BookMsg;
    const rest = { code: "0", msg: "", data: ws.data };
    const r = await okx.parse("depth", rest, context("okx", { symbol: "UNI-USD-SWAP", markets: await swapMarkets(), levelLimit: 119 }));
    expect(r.rejected).toEqual([]);
    expect(r.rows[0]).toMatchObject({ symbol: "UNI-USD-SWAP", levelLimit: 119, truncated: true });
  });

  it("rejects a book of an unknown market, a negative size and an update message, naming the field", async () => {
    const r1 = await parseFixture(okx, "depth", BOOK);
    expect(r1.rejected[0]).toMatchObject({ venue: "okx", symbol: "UNI-USD-SWAP", field: "symbol" });
    expect(r1.rejected[0].message).toMatch(/unknown market UNI-USD-SWAP/);
    const negative = readFixture(BOOK) as BookMsg;
    negative.data[0].asks[2] = ["5.151", "-48", "0", "2"];
    const r2 = await okx.parse("depth", negative, context("okx", { markets: await swapMarkets() }));
    expect(r2.rows).toEqual([]);
    expect(r2.rejected[0]).toMatchObject({ venue: "okx", symbol: "UNI-USD-SWAP", field: "asks[2].size" });
    const update = { ...(readFixture(BOOK) as BookMsg), action: "update" };
    const r3 = await okx.parse("depth", update, context("okx", { markets: await swapMarkets() }));
    expect(r3.rejected[0]).toMatchObject({ symbol: "UNI-USD-SWAP", field: "action" });
  });

  it("rejects liquidations of futures whose contract value is unknown", async () => {
    // The recorded messages are for dated futures, absent from the SWAP instruments.
    const r = await parseFixture(okx, "liquidations", LIQ, { markets: await swapMarkets() });
    expect(r.rows).toEqual([]);
    expect(r.rejected.map((x) => [x.symbol, x.field, x.index])).toEqual([
      ["BTC-USD-220624", "symbol", 0],
      ["BTC-USDT-211231", "symbol", 1],
      ["XRP-USD-230929", "symbol", 2],
    ]);
    expect(r.rejected[0].message).toMatch(/unknown market BTC-USD-220624/);
  });

  it("converts liquidation contracts to base and USD with each market's contract value", async () => {
    // OKX uses one contract value per instrument family for swaps and futures alike: the futures rows
    // below are the family's swap rows under the futures' ids.
    const swaps = await swapMarkets();
    const as = (id: string, swap: string): [string, MarketRow] => [id, { ...swaps.get(swap)!, symbol: id }];
    const markets = new Map([as("BTC-USD-220624", "BTC-USD-SWAP"), as("BTC-USDT-211231", "BTC-USDT-SWAP"), as("XRP-USD-230929", "XRP-USD-SWAP")]);
    const r = await parseFixture(okx, "liquidations", LIQ, { markets });
    expect(r.rejected).toEqual([]);
    expect(r.rows).toHaveLength(3);
    // Inverse BTC-USD: 12 contracts x 100 USD = 1200 USD at bkPx 51886.2 -> 1200 / 51886.2 = 0.0231274 BTC.
    expect(r.rows[0]).toMatchObject({ symbol: "BTC-USD-220624", ts: 1640140210617, side: "buy", price: 51886.2, notionalUsd: 1200 });
    expect(r.rows[0].sizeBase).toBeCloseTo(1200 / 51886.2, 12);
    // Linear BTC-USDT: 40 contracts x 0.01 BTC = 0.4 BTC; 0.4 x 49674.2 = 19869.68 USD.
    expect(r.rows[1]).toMatchObject({ symbol: "BTC-USDT-211231", side: "buy", price: 49674.2 });
    expect(r.rows[1].sizeBase).toBeCloseTo(0.4, 12);
    expect(r.rows[1].notionalUsd).toBeCloseTo(19869.68, 6);
    // Inverse XRP-USD (liquidation-orders push): 39 x 10 USD = 390 USD at 0.55205 -> 706.4577 XRP.
    expect(r.rows[2]).toMatchObject({ symbol: "XRP-USD-230929", ts: 1680173247614, notionalUsd: 390 });
    expect(r.rows[2].sizeBase).toBeCloseTo(390 / 0.55205, 9);
  });

  it("rejects a corrupt liquidation detail naming market and field, keeping the rest", async () => {
    const swaps = await swapMarkets();
    const markets = new Map([["BTC-USD-220624", { ...swaps.get("BTC-USD-SWAP")!, symbol: "BTC-USD-220624" }]]);
    const body = readFixture(LIQ) as { data: { sz?: string }[] }[];
    body[0].data[0].sz = "twelve";
    const r = await okx.parse("liquidations", [body[0], body[0]], context("okx", { markets }));
    expect(r.rows).toEqual([]);
    expect(r.rejected.map((x) => [x.venue, x.symbol, x.field, x.index])).toEqual([
      ["okx", "BTC-USD-220624", "sz", 0],
      ["okx", "BTC-USD-220624", "sz", 1],
    ]);
  });

  it("fetches books-full through ccxt's request code and captures the raw body", async () => {
    const body = readFixture(BOOK);
    const urls: string[] = [];
    const captures = await fetchOffline(okx, "depth", { symbols: ["UNI-USD-SWAP"], levelLimit: 1000 }, ({ url }) => {
      urls.push(url);
      return body;
    });
    const u = new URL(urls[0]);
    expect(u.origin + u.pathname).toBe("https://www.okx.com/api/v5/market/books-full");
    expect(Object.fromEntries(u.searchParams)).toEqual({ instId: "UNI-USD-SWAP", sz: "1000" });
    expect(captures).toEqual([expect.objectContaining({ venue: "okx", kind: "depth", symbol: "UNI-USD-SWAP", levelLimit: 1000, body })]);
  });

  it("fetches liquidation-orders natively (ccxt lacks it) for the symbol's instrument family", async () => {
    const message = (readFixture(LIQ) as unknown[])[2];
    const urls: string[] = [];
    const captures = await fetchOffline(okx, "liquidations", { symbols: ["XRP-USD-SWAP"] }, ({ url }) => {
      urls.push(url);
      return message;
    });
    const u = new URL(urls[0]);
    expect(u.origin + u.pathname).toBe("https://www.okx.com/api/v5/public/liquidation-orders");
    expect(Object.fromEntries(u.searchParams)).toEqual({ instType: "SWAP", instFamily: "XRP-USD", state: "filled", limit: "100" });
    expect(captures[0]).toMatchObject({ kind: "liquidations", symbol: "XRP-USD-SWAP", body: message });
  });

  it("asks liquidations newer than since − 1 (OKX's `before` is exclusive) and paces them at 40 per 2 s", async () => {
    resetRateLimits();
    const starts: number[] = [];
    let t = 5_000;
    const clock = { now: () => t, sleep: async (ms: number) => void (t += ms) };
    const http = createVenueHttp(okx, { clock, responder: ({ url }) => (starts.push(t), { code: "0", msg: "", data: [], url }) });
    await okx.fetch("liquidations", http, { symbols: ["BTC-USDT-SWAP", "ETH-USDT-SWAP", "SOL-USDT-SWAP"], since: 1_700_000_000_000 });
    expect(http.captures.map((c) => queryOf(c.request.url).before)).toEqual(["1699999999999", "1699999999999", "1699999999999"]);
    expect(starts).toEqual([5_000, 5_050, 5_100]);
    expect(LIQUIDATION_LIMIT).toMatchObject({ requests: 40, perMs: 2000 });
  });
});

describe("okx funding history paging (after walked back, exclusive bounds)", () => {
  const H8 = 8 * 3_600_000;
  /** funding-rate-history as the venue answers: records with before < fundingTime < after, newest first, at most limit. */
  function venue(first: number, last: number) {
    const requests: Record<string, string>[] = [];
    const responder = ({ url }: { url: string }) => {
      const q = queryOf(url);
      requests.push({ path: new URL(url).pathname, ...q });
      if (!url.includes("funding-rate-history")) return { code: "0", msg: "", data: [] };
      const after = q.after ? Number(q.after) : Infinity;
      const before = q.before ? Number(q.before) : -Infinity;
      const data = [];
      for (let t = last; t >= first && data.length < Number(q.limit); t -= H8) {
        if (t < after && t > before) data.push({ instType: "SWAP", instId: q.instId, fundingRate: "0.0001", realizedRate: "0.0001", fundingTime: String(t), method: "current_period" });
      }
      return { code: "0", msg: "", data };
    };
    return { requests, responder };
  }

  it("covers [since, until] including the record at `since`, in pages of 100", async () => {
    const first = Date.UTC(2024, 0, 1);
    const v = venue(first, first + 300 * H8);
    const http = offlineHttp(okx, v.responder);
    const since = first + 50 * H8;
    const until = first + 260 * H8;
    await okx.fetch("funding", http, { symbols: ["BTC-USDT-SWAP"], since, until });
    expect(v.requests).toEqual([
      { path: "/api/v5/public/funding-rate-history", instId: "BTC-USDT-SWAP", limit: "100", after: String(until + 1), before: String(since - 1) },
      { path: "/api/v5/public/funding-rate-history", instId: "BTC-USDT-SWAP", limit: "100", after: String(first + 161 * H8), before: String(since - 1) },
      { path: "/api/v5/public/funding-rate-history", instId: "BTC-USDT-SWAP", limit: "100", after: String(first + 61 * H8), before: String(since - 1) },
      { path: "/api/v5/public/funding-rate", instId: "BTC-USDT-SWAP" },
    ]);
    const rows = (await Promise.all(http.captures.slice(0, 3).map((c) => okx.parse("funding", c.body, context("okx"))))).flatMap((r) => r.rows);
    expect(rows).toHaveLength(211);
    expect(Math.min(...rows.map((r) => r.fundingTime))).toBe(since);
    expect(Math.max(...rows.map((r) => r.fundingTime))).toBe(until);
    expect(http.warnings).toEqual([]);
  });
});

describe.skipIf(process.env.LIVE !== "1")("okx live", () => {
  it("fetches a sane BTC-USDT-SWAP book in BTC", async () => {
    const http = createVenueHttp(okx);
    await okx.fetch("markets", http, { symbols: [] });
    const markets = await okx.parse("markets", http.captures[0].body, context("okx"));
    await okx.fetch("depth", http, { symbols: ["BTC-USDT-SWAP"], levelLimit: 400 });
    const c = http.captures[1];
    const r = await okx.parse("depth", c.body, context("okx", { symbol: "BTC-USDT-SWAP", levelLimit: c.levelLimit, markets: new Map(markets.rows.map((m) => [m.symbol, m])) }));
    expect(r.rejected).toEqual([]);
    const book = r.rows[0];
    expect(book.bids.length).toBeGreaterThan(10);
    expect(book.bids[0][0]).toBeLessThan(book.asks[0][0]);
    // 0.01 BTC contracts: a level is rarely above 1000 BTC.
    expect(book.bids[0][1]).toBeLessThan(1000);
  });

  it("walks 60 days of funding back with `after` and reaches `since`; liquidation-orders answers", async () => {
    const http = createVenueHttp(okx);
    const until = Date.now();
    const since = until - 60 * 24 * 3_600_000;
    await okx.fetch("funding", http, { symbols: ["BTC-USDT-SWAP"], since, until, maxPages: 4 });
    const rows = (await Promise.all(http.captures.filter((c) => c.request.url.includes("funding-rate-history")).map((c) => okx.parse("funding", c.body, context("okx"))))).flatMap((r) => r.rows);
    expect(rows.length).toBeGreaterThan(170);
    expect(Math.min(...rows.map((r) => r.fundingTime))).toBeLessThanOrEqual(since + 8 * 3_600_000);
    expect(http.warnings).toEqual([]);
    await okx.fetch("liquidations", http, { symbols: ["BTC-USDT-SWAP"] });
    expect((http.captures.at(-1)!.body as { code: string }).code).toBe("0");
  }, 60_000);
});
