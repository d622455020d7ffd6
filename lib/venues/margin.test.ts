// Margin parsers on real recorded bodies, with the numbers checked by hand against the files.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { bybit } from "./bybit/connector";
import { okx } from "./okx/connector";
import { hyperliquid } from "./hyperliquid/connector";
import { dydxV4 } from "./dydx-v4/connector";
import { binanceUsdm } from "./binance-usdm/connector";
import { krakenFutures } from "./krakenfutures/connector";
import { bitget } from "./bitget/connector";
import { context, fetchOffline, parseFixture, readFixture } from "./test-kit";
import { createVenueHttp } from "./http";
import { checkTierTable, continuityDeductions } from "./margin-tiers";
import { parseCuratedMargin } from "./curated-margin";
import type { MarginRow, MarketRow } from "./types";

type Tiers = Extract<MarginRow, { type: "tiers" }>;
const tables = (rows: MarginRow[]) => rows.filter((r): r is Tiers => r.type === "tiers");
const RISK_LIMIT = "bybit/linear_risk-limit_BTCUSDT_2023-08.json";

describe("Bybit risk limits", () => {
  it("reads the legacy 2023 BTCUSDT body: 34 cumulative tiers in USDT, deduction from Bybit's formula", async () => {
    const r = await parseFixture(bybit, "margin", RISK_LIMIT);
    expect(r.rejected).toEqual([]);
    const [t] = tables(r.rows);
    expect(t.symbol).toBe("BTCUSDT");
    expect(t.tiers).toHaveLength(34);
    // time_now "1692164701.897265" s.
    expect(t.asOf).toBe(1692164701897);
    expect(t.tiers[0]).toEqual({ tier: 1, notionalFloorUsd: 0, notionalCapUsd: 2_000_000, maxLeverage: 100, initialMarginRate: 0.01, maintenanceMarginRate: 0.005, maintenanceAmountUsd: 0 });
    // Tier 2: limit 4,000,000, MMR 1 %, IMR 1.75 %, 57.14x; deduction 2,000,000 × (1 % − 0.5 %) = 10,000.
    expect(t.tiers[1]).toEqual({ tier: 2, notionalFloorUsd: 2_000_000, notionalCapUsd: 4_000_000, maxLeverage: 57.14, initialMarginRate: 0.0175, maintenanceMarginRate: 0.01, maintenanceAmountUsd: 10_000 });
    // Tier 3: 10,000 + 4,000,000 × (1.5 % − 1 %) = 30,000.
    expect(t.tiers[2].maintenanceAmountUsd).toBe(30_000);
    // Last tier: 100,000,000 .. 200,000,000 at 1x, MMR 60 %, IMR 100 %.
    expect(t.tiers[33]).toMatchObject({ notionalFloorUsd: 100_000_000, notionalCapUsd: 200_000_000, maxLeverage: 1, initialMarginRate: 1, maintenanceMarginRate: 0.6 });
    // Continuity: at the 2,000,000 boundary both tiers give the same maintenance margin (10,000 USD).
    expect(2_000_000 * t.tiers[0].maintenanceMarginRate - t.tiers[0].maintenanceAmountUsd).toBeCloseTo(2_000_000 * t.tiers[1].maintenanceMarginRate - t.tiers[1].maintenanceAmountUsd, 6);
    expect(t.source).toMatch(/legacy.*derived/);
  });

  it("reads a v5 body with mmDeduction as given, sorting tiers by limit", async () => {
    // Shape of GET /v5/market/risk-limit (bybit-exchange.github.io/docs/v5/market/risk-limit), numbers from
    // the recorded legacy BTCUSDT tiers 1-2, listed out of order as the API may.
    const body = {
      retCode: 0,
      retMsg: "OK",
      result: {
        category: "linear",
        list: [
          { id: 2, symbol: "BTCUSDT", riskLimitValue: "4000000", maintenanceMargin: "0.01", initialMargin: "0.0175", isLowestRisk: 0, maxLeverage: "57.14", mmDeduction: "10000" },
          { id: 1, symbol: "BTCUSDT", riskLimitValue: "2000000", maintenanceMargin: "0.005", initialMargin: "0.01", isLowestRisk: 1, maxLeverage: "100.00", mmDeduction: "" },
        ],
        nextPageCursor: "",
      },
      time: 1700000000000,
    };
    const r = await bybit.parse("margin", body, context("bybit"));
    // "" is "not applicable" (no deduction stated for tier 1): the whole table's deduction is then derived.
    expect(r.rejected).toEqual([]);
    expect(tables(r.rows)[0].tiers.map((t) => [t.notionalCapUsd, t.maintenanceAmountUsd])).toEqual([[2_000_000, 0], [4_000_000, 10_000]]);
    expect(tables(r.rows)[0].asOf).toBe(1700000000000);
    const stated = structuredClone(body);
    stated.result.list[1].mmDeduction = "0";
    stated.result.list[0].mmDeduction = "9999";
    const s = await bybit.parse("margin", stated, context("bybit"));
    expect(tables(s.rows)[0].tiers[1].maintenanceAmountUsd).toBe(9999);
    expect(tables(s.rows)[0].source).toBe("Bybit GET /v5/market/risk-limit?category=linear");
  });

  it("rejects a symbol whose table has a bad record, naming venue, symbol and field, and keeps the others", async () => {
    const body = readFixture(RISK_LIMIT) as { result: Record<string, unknown>[] };
    const eth = body.result.slice(0, 3).map((t) => ({ ...t, symbol: "ETHUSDT" }));
    body.result.push(...eth);
    body.result[4] = { ...body.result[4], maintain_margin: "lots" };
    const r = await bybit.parse("margin", body, context("bybit"));
    expect(tables(r.rows).map((t) => t.symbol)).toEqual(["ETHUSDT"]);
    expect(r.rejected).toEqual([expect.objectContaining({ venue: "bybit", symbol: "BTCUSDT", field: "maintain_margin", index: 4 })]);
    // A maintenance rate above the initial rate is refused by the table check.
    const bad = readFixture(RISK_LIMIT) as { result: Record<string, unknown>[] };
    bad.result[1] = { ...bad.result[1], maintain_margin: 0.02 };
    const b = await bybit.parse("margin", bad, context("bybit"));
    expect(b.rejected[0]).toMatchObject({ venue: "bybit", symbol: "BTCUSDT", field: "tiers[1].maintenanceMarginRate" });
  });

  it("refuses inverse tables (limits in coins) and venue errors", async () => {
    const inv = { retCode: 0, result: { category: "inverse", list: [] } };
    expect((await bybit.parse("margin", inv, context("bybit"))).rejected[0]).toMatchObject({ field: "result.category" });
    const err = { ret_code: 10001, ret_msg: "params error", result: [] };
    expect((await bybit.parse("margin", err, context("bybit"))).rejected[0]).toMatchObject({ field: "ret_code" });
  });

  it("fetches /v5/market/risk-limit per linear symbol through ccxt", async () => {
    const urls: string[] = [];
    const captures = await fetchOffline(bybit, "margin", { symbols: ["BTCUSDT", "BTCUSD"] }, ({ url }) => {
      urls.push(url);
      return { retCode: 0, result: { category: "linear", list: [] } };
    });
    expect(urls.map((u) => new URL(u).pathname + new URL(u).search)).toEqual(["/v5/market/risk-limit?category=linear&symbol=BTCUSDT"]);
    expect(captures.map((c) => [c.kind, c.symbol])).toEqual([["margin", "BTCUSDT"]]);
  });
});

describe("OKX position tiers", () => {
  const linear: MarketRow = { symbol: "BTC-USDT-SWAP", base: "BTC", quote: "USDT", settle: "USDT", contractType: "linear", sizeUnit: "contracts", contractSize: 0.01, tickSize: 0.1, maxLeverage: 125, fundingIntervalHours: 8, active: true };
  const inverse: MarketRow = { ...linear, symbol: "BTC-USD-SWAP", quote: "USD", settle: "BTC", contractType: "inverse", contractSize: 100 };
  const markets = new Map([[linear.symbol, linear], [inverse.symbol, inverse]]);
  // Tier numbers of the BTCUSD swap from OKX's published tier table (okx.com/support/hc/en-us/articles/10722087776781,
  // BTCUSD: tier 1 max 500 conts 0.4 % / 0.8 % / 125x, tier 2 max 3,000 conts 0.5 % / 1.0 % / 100x), in the
  // position-tiers field layout (nautilus_trader's OKXPositionTiersData).
  const tier = (fam: string, n: number, min: number, max: number, mmr: string, imr: string, lever: string) => ({ uly: fam, instFamily: fam, instId: "", tier: String(n), minSz: String(min), maxSz: String(max), mmr, imr, maxLever: lever, optMgnFactor: "0", quoteMaxLoan: "", baseMaxLoan: "" });
  const tiersBody = (fam: string) => ({ code: "0", msg: "", data: [tier(fam, 2, 500, 3000, "0.005", "0.01", "100"), tier(fam, 1, 0, 500, "0.004", "0.008", "125")] });

  it("inverse: contracts × 100 USD are exact USD bounds", async () => {
    const r = await okx.parse("margin", tiersBody("BTC-USD"), context("okx", { markets }));
    expect(r.rejected).toEqual([]);
    const [t] = tables(r.rows);
    expect(t.symbol).toBe("BTC-USD-SWAP");
    expect(t.tiers).toEqual([
      { tier: 1, notionalFloorUsd: 0, notionalCapUsd: 50_000, maxLeverage: 125, initialMarginRate: 0.008, maintenanceMarginRate: 0.004, maintenanceAmountUsd: 0 },
      { tier: 2, notionalFloorUsd: 50_000, notionalCapUsd: 300_000, maxLeverage: 100, initialMarginRate: 0.01, maintenanceMarginRate: 0.005, maintenanceAmountUsd: 0 },
    ]);
  });

  it("linear: needs the mark price recorded with the tiers, and says which price it used", async () => {
    const alone = await okx.parse("margin", tiersBody("BTC-USDT"), context("okx", { markets }));
    expect(alone.rows).toEqual([]);
    expect(alone.rejected[0]).toMatchObject({ venue: "okx", symbol: "BTC-USDT-SWAP", field: "maxSz" });
    expect(alone.rejected[0].message).toMatch(/no mark price/);
    const mark = { code: "0", msg: "", data: [{ instType: "SWAP", instId: "BTC-USDT-SWAP", markPx: "60000", ts: "1700000000000" }] };
    const r = await okx.parse("margin", [tiersBody("BTC-USDT"), mark], context("okx", { markets }));
    expect(r.rejected).toEqual([]);
    const [t] = tables(r.rows);
    // 500 contracts × 0.01 BTC × 60,000 USD = 300,000 USD; 3,000 contracts → 1,800,000 USD.
    expect(t.tiers.map((x) => [x.notionalFloorUsd, x.notionalCapUsd])).toEqual([[0, 300_000], [300_000, 1_800_000]]);
    expect(t.asOf).toBe(1700000000000);
    expect(t.source).toMatch(/mark price 60000/);
  });

  it("rejects an unknown market and a venue error, naming the field", async () => {
    const r = await okx.parse("margin", tiersBody("ETH-USD"), context("okx", { markets }));
    expect(r.rejected[0]).toMatchObject({ venue: "okx", symbol: "ETH-USD-SWAP", field: "symbol" });
    const e = await okx.parse("margin", { code: "51000", msg: "Parameter instFamily error", data: [] }, context("okx", { markets }));
    expect(e.rejected[0]).toMatchObject({ field: "code" });
  });

  it("fetches tiers and mark price per swap and records them as one capture", async () => {
    const paths: string[] = [];
    const captures = await fetchOffline(okx, "margin", { symbols: ["BTC-USDT-SWAP"] }, ({ url }) => {
      const u = new URL(url);
      paths.push(u.pathname + u.search);
      return u.pathname.endsWith("mark-price") ? { code: "0", data: [] } : tiersBody("BTC-USDT");
    });
    expect(paths).toEqual(["/api/v5/public/position-tiers?instType=SWAP&tdMode=cross&instFamily=BTC-USDT", "/api/v5/public/mark-price?instType=SWAP&instId=BTC-USDT-SWAP"]);
    expect(captures).toHaveLength(1);
    expect(captures[0]).toMatchObject({ kind: "margin", symbol: "BTC-USDT-SWAP" });
    expect(captures[0].body).toHaveLength(2);
  });
});

describe("Hyperliquid meta", () => {
  it("2023 meta: one tier per coin at its max leverage, maintenance half the initial margin", async () => {
    const r = await parseFixture(hyperliquid, "margin", "hyperliquid/meta_2023-07-17.json");
    expect(r.rejected).toEqual([]);
    expect(r.rows).toHaveLength(28);
    // BTC maxLeverage 50: IMR 1/50 = 2 %, MMR 1 %.
    expect(tables(r.rows).find((t) => t.symbol === "BTC")!.tiers).toEqual([{ tier: 1, notionalFloorUsd: 0, notionalCapUsd: null, maxLeverage: 50, initialMarginRate: 0.02, maintenanceMarginRate: 0.01, maintenanceAmountUsd: 0 }]);
  });

  it("marginTables: tiers by lower bound, deduction per the margin-tiers docs; ids below 50 are flat", async () => {
    // BTC's mainnet table as the margin-tiers docs print it (0-150M 40x, >150M 20x), in meta's layout.
    const meta = {
      universe: [
        { name: "BTC", szDecimals: 5, maxLeverage: 40, marginTableId: 56 },
        { name: "ATOM", szDecimals: 2, maxLeverage: 5, marginTableId: 5 },
        { name: "MATIC", szDecimals: 1, maxLeverage: 20, marginTableId: 20, isDelisted: true },
      ],
      marginTables: [[56, { description: "tiered 40x", marginTiers: [{ lowerBound: "0.0", maxLeverage: 40 }, { lowerBound: "150000000.0", maxLeverage: 20 }] }]],
    };
    const r = await hyperliquid.parse("margin", meta, context("hyperliquid"));
    expect(r.rejected).toEqual([]);
    const btc = tables(r.rows).find((t) => t.symbol === "BTC")!;
    // MMR 1/(2·40) = 1.25 %, then 1/(2·20) = 2.5 %; deduction 150,000,000 × (2.5 % − 1.25 %) = 1,875,000.
    expect(btc.tiers).toEqual([
      { tier: 1, notionalFloorUsd: 0, notionalCapUsd: 150_000_000, maxLeverage: 40, initialMarginRate: 0.025, maintenanceMarginRate: 0.0125, maintenanceAmountUsd: 0 },
      { tier: 2, notionalFloorUsd: 150_000_000, notionalCapUsd: null, maxLeverage: 20, initialMarginRate: 0.05, maintenanceMarginRate: 0.025, maintenanceAmountUsd: 1_875_000 },
    ]);
    expect(tables(r.rows).find((t) => t.symbol === "ATOM")!.tiers).toEqual([expect.objectContaining({ maxLeverage: 5, initialMarginRate: 0.2, maintenanceMarginRate: 0.1, notionalCapUsd: null })]);
    expect(r.rows.some((x) => x.type === "tiers" && x.symbol === "MATIC")).toBe(false);
    const missing = await hyperliquid.parse("margin", { ...meta, marginTables: [] }, context("hyperliquid"));
    expect(missing.rejected).toEqual([expect.objectContaining({ venue: "hyperliquid", symbol: "BTC", field: "marginTableId" })]);
  });

  it("fetches meta once through ccxt", async () => {
    const bodies: unknown[] = [];
    await fetchOffline(hyperliquid, "margin", { symbols: ["BTC"] }, ({ body }) => {
      bodies.push(body);
      return readFixture("hyperliquid/meta_2023-07-17.json");
    });
    expect(bodies).toEqual([{ type: "meta" }]);
  });
});

describe("dYdX v4 margin fractions", () => {
  it("reads IMF 5 % and MMF 3 % from the v4_markets snapshot: 20x, one tier", async () => {
    const r = await parseFixture(dydxV4, "margin", "dydx-v4/tardis_ws_v4_markets_subscribed_2024-08.json");
    expect(r.rejected).toEqual([]);
    expect(tables(r.rows).map((t) => t.symbol)).toEqual(["BTC-USD", "ETH-USD"]);
    expect(tables(r.rows)[0].tiers).toEqual([{ tier: 1, notionalFloorUsd: 0, notionalCapUsd: null, maxLeverage: 20, initialMarginRate: 0.05, maintenanceMarginRate: 0.03, maintenanceAmountUsd: 0 }]);
  });

  it("rejects a market without a maintenance fraction by name", async () => {
    const body = structuredClone(readFixture("dydx-v4/tardis_ws_v4_markets_subscribed_2024-08.json")) as { contents: { markets: Record<string, Record<string, unknown>> } }[];
    delete body[0].contents.markets["ETH-USD"].maintenanceMarginFraction;
    const r = await dydxV4.parse("margin", body, context("dydx-v4"));
    expect(tables(r.rows).map((t) => t.symbol)).toEqual(["BTC-USD"]);
    expect(r.rejected).toEqual([expect.objectContaining({ venue: "dydx-v4", symbol: "ETH-USD", field: "maintenanceMarginFraction" })]);
  });
});

describe("Binance leverage brackets and the curated file", () => {
  const curated = JSON.parse(fs.readFileSync(path.resolve("data/margin/binance-usdm.json"), "utf8"));

  it("the curated BTCUSDT brackets follow Binance's continuity rule (cum) and parse as a checked table", () => {
    const r = parseCuratedMargin(curated, context("binance-usdm"));
    expect(r.rejected).toEqual([]);
    const [t] = tables(r.rows);
    expect(t.tiers).toHaveLength(10);
    // The cum of every bracket equals the continuity formula over the published rates and bounds.
    expect(t.tiers.map((x) => x.maintenanceAmountUsd)).toEqual(continuityDeductions(t.tiers));
    expect(t.tiers[1]).toMatchObject({ notionalFloorUsd: 50_000, notionalCapUsd: 250_000, maxLeverage: 100, maintenanceMarginRate: 0.005, maintenanceAmountUsd: 50 });
    expect(t.asOf).toBe(Date.UTC(2021, 2, 18, 9));
    expect(r.rows.filter((x) => x.type === "collateral")).toHaveLength(10);
    expect(r.rows.find((x) => x.type === "policy")).toMatchObject({ crossMargin: true, isolatedMargin: true, liquidationFeeRate: null, liquidationStyle: "partial" });
  });

  it("every curated margin file validates and names a source for every value", () => {
    for (const name of fs.readdirSync(path.resolve("data/margin"))) {
      const file = JSON.parse(fs.readFileSync(path.resolve("data/margin", name), "utf8"));
      const r = parseCuratedMargin(file, context(file.venue));
      expect(r.rejected, name).toEqual([]);
      for (const row of r.rows) expect(row.source, name).toMatch(/^https:\/\//);
    }
  });

  it("a curated value without a source is refused, naming the field", () => {
    const bad = structuredClone(curated);
    delete bad.collateral[0].sourceUrl;
    const r = parseCuratedMargin(bad, context("binance-usdm"));
    expect(r.rejected).toEqual([expect.objectContaining({ venue: "binance-usdm", symbol: "BTC", field: "sourceUrl" })]);
    expect(parseCuratedMargin(curated, context("okx")).rejected[0]).toMatchObject({ field: "venue" });
  });

  it("parses a /fapi/v1/leverageBracket body (the curated BTCUSDT numbers in the API's layout)", async () => {
    const brackets = curated.tables[0].tiers.map((t: Record<string, number | null>, i: number) => ({ bracket: i + 1, initialLeverage: t.maxLeverage, notionalCap: t.notionalCapUsd, notionalFloor: t.notionalFloorUsd, maintMarginRatio: t.maintenanceMarginRate, cum: t.maintenanceAmountUsd }));
    const r = await binanceUsdm.parse("margin", [{ symbol: "BTCUSDT", brackets }], context("binance-usdm"));
    expect(r.rejected).toEqual([]);
    expect(tables(r.rows)[0].tiers[0]).toMatchObject({ maxLeverage: 125, initialMarginRate: 1 / 125, maintenanceMarginRate: 0.004 });
    const user = await binanceUsdm.parse("margin", { symbol: "BTCUSDT", notionalCoef: 1.5, brackets }, context("binance-usdm"));
    expect(user.rejected[0]).toMatchObject({ symbol: "BTCUSDT", field: "notionalCoef" });
    expect(binanceUsdm.has.margin).toBe(false);
  });
});

describe("Kraken Futures marginLevels", () => {
  const INSTRUMENTS = "krakenfutures/instruments_4_trimmed_2025.json";

  it("reads PI_ levels in 1-USD contracts and PF_ levels in USD; max leverage = 1 / initial margin", async () => {
    const r = await parseFixture(krakenFutures, "margin", INSTRUMENTS);
    expect(r.rejected).toEqual([]);
    const bySymbol = new Map(tables(r.rows).map((t) => [t.symbol, t]));
    expect([...bySymbol.keys()].sort()).toEqual(["PF_AAPLxUSD", "PF_ETHUSD", "PF_PEPEUSD", "PI_XBTUSD"]);
    // PI_XBTUSD: contracts 0 (2 % / 1 %) and 500,000 (4 % / 2 %), 1 USD per contract -> 500,000 USD.
    expect(bySymbol.get("PI_XBTUSD")!.tiers).toEqual([
      { tier: 1, notionalFloorUsd: 0, notionalCapUsd: 500_000, maxLeverage: 50, initialMarginRate: 0.02, maintenanceMarginRate: 0.01, maintenanceAmountUsd: 0 },
      { tier: 2, notionalFloorUsd: 500_000, notionalCapUsd: null, maxLeverage: 25, initialMarginRate: 0.04, maintenanceMarginRate: 0.02, maintenanceAmountUsd: 0 },
    ]);
    // PF_ETHUSD: numNonContractUnits 2,000,000 is USD (PF_PEPEUSD has the same bound: not a coin count).
    expect(bySymbol.get("PF_ETHUSD")!.tiers.map((t) => [t.notionalFloorUsd, t.notionalCapUsd, t.maxLeverage])).toEqual([[0, 2_000_000, 50], [2_000_000, null, 25]]);
    // PF_AAPLxUSD: 20 % / 10 % below 1,000 USD, then 40 % / 20 % (2.5x).
    expect(bySymbol.get("PF_AAPLxUSD")!.tiers[1]).toMatchObject({ notionalFloorUsd: 1000, maxLeverage: 2.5, initialMarginRate: 0.4, maintenanceMarginRate: 0.2 });
    expect(bySymbol.get("PF_ETHUSD")!.source).toMatch(/numNonContractUnits \(USD\)/);
  });

  it("sorts levels, skips dated futures and rejects a bad level naming the field", async () => {
    // Levels of the docs' PF_XBTUSD example (docs.kraken.com get-instruments), listed out of order, beside a dated future.
    const body = {
      result: "success",
      serverTime: "2024-01-02T03:04:05.000Z",
      instruments: [
        { symbol: "PF_XBTUSD", type: "flexible_futures", tradeable: true, contractSize: 1, marginLevels: [
          { numNonContractUnits: 1000000, initialMargin: 0.06, maintenanceMargin: 0.03 },
          { numNonContractUnits: 0, initialMargin: 0.02, maintenanceMargin: 0.01 },
          { numNonContractUnits: 500000, initialMargin: 0.04, maintenanceMargin: 0.02 },
        ] },
        { symbol: "FI_XBTUSD_220930", type: "futures_inverse", tradeable: true, contractSize: 1, marginLevels: [{ contracts: 0, initialMargin: 0.02, maintenanceMargin: 0.01 }] },
        { symbol: "PF_SOLUSD", type: "flexible_futures", tradeable: true, contractSize: 1, marginLevels: [{ numNonContractUnits: 0, initialMargin: "lots", maintenanceMargin: 0.01 }] },
      ],
    };
    const r = await krakenFutures.parse("margin", body, context("krakenfutures"));
    const [t] = tables(r.rows);
    expect(t.symbol).toBe("PF_XBTUSD");
    expect(t.asOf).toBe(Date.parse("2024-01-02T03:04:05.000Z"));
    // Tier 2: 500,000 .. 1,000,000 USD at 4 % / 2 % (25x).
    expect(t.tiers[1]).toEqual({ tier: 2, notionalFloorUsd: 500_000, notionalCapUsd: 1_000_000, maxLeverage: 25, initialMarginRate: 0.04, maintenanceMarginRate: 0.02, maintenanceAmountUsd: 0 });
    expect(r.rejected).toEqual([expect.objectContaining({ venue: "krakenfutures", symbol: "PF_SOLUSD", field: "marginLevels[0].initialMargin" })]);
  });

  it("fetches /derivatives/api/v3/instruments once through ccxt", async () => {
    const urls: string[] = [];
    const captures = await fetchOffline(krakenFutures, "margin", { symbols: ["PF_XBTUSD", "PF_ETHUSD"] }, ({ url }) => {
      urls.push(new URL(url).pathname);
      return { result: "success", instruments: [] };
    });
    expect(urls).toEqual(["/derivatives/api/v3/instruments"]);
    expect(captures.map((c) => [c.kind, c.symbol])).toEqual([["margin", null]]);
  });
});

describe("Bitget position tiers", () => {
  // The response example of GET /api/v2/mix/market/query-position-lever
  // (https://www.bitget.com/api-doc/contract/position/Get-Query-Position-Lever), tiers listed out of order.
  const v2 = {
    code: "00000",
    msg: "success",
    requestTime: 1695796884470,
    data: [
      { symbol: "BTCUSDT", level: "2", startUnit: "50000", endUnit: "200000", leverage: "100", keepMarginRate: "0.005" },
      { symbol: "BTCUSDT", level: "1", startUnit: "0", endUnit: "50000", leverage: "125", keepMarginRate: "0.004" },
    ],
  };

  it("v2: USDT value bounds, initial margin rate = 1 / leverage, no deduction", async () => {
    const r = await bitget.parse("margin", v2, context("bitget"));
    expect(r.rejected).toEqual([]);
    const [t] = tables(r.rows);
    expect(t.symbol).toBe("BTCUSDT");
    expect(t.asOf).toBe(1695796884470);
    expect(t.tiers).toEqual([
      { tier: 1, notionalFloorUsd: 0, notionalCapUsd: 50_000, maxLeverage: 125, initialMarginRate: 0.008, maintenanceMarginRate: 0.004, maintenanceAmountUsd: 0 },
      // Tier 2: 50,000 .. 200,000 USDT, 100x -> 1 %, MMR 0.5 %.
      { tier: 2, notionalFloorUsd: 50_000, notionalCapUsd: 200_000, maxLeverage: 100, initialMarginRate: 0.01, maintenanceMarginRate: 0.005, maintenanceAmountUsd: 0 },
    ]);
  });

  it("v3 (unified account): the body names no symbol, so the request's symbol is used", async () => {
    // Response example of GET /api/v3/market/position-tier (https://www.bitget.com/api-doc/uta/public/Get-Position-Tier-Data).
    const v3 = { code: "00000", msg: "success", requestTime: 1731146663643, data: [{ tier: "1", minTierValue: "0", maxTierValue: "100000", leverage: "125", mmr: "0.004" }] };
    const alone = await bitget.parse("margin", v3, context("bitget"));
    expect(alone.rejected[0]).toMatchObject({ venue: "bitget", field: "symbol" });
    const r = await bitget.parse("margin", v3, context("bitget", { symbol: "BTCUSDT" }));
    expect(tables(r.rows)[0].tiers).toEqual([{ tier: 1, notionalFloorUsd: 0, notionalCapUsd: 100_000, maxLeverage: 125, initialMarginRate: 0.008, maintenanceMarginRate: 0.004, maintenanceAmountUsd: 0 }]);
  });

  it("rejects venue errors, gaps, bad numbers and coin-margined markets, naming the field", async () => {
    expect((await bitget.parse("margin", { code: "40034", msg: "Parameter does not exist", data: null }, context("bitget"))).rejected[0]).toMatchObject({ field: "code" });
    const gap = structuredClone(v2);
    gap.data[0].startUnit = "60000";
    expect((await bitget.parse("margin", gap, context("bitget"))).rejected[0]).toMatchObject({ symbol: "BTCUSDT", field: "tiers[1].notionalFloorUsd" });
    const bad = structuredClone(v2);
    bad.data[1].keepMarginRate = "x";
    expect((await bitget.parse("margin", bad, context("bitget"))).rejected[0]).toMatchObject({ symbol: "BTCUSDT", field: "data[1].keepMarginRate" });
    const coin = structuredClone(v2);
    coin.data.forEach((d) => (d.symbol = "BTCUSD"));
    expect((await bitget.parse("margin", coin, context("bitget"))).rejected[0]).toMatchObject({ symbol: "BTCUSD", field: "symbol" });
  });

  it("fetches query-position-lever per symbol through ccxt", async () => {
    const urls: string[] = [];
    const captures = await fetchOffline(bitget, "margin", { symbols: ["BTCUSDT", "ETHUSDT"] }, ({ url }) => {
      const u = new URL(url);
      urls.push(u.pathname + "?" + [...u.searchParams.entries()].sort().map(([k, v]) => `${k}=${v}`).join("&"));
      return v2;
    });
    expect(urls).toEqual([
      "/api/v2/mix/market/query-position-lever?productType=USDT-FUTURES&symbol=BTCUSDT",
      "/api/v2/mix/market/query-position-lever?productType=USDT-FUTURES&symbol=ETHUSDT",
    ]);
    expect(captures.map((c) => [c.kind, c.symbol])).toEqual([["margin", "BTCUSDT"], ["margin", "ETHUSDT"]]);
  });
});

describe("tier table checks", () => {
  const ok = { notionalFloorUsd: 0, notionalCapUsd: 100, maxLeverage: 10, initialMarginRate: 0.1, maintenanceMarginRate: 0.05, maintenanceAmountUsd: 0 };
  it("refuses gaps, unbounded middle tiers, leverage below 1 and empty tables", () => {
    expect(() => checkTierTable([])).toThrow(/no tiers/);
    expect(() => checkTierTable([ok, { ...ok, notionalFloorUsd: 150, notionalCapUsd: 200 }])).toThrow(/gap or overlap/);
    expect(() => checkTierTable([{ ...ok, notionalCapUsd: null }, { ...ok, notionalFloorUsd: 100, notionalCapUsd: 200 }])).toThrow(/no upper bound/);
    expect(() => checkTierTable([{ ...ok, maxLeverage: 0.5 }])).toThrow(/below 1/);
    expect(() => checkTierTable([{ ...ok, notionalFloorUsd: 5 }])).toThrow(/not 0/);
  });
});

describe.skipIf(process.env.LIVE !== "1")("margin rules live", () => {
  it.each([
    [bybit, ["BTCUSDT"]],
    [hyperliquid, ["BTC"]],
    [dydxV4, ["BTC-USD"]],
  ] as const)("%s: fetches and parses a sane BTC table", async (connector, symbols) => {
    const http = createVenueHttp(connector);
    await connector.fetch("margin", http, { symbols: [...symbols] });
    const c = http.captures[0];
    const r = await connector.parse("margin", c.body, context(connector.info.slug, { symbol: c.symbol, receivedTs: c.receivedTs }));
    const btc = tables(r.rows).find((t) => t.symbol === symbols[0])!;
    expect(btc.tiers[0].maxLeverage).toBeGreaterThanOrEqual(10);
    expect(btc.tiers[0].maintenanceMarginRate).toBeLessThan(btc.tiers[0].initialMarginRate);
  }, 30_000);
});
