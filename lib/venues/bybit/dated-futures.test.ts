// Bybit term quotes on the real recorded /v5/market/tickers?category=linear body of 2023-08-16 05:19:27Z
// (tests/fixtures/README.md): 7 BTC and 7 ETH USDC futures with the USDC perpetuals; figures by hand.
import { describe, expect, it } from "vitest";
import { readFixture } from "../test-kit";
import { bybitDatedBase, bybitTermQuoteSet } from "./dated-futures";
import { termStructure } from "../../metrics/term-structure";

const FIXTURE = "bybit/v5_market_tickers_linear_2023-08-16.json";
const AT = 1692163167245; // the body's time

describe("Bybit dated futures", () => {
  it("bases of linear and inverse dated names", () => {
    expect(bybitDatedBase("BTC-29SEP23")).toBe("BTC");
    expect(bybitDatedBase("BTCUSDU23")).toBe("BTC");
    expect(bybitDatedBase("BTCUSDT")).toBeNull();
  });

  it("the USDC futures at the body's time, with deliveryTime as expiry and the USDC perp (same index) beside them", () => {
    const s = bybitTermQuoteSet(readFixture(FIXTURE));
    expect(s.leftOut).toEqual([]);
    expect(s.futures.filter((f) => f.base === "BTC").map((f) => f.symbol).sort()).toEqual(["BTC-01SEP23", "BTC-18AUG23", "BTC-25AUG23", "BTC-27OCT23", "BTC-29DEC23", "BTC-29MAR24", "BTC-29SEP23"]);
    expect(s.futures.find((f) => f.symbol === "BTC-29SEP23")).toEqual({ symbol: "BTC-29SEP23", base: "BTC", expiryTs: Date.UTC(2023, 8, 29, 8), ts: AT, markPrice: 29486.59, indexPrice: 29166.14 });
    expect(s.perps.map((p) => [p.symbol, p.indexPrice, p.fundingRate, p.intervalHours])).toEqual([
      ["BTCPERP", 29166.14, 0.0001, 8],
      ["ETHPERP", 1823.77, 0.0001, 8],
    ]);
    const btc = termStructure(AT, s.futures.filter((f) => f.base === "BTC"), s.perps[0]);
    // BTC-29SEP23: days = (2023-09-29 08:00 − 2023-08-16 05:19:27.245) / 1 d = 3811232755 / 86400000 = 44.1114902199;
    // basis = (29486.59 − 29166.14) / 29166.14 = 0.0109870555; annualized = basis × 365 / days = 0.0909122601.
    const sep = btc.maturities.find((m) => m.symbol === "BTC-29SEP23")!;
    expect(sep.daysToExpiry).toBeCloseTo(44.1114902199, 9);
    expect(sep.basis).toBeCloseTo(0.0109870555, 9);
    expect(sep.annualized).toBeCloseTo(0.0909122601, 9);
    // 30 d lies between BTC-01SEP23 (16.1114902199 d, 0.1116259546) and BTC-29SEP23: w = (30 − 16.1114902199) / 28
    // = 0.4960182064; 0.1116259546 + w × (0.0909122601 − 0.1116259546) = 0.1013515849.
    expect(btc.constantMaturity[0]).toEqual({ days: 30, annualized: expect.closeTo(0.1013515849, 9) });
    expect(btc.constantMaturity.every((c) => c.annualized !== null)).toBe(true);
    expect(btc.perpFundingAnnualized).toBeCloseTo(0.1095, 12);
  });

  it("a bad body names the venue and the field", () => {
    expect(() => bybitTermQuoteSet({ retCode: 10001, retMsg: "params error", result: {}, time: 1 })).toThrow(/^term quotes bybit: retCode: /);
    expect(() => bybitTermQuoteSet({ retCode: 0, result: { category: "linear", list: [{ symbol: "BTC-29SEP23", markPrice: "x", indexPrice: "1", deliveryTime: "1695974400000" }] }, time: AT })).toThrow("term quotes bybit: result.list[0].markPrice");
  });
});
