// Invariants of the stress engine over random portfolios, tier tables, books and scenarios: no NaN, no
// account below zero (a deficit is the insurance fund's shortfall), never more lost than was put in, and a
// book walk never costs less than nothing.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runStress } from "./run-stress";
import { Scenario } from "./scenario";
import { account, book, position, rules } from "./test-kit";

const tierTable = fc
  .tuple(fc.double({ min: 0.002, max: 0.1, noNaN: true }), fc.double({ min: 1.2, max: 3, noNaN: true }), fc.boolean())
  .map(([mmr, k, two]) =>
    rules(two ? [{ mmr, imr: mmr * k, notionalCapUsd: 500_000 }, { mmr: mmr * 2, imr: Math.min(1, mmr * 2 * k), notionalFloorUsd: 500_000, maintenanceAmountUsd: 500_000 * mmr }] : [{ mmr, imr: mmr * k }]),
  );
const side = fc.constantFrom("long" as const, "short" as const);
const pos = fc.record({ asset: fc.constantFrom("BTC", "ETH"), side, notional: fc.double({ min: 1_000, max: 3_000_000, noNaN: true }), r: tierTable, withBook: fc.boolean(), depth: fc.double({ min: 0.01, max: 50, noNaN: true }) });
const scenario = fc.record({
  btc: fc.double({ min: -60, max: 80, noNaN: true }),
  eth: fc.double({ min: -60, max: 80, noNaN: true }),
  ramp: fc.double({ min: 0, max: 10, noNaN: true }),
  drain: fc.double({ min: 0.05, max: 1, noNaN: true }),
  rate: fc.double({ min: -0.01, max: 0.01, noNaN: true }),
  refill: fc.double({ min: 0, max: 200_000, noNaN: true }),
  delay: fc.double({ min: 0, max: 24, noNaN: true }),
});

describe("stress engine invariants", () => {
  it("holds for random portfolios and scenarios", () => {
    fc.assert(
      fc.property(fc.array(pos, { minLength: 1, maxLength: 4 }), fc.double({ min: 1_000, max: 1_000_000, noNaN: true }), scenario, fc.double({ min: 0, max: 0.02, noNaN: true }), (ps, collateral, s, fee) => {
        const start = { BTC: 50_000, ETH: 4_000 } as const;
        const positions = ps.map((p, i) => {
          const px = start[p.asset as "BTC" | "ETH"];
          const b = p.withBook ? book(px, [[px * 0.999, p.depth], [px * 0.99, p.depth * 3]], [[px * 1.001, p.depth], [px * 1.01, p.depth * 3]]) : null;
          return { ...position({ asset: p.asset, side: p.side, sizeBase: p.notional / px, entryPriceUsd: px, rules: p.r, book: b }), id: `p${i}` };
        });
        const sc = Scenario.parse({
          name: "random", horizonHours: 24, stepMinutes: 60,
          shocks: [{ asset: "BTC", movePct: s.btc, rampHours: s.ramp }, { asset: "ETH", movePct: s.eth, rampHours: s.ramp }],
          liquidityDrain: [{ depthFactor: s.drain }],
          funding: [{ ratePerInterval: s.rate, fromHours: 0, toHours: 24 }],
          replenishment: s.refill > 0 ? [{ amountUsd: s.refill, delayHours: s.delay }] : [],
        });
        const result = runStress("random", [account(positions, collateral, fee)], sc, {});
        for (const v of result.venues) {
          expect(Number.isFinite(v.normalTimes.crossUsd) && Number.isFinite(v.normalTimes.isolatedUsd)).toBe(true);
          for (const run of [v.cross, v.isolated]) {
            const eps = 1e-6 * (1 + Math.abs(run.startEquityUsd) + run.replenishedUsd);
            expect(Number.isFinite(run.lossUsd)).toBe(true);
            expect(run.finalEquityUsd).toBeGreaterThanOrEqual(-eps);
            expect(run.lossUsd).toBeLessThanOrEqual(Math.max(0, run.startEquityUsd) + run.replenishedUsd + eps);
            expect(run.liquidationCostUsd).toBeGreaterThanOrEqual(-eps);
            for (const p of run.path) expect(Number.isFinite(p.equityUsd) && Number.isFinite(p.maintenanceUsd)).toBe(true);
            for (const p of run.positions) if (p.liquidation) expect(p.liquidation.markUsd).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
