import { describe, expect, it } from "vitest";
import { gate, settleOf } from "./connector";
import { context, fetchOffline, offlineHttp, parseFixture, queryOf, readFixture } from "../test-kit";
import { createVenueHttp } from "../http";
import { connectorFor } from "../registry";
import type { MarketRow } from "../types";

const CONTRACTS = "gate/futures_usdt_contracts_2023-05-24.json";
const BOOK = "gate/futures_usdt_order_book_QUICK_USDT_limit100_2023-05-24.json";
const INSURANCE = "gate/futures_usdt_insurance_limit1_2026-05-05.json";
// The contracts body was recorded at 2023-05-24T12:09:23.948Z and carries no timestamp of its own.
const RECORDED = Date.UTC(2023, 4, 24, 12, 9, 23, 948);

async function marketsMap(): Promise<Map<string, MarketRow>> {
  const r = await parseFixture(gate, "markets", CONTRACTS);
  return new Map(r.rows.map((m) => [m.symbol, m]));
}

/** A BTC-settled inverse record: the recorded BTC_USDT record renamed, with the inverse contract's quanto 0. */
const inverseRecord = () => {
  const btc = (readFixture(CONTRACTS) as Record<string, unknown>[]).find((r) => r.name === "BTC_USDT")!;
  return { ...btc, name: "BTC_USD", quanto_multiplier: "0" };
};

describe("gate parsers on recorded responses", () => {
  it("parses the 302 USDT-settled contracts through ccxt: linear, quanto-multiplier sized, 8-hourly funding", async () => {
    const r = await parseFixture(gate, "markets", CONTRACTS);
    expect(r.rejected).toEqual([]);
    expect(r.rows).toHaveLength(302);
    expect(r.rows.find((m) => m.symbol === "BTC_USDT")).toMatchObject({ base: "BTC", quote: "USDT", settle: "USDT", contractType: "linear", sizeUnit: "contracts", contractSize: 0.0001, tickSize: 0.1, maxLeverage: 100, fundingIntervalHours: 8 });
    expect(r.rows.find((m) => m.symbol === "ETH_USDT")).toMatchObject({ contractSize: 0.01, fundingIntervalHours: 8 });
  });

  it("reads a BTC-settled contract as inverse, 1 USD a contract (ccxt maps quanto 0 to 1)", async () => {
    expect(settleOf("BTC_USD")).toBe("btc");
    const r = await gate.parse("markets", [inverseRecord()], context("gate"));
    expect(r.rows[0]).toMatchObject({ symbol: "BTC_USD", settle: "BTC", contractType: "inverse", sizeUnit: "contracts", contractSize: 1 });
  });

  it("values open interest: BTC_USDT 169,531,691 contracts × 0.0001 = 16,953.17 BTC, × mark 26,704.26 = 452.7 M USD", async () => {
    const r = await parseFixture(gate, "oi", CONTRACTS, { receivedTs: RECORDED });
    const btc = r.rows.find((x) => x.symbol === "BTC_USDT")!;
    expect(btc.ts).toBe(RECORDED);
    expect(btc.sizeBase).toBeCloseTo(16953.1691, 6);
    expect(btc.valueUsd).toBeCloseTo(16953.1691 * 26704.26, 2);
    expect(btc.valueUsd! / 1e6).toBeCloseTo(452.72, 1);
    // Inverse: 1,000,000 contracts of 1 USD = 1 M USD whatever the price; base = 1e6 / 26704.26 BTC.
    const inv = await gate.parse("oi", [{ ...inverseRecord(), position_size: 1_000_000 }], context("gate"));
    expect(inv.rows[0]).toMatchObject({ valueUsd: 1_000_000 });
    expect(inv.rows[0].sizeBase).toBeCloseTo(1e6 / 26704.26, 9);
  });

  it("reads the current funding rate, its 8 h interval and next settlement from the contracts body", async () => {
    const r = await parseFixture(gate, "funding", CONTRACTS);
    const btc = r.rows.find((x) => x.symbol === "BTC_USDT")!;
    // funding_next_apply 1684944000 s = 2023-05-24T16:00:00Z
    expect(btc).toMatchObject({ rate: 0.000086, fundingTime: 1684944000000, intervalHours: 8, markPrice: 26704.26, indexPrice: 26703.16, predicted: true });
    expect(btc.premium).toBeCloseTo((26704.26 - 26703.16) / 26703.16, 12);
  });

  it("converts a QUICK_USDT book from contracts of 0.01 QUICK; USD depth = Σ price × contracts × 0.01", async () => {
    const markets = await marketsMap();
    expect(markets.get("QUICK_USDT")?.contractSize).toBe(0.01);
    const r = await parseFixture(gate, "depth", BOOK, { symbol: "QUICK_USDT", markets, levelLimit: 100 });
    expect(r.rejected).toEqual([]);
    const book = r.rows[0];
    expect(book.exchangeTs).toBe(1684930167524);
    // best ask 46 contracts at 57 = 0.46 QUICK (26.22 USD); best bid 100 contracts at 56.91 = 1 QUICK
    expect(book.asks[0][0]).toBe(57);
    expect(book.asks[0][1]).toBeCloseTo(0.46, 12);
    expect(book.bids[0]).toEqual([56.91, 1]);
    // 62 asks and 36 bids answered to limit=100: the venue had no more, the book is whole.
    expect([book.asks.length, book.bids.length, book.truncated]).toEqual([62, 36, false]);
    const raw = readFixture(BOOK) as { asks: { p: string; s: number }[] };
    const usd = raw.asks.slice(0, 2).reduce((s, l) => s + Number(l.p) * l.s * 0.01, 0);
    // 57 × 0.46 + 57.01 × 6.01 = 26.22 + 342.6301 = 368.8501 USD
    expect(usd).toBeCloseTo(368.8501, 8);
    expect(book.asks.slice(0, 2).reduce((s, [p, q]) => s + p * q, 0)).toBeCloseTo(368.8501, 8);
  });

  it("refuses a book without its market, and a contract record with a broken field, naming it", async () => {
    const r = await parseFixture(gate, "depth", BOOK, { symbol: "QUICK_USDT" });
    expect(r.rejected[0]).toMatchObject({ venue: "gate", symbol: "QUICK_USDT", field: "symbol" });
    const body = readFixture(CONTRACTS) as Record<string, unknown>[];
    body[0] = { ...body[0], quanto_multiplier: "" };
    const bad = await gate.parse("markets", body, context("gate"));
    expect(bad.rows).toHaveLength(301);
    expect(bad.rejected).toEqual([expect.objectContaining({ venue: "gate", symbol: "KNC_USDT", field: "quanto_multiplier", index: 0 })]);
  });

  it("parses settled funding history {t seconds, r} for the named contract", async () => {
    // The response example of GET /futures/{settle}/funding_rate (no recorded body was found).
    const r = await gate.parse("funding", [{ t: 1543968000, r: "0.000157" }], context("gate", { symbol: "BTC_USDT" }));
    expect(r.rows).toEqual([{ symbol: "BTC_USDT", fundingTime: 1543968000000, rate: 0.000157, intervalHours: null, premium: null, markPrice: null, indexPrice: null, predicted: false }]);
  });
});

describe("gate insurance balance history", () => {
  it("reads the recorded USDT fund reading: t 1777939200 s = 2026-05-05T00:00:00Z, 134,429,540.77 USDT as USD", async () => {
    const r = await parseFixture(gate, "insurance", INSURANCE);
    expect(r.rejected).toEqual([]);
    expect(r.rows).toEqual([{ ts: Date.UTC(2026, 4, 5), asset: "USDT", balanceUsd: 134429540.774735 }]);
    expect(new Date(r.rows[0].ts).toISOString()).toBe("2026-05-05T00:00:00.000Z");
  });

  it("reads the documented string balance too, and refuses a broken or negative record by field", async () => {
    const ok = await gate.parse("insurance", [{ t: 1543968000, b: "83.0031" }], context("gate"));
    expect(ok.rows).toEqual([{ ts: 1543968000000, asset: "USDT", balanceUsd: 83.0031 }]);
    const body = [...(readFixture(INSURANCE) as object[]), { t: 1777852800, b: "" }, { t: 1777766400, b: -1 }];
    const bad = await gate.parse("insurance", body, context("gate"));
    expect(bad.rows).toHaveLength(1);
    expect(bad.rejected).toEqual([expect.objectContaining({ venue: "gate", field: "b", index: 1 }), expect.objectContaining({ venue: "gate", field: "b", index: 2 })]);
    expect((await gate.parse("insurance", { b: 1 }, context("gate"))).rejected[0]).toMatchObject({ field: "(body)" });
  });

  it("asks the USDT fund's history once with limit 1000 (the endpoint has no time bounds to page on)", async () => {
    const urls: string[] = [];
    const captures = await fetchOffline(gate, "insurance", { symbols: ["BTC_USDT"], since: Date.UTC(2026, 0, 1) }, ({ url }) => (urls.push(url), readFixture(INSURANCE)));
    expect(urls.map((u) => [new URL(u).pathname, queryOf(u)])).toEqual([["/api/v4/futures/usdt/insurance", { limit: "1000" }]]);
    expect((await gate.parse("insurance", captures[0].body, context("gate"))).rows[0].balanceUsd).toBe(134429540.774735);
  });
});

describe("gate requests, pinned through ccxt's request code", () => {
  it("is registered with an honest has map", () => {
    const c = connectorFor("gate");
    expect(c.has).toEqual({ markets: true, depth: true, funding: true, fees: true, liquidations: false, oi: true, insurance: true, margin: false });
    for (const k of ["liquidations", "insurance", "margin"] as const) expect(c.notes[k]).toBeTruthy();
  });

  it("asks both settle currencies' contracts for markets, USDT for fees; fees are ccxt's VIP 0", async () => {
    const body = readFixture(CONTRACTS);
    const captures = await fetchOffline(gate, "markets", { symbols: [] }, () => body);
    expect(captures.map((c) => c.request.url)).toEqual(["https://api.gateio.ws/api/v4/futures/usdt/contracts", "https://api.gateio.ws/api/v4/futures/btc/contracts"]);
    const fees = await fetchOffline(gate, "fees", { symbols: [] }, () => body);
    const rows = await gate.parse("fees", fees[0].body, context("gate"));
    expect(rows.rows).toEqual([expect.objectContaining({ tier: "VIP 0", makerRate: 0.0002, takerRate: 0.0005 })]);
  });

  it("asks order_book with the limit capped at 300 and with_id, per settle", async () => {
    const body = readFixture(BOOK);
    const urls: string[] = [];
    await fetchOffline(gate, "depth", { symbols: ["QUICK_USDT", "BTC_USD"], levelLimit: 1000 }, ({ url }) => (urls.push(url), body));
    expect(urls.map((u) => [new URL(u).pathname, queryOf(u)])).toEqual([
      ["/api/v4/futures/usdt/order_book", { contract: "QUICK_USDT", limit: "300", with_id: "true" }],
      ["/api/v4/futures/btc/order_book", { contract: "BTC_USD", limit: "300", with_id: "true" }],
    ]);
  });

  it("pages funding history back from `until` in seconds, oldest − 1 s each page, then the contract record", async () => {
    const H8 = 8 * 3600;
    const first = Date.UTC(2022, 0, 1) / 1000;
    const last = first + 1499 * H8;
    const requests: Record<string, string>[] = [];
    const http = offlineHttp(gate, ({ url }) => {
      const q = queryOf(url);
      requests.push({ path: new URL(url).pathname, ...q });
      if (!url.includes("funding_rate")) return inverseRecord();
      const out = [];
      for (let t = Math.min(last, Number(q.to)); t >= Math.max(first, Number(q.from)) && out.length < Number(q.limit); t -= H8) out.push({ t, r: "0.0001" });
      return out;
    });
    await gate.fetch("funding", http, { symbols: ["BTC_USDT"], since: first * 1000, until: last * 1000 });
    expect(requests).toEqual([
      { path: "/api/v4/futures/usdt/funding_rate", contract: "BTC_USDT", limit: "1000", from: String(first), to: String(last) },
      { path: "/api/v4/futures/usdt/funding_rate", contract: "BTC_USDT", limit: "1000", from: String(first), to: String(first + 500 * H8 - 1) },
      { path: "/api/v4/futures/usdt/contracts/BTC_USDT" },
    ]);
    const rows = (await Promise.all(http.captures.slice(0, 2).map((c) => gate.parse("funding", c.body, context("gate", { symbol: c.symbol }))))).flatMap((r) => r.rows);
    expect(rows).toHaveLength(1500);
    expect(new Set(rows.map((r) => r.fundingTime)).size).toBe(1500);
    expect(http.warnings).toEqual([]);
  });
});

describe.skipIf(process.env.LIVE !== "1")("gate live API", () => {
  it("loads contracts of both settles, a BTC_USDT book and funding", async () => {
    const http = createVenueHttp(gate);
    await gate.fetch("markets", http, { symbols: [] });
    const rows = (await Promise.all(http.captures.map((c) => gate.parse("markets", c.body, context("gate"))))).flatMap((r) => r.rows);
    expect(rows.find((m) => m.symbol === "BTC_USD")?.contractType).toBe("inverse");
    const markets = new Map(rows.map((m) => [m.symbol, m]));
    await gate.fetch("depth", http, { symbols: ["BTC_USDT"], levelLimit: 50 });
    const book = await gate.parse("depth", http.captures.at(-1)!.body, context("gate", { symbol: "BTC_USDT", markets, levelLimit: 50 }));
    expect(book.rows[0].bids.length).toBeGreaterThan(0);
    await gate.fetch("funding", http, { symbols: ["BTC_USDT"] });
    expect((await gate.parse("funding", http.captures.at(-2)!.body, context("gate", { symbol: "BTC_USDT" }))).rows.length).toBeGreaterThan(10);
    await gate.fetch("insurance", http, { symbols: [] });
    const ins = await gate.parse("insurance", http.captures.at(-1)!.body, context("gate"));
    expect(ins.rejected).toEqual([]);
    expect(ins.rows.length).toBeGreaterThan(0);
  }, 60_000);
});
