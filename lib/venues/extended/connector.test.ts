import { describe, expect, it } from "vitest";
import { extended } from "./connector";
import { context, fetchOffline, offlineHttp, parseFixture, queryOf, readFixture } from "../test-kit";
import { createVenueHttp } from "../http";
import { connectorFor } from "../registry";

const MARKETS = "extended/info_markets_BTC-USD_2026-04.json";
const BOOK = "extended/orderbook_BTC-USD_2026-04.json";

describe("extended parsers on recorded responses", () => {
  it("parses BTC-USD as a base-sized USD market with USDC collateral, 50x, hourly funding", async () => {
    const r = await parseFixture(extended, "markets", MARKETS);
    expect(r.rejected).toEqual([]);
    expect(r.rows).toEqual([{ symbol: "BTC-USD", base: "BTC", quote: "USD", settle: "USDC", contractType: "linear", sizeUnit: "base", contractSize: 1, tickSize: 1, maxLeverage: 50, fundingIntervalHours: 1, active: true }]);
  });

  it("reads the current hourly rate as a prediction at the next funding time, and open interest in BTC and USD", async () => {
    const f = await parseFixture(extended, "funding", MARKETS);
    expect(f.rejected).toEqual([]);
    // nextFundingRate 1777446000000 = 2026-04-29T07:00:00Z; premium (77006.091898 − 77050.73953) / 77050.73953
    expect(f.rows).toHaveLength(1);
    expect(f.rows[0]).toMatchObject({ symbol: "BTC-USD", fundingTime: 1777446000000, rate: 0.000012, intervalHours: 1, markPrice: 77006.091897999984, indexPrice: 77050.739529925005, predicted: true });
    expect(new Date(f.rows[0].fundingTime).toISOString()).toBe("2026-04-29T07:00:00.000Z");
    expect(f.rows[0].premium).toBeCloseTo(-0.000579456, 8);
    const oi = await parseFixture(extended, "oi", MARKETS, { receivedTs: Date.UTC(2026, 3, 29, 6) });
    expect(oi.rows).toEqual([{ symbol: "BTC-USD", ts: Date.UTC(2026, 3, 29, 6), sizeBase: 1491.33012, valueUsd: 114851569.088316 }]);
    // the venue's USD value is base × mark: 1491.33012 × 77006.09 ≈ 114,841,508 (within 0.01 %)
    expect(Math.abs(1491.33012 * 77006.091898 - 114851569.088316) / 114851569.088316).toBeLessThan(1e-4);
  });

  it("parses the (trimmed) BTC-USD book in BTC; it carries no timestamp", async () => {
    const r = await parseFixture(extended, "depth", BOOK);
    expect(r.rejected).toEqual([]);
    expect(r.rows[0]).toMatchObject({ symbol: "BTC-USD", exchangeTs: null, bids: [[76214, 14.46084]], asks: [[76215, 0.11585]], levelLimit: null, truncated: false });
    const wrong = await parseFixture(extended, "depth", BOOK, { symbol: "ETH-USD" });
    expect(wrong.rejected[0]).toMatchObject({ venue: "extended", symbol: "BTC-USD", field: "data.market" });
  });

  it("rejects a market record without its trading config, keeping the venue and market named", async () => {
    const body = structuredClone(readFixture(MARKETS)) as { data: Record<string, unknown>[] };
    delete body.data[0].tradingConfig;
    const r = await extended.parse("markets", body, context("extended"));
    expect(r.rows).toEqual([]);
    expect(r.rejected[0]).toMatchObject({ venue: "extended", symbol: "BTC-USD", field: "tradingConfig" });
  });

  it("parses settled hourly funding history (response shape of the API docs; no recorded body)", async () => {
    const r = await extended.parse("funding", { status: "OK", data: [{ m: "BTC-USD", f: "0.000008", T: 1777507201028 }], pagination: { cursor: 1, count: 1 } }, context("extended"));
    expect(r.rows).toEqual([{ symbol: "BTC-USD", fundingTime: 1777507201028, rate: 0.000008, intervalHours: 1, premium: null, markPrice: null, indexPrice: null, predicted: false }]);
  });
});

describe("extended requests, pinned through ccxt's request code", () => {
  it("is registered as a DEX with an honest has map", () => {
    const c = connectorFor("extended");
    expect(c.info.kind).toBe("dex");
    expect(c.has).toEqual({ markets: true, depth: true, funding: true, fees: false, liquidations: false, oi: true, insurance: false, margin: false });
    for (const k of ["fees", "liquidations", "insurance", "margin"] as const) expect(c.notes[k]).toBeTruthy();
  });

  it("asks info/markets and the market's orderbook path", async () => {
    const body = readFixture(MARKETS);
    const m = await fetchOffline(extended, "markets", { symbols: [] }, () => body);
    expect(m.map((c) => c.request.url)).toEqual(["https://api.starknet.extended.exchange/api/v1/info/markets"]);
    const book = readFixture(BOOK);
    const d = await fetchOffline(extended, "depth", { symbols: ["BTC-USD"] }, () => book);
    expect(d.map((c) => c.request.url)).toEqual(["https://api.starknet.extended.exchange/api/v1/info/markets/BTC-USD/orderbook"]);
  });

  it("pages settled funding back in ms windows and then reads the current rate", async () => {
    const H = 3_600_000;
    const newest = Date.UTC(2026, 3, 1);
    const asked: Record<string, string>[] = [];
    const http = offlineHttp(extended, ({ url }) => {
      if (url.endsWith("/info/markets")) return readFixture(MARKETS);
      const q: Record<string, string> = { path: new URL(url).pathname, ...queryOf(url) };
      asked.push(q);
      const end = Number(q.endTime);
      const data = [];
      for (let t = Math.min(end, newest); t >= Number(q.startTime) && data.length < 100; t -= H) data.push({ m: "BTC-USD", f: "0.00001", T: t });
      return { status: "OK", data };
    });
    await extended.fetch("funding", http, { symbols: ["BTC-USD"], since: newest - 149 * H, until: newest });
    // 100 hourly records a page: the first reaches back to newest − 99 h, so the second ends 1 ms before it.
    expect(asked.map((q) => [q.path, Number(q.startTime), Number(q.endTime), q.limit])).toEqual([
      ["/api/v1/info/BTC-USD/funding", newest - 149 * H, newest, "100"],
      ["/api/v1/info/BTC-USD/funding", newest - 149 * H, newest - 99 * H - 1, "100"],
    ]);
    expect(http.captures.at(-1)!.request.url).toMatch(/info\/markets$/);
    expect(http.warnings).toEqual([]);
  });
});

describe.skipIf(process.env.LIVE !== "1")("extended live API", () => {
  it("loads the markets and a BTC-USD book", async () => {
    const http = createVenueHttp(extended);
    await extended.fetch("markets", http, { symbols: [] });
    const markets = await extended.parse("markets", http.captures[0].body, context("extended"));
    expect(markets.rows.find((m) => m.symbol === "BTC-USD")?.fundingIntervalHours).toBe(1);
    await extended.fetch("depth", http, { symbols: ["BTC-USD"] });
    const book = await extended.parse("depth", http.captures.at(-1)!.body, context("extended"));
    expect(book.rows[0].bids.length).toBeGreaterThan(0);
  }, 60_000);
});
