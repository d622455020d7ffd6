import { describe, expect, it } from "vitest";
import { htx } from "./connector";
import { context, fetchOffline, offlineHttp, parseFixture, queryOf, readFixture } from "../test-kit";
import { createVenueHttp } from "../http";
import { connectorFor } from "../registry";
import type { MarketRow } from "../types";

const INVERSE = "htx/swap_contract_info_2022-02-19.json";
const LINEAR = "htx/linear_swap_contract_info_2022-02-19.json";
const BOOK = "htx/ws_depth_step0_ATOM-USD_2022-02-19.json";

async function marketsMap(): Promise<Map<string, MarketRow>> {
  const rows = [...(await parseFixture(htx, "markets", INVERSE)).rows, ...(await parseFixture(htx, "markets", LINEAR)).rows];
  return new Map(rows.map((m) => [m.symbol, m]));
}

describe("htx parsers on recorded responses", () => {
  it("parses 50 coin-margined swaps as inverse USD contracts and 121 USDT-margined ones as linear", async () => {
    const inv = await parseFixture(htx, "markets", INVERSE);
    expect(inv.rejected).toEqual([]);
    expect(inv.rows).toHaveLength(50);
    expect(inv.rows.find((m) => m.symbol === "BTC-USD")).toMatchObject({ base: "BTC", quote: "USD", settle: "BTC", contractType: "inverse", sizeUnit: "contracts", contractSize: 100, tickSize: 0.1, active: true });
    expect(inv.rows.find((m) => m.symbol === "ATOM-USD")).toMatchObject({ contractType: "inverse", contractSize: 10 });
    const lin = await parseFixture(htx, "markets", LINEAR);
    expect(lin.rejected).toEqual([]);
    expect(lin.rows).toHaveLength(121);
    expect(lin.rows.find((m) => m.symbol === "BTC-USDT")).toMatchObject({ settle: "USDT", contractType: "linear", contractSize: 0.001 });
    expect(lin.rows.find((m) => m.symbol === "ATOM-USDT")).toMatchObject({ contractSize: 1 });
  });

  it("converts the ATOM-USD step0 push from 10-USD contracts to ATOM", async () => {
    const r = await parseFixture(htx, "depth", BOOK, { markets: await marketsMap() });
    expect(r.rejected).toEqual([]);
    const book = r.rows[0];
    expect(book.symbol).toBe("ATOM-USD");
    expect([book.bids.length, book.asks.length, book.truncated, book.levelLimit]).toEqual([90, 89, false, 150]);
    // best bid 50 contracts × 10 USD = 500 USD at 26.5766 = 18.81354... ATOM
    expect(book.bids[0][0]).toBe(26.5766);
    expect(book.bids[0][1]).toBeCloseTo(500 / 26.5766, 10);
    expect(book.bids[0][1]).toBeCloseTo(18.813543, 6);
    // USD depth of the whole bid side = Σ contracts × 10
    const raw = readFixture(BOOK) as { tick: { bids: [number, number][] } };
    const usd = raw.tick.bids.reduce((s, [, q]) => s + q * 10, 0);
    expect(book.bids.reduce((s, [p, q]) => s + p * q, 0)).toBeCloseTo(usd, 6);
  });

  it("refuses a book for an unknown market and one named for another symbol", async () => {
    const r = await parseFixture(htx, "depth", BOOK);
    expect(r.rejected[0]).toMatchObject({ venue: "htx", symbol: "ATOM-USD", field: "symbol" });
    const r2 = await parseFixture(htx, "depth", BOOK, { symbol: "BTC-USD", markets: await marketsMap() });
    expect(r2.rejected[0]).toMatchObject({ field: "ch" });
  });

  it("parses the coin-margined history page and the linear list (response shapes of the API docs; no recorded body)", async () => {
    const inv = await htx.parse("funding", { status: "ok", data: { total_page: 1, current_page: 1, total_size: 1, data: [{ contract_code: "BTC-USD", funding_time: "1603872000000", funding_rate: "0.000100000000000000", realized_rate: "0.000100000000000000", avg_premium_index: "0.0001" }] } }, context("htx"));
    expect(inv.rows).toEqual([{ symbol: "BTC-USD", fundingTime: 1603872000000, rate: 0.0001, intervalHours: null, premium: null, markPrice: null, indexPrice: null, predicted: false }]);
    const lin = await htx.parse("funding", { code: 200, data: [{ contract_code: "BTC-USDT", funding_time: 1603872000000, funding_rate: "-0.0002" }] }, context("htx"));
    expect(lin.rows[0]).toMatchObject({ symbol: "BTC-USDT", rate: -0.0002 });
  });
});

describe("htx requests, pinned through ccxt's request code", () => {
  it("is registered with an honest has map", () => {
    const c = connectorFor("htx");
    expect(c.has).toEqual({ markets: true, depth: true, funding: true, fees: false, liquidations: false, oi: false, insurance: true, margin: false });
    for (const k of ["fees", "oi", "liquidations", "insurance", "margin"] as const) expect(c.notes[k]).toBeTruthy();
  });

  it("asks both contract lists, and step0 depth on the inverse or linear host path", async () => {
    const info = readFixture(INVERSE);
    const m = await fetchOffline(htx, "markets", { symbols: [] }, () => info);
    expect(m.map((c) => c.request.url)).toEqual(["https://api.hbdm.vn/swap-api/v1/swap_contract_info", "https://api.hbdm.vn/linear-swap-api/v1/swap_contract_info?business_type=swap"]);
    const body = readFixture(BOOK);
    const d = await fetchOffline(htx, "depth", { symbols: ["ATOM-USD", "BTC-USDT"] }, () => body);
    expect(d.map((c) => [new URL(c.request.url).pathname, queryOf(c.request.url)])).toEqual([
      ["/swap-ex/market/depth", { contract_code: "ATOM-USD", type: "step0" }],
      ["/linear-swap-ex/market/depth", { contract_code: "BTC-USDT", type: "step0" }],
    ]);
  });

  it("pages coin-margined funding from page 1 (newest) back until `since`, and asks one linear list", async () => {
    const H8 = 8 * 3_600_000;
    const newest = Date.UTC(2024, 0, 1);
    const total = 120; // records, newest first, 50 a page → pages 1..3
    const requests: Record<string, string>[] = [];
    const http = offlineHttp(htx, ({ url }) => {
      const q = queryOf(url);
      requests.push({ path: new URL(url).pathname, ...q });
      if (url.includes("/v5/")) return { code: 200, data: [] };
      const page = Number(q.page_index);
      const data = [];
      for (let i = (page - 1) * 50; i < Math.min(total, page * 50); i++) data.push({ contract_code: q.contract_code, funding_time: String(newest - i * H8), funding_rate: "0.0001" });
      return { status: "ok", data: { total_page: 3, current_page: page, total_size: total, data } };
    });
    // since = the 80th newest record: pages 1 and 2 cover it.
    await htx.fetch("funding", http, { symbols: ["BTC-USD", "BTC-USDT"], since: newest - 79 * H8, until: newest });
    expect(requests).toEqual([
      { path: "/swap-api/v1/swap_historical_funding_rate", contract_code: "BTC-USD", page_index: "1", page_size: "50" },
      { path: "/swap-api/v1/swap_historical_funding_rate", contract_code: "BTC-USD", page_index: "2", page_size: "50" },
      { path: "/v5/market/funding_rate_history", contract_code: "BTC-USDT", limit: "100" },
    ]);
    expect(http.warnings).toEqual([]);
  });
});

describe.skipIf(process.env.LIVE !== "1")("htx live API", () => {
  it("loads both contract lists and a BTC-USD book", async () => {
    const http = createVenueHttp(htx);
    await htx.fetch("markets", http, { symbols: [] });
    const rows = (await Promise.all(http.captures.map((c) => htx.parse("markets", c.body, context("htx"))))).flatMap((r) => r.rows);
    expect(rows.find((m) => m.symbol === "BTC-USD")?.contractSize).toBe(100);
    await htx.fetch("depth", http, { symbols: ["BTC-USD"] });
    const book = await htx.parse("depth", http.captures.at(-1)!.body, context("htx", { markets: new Map(rows.map((m) => [m.symbol, m])) }));
    expect(book.rows[0].bids.length).toBeGreaterThan(0);
  }, 60_000);
});
