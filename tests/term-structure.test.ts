// Term structure (lib/metrics/term-structure.ts) on a real recorded Binance COIN-M body: every BTCUSD contract
// from /dapi/v1/premiumIndex?pair=BTCUSD at 2020-10-16 06:18:21Z, with the figures checked by hand.
import { describe, expect, it } from "vitest";
import { readFixture } from "../lib/venues/test-kit";
import { binanceDeliveryTs, parseBinanceCoinmTermQuotes } from "../lib/venues/binance-coinm/dated-futures";
import { fundingCurveDivergence, termStructure, type TermStructure } from "../lib/metrics/term-structure";
import { DAY_MS } from "../lib/metrics/time";

const FIXTURE = "binance-coinm/premiumIndex_pair_BTCUSD_2020-10-16.json";
const AT = 1602829101010; // the perp's quote time

describe("Binance COIN-M BTCUSD curve, 2020-10-16 06:18:21Z (recorded)", () => {
  it("reads expiries from the symbols at 08:00 UTC, and rejects impossible dates", () => {
    expect(binanceDeliveryTs("BTCUSD_201225")).toBe(Date.UTC(2020, 11, 25, 8));
    expect(binanceDeliveryTs("BTCUSD_210326")).toBe(Date.UTC(2021, 2, 26, 8));
    expect(binanceDeliveryTs("BTCUSD_PERP")).toBeNull();
    expect(binanceDeliveryTs("BTCUSD_210230")).toBeNull();
  });

  it("annualized basis per maturity against the perp's index; the delivered 0925 quarter is left out", () => {
    const q = parseBinanceCoinmTermQuotes(readFixture(FIXTURE));
    expect(q.futures.map((f) => f.symbol)).toEqual(["BTCUSD_210326", "BTCUSD_200925", "BTCUSD_201225"]);
    expect(q.perp).toMatchObject({ symbol: "BTCUSD_PERP", fundingRate: 0.0001, indexPrice: 11353.95875 });
    const t = termStructure(AT, q.futures, q.perp);
    expect(t.excluded).toEqual([{ symbol: "BTCUSD_200925", reason: "expired" }]);
    expect(t.indexPrice).toBe(11353.95875);
    // 201225: days = (2020-12-25 08:00 − 2020-10-16 06:18:21.010) / 1 d = 70.070590162; basis = (11506.75567917 −
    // 11353.95875) / 11353.95875 = 0.0134575907; annualized = basis × 365 / days = 0.0701010307.
    // 210326: days 161.070590162, basis 0.0358942584, annualized 0.0813395189.
    expect(t.maturities.map((m) => m.symbol)).toEqual(["BTCUSD_201225", "BTCUSD_210326"]);
    expect(t.maturities[0].daysToExpiry).toBeCloseTo(70.070590162, 8);
    expect(t.maturities[0].basis).toBeCloseTo(0.0134575907, 9);
    expect(t.maturities[0].annualized).toBeCloseTo(0.0701010307, 9);
    expect(t.maturities[1].annualized).toBeCloseTo(0.0813395189, 9);
    // Constant maturity: 30 and 60 d lie before the front quarter (no extrapolation); 90 d interpolates linearly:
    // 0.0701010307 + (90 − 70.0706) / 91 × (0.0813395189 − 0.0701010307) = 0.0725623102.
    expect(t.constantMaturity).toEqual([
      { days: 30, annualized: null },
      { days: 60, annualized: null },
      { days: 90, annualized: expect.closeTo(0.0725623102, 9) },
    ]);
    // Perp funding 0.0001 per 8 h → 0.1095 a year; spread to the front end 0.1095 − 0.0701010307 = 0.0393989693.
    expect(t.perpFundingAnnualized).toBeCloseTo(0.1095, 12);
    expect(t.frontSpread).toBeCloseTo(0.0393989693, 9);
  });

  it("a quote older than 15 minutes is stale and left out", () => {
    const q = parseBinanceCoinmTermQuotes(readFixture(FIXTURE));
    const t = termStructure(AT + 16 * 60_000, q.futures, q.perp);
    expect(t.excluded.map((e) => e.reason)).toEqual(["stale", "expired", "stale"]);
    expect(t.maturities).toEqual([]);
    expect(t.frontSpread).toBeNull();
  });
});

describe("divergence of perp funding from the curve's front end", () => {
  const snap = (day: number, frontSpread: number | null): TermStructure => ({ ts: day * DAY_MS, indexPrice: 1, maturities: [], excluded: [], constantMaturity: [], perpFundingAnnualized: null, frontSpread });
  it("flags a one-signed run above 5 %/yr lasting 7 days or more", () => {
    // Days 0..8 at +6 %, day 9 back to +1 %: one run of 9 snapshots spanning 8 days → flagged.
    const h = [...Array.from({ length: 9 }, (_, d) => snap(d, 0.06)), snap(9, 0.01)];
    const f = fundingCurveDivergence(h);
    expect(f.longestRun).toMatchObject({ snapshots: 9, days: 8, sign: 1 });
    expect(f.flagged).toBe(true);
    // A sign flip breaks the run: 0..4 at +6 %, 5..8 at −6 % → longest 4 days, not flagged.
    const flip = fundingCurveDivergence(Array.from({ length: 9 }, (_, d) => snap(d, d < 5 ? 0.06 : -0.06)));
    expect(flip.longestRun).toMatchObject({ days: 4, snapshots: 5, sign: 1 });
    expect(flip.flagged).toBe(false);
  });
});
