// Liquidity curves against the exact book walks on random books (crossed, empty, truncated and invalid books
// included): at grid notionals and standard bands equal to the walk as float32 stores it (1e-7 relative), the
// capacity and visible totals to the last bit; between grid notionals the exact slippage lies within
// [value − bound, value]; stored bytes decode to the same curve.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { Book } from "./types";
import { depthProfile, DEPTH_BANDS_BPS } from "./book";
import { slippageSamples } from "./slippage-series";
import { CURVE_GRID_USD, decodeCurve, encodeCurve, liquidityCurve } from "./liquidity-curve";
import { curveDepthBandMedians, curveDepthPoint, curveSlippageSamples } from "./curve-samples";
import { median } from "./stats";
import { levelDepthPoint } from "../services/refill-figures";
import { book } from "../../tests/support/book-arbitraries";

/** Books deep enough to cross the $10k–$50M grid: sizes scaled up. */
const deepBook = fc.tuple(book, fc.constantFrom(1, 30, 1000, 30_000)).map(([b, k]): Book => ({ ...b, bids: b.bids.map(([p, s]) => [p, s * k]), asks: b.asks.map(([p, s]) => [p, s * k]) }));
const books = fc.array(deepBook, { maxLength: 10 });
const gridNotional = fc.constantFrom(...CURVE_GRID_USD);
const anyNotional = fc.oneof(fc.double({ min: 1, max: 2e8, noNaN: true }), fc.double({ min: 5e3, max: 6e7, noNaN: true }));
const same = (a: number, b: number) => Object.is(a, b);
/** Equal as float32 stores it: within one float32 rounding (2^-24 relative) of the exact double. */
// The curve's single pass sums the levels in the walk's order but subtracts once instead of per level: a few
// double roundings (1e-12 bps of slippage) on top.
const f32 = (stored: number, exact: number) => (Number.isNaN(exact) ? Number.isNaN(stored) : Math.abs(stored - exact) <= Math.abs(exact) * 2 ** -24 + 1e-9);

describe("liquidity curves", () => {
  it("equal the book walk at grid notionals (slippage to float32), capacity and depth unknown exactly, bound 0", () => {
    fc.assert(
      fc.property(books, gridNotional, fc.constantFrom("buy" as const, "sell" as const), (bs, n, side) => {
        const exact = slippageSamples(bs, n, side, 10);
        const fromCurves = curveSlippageSamples(bs.map(liquidityCurve), n, side, 10);
        expect(fromCurves.length).toBe(exact.length);
        expect(fromCurves.unusableCount).toBe(exact.unusableCount);
        expect(fromCurves.boundBps).toBe(0);
        for (let i = 0; i < exact.length; i++) {
          expect(f32(fromCurves.slippageBps[i], exact.slippageBps[i]), `slippage ${fromCurves.slippageBps[i]} vs ${exact.slippageBps[i]}`).toBe(true);
          expect(same(fromCurves.capacityUsd[i], exact.capacityUsd[i])).toBe(true);
          expect(fromCurves.capacityLimited[i]).toBe(exact.capacityLimited[i]);
          expect(fromCurves.depthUnknown![i]).toBe(exact.depthUnknown![i]);
          expect(fromCurves.visibleLevels![i]).toBe(exact.visibleLevels![i]);
          expect(Math.abs(fromCurves.visibleUsd![i] - exact.visibleUsd![i])).toBeLessThanOrEqual(1e-9 * exact.visibleUsd![i]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("between grid notionals, the exact slippage lies within the stated bound below the curve's value", () => {
    let interpolated = 0;
    let boundSum = 0;
    fc.assert(
      fc.property(books, anyNotional, fc.constantFrom("buy" as const, "sell" as const), (bs, n, side) => {
        const exact = slippageSamples(bs, n, side, 10);
        const c = curveSlippageSamples(bs.map(liquidityCurve), n, side, 10);
        for (let i = 0; i < exact.length; i++) {
          const e = exact.slippageBps[i];
          const v = c.slippageBps[i];
          // Beyond visible depth agrees except within float rounding of the visible total.
          if (Number.isNaN(e) || Number.isNaN(v)) {
            if (Number.isNaN(e) !== Number.isNaN(v)) expect(Math.abs(c.visibleUsd![i] - n)).toBeLessThanOrEqual(1e-9 * n);
            continue;
          }
          // The float32 grid values may put the truth a rounding above the value.
          const tol = 1e-7 * Math.max(1, Math.abs(e));
          expect(e, `exact ${e} above the curve's ${v}`).toBeLessThanOrEqual(v + tol);
          expect(e, `exact ${e} below the curve's ${v} − bound ${c.boundBps}`).toBeGreaterThanOrEqual(v - c.boundBps - tol);
          interpolated++;
          boundSum += c.boundBps;
        }
      }),
      { numRuns: 400 },
    );
    expect(interpolated).toBeGreaterThan(100);
    expect(Number.isFinite(boundSum)).toBe(true);
  });

  it("depth bands and refill points equal depthProfile and levelDepthPoint, as float32", () => {
    fc.assert(
      fc.property(books, (bs) => {
        for (const b of bs) {
          const c = liquidityCurve(b);
          const ref = depthProfile(b);
          // (the median over one curve is its own depth per band; none for an unmeasurable book)
          const got = curveDepthBandMedians([c]);
          if (ref === null) expect(got.every((d) => d.bidUsd === null && d.askUsd === null)).toBe(true);
          ref?.forEach((d, k) => expect(same(got[k].bidUsd!, Math.fround(d.bidUsd)) && same(got[k].askUsd!, Math.fround(d.askUsd))).toBe(true));
          const p = curveDepthPoint(c, 100);
          const q = levelDepthPoint(b);
          expect([p.ts, p.bidUsd, p.askUsd]).toEqual([q.ts, q.bidUsd === null ? null : Math.fround(q.bidUsd), q.askUsd === null ? null : Math.fround(q.askUsd)]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("band medians over many curves equal median() of the books' depth profiles, as float32", () => {
    fc.assert(
      fc.property(fc.array(deepBook, { maxLength: 25 }), (bs) => {
        // median() over the books' own depth profiles, as float32 stores them
        const profiles = bs.map((b) => depthProfile(b)).filter((p) => p !== null);
        const want = DEPTH_BANDS_BPS.map((bandBps, i) => ({ bandBps, bidUsd: median(profiles.map((p) => Math.fround(p[i].bidUsd))), askUsd: median(profiles.map((p) => Math.fround(p[i].askUsd))) }));
        expect(curveDepthBandMedians(bs.map(liquidityCurve))).toEqual(want);
      }),
      { numRuns: 200 },
    );
  });

  it("stored bytes decode to the same curve; other versions and cut bytes are refused", () => {
    fc.assert(
      fc.property(deepBook, (b) => {
        const c = liquidityCurve(b);
        const bytes = encodeCurve(c);
        expect(decodeCurve(bytes, b.ts, b.truncated)).toEqual(c);
        if (bytes.length > 2) expect(decodeCurve(bytes.subarray(0, bytes.length - 1), b.ts, b.truncated)).toBeNull();
        expect(decodeCurve(Uint8Array.of(99, ...bytes.subarray(1)), b.ts, b.truncated)).toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it("a hand-checked book: $1.5M against 1M @100 and 1M @101 asks", () => {
    // asks: 10,000 @ 100 ($1M) and 10,000 @ 101; bid 99 → mid 99.5.
    const b: Book = { ts: 0, bids: [[99, 10_000]], asks: [[100, 10_000], [101, 10_000]], truncated: false };
    const c = liquidityCurve(b);
    // Grid point $1.5M: base = 10,000 + 500,000/101 = 14,950.495…; vwap = 100.3311…; (vwap − 99.5)/99.5 × 1e4 = 83.53 bps.
    const at = curveSlippageSamples([c], 1_500_000, "buy");
    expect(at.slippageBps[0]).toBeCloseTo(((1_500_000 / (10_000 + 500_000 / 101) - 99.5) / 99.5) * 1e4, 4);
    expect(at.boundBps).toBe(0);
    // $1.2M lies between grid points $1M (the end of the level at 100) and $1.25M, both on the level at 101:
    // the chord there is the walk itself.
    const mid = curveSlippageSamples([c], 1_200_000, "buy");
    const exact = ((1_200_000 / (10_000 + 200_000 / 101) - 99.5) / 99.5) * 1e4;
    expect(mid.slippageBps[0]).toBeCloseTo(exact, 4);
  });
});
