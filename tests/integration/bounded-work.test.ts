// Fault class 3 of issue #19 on a real database: windows spanning centuries cost what the data costs, stress
// runs over a work limit are refused with the limit named (also when a replay window lengthens the horizon),
// and saved stress runs and reports are listed from their summary column without reading the stored results.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeMarketFigures } from "../../lib/services/market-figures";
import { runStressTest, StressInputError } from "../../lib/services/stress";
import { listStressRuns, saveStressRun } from "../../lib/services/stress-runs";
import { listReports } from "../../lib/services/saved-reports";
import { tempDb, type TempDb } from "./db-helper";
import { POINTS, seedStressWorld, T0 } from "./stress-seed";

let t: TempDb;
const STEP = 15 * 60_000;
const LAST = T0 + (POINTS - 1) * STEP;

beforeAll(async () => {
  t = await tempDb();
  await seedStressWorld(t.db);
}, 60_000);
afterAll(async () => t?.cleanup());

const single = { name: "one", positions: [{ venue: "deep-cex", market: "BTC", side: "long" as const, notionalUsd: 100_000 }], collateral: [{ venue: "deep-cex", asset: "USDT", amount: 50_000 }] };

describe("windows are clamped to the data's range", () => {
  it("computes a market's figures over year 0000 to 9999 as over the data, in bounded time", async () => {
    const m = await t.db.market.findFirstOrThrow({ where: { symbol: "BTCUSDT", venue: { slug: "deep-cex" } } });
    const started = Date.now();
    const f = await computeMarketFigures(t.db, m.id, { from: Date.parse("0000-01-01T00:00:00Z"), to: Date.parse("9999-12-31T23:59:59Z") }, 10_000);
    expect(Date.now() - started).toBeLessThan(20_000);
    // The seeded books run from T0 every 15 min for 192 points: the window reported is exactly that span.
    expect(f.window).toEqual({ from: T0, to: LAST });
    expect(f.snapshots.inWindow).toBe(POINTS);
    // Funding: one record at T0 + 8 h, so its window is that instant.
    expect(f.funding?.window).toEqual({ from: T0 + 8 * 3_600_000, to: T0 + 8 * 3_600_000 });
    const all = await computeMarketFigures(t.db, m.id, { preset: "all" }, 10_000);
    expect(f.slippage).toEqual(all.slippage);
  }, 60_000);

  it("a window outside the data gives no book figures and no window", async () => {
    const m = await t.db.market.findFirstOrThrow({ where: { symbol: "BTCUSDT", venue: { slug: "deep-cex" } } });
    const f = await computeMarketFigures(t.db, m.id, { from: Date.parse("1000-01-01T00:00:00Z"), to: Date.parse("1001-01-01T00:00:00Z") }, 10_000);
    expect(f.window).toBeNull();
    expect(f.snapshots.inWindow).toBe(0);
    expect(f.slippage).toBeNull();
  });
});

describe("stress work limits", () => {
  async function fieldOf(p: Promise<unknown>): Promise<{ field: string; message: string }> {
    try {
      await p;
    } catch (err) {
      if (err instanceof StressInputError) return { field: err.field, message: err.message };
      throw err;
    }
    throw new Error("the run was not refused");
  }

  it("refuses positions × steps above 500,000 with the limit named, before running anything", async () => {
    // 200 positions × 2,880 steps (720 h × 60 / 15) = 576,000 position-steps.
    const many = { ...single, positions: Array.from({ length: 200 }, () => single.positions[0]) };
    const started = Date.now();
    const r = await fieldOf(runStressTest(t.db, many, { name: "long", horizonHours: 720, stepMinutes: 15 }));
    expect(r.field).toBe("scenario.stepMinutes");
    expect(r.message).toBe("200 positions × 2,880 steps = 576,000 position-steps, above the limit of 500,000; use a longer step or fewer positions");
    expect(Date.now() - started).toBeLessThan(5_000);
    // The same portfolio at a 1-hour step (720 steps, 144,000 position-steps) runs.
    const ok = await runStressTest(t.db, many, { name: "long", horizonHours: 720, stepMinutes: 60 });
    expect(ok.result.venues[0].cross.path).toHaveLength(721);
  }, 120_000);

  it("refuses a replay window longer than the 90-day horizon, and one whose steps go over the limit", async () => {
    const far = await fieldOf(runStressTest(t.db, single, { name: "r", replayWindow: `0-${90 * 86_400_000 + 3_600_000}` }));
    expect(far).toEqual({ field: "scenario.replayWindow", message: "the replay window spans 2161 hours, above the 2160-hour horizon limit" });
    // 80 days at the default 15-minute step: 7,680 steps is fine for one position, but the step given (1 min) makes it 115,200.
    const steps = await fieldOf(runStressTest(t.db, single, { name: "r", replayWindow: `${T0 - 80 * 86_400_000}-${T0}`, stepMinutes: 1 }));
    expect(steps.field).toBe("scenario.stepMinutes");
    expect(steps.message).toBe("horizon 1920 h / step 1 min gives 115,200 steps, above the limit of 20,000; use a longer step or a shorter horizon");
  });

  it("refuses replay window ids with numbers no Date holds instead of failing in the database", async () => {
    await fc.assert(
      fc.asyncProperty(fc.bigInt({ min: 10n ** 15n, max: 10n ** 30n }), async (n) => {
        const r = await fieldOf(runStressTest(t.db, single, { name: "r", replayWindow: `0-${n}` }));
        expect(r.field).toBe("scenario.replayWindow");
      }),
      { numRuns: 20 },
    );
  });
});

describe("saved runs are listed from their summary column", () => {
  it("lists without reading any stored result, and fills a legacy row's summary once", async () => {
    const run = await runStressTest(t.db, single, "crash-gap");
    const a = await saveStressRun(t.db, run, "first");
    const b = await saveStressRun(t.db, run, "second");
    // A row saved before the summary column: summary null.
    await t.db.savedReport.update({ where: { id: a.id }, data: { summary: null } });
    const listed = await listStressRuns(t.db);
    const expected = { scenario: "crash-gap", venues: ["deep-cex"], lossUsd: run.result.totals.lossUsd, liquidatedCount: run.result.totals.liquidatedCount, simulated: true };
    expect(listed.map((r) => r.id)).toEqual([b.id, a.id]);
    expect(listed[0]).toMatchObject({ title: "second", ...expected });
    expect(listed[1]).toMatchObject({ title: "first", ...expected });
    expect(JSON.parse((await t.db.savedReport.findUniqueOrThrow({ where: { id: a.id } })).summary!)).toEqual(expected);
    // Now every row has its summary: corrupt the stored results and the list still answers the same.
    await t.db.savedReport.updateMany({ where: { kind: "stress" }, data: { result: "{ not json" } });
    expect(await listStressRuns(t.db)).toEqual(listed);
  });

  it("lists saved reports from the summary column too", async () => {
    const summary = { kind: "allocation", title: "r", methodologyVersion: "2.0.0", feasible: true, capitalUsd: 10, allocatedUsd: 10, venuesAllocated: 1, simulatedVenues: 0 };
    const row = await t.db.savedReport.create({ data: { kind: "allocation", title: "r", params: "{}", result: "{ not json", summary: JSON.stringify(summary), methodologyVersion: "2.0.0" } });
    expect(await listReports(t.db)).toEqual([{ id: row.id, createdAt: row.createdAt.toISOString(), ...summary }]);
  });
});
