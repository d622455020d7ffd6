import { describe, expect, it } from "vitest";
import { lighter } from "./connector";
import { context, fetchOffline, offlineHttp, parseFixture, queryOf, readFixture } from "../test-kit";
import { createVenueHttp } from "../http";
import { connectorFor } from "../registry";

const DETAILS = "lighter/orderBookDetails_ETH_2026-05-05.json";
const ORDERS = "lighter/orderBookOrders_ETH_2026-05-05.json";
const ORDERS_CCXT = "lighter/orderBookOrders_ETH_ccxt_2025-11.json";

describe("lighter parsers on recorded responses", () => {
  it("parses the ETH perpetual (market_id 0) as a base-sized USDC market with hourly funding", async () => {
    const r = await parseFixture(lighter, "markets", DETAILS);
    expect(r.rejected).toEqual([]);
    expect(r.rows).toEqual([{ symbol: "ETH", base: "ETH", quote: "USDC", settle: "USDC", contractType: "linear", sizeUnit: "base", contractSize: 1, tickSize: 0.01, maxLeverage: null, fundingIntervalHours: 1, active: true }]);
  });

  it("reads open interest in ETH (27,350.8981) with no price in the body", async () => {
    const r = await parseFixture(lighter, "oi", DETAILS, { receivedTs: Date.UTC(2026, 4, 5) });
    expect(r.rows).toEqual([{ symbol: "ETH", ts: Date.UTC(2026, 4, 5), sizeBase: 27350.8981, valueUsd: null }]);
  });

  it("parses the order-by-order books into levels (remaining, not initial, size)", async () => {
    const a = await parseFixture(lighter, "depth", ORDERS, { symbol: "ETH", levelLimit: 100 });
    expect(a.rejected).toEqual([]);
    expect(a.rows[0]).toMatchObject({ symbol: "ETH", exchangeTs: null, bids: [[2361.17, 3.4125]], asks: [[2361.32, 0.0317]], levelLimit: 100, truncated: false });
    // The 2025 body's bid has 1.7361 ETH initial, 1.3237 remaining: the remaining size is the book.
    const b = await parseFixture(lighter, "depth", ORDERS_CCXT, { symbol: "ETH" });
    expect(b.rows[0]).toMatchObject({ bids: [[3429.8, 1.3237]], asks: [[3430, 0.2]] });
  });

  it("sums orders resting at one price into one level", async () => {
    const body = structuredClone(readFixture(ORDERS)) as { asks: Record<string, unknown>[] };
    body.asks.push({ ...body.asks[0], remaining_base_amount: "1.0000" }, { ...body.asks[0], price: "2361.50", remaining_base_amount: "2.5" });
    const r = await lighter.parse("depth", body, context("lighter", { symbol: "ETH" }));
    expect(r.rows[0].asks).toEqual([[2361.32, 1.0317], [2361.5, 2.5]]);
  });

  it("refuses a book without its market named, and a crossed one", async () => {
    const none = await parseFixture(lighter, "depth", ORDERS);
    expect(none.rejected[0]).toMatchObject({ venue: "lighter", field: "symbol" });
    const body = structuredClone(readFixture(ORDERS)) as { bids: { price: string }[] };
    body.bids[0].price = "2362.00";
    const crossed = await lighter.parse("depth", body, context("lighter", { symbol: "ETH" }));
    expect(crossed.rejected[0].field).toBe("bids[0].price");
  });

  it("reads /fundings: seconds, unsigned percent and the paying side (response shape; no recorded body)", async () => {
    const r = await lighter.parse("funding", { code: 200, resolution: "1h", fundings: [{ timestamp: 1778702400, value: "0.02707872", rate: "0.0012", direction: "long" }, { timestamp: 1778706000, value: "0.00452778", rate: "0.0002", direction: "short" }] }, context("lighter", { symbol: "ETH" }));
    expect(r.rejected).toEqual([]);
    // 0.0012 % = 0.000012 paid by longs (+); 0.0002 % paid by shorts (−); 1778702400 s = 2026-05-13T20:00:00Z
    expect(r.rows.map((x) => [new Date(x.fundingTime).toISOString(), x.intervalHours])).toEqual([["2026-05-13T20:00:00.000Z", 1], ["2026-05-13T21:00:00.000Z", 1]]);
    expect(r.rows[0].rate).toBeCloseTo(0.000012, 15);
    expect(r.rows[1].rate).toBeCloseTo(-0.000002, 15);
  });
});

describe("lighter requests, pinned through ccxt's request code", () => {
  it("is registered as a DEX with an honest has map", () => {
    const c = connectorFor("lighter");
    expect(c.info.kind).toBe("dex");
    expect(c.has).toEqual({ markets: true, depth: true, funding: true, fees: false, liquidations: false, oi: true, insurance: false, margin: false });
  });

  it("looks the market_id up, then asks up to 100 orders a side", async () => {
    const caps = await fetchOffline(lighter, "depth", { symbols: ["ETH"] }, ({ url }) => (url.includes("orderBookDetails") ? readFixture(DETAILS) : readFixture(ORDERS)));
    expect(caps.map((c) => [c.kind, new URL(c.request.url).pathname, queryOf(c.request.url)])).toEqual([
      ["markets", "/api/v1/orderBookDetails", {}],
      ["depth", "/api/v1/orderBookOrders", { market_id: "0", limit: "100" }],
    ]);
    await expect(fetchOffline(lighter, "depth", { symbols: ["NOPE"] }, () => readFixture(DETAILS))).rejects.toThrow(/unknown market NOPE/);
  });

  it("pages /fundings back with second bounds", async () => {
    const H = 3_600_000;
    const newest = Date.UTC(2026, 4, 1);
    const asked: Record<string, string>[] = [];
    const http = offlineHttp(lighter, ({ url }) => {
      if (url.includes("orderBookDetails")) return readFixture(DETAILS);
      const q = queryOf(url);
      asked.push(q);
      const fundings = [];
      for (let t = Math.min(Number(q.end_timestamp) * 1000, newest); t >= Number(q.start_timestamp) * 1000 && fundings.length < 500; t -= H) fundings.push({ timestamp: t / 1000, rate: "0.001", direction: "long" });
      return { code: 200, resolution: "1h", fundings: fundings.reverse() };
    });
    await lighter.fetch("funding", http, { symbols: ["ETH"], since: newest - 599 * H, until: newest });
    expect(asked.map((q) => [q.market_id, q.resolution, Number(q.start_timestamp), Number(q.end_timestamp), q.count_back])).toEqual([
      ["0", "1h", (newest - 599 * H) / 1000, newest / 1000, "500"],
      ["0", "1h", (newest - 599 * H) / 1000, Math.floor((newest - 499 * H - 1) / 1000), "500"],
    ]);
    expect(http.warnings).toEqual([]);
  });
});

describe.skipIf(process.env.LIVE !== "1")("lighter live API", () => {
  it("loads the markets and an ETH book", async () => {
    const http = createVenueHttp(lighter);
    await lighter.fetch("depth", http, { symbols: ["ETH"] });
    const markets = await lighter.parse("markets", http.captures[0].body, context("lighter"));
    expect(markets.rows.find((m) => m.symbol === "ETH")?.sizeUnit).toBe("base");
    const book = await lighter.parse("depth", http.captures[1].body, context("lighter", { symbol: "ETH", levelLimit: 100 }));
    expect(book.rows[0].bids.length).toBeGreaterThan(0);
  }, 60_000);
});
