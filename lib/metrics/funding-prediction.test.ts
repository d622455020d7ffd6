import { describe, expect, it } from "vitest";
import { annualizedPredictionError, predictionError } from "./funding-prediction";
import { HOUR_MS } from "./time";

describe("predicted vs settled funding", () => {
  // Settlements at 8 h and 16 h; predictions read 4 h and 1 h before each (the later one counts), one unmatched.
  const settled = [
    { ts: 8 * HOUR_MS + 3, rate: 0.0001 },
    { ts: 16 * HOUR_MS, rate: 0.0003 },
  ];
  const predictions = [
    { fundingTime: 8 * HOUR_MS, rate: 0.0005, publishedAt: 4 * HOUR_MS - 2000, observedAt: 4 * HOUR_MS },
    { fundingTime: 8 * HOUR_MS, rate: 0.0001, publishedAt: 7 * HOUR_MS - 1000, observedAt: 7 * HOUR_MS },
    { fundingTime: 16 * HOUR_MS, rate: 0.0002, publishedAt: null, observedAt: 14 * HOUR_MS },
    { fundingTime: 24 * HOUR_MS, rate: 0.0002, publishedAt: 23 * HOUR_MS - 5000, observedAt: 23 * HOUR_MS },
  ];
  it("matches the latest prediction per settlement (stamps within 1 min) and measures error, bias, lead and staleness", () => {
    const r = predictionError(predictions, settled);
    // Errors: 8 h: 0.0001 − 0.0001 = 0 (the 4 h read is superseded); 16 h: 0.0002 − 0.0003 = −0.0001.
    expect(r.matched).toBe(2);
    expect(r.unmatched).toBe(1);
    expect(r.mae).toBeCloseTo(0.00005, 15);
    expect(r.bias).toBeCloseTo(-0.00005, 15);
    expect(r.exactShare).toBe(0.5);
    // Leads: 1 h and 2 h → median 1.5 h.
    expect(r.medianLeadHours).toBeCloseTo(1.5, 12);
    // Staleness over stamped predictions: 2000, 1000, 5000 ms → median 2000, max 5000.
    expect(r.medianStalenessMs).toBe(2000);
    expect(r.maxStalenessMs).toBe(5000);
  });
  it("without settled records nothing is matched and the errors are null, never 0", () => {
    const r = predictionError(predictions, []);
    expect(r).toMatchObject({ matched: 0, unmatched: 3, mae: null, bias: null, exactShare: null });
  });
});

describe("prediction error in annualized units (the funding item's figure)", () => {
  it("annualizes each pair at its record's interval, the nominal one when the record has none, and leaves out neither", () => {
    const rows = [
      // 1 h record: |0.00002 − 0.00001| × 8760 = 0.0876; 8 h record: |0.0001 − 0.0003| × 1095 = 0.219 (bias −0.219);
      // nominal 4 h for the record without one: |0.0002 − 0.0002| = 0.
      { fundingTime: HOUR_MS, rate: 0.00001, predictedRate: 0.00002, intervalHours: 1, observedAt: null },
      { fundingTime: 9 * HOUR_MS, rate: 0.0003, predictedRate: 0.0001, intervalHours: 8, observedAt: null },
      { fundingTime: 13 * HOUR_MS, rate: 0.0002, predictedRate: 0.0002, intervalHours: null, observedAt: null },
    ];
    const r = annualizedPredictionError(rows, 4);
    expect(r.matched).toBe(3);
    expect(r.mae).toBeCloseTo((0.0876 + 0.219 + 0) / 3, 12);
    expect(r.bias).toBeCloseTo((0.0876 - 0.219) / 3, 12);
    // Without a nominal interval the record without one cannot be annualized and is left out.
    expect(annualizedPredictionError(rows, null).matched).toBe(2);
  });
});
