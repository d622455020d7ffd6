import { describe, expect, it } from "vitest";
import { grvt } from "./connector";
import { context, fetchOffline, offlineHttp, parseFixture, readFixture } from "../test-kit";
import { createVenueHttp } from "../http";
import { connectorFor } from "../registry";

const INSTRUMENTS = "grvt/instrument_AAVE_USDT_Perp_2026-01.json";
const BOOK = "grvt/book_BTC_USDT_Perp_2025-12-20.json";

describe("grvt parsers on recorded responses", () => {
  it("parses the AAVE perpetual as a base-sized linear USDT market with its 8-hour funding interval", async () => {
    const r = await parseFixture(grvt, "markets", INSTRUMENTS);
    expect(r.rejected).toEqual([]);
    expect(r.rows).toEqual([
      { symbol: "AAVE_USDT_Perp", base: "AAVE", quote: "USDT", settle: "USDT", contractType: "linear", sizeUnit: "base", contractSize: 1, tickSize: 0.01, maxLeverage: null, fundingIntervalHours: 8, fundingCapRate: null, fundingFloorRate: null, active: true },
    ]);
  });

  it("parses the BTC book in BTC with its nanosecond event_time as ms", async () => {
    const r = await parseFixture(grvt, "depth", BOOK, { levelLimit: 10 });
    expect(r.rejected).toEqual([]);
    const b = r.rows[0];
    expect(b.symbol).toBe("BTC_USDT_Perp");
    // "1766239804750000000" ns = 1,766,239,804,750 ms = 2025-12-20T14:10:04.750Z
    expect(b.exchangeTs).toBe(1766239804750);
    expect(new Date(b.exchangeTs!).toISOString()).toBe("2025-12-20T14:10:04.750Z");
    expect([b.bids.length, b.asks.length, b.truncated]).toEqual([10, 10, true]);
    expect(b.bids[0]).toEqual([88051.6, 0.012]);
    expect(b.asks[0]).toEqual([88051.7, 2.524]);
    // ask side: 2.524+1.485+0.007+0.113+0.009+0.113+0.001+0.021+0.567+0.034 = 4.874 BTC
    expect(b.asks.reduce((s, [, q]) => s + q, 0)).toBeCloseTo(4.874, 9);
  });

  it("refuses a book named for another instrument, and a book stamped in ms instead of ns", async () => {
    const other = await parseFixture(grvt, "depth", BOOK, { symbol: "ETH_USDT_Perp" });
    expect(other.rejected[0]).toMatchObject({ venue: "grvt", field: "result.instrument" });
    const body = structuredClone(readFixture(BOOK)) as { result: { event_time: string } };
    body.result.event_time = "1766239804750"; // ms where ns are expected → 1970 after the ns conversion
    const viaRegistry = await connectorFor("grvt").parse("depth", body, context("grvt"));
    expect(viaRegistry.rows).toEqual([]);
    expect(viaRegistry.rejected[0].field).toMatch(/exchangeTs|event_time/);
  });

  it("reads funding_rate as percentage points and funding_time as ns (response shape of the API docs; no recorded body)", async () => {
    const r = await grvt.parse("funding", { result: [{ instrument: "BTC_USDT_Perp", funding_rate: "-0.0034", funding_time: "1760494260000000000", mark_price: "112721.159060304", funding_rate_8_h_avg: "-0.0038", funding_interval_hours: "0" }], next: "x" }, context("grvt", { markets: new Map([["BTC_USDT_Perp", { ...grvt.inferMarket!("BTC_USDT_Perp")!, fundingIntervalHours: 8 }]]) }));
    expect(r.rejected).toEqual([]);
    // −0.0034 % = −0.000034; interval "0" in the record falls back to the market's 8 h
    expect(r.rows).toEqual([{ symbol: "BTC_USDT_Perp", fundingTime: 1760494260000, rate: -0.000034, intervalHours: 8, premium: null, markPrice: 112721.159060304, indexPrice: null, predicted: false }]);
  });
});

describe("grvt requests, pinned through ccxt's request code", () => {
  it("is registered as a DEX with an honest has map", () => {
    const c = connectorFor("grvt");
    expect(c.info.kind).toBe("dex");
    expect(c.has).toEqual({ markets: true, depth: true, funding: true, fees: false, liquidations: false, oi: false, insurance: false, margin: false });
    for (const k of ["fees", "oi", "liquidations", "insurance", "margin"] as const) expect(c.notes[k]).toBeTruthy();
  });

  it("POSTs all_instruments and book with the nearest served depth", async () => {
    const inst = readFixture(INSTRUMENTS);
    const m = await fetchOffline(grvt, "markets", { symbols: [] }, () => inst);
    expect(m.map((c) => c.request.url)).toEqual(["https://market-data.grvt.io/full/v1/all_instruments"]);
    const book = readFixture(BOOK);
    const d = await fetchOffline(grvt, "depth", { symbols: ["BTC_USDT_Perp"], levelLimit: 60 }, () => book);
    expect(d[0].request.url).toBe("https://market-data.grvt.io/full/v1/book");
    expect(d[0].request.params).toMatchObject({ instrument: "BTC_USDT_Perp", depth: 100 });
    expect(d[0].levelLimit).toBe(100);
  });

  it("pages funding back with nanosecond start_time/end_time", async () => {
    const H8 = 8 * 3_600_000;
    const newest = Date.UTC(2025, 11, 1);
    const bodies: Record<string, unknown>[] = [];
    const http = offlineHttp(grvt, ({ body }) => {
      bodies.push(body as Record<string, unknown>);
      const end = Number(BigInt((body as { end_time: string }).end_time) / 1_000_000n);
      const result = [];
      for (let t = Math.min(end, newest); t >= newest - 9 * H8 && result.length < 1000; t -= H8) result.push({ instrument: "BTC_USDT_Perp", funding_rate: "0.01", funding_time: (BigInt(t) * 1_000_000n).toString() });
      return { result };
    });
    await grvt.fetch("funding", http, { symbols: ["BTC_USDT_Perp"], since: newest - 9 * H8, until: newest });
    expect(bodies[0]).toMatchObject({ instrument: "BTC_USDT_Perp", limit: 1000, start_time: `${newest - 9 * H8}000000`, end_time: `${newest}000000` });
    expect(http.warnings).toEqual([]);
  });
});

describe.skipIf(process.env.LIVE !== "1")("grvt live API", () => {
  it("loads the instruments and a BTC book", async () => {
    const http = createVenueHttp(grvt);
    await grvt.fetch("markets", http, { symbols: [] });
    const markets = await grvt.parse("markets", http.captures[0].body, context("grvt"));
    expect(markets.rows.find((m) => m.symbol === "BTC_USDT_Perp")?.sizeUnit).toBe("base");
    await grvt.fetch("depth", http, { symbols: ["BTC_USDT_Perp"], levelLimit: 50 });
    const book = await grvt.parse("depth", http.captures.at(-1)!.body, context("grvt", { levelLimit: 50 }));
    expect(book.rows[0].bids.length).toBeGreaterThan(0);
  }, 60_000);
});
