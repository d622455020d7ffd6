import { describe, expect, it } from "vitest";
import { edgex, FUNDING_PAGE } from "./connector";
import { context, fetchOffline, offlineHttp, parseFixture, queryOf, readFixture } from "../test-kit";
import { createVenueHttp } from "../http";
import { connectorFor } from "../registry";
import type { MarketRow } from "../types";

const META = "edgex/v2_getMetaData_trimmed_2026-09-13.json";
const TICKER = "edgex/v2_getTicker_30000001_2026-09-13.json";
const HISTORY = "edgex/v2_getFundingRatePage_30000001_settlements_2026-09-13.json";
const H = 3_600_000;
/** The API reference's getDepth example (V1, BTCUSDT): no recorded book body was found; see tests/fixtures/README.md. */
const DEPTH_DOCS = "edgex/v1_getDepth_BTCUSDT_level15_docs_example.json";

async function marketsMap(): Promise<Map<string, MarketRow>> {
  const r = await parseFixture(edgex, "markets", META);
  return new Map(r.rows.map((m) => [m.symbol, m]));
}

describe("edgex parsers on recorded responses", () => {
  it("parses the 8 recorded V2 contracts: base-sized USDC linear, 4-hourly funding with its cap, base coin as declared", async () => {
    const r = await parseFixture(edgex, "markets", META);
    expect(r.rejected).toEqual([]);
    expect(r.rows.map((m) => m.symbol)).toEqual(["BTCUSDC", "ETHUSDC", "XAUUSDC", "SPYUSDC", "1000PEPEUSDC", "ZROUSDC", "EURUSDC", "哈基米USDC"]);
    // fundingRateIntervalMin 240 = 4 h; fundingMaxRate/MinRate ±0.002 per interval; displayMaxLeverage 100.
    expect(r.rows[0]).toEqual({ symbol: "BTCUSDC", base: "BTC", quote: "USDC", settle: "USDC", contractType: "linear", sizeUnit: "base", contractSize: 1, tickSize: 0.1, maxLeverage: 100, fundingIntervalHours: 4, fundingCapRate: 0.002, fundingFloorRate: -0.002, active: true });
    const by = new Map(r.rows.map((m) => [m.symbol, m]));
    // The CJK-named contract declares HAJIMI (baseCoinId 1169); 1000PEPE is sized in units of 1000 PEPE.
    expect([by.get("哈基米USDC")!.base, by.get("1000PEPEUSDC")!.base, by.get("1000PEPEUSDC")!.tickSize]).toEqual(["HAJIMI", "1000PEPE", 0.0000001]);
    // Hidden in the app (enableDisplay false) though tradeable: not offered, so inactive.
    expect(r.rows.filter((m) => !m.active).map((m) => m.symbol)).toEqual(["ZROUSDC", "EURUSDC"]);
  });

  it("reads the public default fees: maker 0.040 %, taker 0.045 %, the same on every contract", async () => {
    const r = await parseFixture(edgex, "fees", META, { receivedTs: Date.UTC(2026, 8, 13) });
    expect(r.rejected).toEqual([]);
    expect(r.rows).toEqual([{ scope: "perp", tier: "default", makerRate: 0.0004, takerRate: 0.00045, effectiveFrom: Date.UTC(2026, 8, 13), source: "edgeX getMetaData defaultMakerFeeRate/defaultTakerFeeRate" }]);
    const body = structuredClone(readFixture(META)) as { data: { contractList: Record<string, unknown>[] } };
    body.data.contractList[1].defaultTakerFeeRate = "0.0005";
    expect((await edgex.parse("fees", body, context("edgex"))).rejected[0]).toMatchObject({ venue: "edgex", field: "defaultTakerFeeRate" });
  });

  it("values BTCUSDC open interest: 3,284.957 BTC × mark 76,773.55 = 252.2 M USD, at the envelope's responseTime", async () => {
    const r = await parseFixture(edgex, "oi", TICKER, { receivedTs: 1 });
    expect(r.rejected).toEqual([]);
    const oi = r.rows[0];
    // responseTime 1789339039906 = 2026-09-13T22:37:19.906Z
    expect([oi.symbol, oi.ts, new Date(oi.ts).toISOString(), oi.sizeBase]).toEqual(["BTCUSDC", 1789339039906, "2026-09-13T22:37:19.906Z", 3284.957]);
    expect(oi.valueUsd).toBeCloseTo(3284.957 * 76773.550957416862761623, 4);
    expect(oi.valueUsd! / 1e6).toBeCloseTo(252.2, 1);
  });

  it("reads the predicted rate for the next 4-hourly settlement from the ticker", async () => {
    const r = await parseFixture(edgex, "funding", TICKER);
    expect(r.rejected).toEqual([]);
    const f = r.rows[0];
    // fundingTime 1789329600000 = 20:00Z (last settlement), nextFundingTime 1789344000000 = 2026-09-14T00:00Z.
    expect([f.symbol, new Date(f.fundingTime).toISOString(), f.rate, f.intervalHours, f.predicted]).toEqual(["BTCUSDC", "2026-09-14T00:00:00.000Z", -0.00005592, 4, true]);
    expect(f.premium).toBeCloseTo((76773.550957416862761623 - 76825.4814574688) / 76825.4814574688, 12);
    expect([f.markPrice, f.indexPrice]).toEqual([Number("76773.550957416862761623"), 76825.4814574688]);
  });

  it("reads the settlement history of the named contract: three 4-hourly settlements in ms, with the mark at settlement", async () => {
    const r = await parseFixture(edgex, "funding", HISTORY, { symbol: "BTCUSDC", markets: await marketsMap() });
    expect(r.rejected).toEqual([]);
    expect(r.rows.map((x) => [new Date(x.fundingTime).toISOString(), x.rate, x.intervalHours, x.predicted])).toEqual([
      ["2026-09-13T20:00:00.000Z", -0.00005067, 4, false],
      ["2026-09-13T16:00:00.000Z", -0.0000522, 4, false],
      ["2026-09-13T12:00:00.000Z", -0.00005842, 4, false],
    ]);
    expect(r.rows[0]).toMatchObject({ symbol: "BTCUSDC", markPrice: Number("77238.856686018451196599"), indexPrice: 77269.8500661371, premium: null });
    // The settled rate at 20:00Z is the one the ticker's last settlement (fundingTime 20:00Z) followed.
    expect(r.rows[0].fundingTime).toBe(1789329600000);
  });

  it("skips running estimates, and refuses a page without its contract named or mixing contracts", async () => {
    const body = structuredClone(readFixture(HISTORY)) as { data: { dataList: Record<string, unknown>[] } };
    body.data.dataList[1].isSettlement = false;
    expect((await edgex.parse("funding", body, context("edgex", { symbol: "BTCUSDC" }))).rows).toHaveLength(2);
    expect((await parseFixture(edgex, "funding", HISTORY)).rejected[0]).toMatchObject({ venue: "edgex", field: "symbol" });
    body.data.dataList[2].contractId = "30000002";
    expect((await edgex.parse("funding", body, context("edgex", { symbol: "BTCUSDC" }))).rejected[0]).toMatchObject({ field: "contractId" });
  });

  it("refuses a failed envelope and a broken record by field", async () => {
    const failed = await edgex.parse("markets", { code: "ERROR", data: null, msg: "x" }, context("edgex"));
    expect(failed.rejected[0]).toMatchObject({ venue: "edgex", field: "code" });
    const body = structuredClone(readFixture(META)) as { data: { contractList: Record<string, unknown>[] } };
    body.data.contractList[0].tickSize = "";
    body.data.contractList[2].baseCoinId = "9999";
    const bad = await edgex.parse("markets", body, context("edgex"));
    expect(bad.rows).toHaveLength(6);
    expect(bad.rejected.map((x) => [x.symbol, x.field, x.index])).toEqual([["BTCUSDC", "tickSize", 0], ["XAUUSDC", "baseCoinId", 2]]);
    const t = structuredClone(readFixture(TICKER)) as { data: Record<string, unknown>[] };
    t.data[0].nextFundingTime = t.data[0].fundingTime;
    expect((await edgex.parse("funding", t, context("edgex"))).rejected[0]).toMatchObject({ symbol: "BTCUSDC", field: "nextFundingTime" });
  });
});

describe("edgex books on the API reference's example", () => {
  it("reads the example's three levels a side in base units, stamped with responseTime (2024-12-19T08:47:16.435Z)", async () => {
    const r = await parseFixture(edgex, "depth", DEPTH_DOCS, { symbol: "BTCUSDT" });
    expect(r.rejected).toEqual([]);
    expect(r.rows).toHaveLength(1);
    const b = r.rows[0];
    expect(b.bids).toEqual([[101695.5, 1.71], [101694.1, 0.189], [101692.9, 0.223]]);
    expect(b.asks).toEqual([[101695.9, 0.579], [101696.0, 0.923], [101703.0, 0.129]]);
    expect(new Date(b.exchangeTs!).toISOString()).toBe("2024-12-19T08:47:16.435Z");
    // level 15 asked, three served: the whole book at that level, not cut by the limit.
    expect([b.levelLimit, b.truncated]).toEqual([15, false]);
    // Without --symbol the body's contractName names the book.
    expect((await parseFixture(edgex, "depth", DEPTH_DOCS)).rows[0].symbol).toBe("BTCUSDT");
  });

  it("refuses another contract's book, an incremental update, a crossed or negative level and an error envelope", async () => {
    const other = await parseFixture(edgex, "depth", DEPTH_DOCS, { symbol: "BTCUSDC" });
    expect(other.rejected).toEqual([expect.objectContaining({ venue: "edgex", field: "data[0].contractName" })]);
    const body = () => structuredClone(readFixture(DEPTH_DOCS)) as { data: { depthType: string; bids: { price: string; size: string }[] }[] };
    const changed = body();
    changed.data[0].depthType = "CHANGED";
    expect((await edgex.parse("depth", changed, context("edgex"))).rejected[0]).toMatchObject({ field: "data[0].depthType" });
    const crossed = body();
    crossed.data[0].bids[0].price = "101700.0";
    expect((await edgex.parse("depth", crossed, context("edgex"))).rejected[0]).toMatchObject({ field: "bids[0].price" });
    const negative = body();
    negative.data[0].bids[1].size = "-1";
    expect((await edgex.parse("depth", negative, context("edgex"))).rows).toEqual([]);
    expect((await edgex.parse("depth", { code: "FAILED", data: null }, context("edgex"))).rejected).toHaveLength(1);
  });
});

describe("edgex requests", () => {
  it("is registered as a DEX with an honest has map", () => {
    const c = connectorFor("edgex");
    expect(c.info.kind).toBe("dex");
    expect(c.ccxtId).toBeNull();
    expect(c.has).toEqual({ markets: true, depth: true, funding: true, fees: true, liquidations: false, oi: true, insurance: false, margin: false });
    for (const k of ["depth", "liquidations", "insurance", "margin"] as const) expect(c.notes[k]).toBeTruthy();
  });

  it("looks the contract id up in the metadata, then asks one ticker per contract", async () => {
    const caps = await fetchOffline(edgex, "oi", { symbols: ["BTCUSDC"] }, ({ url }) => (url.includes("getMetaData") ? readFixture(META) : readFixture(TICKER)));
    expect(caps.map((c) => [c.kind, new URL(c.request.url).host, new URL(c.request.url).pathname, queryOf(c.request.url)])).toEqual([
      ["markets", "edgex-prod-v2.edgex.exchange", "/api/v2/public/meta/getMetaData", {}],
      ["oi", "edgex-prod-v2.edgex.exchange", "/api/v2/public/quote/getTicker", { contractId: "30000001" }],
    ]);
    await expect(fetchOffline(edgex, "oi", { symbols: ["NOPEUSDC"] }, () => readFixture(META))).rejects.toThrow(/unknown contract NOPEUSDC/);
  });

  it("asks getDepth by contract id at 200 levels, or 15 when no more are wanted", async () => {
    const respond = ({ url }: { url: string }) => (url.includes("getMetaData") ? readFixture(META) : readFixture(DEPTH_DOCS));
    const deep = await fetchOffline(edgex, "depth", { symbols: ["BTCUSDC"] }, respond);
    expect(deep.map((c) => [c.kind, new URL(c.request.url).pathname, queryOf(c.request.url), c.levelLimit])).toEqual([
      ["markets", "/api/v2/public/meta/getMetaData", {}, null],
      ["depth", "/api/v2/public/quote/getDepth", { contractId: "30000001", level: "200" }, 200],
    ]);
    const shallow = await fetchOffline(edgex, "depth", { symbols: ["BTCUSDC"], levelLimit: 10 }, respond);
    expect(queryOf(shallow[1].request.url)).toEqual({ contractId: "30000001", level: "15" });
    // The example is BTCUSDT's book: parsed as the BTCUSDC capture it is refused, not stored under the wrong name.
    const r = await edgex.parse("depth", deep[1].body, context("edgex", { symbol: deep[1].symbol, levelLimit: deep[1].levelLimit }));
    expect(r.rejected[0]).toMatchObject({ field: "data[0].contractName" });
  });

  it("walks funding settlements through [since, until] by offsetData, then asks the ticker for the predicted rate", async () => {
    const until = Date.UTC(2026, 8, 13, 20);
    const since = until - 249 * 4 * H; // 250 settlements: pages of 100, 100, 50
    const asked: Record<string, string>[] = [];
    const http = offlineHttp(edgex, ({ url }) => {
      if (url.includes("getMetaData")) return readFixture(META);
      if (url.includes("getTicker")) return readFixture(TICKER);
      const q = queryOf(url);
      asked.push(q);
      const skip = q.offsetData ? Number(q.offsetData) : 0;
      const times = [];
      for (let t = Number(q.filterEndTimeExclusive) - 1 - ((Number(q.filterEndTimeExclusive) - 1) % (4 * H)); t >= Number(q.filterBeginTimeInclusive); t -= 4 * H) times.push(t);
      const slice = times.slice(skip, skip + Number(q.size));
      const dataList = slice.map((t) => ({ contractId: "30000001", fundingTime: String(t), fundingRate: "0.00005", isSettlement: true, fundingRateIntervalMin: "240" }));
      return { code: "SUCCESS", data: { dataList, nextPageOffsetData: skip + slice.length < times.length ? String(skip + slice.length) : "" } };
    });
    await edgex.fetch("funding", http, { symbols: ["BTCUSDC"], since, until });
    expect(asked.map((q) => [q.contractId, q.size, q.filterSettlementFundingRate, Number(q.filterBeginTimeInclusive), Number(q.filterEndTimeExclusive), q.offsetData ?? null])).toEqual([
      ["30000001", String(FUNDING_PAGE), "true", since, until + 1, null],
      ["30000001", String(FUNDING_PAGE), "true", since, until + 1, "100"],
      ["30000001", String(FUNDING_PAGE), "true", since, until + 1, "200"],
    ]);
    expect(http.captures.map((c) => [c.kind, new URL(c.request.url).pathname.split("/").at(-1)])).toEqual([["markets", "getMetaData"], ["funding", "getFundingRatePage"], ["funding", "getFundingRatePage"], ["funding", "getFundingRatePage"], ["funding", "getTicker"]]);
    const rows = (await Promise.all(http.captures.slice(1, 4).map((c) => edgex.parse("funding", c.body, context("edgex", { symbol: c.symbol }))))).flatMap((r) => r.rows);
    expect(rows).toHaveLength(250);
    expect(Math.min(...rows.map((r) => r.fundingTime))).toBe(since);
    expect(http.warnings).toEqual([]);
  });
});

describe.skipIf(process.env.LIVE !== "1")("edgex live API", () => {
  it("loads the V2 metadata, BTCUSDC open interest and funding", async () => {
    const http = createVenueHttp(edgex);
    await edgex.fetch("markets", http, { symbols: [] });
    const markets = await edgex.parse("markets", http.captures[0].body, context("edgex"));
    expect(markets.rows.find((m) => m.symbol === "BTCUSDC")?.sizeUnit).toBe("base");
    await edgex.fetch("oi", http, { symbols: ["BTCUSDC"] });
    const oi = await edgex.parse("oi", http.captures.at(-1)!.body, context("edgex"));
    expect(oi.rows[0].sizeBase).toBeGreaterThan(0);
    await edgex.fetch("funding", http, { symbols: ["BTCUSDC"] });
    const hist = await edgex.parse("funding", http.captures.at(-2)!.body, context("edgex", { symbol: "BTCUSDC" }));
    expect(hist.rows.length).toBeGreaterThan(0);
    await edgex.fetch("depth", http, { symbols: ["BTCUSDC"] });
    const c = http.captures.at(-1)!;
    const book = await edgex.parse("depth", c.body, context("edgex", { symbol: "BTCUSDC", levelLimit: c.levelLimit }));
    expect(book.rejected).toEqual([]);
    expect(book.rows[0].bids.length).toBeGreaterThan(15);
    expect(book.rows[0].bids[0][0]).toBeLessThan(book.rows[0].asks[0][0]);
  }, 60_000);
});
