// Funding carry (lib/metrics/carry.ts) on real recorded funding histories, parsed by the venues' own parsers,
// with the figures checked by hand (sums of the recorded rate strings), plus an 8 h → 1 h interval change.
import { describe, expect, it } from "vitest";
import { binanceUsdm } from "../lib/venues/binance-usdm/connector";
import { dydxV4 } from "../lib/venues/dydx-v4/connector";
import { bitget } from "../lib/venues/bitget/connector";
import { parseFixture } from "../lib/venues/test-kit";
import { carryStability, cumulativeCarry, rollingCarry, stressCarry } from "../lib/metrics/carry";
import type { FundingPoint } from "../lib/metrics/types";
import { HOUR_MS } from "../lib/metrics/time";

const toPoints = (rows: { fundingTime: number; rate: number; intervalHours: number | null; markPrice: number | null; indexPrice: number | null; premium: number | null }[]): FundingPoint[] =>
  rows.map((r) => ({ ts: r.fundingTime, rate: r.rate, intervalHours: r.intervalHours, markPrice: r.markPrice, indexPrice: r.indexPrice, premium: r.premium }));

async function binanceBtc(): Promise<FundingPoint[]> {
  const r = await parseFixture(binanceUsdm, "funding", "binance-usdm/fundingRate_BTCUSDT_2020-09.json");
  return toPoints(r.rows);
}

describe("cumulative carry on Binance BTCUSDT, 100 recorded 8-hourly settlements (2020-09-15 .. 2020-10-18)", () => {
  it("sums each settlement as money and annualizes over the hours the records cover", async () => {
    const pts = await binanceBtc();
    expect(pts).toHaveLength(100);
    // Window (first − 1 ms, last]: all 100. Σ of the recorded rate strings = 0.00430321 (checked with Decimal).
    const window = { from: pts[0].ts - 1, to: pts[99].ts };
    const long = cumulativeCarry(pts, { side: "long", notionalUsd: 1_000_000 }, window, { capRate: 0.03 });
    expect(long.count).toBe(100);
    // No mark in this body: constant notional, stated. Long pays: −1e6 × 0.00430321 = −4,303.21 USD.
    expect(long.notionalBasis).toBe("constant-notional");
    expect(long.carryUsd).toBeCloseTo(-4303.21, 6);
    // Intervals inferred from the real spacings (8 h, stamps jitter by ms): 100 × 8 = 800 h.
    expect(long.intervalsHours).toEqual([8]);
    expect(long.coveredHours).toBe(800);
    // Coverage counts from the first settlement's accrual start (its 8 h begin before the window): 800 h / ~800 h.
    expect(long.coverage).toBeCloseTo(1, 6);
    // Annualized = −0.00430321 × 8760 / 800 = −0.0471201495.
    expect(long.annualized).toBeCloseTo(-0.0471201495, 10);
    // Cap 3 %: no hit; worst case = −100 × 1e6 × 0.03 = −3,000,000 USD.
    expect(long.capHits).toBe(0);
    expect(long.worstCaseAtCapUsd).toBeCloseTo(-3_000_000, 6);
    // The short receives the same.
    const short = cumulativeCarry(pts, { side: "short", notionalUsd: 1_000_000 }, window);
    expect(short.carryUsd).toBeCloseTo(4303.21, 6);
    expect(short.capHits).toBeNull();
    expect(short.settlements.at(-1)!.cumulativeUsd).toBeCloseTo(4303.21, 6);
  });

  it("a settlement pays for the interval ending at it: the window excludes its start and includes its end", async () => {
    const pts = await binanceBtc();
    // (pts[0], pts[2]] holds the 2nd and 3rd records: −0.00002796 − 0.00005156 = −0.00007952.
    const r = cumulativeCarry(pts, { side: "long", notionalUsd: 1_000_000 }, { from: pts[0].ts, to: pts[2].ts });
    expect(r.count).toBe(2);
    expect(r.carryUsd).toBeCloseTo(79.52, 8);
  });

  it("rolling 7-day holds: p5/p50/p95 of the annualized carry (numpy 'linear' percentiles)", async () => {
    const pts = await binanceBtc();
    const r = rollingCarry(pts, { side: "long", notionalUsd: 1_000_000 }, 168);
    // 79 windows start at a settlement and end ≤ the last one; each holds 21 settlements (168 h / 8).
    expect(r.windows).toBe(79);
    // Computed independently with numpy.percentile over the 79 window sums × 8760 / 168.
    expect(r.p5).toBeCloseTo(-0.1095, 10); // 21 settlements at the 1 bp default: −21e-4 × 8760 / 168
    expect(r.p50).toBeCloseTo(-0.05929529, 7);
    expect(r.p95).toBeCloseTo(0.01816167, 7);
    expect(r.p5Usd).toBeCloseTo(-2100, 6);
    expect(r.p50Usd).toBeCloseTo(-1137.17, 6);
    expect(r.p95Usd).toBeCloseTo(348.306, 6);
    // The funding item's carry stability is the same 7-day distribution's p95 − p5: 0.01816167 + 0.1095.
    expect(carryStability(pts)).toMatchObject({ holdHours: 168, windows: 79, spread: expect.closeTo(0.12766167, 7) });
    // Fewer than 7 days of settlements: no complete window, no figure.
    expect(carryStability(pts.slice(0, 20))).toBeNull();
  });

  it("stress windows count every settlement whose accrual period overlaps them", async () => {
    const pts = await binanceBtc();
    // A 2-hour window 2020-09-15 10:00–12:00 lies inside the interval paid at 16:00 (−0.00005156).
    const from = Date.UTC(2020, 8, 15, 10);
    const [s] = stressCarry(pts, { side: "short", notionalUsd: 1_000_000 }, [{ from, to: from + 2 * HOUR_MS }]);
    expect(s.count).toBe(1);
    expect(s.carryUsd).toBeCloseTo(-51.56, 8);
    expect(s.annualized).toBeCloseTo((-0.00005156 * 8760) / 8, 12);
  });
});

describe("carry valued at the price stored with each settlement (dYdX v4, 3 hourly records with the oracle price)", () => {
  it("fixes the quantity at the first price and charges each settlement at its own", async () => {
    const r0 = await parseFixture(dydxV4, "funding", "dydx-v4/historicalFunding_BTC-USD_2025-12-08_wrapped.json");
    const pts = toPoints(r0.rows);
    const r = cumulativeCarry(pts, { side: "long", notionalUsd: 1_000_000 }, { from: Date.UTC(2025, 11, 8, 13), to: Date.UTC(2025, 11, 8, 17) });
    expect(r.notionalBasis).toBe("price-at-settlement");
    expect(r.intervalsHours).toEqual([1]);
    expect(r.settlements.map((s) => s.intervalSource)).toEqual(["stored", "stored", "stored"]);
    // q = 1e6 / 91459.59191; cash = −q × (91459.59191 × 6.25e-7 + 90860.48604 × 3.75e-7 + 89993.8 × 2.375e-6)
    //   = −(0.625 + 0.3725435633 + 2.3369366792) = −3.3344802425 USD.
    expect(r.settlements.map((s) => s.cashflowUsd)).toEqual([expect.closeTo(-0.625, 10), expect.closeTo(-0.3725435633, 9), expect.closeTo(-2.3369366792, 9)]);
    expect(r.carryUsd).toBeCloseTo(-3.3344802425, 9);
    // Annualized over 3 covered hours: −3.3344802425e-6 × 8760 / 3 = −0.0097366823.
    expect(r.annualized).toBeCloseTo(-0.0097366823, 9);
  });
});

describe("a lone recorded settlement (Bitget, one record, no interval in the body)", () => {
  it("takes the market's published interval, and says so; without it the record cannot be annualized", async () => {
    const r0 = await parseFixture(bitget, "funding", "bitget/v2_mix_market_history-fund-rate_BTCUSDT_2025-06-20.json");
    const pts = toPoints(r0.rows);
    const window = { from: pts[0].ts - 1, to: pts[0].ts };
    const r = cumulativeCarry(pts, { side: "long", notionalUsd: 1_000_000 }, window, { nominalIntervalHours: 8 });
    // Rate −0.000013: the long receives 13 USD; annualized 1.3e-5 × 8760 / 8 = 0.014235.
    expect(r.settlements[0]).toMatchObject({ intervalHours: 8, intervalSource: "market" });
    expect(r.carryUsd).toBeCloseTo(13, 9);
    expect(r.annualized).toBeCloseTo(0.014235, 12);
    expect(cumulativeCarry(pts, { side: "long", notionalUsd: 1_000_000 }, window).count).toBe(0);
  });
});

describe("an interval change 8 h → 1 h", () => {
  // No recorded venue body we hold spans a symbol's interval change, so this series is written out: four 8-hourly
  // settlements, then hourly ones, as Binance and Hyperliquid symbols have switched. Rates 1 bp at 8 h, then 0.125 bp
  // per hour (the same per-8h level).
  const at = (h: number, rate: number, intervalHours: number | null = null): FundingPoint => ({ ts: h * HOUR_MS, rate, intervalHours });
  const series = [at(0, 1e-4), at(8, 1e-4), at(16, 1e-4), at(24, 1e-4), ...Array.from({ length: 16 }, (_, i) => at(25 + i, 1.25e-5))];

  it("takes each settlement's own interval from the real spacing, never a fixed one", () => {
    const r = cumulativeCarry(series, { side: "short", notionalUsd: 1_000_000 }, { from: 0, to: 40 * HOUR_MS });
    // Settlements in (0, 40 h]: 8, 16, 24 (8 h each) and 25..40 (16 × 1 h): covered = 24 + 16 = 40 h.
    expect(r.count).toBe(19);
    expect(r.coveredHours).toBe(40);
    expect(r.intervalChanges).toEqual([{ ts: 25 * HOUR_MS, fromHours: 8, toHours: 1 }]);
    // Cash = 1e6 × (3 × 1e-4 + 16 × 1.25e-5) = 300 + 200 = 500 USD; annualized = 5e-4 × 8760 / 40 = 0.1095.
    expect(r.carryUsd).toBeCloseTo(500, 9);
    expect(r.annualized).toBeCloseTo(0.1095, 12);
    // A fixed 8 h interval would have counted the hourly settlements as 8 h each: 152 h, annualized 2.88 %.
    expect(r.annualized).not.toBeCloseTo((5e-4 * 8760) / (19 * 8), 4);
  });

  it("a stored (venue-given) interval wins over the spacing", () => {
    const withStored = series.map((p) => (p.ts === 24 * HOUR_MS ? { ...p, intervalHours: 4 } : p));
    const r = cumulativeCarry(withStored, { side: "long", notionalUsd: 1 }, { from: 0, to: 40 * HOUR_MS });
    expect(r.settlements.find((s) => s.ts === 24 * HOUR_MS)).toMatchObject({ intervalHours: 4, intervalSource: "stored" });
    expect(r.coveredHours).toBe(36);
  });

  it("a gap is not read as a longer interval: missing hours lower coverage, not the annualized rate", () => {
    const gappy = series.filter((p) => p.ts <= 30 * HOUR_MS || p.ts > 34 * HOUR_MS);
    const r = cumulativeCarry(gappy, { side: "short", notionalUsd: 1_000_000 }, { from: 0, to: 40 * HOUR_MS });
    // 4 hourly settlements (31..34) missing: covered 36 h of 40, cash 500 − 4 × 12.5 = 450, annualized unchanged.
    expect(r.coveredHours).toBe(36);
    expect(r.coverage).toBeCloseTo(0.9, 12);
    expect(r.carryUsd).toBeCloseTo(450, 9);
    expect(r.annualized).toBeCloseTo(0.1095, 12);
  });
});
