import { describe, expect, it } from "vitest";
import { backpack } from "./connector";
import { context, fetchOffline, offlineHttp, parseFixture, queryOf, readFixture } from "../test-kit";
import { createVenueHttp } from "../http";
import { connectorFor } from "../registry";

const FUNDING = "backpack/fundingRates_ETH_USDC_PERP_2025-09-11.json";
const OI = "backpack/openInterest_ETH_USDC_PERP_2025-08-12.json";
const MARKS = "backpack/markPrices_ETH_USDC_PERP_2025-08-11.json";

describe("backpack parsers on recorded responses", () => {
  it("reads the zone-less interval ends as UTC (not local time): three hourly ETH settlements", async () => {
    const r = await parseFixture(backpack, "funding", FUNDING);
    expect(r.rejected).toEqual([]);
    // "2025-09-11T12:00:00" UTC = 1757592000000 whatever the machine's time zone
    expect(r.rows.map((x) => [x.symbol, x.fundingTime, x.rate, x.intervalHours, x.predicted])).toEqual([
      ["ETH_USDC_PERP", 1757592000000, 0.0000125, 1, false],
      ["ETH_USDC_PERP", 1757588400000, 0.0000125, 1, false],
      ["ETH_USDC_PERP", 1757584800000, 0.000006196, 1, false],
    ]);
    expect(new Date(r.rows[0].fundingTime).toISOString()).toBe("2025-09-11T12:00:00.000Z");
  });

  it("gives 8 h to settlements up to the 2025-08-20 08:00Z switch and 1 h after it", async () => {
    const rows = [["2025-08-20T00:00:00", 8], ["2025-08-20T08:00:00", 8], ["2025-08-20T09:00:00", 1]] as const;
    const r = await backpack.parse("funding", rows.map(([t]) => ({ symbol: "BTC_USDC_PERP", fundingRate: "0.0001", intervalEndTimestamp: t })), context("backpack"));
    expect(r.rows.map((x) => x.intervalHours)).toEqual(rows.map(([, h]) => h));
  });

  it("reads them as UTC on a machine in another time zone too", async () => {
    const saved = process.env.TZ;
    process.env.TZ = "America/New_York";
    try {
      const r = await parseFixture(backpack, "funding", FUNDING);
      expect(r.rows[0].fundingTime).toBe(1757592000000);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it("reads the current rate from markPrices as a prediction at the next funding time", async () => {
    const r = await parseFixture(backpack, "funding", MARKS);
    expect(r.rejected).toEqual([]);
    // next funding 2025-08-12T00:00Z, before the 2025-08-20 08:00Z switch to hourly funding: an 8-hour interval
    expect(r.rows[0]).toMatchObject({ symbol: "ETH_USDC_PERP", fundingTime: 1754956800000, rate: 0.0001, markPrice: 4307.57627888, indexPrice: 4308.72205352, predicted: true, intervalHours: 8 });
    // premium = (4307.57627888 − 4308.72205352) / 4308.72205352 = −0.00026592...
    expect(r.rows[0].premium).toBeCloseTo(-0.000265919, 8);
  });

  it("reads open interest in ETH with its ms timestamp", async () => {
    const r = await parseFixture(backpack, "oi", OI);
    expect(r.rows).toEqual([{ symbol: "ETH_USDC_PERP", ts: 1755006837991, sizeBase: 27481.6232, valueUsd: null }]);
    expect(new Date(1755006837991).toISOString()).toBe("2025-08-12T13:53:57.991Z");
  });

  it("rejects an interval end that carries a zone or a ms number, naming the field", async () => {
    const body = structuredClone(readFixture(FUNDING)) as Record<string, unknown>[];
    body[0].intervalEndTimestamp = 1757592000000;
    body[1].intervalEndTimestamp = "2025-09-11T11:00:00+02:00";
    const r = await backpack.parse("funding", body, context("backpack"));
    expect(r.rows).toHaveLength(1);
    expect(r.rejected.map((x) => [x.venue, x.symbol, x.field, x.index])).toEqual([
      ["backpack", "ETH_USDC_PERP", "intervalEndTimestamp", 0],
      ["backpack", "ETH_USDC_PERP", "intervalEndTimestamp", 1],
    ]);
  });

  it("parses a depth body with its microsecond timestamp (documented shape; no recorded body)", async () => {
    const r = await backpack.parse("depth", { asks: [["118318.3", "0.00633"], ["118567.2", "0.08450"]], bids: [["118300.1", "0.38647"], ["118290.0", "1.00000"]], lastUpdateId: "1504999670", timestamp: 1753102447307501 }, context("backpack", { symbol: "BTC_USDC_PERP" }));
    expect(r.rejected).toEqual([]);
    expect(r.rows[0]).toMatchObject({ symbol: "BTC_USDC_PERP", exchangeTs: 1753102447307, bids: [[118300.1, 0.38647], [118290, 1]], asks: [[118318.3, 0.00633], [118567.2, 0.0845]], truncated: false });
  });
});

describe("backpack requests, pinned through ccxt's request code", () => {
  it("is registered with an honest has map", () => {
    const c = connectorFor("backpack");
    expect(c.info.kind).toBe("cex");
    expect(c.has).toEqual({ markets: true, depth: true, funding: true, fees: false, liquidations: false, oi: true, insurance: false, margin: false });
  });

  it("pages funding by offset (newest first) until `since`, then reads markPrices", async () => {
    const H = 3_600_000;
    const newest = Date.UTC(2025, 8, 11, 12);
    const asked: Record<string, string>[] = [];
    const http = offlineHttp(backpack, ({ url }) => {
      const q = queryOf(url);
      asked.push({ path: new URL(url).pathname, ...q });
      if (url.includes("markPrices")) return readFixture(MARKS);
      const off = Number(q.offset ?? 0);
      const out = [];
      for (let i = off; i < off + 1000 && i < 2500; i++) out.push({ symbol: "ETH_USDC_PERP", fundingRate: "0.0000125", intervalEndTimestamp: new Date(newest - i * H).toISOString().slice(0, 19) });
      return out;
    });
    await backpack.fetch("funding", http, { symbols: ["ETH_USDC_PERP"], since: newest - 1500 * H, until: newest });
    expect(asked).toEqual([
      { path: "/api/v1/fundingRates", symbol: "ETH_USDC_PERP", limit: "1000", offset: "0" },
      { path: "/api/v1/fundingRates", symbol: "ETH_USDC_PERP", limit: "1000", offset: "1000" },
      { path: "/api/v1/markPrices", symbol: "ETH_USDC_PERP" },
    ]);
    expect(http.warnings).toEqual([]);
  });

  it("asks depth and open interest per symbol", async () => {
    const caps = await fetchOffline(backpack, "oi", { symbols: ["ETH_USDC_PERP"] }, () => readFixture(OI));
    expect(caps.map((c) => c.request.url)).toEqual(["https://api.backpack.exchange/api/v1/openInterest?symbol=ETH_USDC_PERP"]);
  });
});

describe.skipIf(process.env.LIVE !== "1")("backpack live API", () => {
  it("loads the perpetual markets and a BTC book", async () => {
    const http = createVenueHttp(backpack);
    await backpack.fetch("markets", http, { symbols: [] });
    const markets = await backpack.parse("markets", http.captures[0].body, context("backpack"));
    expect(markets.rows.find((m) => m.symbol === "BTC_USDC_PERP")?.fundingIntervalHours).toBe(1);
    await backpack.fetch("depth", http, { symbols: ["BTC_USDC_PERP"] });
    const book = await backpack.parse("depth", http.captures.at(-1)!.body, context("backpack", { symbol: "BTC_USDC_PERP" }));
    expect(book.rows[0].bids.length).toBeGreaterThan(0);
  }, 60_000);
});
