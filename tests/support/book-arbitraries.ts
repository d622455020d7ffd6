// fast-check arbitraries for order books shared by the kernel property tests: random sides around a mid
// (crossed, locked, empty, one-sided, truncated and invalid books included).
import fc from "fast-check";
import type { Book, Level } from "../../lib/metrics/types";

const gap = fc.oneof(fc.double({ min: 0, max: 0.002, noNaN: true }), fc.constant(0));
/** One side: best price off mid by `offset` (a fraction; negative crosses the book), then non-negative gaps. */
const side = (dir: 1 | -1) =>
  fc.record({
    offset: fc.oneof(fc.double({ min: -0.0005, max: 0.002, noNaN: true }), fc.constant(0)),
    gaps: fc.oneof(fc.array(gap, { maxLength: 5 }), fc.array(gap, { minLength: 10, maxLength: 40 })),
    sizes: fc.array(fc.oneof(fc.double({ min: 0, max: 80, noNaN: true }), fc.constantFrom(0, 1e-9, 1)), { minLength: 41, maxLength: 41 }),
    // Now and then an invalid best price (0, negative, NaN, infinite): the book is unusable.
    bad: fc.oneof({ arbitrary: fc.constant(null), weight: 30 }, { arbitrary: fc.constantFrom(0, -1, Number.NaN, Number.POSITIVE_INFINITY), weight: 1 }),
  }).map(({ offset, gaps, sizes, bad }) => (mid: number): Level[] => {
    const levels: Level[] = [];
    let p = mid * (1 - dir * offset);
    for (let j = 0; j <= gaps.length; j++) {
      levels.push([j === 0 && bad !== null ? bad : p, sizes[j]]);
      if (j < gaps.length) p = p * (1 - dir * gaps[j]);
    }
    return levels;
  });

export const book = fc
  .record({
    ts: fc.integer({ min: 0, max: 2e12 }),
    mid: fc.oneof(fc.double({ min: 1e-4, max: 2e5, noNaN: true }), fc.constantFrom(0.35, 2500, 60_000)),
    bids: side(1),
    asks: side(-1),
    emptyBids: fc.boolean(),
    emptyAsks: fc.boolean(),
    truncated: fc.boolean(),
  })
  .map(({ ts, mid, bids, asks, emptyBids, emptyAsks, truncated }): Book => ({
    ts,
    bids: emptyBids && Math.abs(ts % 7) === 0 ? [] : bids(mid),
    asks: emptyAsks && Math.abs(ts % 5) === 0 ? [] : asks(mid),
    truncated,
  }));

