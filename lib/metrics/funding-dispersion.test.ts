import { describe, expect, it } from "vitest";
import { fundingDispersion } from "./funding-dispersion";
import { HOUR_MS } from "./time";

describe("cross-venue funding dispersion", () => {
  // Venue a settles every 8 h (0.08 %, 0.08 %, then 0), venue b every hour (0.001 %): each normalised per hour by its
  // own interval, never a fixed one.
  const a = { venue: "a", takerRate: 0.0005, points: [8, 16, 24].map((h) => ({ ts: h * HOUR_MS, rate: h === 24 ? 0 : 0.0008, intervalHours: null })) };
  const b = { venue: "b", takerRate: 0.0002, points: Array.from({ length: 24 }, (_, i) => ({ ts: (i + 1) * HOUR_MS, rate: 0.00001, intervalHours: null })) };

  it("spread per hour, runs of one venue pair and what is left after taker fees on both legs", () => {
    const d = fundingDispersion([a, b]);
    expect(d.hours).toBe(24);
    // Hours 1..16: a 1e-4/h, b 1e-5/h → spread 9e-5/h = 78.84 %/yr; hours 17..24: a 0, b 1e-5 → 8.76 %/yr.
    expect(d.series[0]).toMatchObject({ high: "a", low: "b", spreadHourly: expect.closeTo(9e-5, 15) });
    expect(d.series[16]).toMatchObject({ high: "b", low: "a", spreadHourly: expect.closeTo(1e-5, 15) });
    expect(d.maxSpreadAnnualized).toBeCloseTo(0.7884, 12);
    expect(d.p50SpreadAnnualized).toBeCloseTo(0.7884, 12);
    // Runs: a/b for 16 h (gross 16 × 9e-5 = 0.00144; fees 2 × (0.0005 + 0.0002) = 0.0014; net 0.00004),
    // then b/a for 8 h (gross 8e-5, net −0.00132).
    expect(d.runs).toHaveLength(2);
    expect(d.runs[0]).toMatchObject({ high: "a", low: "b", hours: 16, grossRate: expect.closeTo(0.00144, 15), feesRate: expect.closeTo(0.0014, 15), netRate: expect.closeTo(0.00004, 15) });
    expect(d.runs[1]).toMatchObject({ high: "b", low: "a", hours: 8, netRate: expect.closeTo(-0.00132, 15) });
    expect(d.longestRun?.hours).toBe(16);
    expect(d.profitableRuns).toBe(1);
  });

  it("an unknown fee leaves the run uncosted (null), and one venue alone gives no spread", () => {
    const d = fundingDispersion([a, { ...b, takerRate: null }]);
    expect(d.runs[0].netRate).toBeNull();
    expect(d.profitableRuns).toBeNull();
    expect(fundingDispersion([a]).hours).toBe(0);
  });
});
