// Pins the annualised funding figures shown on /compare and the venue page (meanAnnualizedSimple,
// stdevAnnualizedSimple) with hand-worked values, so a wrong annualisation factor fails here.
import { describe, expect, it } from "vitest";
import type { FundingPoint } from "./types";
import { HOUR_MS } from "./time";
import { fundingStats } from "./funding";

const at = (hours: number, rate: number, intervalHours: number | null = null): FundingPoint => ({ ts: hours * HOUR_MS, rate, intervalHours });

describe("fundingStats annualised (simple) figures", () => {
  it("8 h records: mean 2 bp per 8 h → 21.9 %/yr, sample stdev √(20/3) bp → 28.27 %/yr", () => {
    // Rates per 8 h: 1, 3, −1, 5 bp. Mean = 8 / 4 = 2 bp. Per year: 2 bp × 1095 (= 8760 h / 8 h) = 0.219.
    // Deviations −1, 1, −3, 3 bp → Σ² = 20 bp², sample variance 20/3, stdev 2.5819889 bp → × 1095 = 0.2827278.
    const s = fundingStats([at(0, 1e-4, 8), at(8, 3e-4, 8), at(16, -1e-4, 8), at(24, 5e-4, 8)], {
      window: { from: 0, to: 24 * HOUR_MS },
    });
    expect(s.meanRatePer8h).toBeCloseTo(2e-4, 14);
    expect(s.meanAnnualizedSimple).toBeCloseTo(0.219, 10);
    expect(s.stdevAnnualizedSimple).toBeCloseTo(0.2827278, 6);
  });

  it("4 h records are doubled to per-8 h before × 1095", () => {
    // 1 bp per 4 h = 2 bp per 8 h; all equal → mean 2 bp per 8 h → 0.219 (21.9 %/yr), stdev 0.
    const s = fundingStats([0, 4, 8, 12].map((h) => at(h, 1e-4, 4)), { window: { from: 0, to: 12 * HOUR_MS } });
    expect(s.meanAnnualizedSimple).toBeCloseTo(0.219, 10);
    expect(s.stdevAnnualizedSimple).toBeCloseTo(0, 12);
  });

  it("across an 8 h → 1 h change: per-8 h values 1,1,1,1,8,8,8 bp → 43.8 %/yr mean, 40.97 %/yr stdev", () => {
    // Mean (4 + 24) / 7 = 4 bp → 0.0004 × 1095 = 0.438. Deviations −3 (×4) and 4 (×3): Σ² = 36 + 48 = 84 bp²,
    // sample variance 84 / 6 = 14, stdev √14 = 3.7416574 bp → × 1095 = 0.4097115.
    const s = fundingStats([0, 8, 16, 24, 25, 26, 27].map((h) => at(h, 1e-4)), { window: { from: 0, to: 27 * HOUR_MS } });
    expect(s.meanAnnualizedSimple).toBeCloseTo(0.438, 10);
    expect(s.stdevAnnualizedSimple).toBeCloseTo(0.4097115, 6);
  });

  it("no records → null, never 0", () => {
    const s = fundingStats([], { window: { from: 0, to: 24 * HOUR_MS } });
    expect(s.meanAnnualizedSimple).toBeNull();
    expect(s.stdevAnnualizedSimple).toBeNull();
  });
});
