// Deribit term quotes on real recorded bodies (tests/fixtures/README.md): WS tickers of BTC-30SEP22 and
// BTC-PERPETUAL 45 s apart on 2022-06-02, and REST get_order_book of the same pair on 2022-06-03; figures by hand.
import { describe, expect, it } from "vitest";
import { readFixture } from "../test-kit";
import { deribitBase, deribitExpiryTs, deribitTermQuoteSet } from "./dated-futures";
import { termStructure } from "../../metrics/term-structure";

describe("Deribit dated futures", () => {
  it("reads the expiry from the name at 08:00 UTC and the base before the first dash", () => {
    expect(deribitExpiryTs("BTC-30SEP22")).toBe(Date.UTC(2022, 8, 30, 8));
    expect(deribitExpiryTs("ETH-5JUN20")).toBe(Date.UTC(2020, 5, 5, 8));
    expect(deribitExpiryTs("BTC-PERPETUAL")).toBeNull();
    expect(deribitExpiryTs("BTC-30SEP22-60000-C")).toBeNull();
    expect(deribitExpiryTs("BTC-31SEP22")).toBeNull();
    expect(deribitBase("BTC_USDC-PERPETUAL")).toBe("BTC");
  });

  it("WS tickers 2022-06-02: one maturity against the perp's index, funding_8h beside it", () => {
    const s = deribitTermQuoteSet(readFixture("deribit/ws_ticker_BTC-30SEP22_BTC-PERPETUAL_2022-06-02.json"));
    expect(s.leftOut).toEqual([]);
    expect(s.futures).toEqual([{ symbol: "BTC-30SEP22", base: "BTC", expiryTs: 1664524800000, ts: 1654161740658, markPrice: 30218.9, indexPrice: 29939.87 }]);
    expect(s.perps).toEqual([{ symbol: "BTC-PERPETUAL", base: "BTC", ts: 1654161785818, markPrice: 29932.79, indexPrice: 29930.44, fundingRate: 0.00000255, intervalHours: 8 }]);
    const t = termStructure(s.perps[0].ts, s.futures, s.perps[0]);
    // days = (2022-09-30 08:00 − 2022-06-02 09:23:05.818) / 1 d = 10363014182 / 86400000 = 119.9422937731;
    // basis = (30218.9 − 29930.44) / 29930.44 = 0.0096376799; annualized = basis × 365 / days = 0.0293287134.
    expect(t.indexPrice).toBe(29930.44);
    expect(t.maturities[0].daysToExpiry).toBeCloseTo(119.9422937731, 9);
    expect(t.maturities[0].basis).toBeCloseTo(0.0096376799, 9);
    expect(t.maturities[0].annualized).toBeCloseTo(0.0293287134, 9);
    // One maturity at 120 d: nothing to interpolate at 30/60/90 d. Funding 0.00000255 per 8 h × 1095 = 0.00279225.
    expect(t.constantMaturity.map((c) => c.annualized)).toEqual([null, null, null]);
    expect(t.perpFundingAnnualized).toBeCloseTo(0.00279225, 12);
  });

  it("REST get_order_book 2022-06-03: the future quoted 14.7 min before the perp is still in the curve", () => {
    const s = deribitTermQuoteSet(readFixture("deribit/get_order_book_BTC-30SEP22_BTC-PERPETUAL_2022-06-03.json"));
    const t = termStructure(s.perps[0].ts, s.futures, s.perps[0]);
    // basis = (30717.33 − 30418.45) / 30418.45 = 0.0098256157 over 118.9582635764 d → 0.0301479664 a year.
    expect(t.excluded).toEqual([]);
    expect(t.maturities[0].annualized).toBeCloseTo(0.0301479664, 9);
    expect(t.perpFundingAnnualized).toBeCloseTo(0.00002085 * 1095, 12);
  });

  it("options are left out with a reason; a bad body names the venue and the field", () => {
    const option = { jsonrpc: "2.0", result: { instrument_name: "BTC-30SEP22-60000-C", timestamp: 1654161839367, mark_price: 0.0084, index_price: 29939.43 } };
    expect(deribitTermQuoteSet(option).leftOut).toEqual([{ symbol: "BTC-30SEP22-60000-C", reason: "not a perpetual or a dated future (<CUR>-<DMMMYY>)" }]);
    const expired = { result: { instrument_name: "BTC-30SEP22", timestamp: Date.UTC(2022, 8, 30, 8), mark_price: 1, index_price: 1 } };
    expect(deribitTermQuoteSet(expired).leftOut[0].reason).toMatch(/^expired at its quote time/);
    expect(() => deribitTermQuoteSet([{ result: { instrument_name: "BTC-30SEP22", timestamp: 1654161740658, mark_price: "x", index_price: 1 } }])).toThrow(/^term quotes deribit: /);
    expect(() => deribitTermQuoteSet({ error: { code: 10001 } })).toThrow("term quotes deribit");
  });
});
