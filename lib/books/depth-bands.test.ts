import { describe, expect, it } from "vitest";
import { bandDepthUsd, bandReferencePrice, checkBandSnapshot, estimateFromBands, staleBandRuns, type BandSnapshot } from "./depth-bands";

const snap = (ts: number, rows: [number, number, number][]): BandSnapshot => ({ ts, bands: rows.map(([pct, qty, notionalUsd]) => ({ pct, qty, notionalUsd })) });

// The first snapshot of BTCUSDT-bookDepth-2023-10-16.csv (2023-10-16 00:00:13), copied from the file.
const REAL_2023 = snap(Date.UTC(2023, 9, 16, 0, 0, 13), [
  [-5, 13230.005, 351243054.5632], [-4, 11420.847, 304277855.78135], [-3, 9171.783, 245313427.97165], [-2, 6315.044, 169685184.78546], [-1, 3261.775, 88118459.1858],
  [1, 3507.512, 95646901.03296], [2, 6606.887, 181048242.94231], [3, 8630.447, 237309255.00472], [4, 10278.314, 283563857.64789], [5, 11435.877, 316418932.20472],
]);
// BTCUSDT-bookDepth-2026-01-31.csv at 17:12:32: the -0.20 % bid band's VWAP (61,094,092.8364 / 776.164 =
// 78,712.87) is above the +0.20 % ask band's (26,220,029.5015 / 333.425 = 78,638.46): a crossed band book.
const CROSSED_2026 = snap(Date.UTC(2026, 0, 31, 17, 12, 32), [
  [-5, 6139.074, 471169615.5271], [-4, 5137.73, 395949929.0003], [-3, 3649.859, 283067993.8986], [-2, 2237.327, 174753392.5495], [-1, 1475.724, 115756052.3199], [-0.2, 776.164, 61094092.8364],
  [0.2, 333.425, 26220029.5015], [1, 684.529, 54022858.3409], [2, 1498.953, 118982511.0366], [3, 1918.796, 152768914.711], [4, 2109.317, 168254856.4233], [5, 2407.592, 192742190.3823],
]);

describe("depth-band books", () => {
  it("band depth at ±1 % is the archive's cumulative notional, exactly (2023-10-16 00:00:13)", () => {
    expect(bandDepthUsd(REAL_2023, 1)).toEqual({ bidUsd: 88118459.1858, askUsd: 95646901.03296 });
    expect(bandDepthUsd(REAL_2023, 0.5)).toEqual({ bidUsd: null, askUsd: null });
    expect(bandDepthUsd(CROSSED_2026, 0.2)).toEqual({ bidUsd: 61094092.8364, askUsd: 26220029.5015 });
  });

  it("reference price = midpoint of the innermost bands' VWAPs: (27,015.4928 + 27,269.1586) / 2", () => {
    expect(bandReferencePrice(REAL_2023)).toBeCloseTo(27142.3257, 3);
    expect(checkBandSnapshot(REAL_2023)).toBeNull();
  });

  it("estimates slippage with a linear density per band: a uniform band fills at half its width", () => {
    // ±1 % bands of 10 units each around 100: bid VWAP 99.5, ask VWAP 100.5 → reference 100, mean distance
    // 0.5 % = the middle of the band, so the density is uniform (b = 0).
    const s = snap(0, [[-1, 10, 995], [1, 10, 1005]]);
    // the whole band: mean distance 50 bps
    expect(estimateFromBands(s, 1005 * (1 - 1e-12), "buy", 10)!.slippageBps).toBeCloseTo(50, 6);
    // half the quantity (to 0.5 %): 5 units, moment 1000·0.005²/2 = 0.0125 → notional 100·(5 + 0.0125) = 501.25, 25 bps
    expect(estimateFromBands(s, 501.25, "buy", 10)!.slippageBps).toBeCloseTo(25, 6);
    // sells walk the bids the same way: half the band, notional 100·(5 − 0.0125) = 498.75
    expect(estimateFromBands(s, 498.75, "sell", 10)!.slippageBps).toBeCloseTo(25, 6);
    // capacity at 10 bps: distance 0.2 % → 2 units, moment 1000·0.002²/2 = 0.002, notional 100·2.002 = 200.2
    expect(estimateFromBands(s, 100, "buy", 10)!.capacityUsd).toBeCloseTo(200.2, 4);
    // beyond the outermost band
    expect(estimateFromBands(s, 2000, "buy", 10)!.slippageBps).toBeNull();
  });

  it("a band whose VWAP sits near its inner edge puts more quantity there (clamped to the middle third)", () => {
    // ask VWAP 100.2 → mean distance 0.2 % < 1/3 %, clamped to 1/3 %: density falls to 0 at the band's edge
    // (a = 2q/w, b = −2q/w²); a small order then costs less than under a uniform band.
    const near = snap(0, [[-1, 10, 998], [1, 10, 1002]]);
    const uniform = snap(0, [[-1, 10, 995], [1, 10, 1005]]);
    expect(estimateFromBands(near, 300, "buy", 10)!.slippageBps!).toBeLessThan(estimateFromBands(uniform, 300, "buy", 10)!.slippageBps!);
  });

  it("flags a real crossed band book with its reason", () => {
    expect(checkBandSnapshot(CROSSED_2026)).toMatch(/^crossed: bid band -0.2 % priced at 78712.87, at or above ask band 0.2 % at 78638.46/);
  });

  it("flags inconsistent books: shrinking cumulative depth, a missing side", () => {
    expect(checkBandSnapshot(snap(0, [[-2, 5, 490], [-1, 10, 995], [1, 10, 1005]]))).toMatch(/^inconsistent: cumulative depth at -2 %/);
    expect(checkBandSnapshot(snap(0, [[1, 10, 1005]]))).toMatch(/^inconsistent: a side has no bands/);
    // an ask band priced below the reference
    expect(checkBandSnapshot(snap(0, [[-1, 10, 995], [1, 10, 1005], [2, 20, 1900]]))).toMatch(/crossed|inconsistent/);
  });

  it("flags band books frozen for an hour or more as stale, and only those", () => {
    const b = (ts: number, q: number) => snap(ts, [[-1, q, q * 99.5], [1, q, q * 100.5]]);
    const M = 60_000;
    const series = [b(0, 1), b(30 * M, 2), b(60 * M, 2), b(90 * M, 2), b(91 * M, 3), b(100 * M, 3)];
    const stale = staleBandRuns(series);
    expect([...stale.keys()]).toEqual([1, 2, 3]);
    expect(stale.get(1)).toMatch(/^stale: every band identical from 1970-01-01T00:30:00.000Z to 1970-01-01T01:30:00.000Z/);
    // 59 minutes frozen is not stale
    expect(staleBandRuns([b(0, 1), b(59 * M, 1)]).size).toBe(0);
  });
});
