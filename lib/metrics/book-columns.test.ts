// The column kernel against the per-book reference (book.ts, slippage-series.ts) on random books: every
// figure equal to the last bit (Object.is), crossed, locked, empty, one-sided, truncated and invalid books
// included; stored levels decoded into columns equal to decodeLevels, in full and cut at a level limit.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { bookMetrics, depthProfile, type SlippageResult } from "./book";
import { bookAt, bookColumnsFromBooks, bookMetricsColumns, slippageSamplesColumns } from "./book-columns";
import { slippageSamples } from "./slippage-series";
import { decodeLevels, encodeLevels } from "../books/level-codec";
import type { Level } from "./types";
import { decodeBookColumns } from "../books/book-columns";
import { book } from "../../tests/support/book-arbitraries";

const books = fc.array(book, { maxLength: 12 });
const notional = fc.oneof(fc.double({ min: 1e-3, max: 1e8, noNaN: true }), fc.constantFrom(10, 1e4, 1e6));
const notionals = fc.array(notional, { minLength: 1, maxLength: 4 });
const bands = fc.uniqueArray(fc.double({ min: 0, max: 2000, noNaN: true }), { minLength: 1, maxLength: 7 }).map((b) => b.sort((x, y) => x - y));

const same = (a: number, b: number) => Object.is(a, b);

function expectSlippage(r: SlippageResult, slip: number, vwap: number, levels: number, visible: number) {
  if (r.kind === "filled") {
    expect(same(slip, r.slippageBps) && same(vwap, r.vwap) && levels === r.levelsConsumed, `filled ${JSON.stringify(r)} vs ${slip} ${vwap} ${levels}`).toBe(true);
  } else {
    expect(Number.isNaN(slip) && same(visible, r.visibleDepthUsd), `beyond ${JSON.stringify(r)} vs ${slip} ${visible}`).toBe(true);
  }
}

describe("book metrics in columns", () => {
  it("equals bookMetrics on every book, to the last bit", () => {
    fc.assert(
      fc.property(books, notionals, (bs, ns) => {
        const c = bookColumnsFromBooks(bs);
        const m = bookMetricsColumns(c, ns); // bookMetrics reports DEPTH_BANDS_BPS; random bands are checked below
        bs.forEach((b, i) => {
          expect(bookAt(c, i)).toEqual(b);
          const ref = bookMetrics(b, ns);
          expect(m.usable[i] === 1).toBe(ref !== null);
          if (ref === null) return;
          expect([m.bestBid[i], m.bestAsk[i], m.midPrice[i], m.spreadBps[i]].every((v, k) => same(v, [ref.bestBid, ref.bestAsk, ref.midPrice, ref.spreadBps][k]))).toBe(true);
          ref.depth.forEach((d, k) => {
            const at = i * ref.depth.length + k;
            expect(same(d.bidUsd, m.bidDepthUsd[at]) && same(d.askUsd, m.askDepthUsd[at])).toBe(true);
            expect([d.bidComplete, d.askComplete]).toEqual([m.bidComplete[at] === 1, m.askComplete[at] === 1]);
          });
          ns.forEach((_, k) => {
            const at = i * ns.length + k;
            expectSlippage(ref.slippage[k].buy, m.buySlippageBps[at], m.buyVwap[at], m.buyLevelsConsumed[at], m.buyVisibleUsd[at]);
            expectSlippage(ref.slippage[k].sell, m.sellSlippageBps[at], m.sellVwap[at], m.sellLevelsConsumed[at], m.sellVisibleUsd[at]);
          });
        });
      }),
      { numRuns: 300 },
    );
  });

  it("equals depthProfile in any ascending bands, completeness included", () => {
    fc.assert(
      fc.property(books, bands, (bs, bandsBps) => {
        const m = bookMetricsColumns(bookColumnsFromBooks(bs), [1e4], bandsBps);
        bs.forEach((b, i) => {
          const profile = depthProfile(b, bandsBps);
          expect(m.usable[i] === 1).toBe(profile !== null);
          if (profile === null) return;
          profile.forEach((d, k) => {
            const at = i * bandsBps.length + k;
            expect(same(d.bidUsd, m.bidDepthUsd[at]) && same(d.askUsd, m.askDepthUsd[at])).toBe(true);
            expect([d.bidComplete, d.askComplete]).toEqual([m.bidComplete[at] === 1, m.askComplete[at] === 1]);
          });
        });
      }),
      { numRuns: 300 },
    );
  });

  it("gives the samples slippageSamples gives, to the last bit", () => {
    fc.assert(
      fc.property(books, notional, fc.constantFrom<"buy" | "sell">("buy", "sell"), fc.oneof(fc.double({ min: -50, max: 500, noNaN: true }), fc.constantFrom(5, 10, 50)), (bs, n, s, budget) => {
        const ref = slippageSamples(bs, n, s, budget);
        const got = slippageSamplesColumns(bookColumnsFromBooks(bs), n, s, budget);
        expect(got.length).toBe(ref.length);
        expect(got.unusableCount).toBe(ref.unusableCount);
        for (const key of ["ts", "slippageBps", "capacityUsd", "capacityLimited", "depthUnknown", "visibleUsd", "visibleLevels"] as const) {
          const a = got[key]!;
          const b = ref[key]!;
          for (let i = 0; i < ref.length; i++) expect(same(a[i], b[i]), `${key}[${i}] ${a[i]} vs ${b[i]}`).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("stored levels decoded into columns", () => {
  const ticked = fc.array(fc.tuple(fc.integer({ min: 1, max: 9_999_999 }), fc.integer({ min: 0, max: 5_000_000 })), { maxLength: 30 });
  const packedBooks = fc.array(
    fc.record({ ts: fc.integer({ min: 0, max: 2e12 }), bids: ticked, asks: ticked, truncated: fc.boolean(), pDec: fc.integer({ min: 0, max: 8 }), sDec: fc.integer({ min: 0, max: 6 }), float: fc.boolean() }),
    { maxLength: 8 },
  );
  it("holds what decodeLevels gives, and a level limit cuts (and marks truncated) only the deeper sides, in fresh or reused columns", () => {
    fc.assert(
      fc.property(packedBooks, fc.integer({ min: 0, max: 35 }), (rows, maxLevels) => {
        const level = (pDec: number, sDec: number, float: boolean) => ([p, s]: [number, number]): Level => (float ? [p / 3, s / 7] : [p / 10 ** pDec, s / 10 ** sDec]);
        const packed = rows.map((r) => ({ ts: r.ts, truncated: r.truncated, bids: encodeLevels(r.bids.map(level(r.pDec, r.sDec, r.float))), asks: encodeLevels(r.asks.map(level(r.pDec, r.sDec, r.float))) }));
        const full = decodeBookColumns(packed);
        // Reused columns (room enough: the cut holds fewer levels) give what fresh ones give.
        const cut = decodeBookColumns(packed, { maxLevels, into: decodeBookColumns(packed) });
        expect(cut.length).toBe(packed.length);
        packed.forEach((r, i) => {
          const bids = decodeLevels(r.bids);
          const asks = decodeLevels(r.asks);
          expect(bookAt(full, i)).toEqual({ ts: r.ts, bids, asks, truncated: r.truncated });
          expect(bookAt(cut, i)).toEqual({ ts: r.ts, bids: bids.slice(0, maxLevels), asks: asks.slice(0, maxLevels), truncated: r.truncated || bids.length > maxLevels || asks.length > maxLevels });
        });
      }),
      { numRuns: 200 },
    );
  });
});
