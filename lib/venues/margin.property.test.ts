// Hostile margin bodies: venue-shaped tier records with numbers of every kind (strings, NaN-ish, negative,
// huge, missing) never throw out of a parser, and every stored table keeps the tier-table invariants.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { unguardedConnectors } from "./registry";
import { context } from "./test-kit";
import type { MarginRow, MarketRow } from "./types";
import { parseCuratedMargin } from "./curated-margin";

const num = fc.oneof(fc.double(), fc.integer(), fc.string({ maxLength: 6 }), fc.constantFrom("", "NaN", "1e400", "-1", "0", null), fc.double({ min: 0, max: 1e9, noNaN: true }).map(String));
const symbol = fc.constantFrom("BTCUSDT", "ETHUSDT", "BTC", "BTC-USD", "BTC-USDT-SWAP", "BTC-USD-SWAP", "");

const bybitLike = fc.record({ retCode: fc.constantFrom(0, 0, 1), result: fc.record({ category: fc.constantFrom("linear", "inverse"), list: fc.array(fc.record({ symbol, riskLimitValue: num, maintenanceMargin: num, initialMargin: num, maxLeverage: num, mmDeduction: num }), { maxLength: 6 }) }) });
const legacy = fc.record({ ret_code: fc.constantFrom(0, 0, 7), time_now: fc.oneof(fc.string(), fc.constant("1692164701.8")), result: fc.array(fc.record({ symbol, limit: num, maintain_margin: num, starting_margin: num, max_leverage: num }), { maxLength: 6 }) });
const okxLike = fc.array(fc.record({ code: fc.constantFrom("0", "0", "1"), data: fc.array(fc.oneof(fc.record({ instFamily: fc.constantFrom("BTC-USDT", "BTC-USD", ""), instId: fc.constantFrom("", "BTC-USDT-SWAP"), tier: num, minSz: num, maxSz: num, mmr: num, imr: num, maxLever: num }), fc.record({ instId: symbol, markPx: num })), { maxLength: 5 }) }), { maxLength: 3 });
const hlLike = fc.record({ universe: fc.array(fc.record({ name: symbol, szDecimals: num, maxLeverage: num, marginTableId: fc.oneof(fc.integer({ min: 0, max: 60 }), fc.string()) }), { maxLength: 4 }), marginTables: fc.array(fc.tuple(fc.integer({ min: 0, max: 60 }), fc.record({ marginTiers: fc.array(fc.record({ lowerBound: num, maxLeverage: num }), { maxLength: 3 }) })), { maxLength: 3 }) });
const dydxLike = fc.record({ markets: fc.dictionary(symbol, fc.record({ ticker: symbol, status: fc.constant("ACTIVE"), oraclePrice: num, nextFundingRate: num, initialMarginFraction: num, maintenanceMarginFraction: num, openInterest: num, tickSize: num, stepSize: num })) });
const bracketLike = fc.array(fc.record({ symbol, brackets: fc.array(fc.record({ initialLeverage: num, notionalCap: num, notionalFloor: num, maintMarginRatio: num, cum: num }), { maxLength: 4 }) }), { maxLength: 3 });
const krakenLike = fc.record({ result: fc.constant("success"), serverTime: fc.constantFrom("2024-01-01T00:00:00Z", "soon", 0), instruments: fc.array(fc.record({ symbol: fc.constantFrom("PI_XBTUSD", "PF_ETHUSD", "FI_XBTUSD_220930", ""), contractSize: num, marginLevels: fc.array(fc.record({ contracts: num, numNonContractUnits: num, initialMargin: num, maintenanceMargin: num }), { maxLength: 4 }) }), { maxLength: 3 }) });
const bitgetLike = fc.record({ code: fc.constantFrom("00000", "00000", "40034"), requestTime: num, data: fc.array(fc.oneof(fc.record({ symbol, level: num, startUnit: num, endUnit: num, leverage: num, keepMarginRate: num }), fc.record({ tier: num, minTierValue: num, maxTierValue: num, leverage: num, mmr: num })), { maxLength: 4 }) });
const hostile = fc.oneof(bybitLike, legacy, okxLike, hlLike, dydxLike, bracketLike, krakenLike, bitgetLike, fc.anything());

const market = (symbol: string, contractType: "linear" | "inverse", contractSize: number): MarketRow => ({ symbol, base: "BTC", quote: "USD", settle: "USD", contractType, sizeUnit: "contracts", contractSize, tickSize: null, maxLeverage: null, fundingIntervalHours: null, active: true });
const markets = new Map([["BTC-USDT-SWAP", market("BTC-USDT-SWAP", "linear", 0.01)], ["BTC-USD-SWAP", market("BTC-USD-SWAP", "inverse", 100)]]);

function expectSound(rows: MarginRow[]) {
  for (const row of rows) {
    expect(Number.isFinite(row.asOf)).toBe(true);
    if (row.type !== "tiers") continue;
    expect(row.tiers.length).toBeGreaterThan(0);
    expect(row.tiers[0].notionalFloorUsd).toBe(0);
    row.tiers.forEach((t, i) => {
      expect(t.tier).toBe(i + 1);
      for (const v of [t.notionalFloorUsd, t.maxLeverage, t.initialMarginRate, t.maintenanceMarginRate, t.maintenanceAmountUsd]) expect(Number.isFinite(v)).toBe(true);
      expect(t.maintenanceMarginRate).toBeLessThanOrEqual(t.initialMarginRate);
      expect(t.maxLeverage).toBeGreaterThanOrEqual(1);
      if (i > 0) expect(t.notionalFloorUsd).toBeCloseTo(row.tiers[i - 1].notionalCapUsd!, 3);
    });
  }
}

describe.each(unguardedConnectors().map((c) => [c.info.slug, c] as const))("%s margin parser under hostile margin-shaped input", (_slug, connector) => {
  it("never throws; tables keep the tier invariants; rejections name venue and field", async () => {
    await fc.assert(
      fc.asyncProperty(hostile, async (body) => {
        const r = await connector.parse("margin", body, context(connector.info.slug, { markets }));
        for (const rej of r.rejected) {
          expect(rej.venue).toBe(connector.info.slug);
          expect(rej.field.length).toBeGreaterThan(0);
        }
        expectSound(r.rows);
      }),
      { numRuns: 80 },
    );
  });
});

describe("curated margin parser under hostile input", () => {
  it("never throws and stores only sound tables", async () => {
    const curatedLike = fc.record({ format: fc.constant("venuescope-margin/1"), venue: fc.constant("okx"), tables: fc.array(fc.record({ symbol, sourceUrl: fc.constantFrom("https://example.com/x", "not a url"), quote: fc.string(), asOf: fc.constantFrom("2024-01-01", "soon"), tiers: fc.array(fc.record({ notionalFloorUsd: num, notionalCapUsd: num, maxLeverage: num, initialMarginRate: num, maintenanceMarginRate: num, maintenanceAmountUsd: num }), { maxLength: 3 }) }), { maxLength: 2 }) });
    await fc.assert(
      fc.asyncProperty(fc.oneof(curatedLike, fc.anything()), async (body) => {
        const r = parseCuratedMargin(body, context("okx"));
        for (const rej of r.rejected) expect(rej.field.length).toBeGreaterThan(0);
        expectSound(r.rows);
      }),
      { numRuns: 100 },
    );
  });
});
