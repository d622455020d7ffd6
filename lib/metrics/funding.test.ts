import { describe, it, expect } from "vitest";
import type { FundingPoint } from "./types";
import { HOUR_MS } from "./time";
import { annualizeCompounded, annualizeSimple, fundingStats, inferIntervals, ratePer8h } from "./funding";

const at = (hours: number, rate = 0.0001, extra: Partial<FundingPoint> = {}): FundingPoint => ({
  ts: hours * HOUR_MS,
  rate,
  intervalHours: null,
  ...extra,
});

describe("annualization", () => {
  it("normalizes a 1 bp rate for 1 h, 4 h and 8 h intervals", () => {
    // ln(1.0001) = 0.000099995000333.
    // 1 h: per-8h = 0.0001 × 8 / 1 = 0.0008; simple = 0.0001 × 8760 = 0.876;
    //      compounded = e^(8760 × 0.0000999950) − 1 = e^0.8759562 − 1 = 1.4011702.
    expect(ratePer8h(0.0001, 1)).toBeCloseTo(0.0008, 15);
    expect(annualizeSimple(0.0001, 1)).toBeCloseTo(0.876, 12);
    expect(annualizeCompounded(0.0001, 1)).toBeCloseTo(1.4011702, 6);
    // 4 h: per-8h = 0.0002; simple = 0.0001 × 2190 = 0.219; compounded = e^0.2189891 − 1 = 0.2448176.
    expect(ratePer8h(0.0001, 4)).toBeCloseTo(0.0002, 15);
    expect(annualizeSimple(0.0001, 4)).toBeCloseTo(0.219, 12);
    expect(annualizeCompounded(0.0001, 4)).toBeCloseTo(0.2448176, 6);
    // 8 h: per-8h = 0.0001; simple = 0.0001 × 1095 = 0.1095; compounded = e^0.1094945 − 1 = 0.1157140.
    expect(ratePer8h(0.0001, 8)).toBeCloseTo(0.0001, 15);
    expect(annualizeSimple(0.0001, 8)).toBeCloseTo(0.1095, 12);
    expect(annualizeCompounded(0.0001, 8)).toBeCloseTo(0.115714, 6);
  });
});

describe("inferIntervals", () => {
  it("detects a change from 8 h to 1 h", () => {
    // Records at 0, 8, 16, 24, 25, 26, 27 h → spacings 8, 8, 8, 1, 1, 1.
    // The first matched spacing (8) is the initial interval; at 25 h the spacing 1 is matched and the next
    // spacing (26 − 25 = 1) confirms it → one regime change {25 h, 8 → 1}.
    const r = inferIntervals([0, 8, 16, 24, 25, 26, 27].map((h) => at(h)));
    expect(r.records.map((x) => x.intervalHours)).toEqual([8, 8, 8, 8, 1, 1, 1]);
    expect(r.records.map((x) => x.status)).toEqual(["first", "regular", "regular", "regular", "regime-change", "regular", "regular"]);
    expect(r.regimeChanges).toEqual([{ ts: 25 * HOUR_MS, fromHours: 8, toHours: 1 }]);
    expect(r.prevailingHours).toBe(1);
    expect(r.gaps).toEqual([]);
  });

  it("does not count a change that does not persist", () => {
    // 0, 8, 9, 17, 25: the 1 h spacing at 9 h is followed by 8 h → "irregular", interval 1, no change.
    const blip = inferIntervals([0, 8, 9, 17, 25].map((h) => at(h)));
    expect(blip.regimeChanges).toEqual([]);
    expect(blip.records[2]).toMatchObject({ status: "irregular", intervalHours: 1 });
    // A new spacing on the last record cannot be confirmed: 0, 8, 16, 17 → irregular.
    expect(inferIntervals([0, 8, 16, 17].map((h) => at(h))).regimeChanges).toEqual([]);
    // 1 h records with one 8 h spacing, then 1 h again: 0, 1, 2, 10, 11, 12 → a gap of round(8/1) − 1 = 7 records.
    const gap = inferIntervals([0, 1, 2, 10, 11, 12].map((h) => at(h)));
    expect(gap.regimeChanges).toEqual([]);
    expect(gap.gaps).toEqual([{ from: 2 * HOUR_MS, to: 10 * HOUR_MS, missingRecords: 7 }]);
    expect(gap.records[3]).toMatchObject({ status: "gap", intervalHours: 1 });
  });

  it("tolerates 10 % jitter and uses the venue-given interval of the first record", () => {
    // Spacing 8.5 h is within 10 % of 8 (|8.5 − 8| = 0.5 ≤ 0.8).
    expect(inferIntervals([at(0), at(8.5)]).records[1].intervalHours).toBe(8);
    // First record says 4 h; spacing 8 h once then nothing → 8 > 1.5 × 4 → a gap of round(8/4) − 1 = 1.
    const r = inferIntervals([at(0, 0.0001, { intervalHours: 4 }), at(8)]);
    expect(r.records[0].intervalHours).toBe(4);
    expect(r.gaps).toHaveLength(1);
  });
});

describe("fundingStats", () => {
  it("computes dispersion, cap hits, coverage with gaps, and divergence", () => {
    // Window [0, 40 h]; 8 h records at 0, 8, 24, 32 h (16 h missing) with rates 1, 3, −1, 1 bp.
    // Spacings 8, 16, 8 → gap of round(16/8) − 1 = 1 record; trailing edge ⌊(40 − 32)/8⌋ = 1 record; leading 0.
    // expected = 4 + 1 + 1 = 6; coverage = 4/6.
    // per-8h rates = rates (8 h): mean (1 + 3 − 1 + 1)/4 = 1 bp; deviations 0, +2, −2, 0 bp → Σ² = 8e-8;
    // sample var = 8e-8 / 3; sd = 1.632993e-4; annualized sd = × 1095 = 0.1788127.
    // Positive share 3/4; largest |rate| 3 bp at 8 h; cap 3 bp → 1 hit.
    // Divergence: record 0 premium 1 bp → gap 0; record 1 basis (100.01 − 100)/100 = 1 bp → gap +2 bp;
    // record 2 premium −4 bp → gap −1 − (−4) = +3 bp; record 3 has none.
    // mean gap = (0 + 2 + 3)/3 bp = 1.6667e-4; longest run: records 1–2 (+, > 1 bp): 2 records, 8 + 8 = 16 h.
    const pts = [
      at(0, 0.0001, { premium: 0.0001 }),
      at(8, 0.0003, { markPrice: 100.01, indexPrice: 100 }),
      at(24, -0.0001, { premium: -0.0004 }),
      at(32, 0.0001),
    ];
    const s = fundingStats(pts, { capRate: 0.0003, window: { from: 0, to: 40 * HOUR_MS } });
    expect(s.count).toBe(4);
    expect(s.expectedRecords).toBe(6);
    expect(s.coverage).toBeCloseTo(4 / 6, 12);
    expect(s.gaps).toEqual([
      { from: 8 * HOUR_MS, to: 24 * HOUR_MS, missingRecords: 1 },
      { from: 32 * HOUR_MS, to: 40 * HOUR_MS, missingRecords: 1 },
    ]);
    expect(s.meanRatePer8h).toBeCloseTo(0.0001, 15);
    expect(s.stdevRatePer8h).toBeCloseTo(1.632993e-4, 9);
    expect(s.stdevAnnualizedSimple).toBeCloseTo(0.1788127, 6);
    expect(s.sharePositive).toBe(0.75);
    expect(s.largestAbs).toMatchObject({ ts: 8 * HOUR_MS, rate: 0.0003 });
    expect(s.capHits).toBe(1);
    expect(s.capHitShare).toBe(0.25);
    expect(s.divergence!.count).toBe(3);
    expect(s.divergence!.meanGap).toBeCloseTo(5e-4 / 3, 12);
    expect(s.divergence!.longestRun).toMatchObject({ count: 2, hours: 16, from: 8 * HOUR_MS, to: 24 * HOUR_MS, sign: 1 });
  });

  it("normalizes across an 8 h → 1 h change and is null where data is missing", () => {
    // 8 h records at 0, 8, 16, 24 h then 1 h at 25, 26, 27 h, all 1 bp.
    // per-8h: 4 × 1 bp and 3 × 8 bp → mean (4 + 24)/7 = 4 bp.
    const s = fundingStats([0, 8, 16, 24, 25, 26, 27].map((h) => at(h)), { window: { from: 0, to: 27 * HOUR_MS } });
    expect(s.meanRatePer8h).toBeCloseTo(0.0004, 12);
    expect(s.intervalsHours).toEqual([1, 8]);
    expect(s.coverage).toBe(1);
    expect(s.capHits).toBeNull(); // cap unknown
    expect(s.divergence).toBeNull(); // no premium anywhere
    // No records: nulls; with a nominal 8 h interval over 24 h, 3 expected → coverage 0.
    const none = fundingStats([], { window: { from: 0, to: 24 * HOUR_MS } });
    expect(none.meanRatePer8h).toBeNull();
    expect(none.coverage).toBeNull();
    expect(fundingStats([], { window: { from: 0, to: 24 * HOUR_MS }, nominalIntervalHours: 8 }).coverage).toBe(0);
  });
});
