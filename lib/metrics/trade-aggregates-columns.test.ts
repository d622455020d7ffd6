// ColumnMinuteAggregator against the object path the importer runs (batches cut between timestamps,
// groupSweeps, addPrintsToMinutes, addSweepsToMinutes): the same minutes, to the last bit, on random prints
// with repeated milliseconds, both sides, and out-of-order stretches (Tardis rows follow local time).
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ColumnMinuteAggregator, addPrintsToMinutes, addSweepsToMinutes, type TradeMinuteAgg } from "./trade-aggregates";
import { groupSweeps, type TradePrint } from "./sweeps";

function objectPath(prints: TradePrint[], batchSize: number): { minutes: Map<number, TradeMinuteAgg>; sweeps: number } {
  const minutes = new Map<number, TradeMinuteAgg>();
  let sweeps = 0;
  let batch: TradePrint[] = [];
  const flush = () => {
    const s = groupSweeps(batch);
    sweeps += s.length;
    addPrintsToMinutes(minutes, batch);
    addSweepsToMinutes(minutes, s);
    batch = [];
  };
  for (const p of prints) {
    if (batch.length >= batchSize && p.ts !== batch[batch.length - 1].ts) flush();
    batch.push(p);
  }
  flush();
  return { minutes, sweeps };
}

const T0 = Date.parse("2024-08-08T23:54:00Z");
const prints = fc.array(
  fc.record({ dt: fc.integer({ min: -3_000, max: 40_000 }), same: fc.boolean(), side: fc.constantFrom<"buy" | "sell">("buy", "sell"), price: fc.double({ min: 100, max: 70_000, noNaN: true }), size: fc.double({ min: 1e-4, max: 50, noNaN: true }) }),
  { maxLength: 300 },
);

describe("minute aggregates from columns", () => {
  it("equal the object path's, batch cuts and out-of-order prints included", () => {
    fc.assert(
      fc.property(prints, fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 5 }), (rows, batchSize, pieces) => {
        let ts = T0;
        const ps: TradePrint[] = rows.map((r, i) => {
          if (!r.same || i === 0) ts += r.dt;
          return { ts, price: r.price, sizeBase: r.size, side: r.side, tradeId: String(i), groupKey: null, quoteMid: null };
        });
        const want = objectPath(ps, batchSize);
        const cols = { ts: Float64Array.from(ps, (p) => p.ts), price: Float64Array.from(ps, (p) => p.price), sizeBase: Float64Array.from(ps, (p) => p.sizeBase), side: Uint8Array.from(ps, (p) => (p.side === "buy" ? 0 : 1)) };
        const agg = new ColumnMinuteAggregator(batchSize);
        // handed over in a few pieces, as a reader's batches
        const step = Math.ceil(ps.length / pieces) || 1;
        for (let i = 0; i < ps.length; i += step) agg.add(cols, i, Math.min(ps.length, i + step));
        expect(agg.finish()).toEqual(want.minutes);
        expect([agg.sweeps, agg.prints]).toEqual([want.sweeps, ps.length]);
      }),
      { numRuns: 300 },
    );
  });
});
