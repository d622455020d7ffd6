// Fault class 8 of issue #19: a run left "running" by a killed process is closed as failed ("interrupted")
// at the next start and appears in the data-status errors view; finished runs are never touched.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDb, type TempDb } from "./db-helper";
import { closeInterruptedRuns, INTERRUPTED_REASON } from "../../lib/ingest/interrupted-runs";
import { getDataStatus } from "../../lib/services/data-status";
import { DataStatusQuery } from "../../lib/views/data-status";

let t: TempDb;
beforeAll(async () => {
  t = await tempDb();
});
afterAll(async () => {
  await t.cleanup();
});

const STATUSES = ["running", "ok", "partial", "failed"] as const;

describe("runs that die are closed", () => {
  it("marks every stale running run failed/interrupted and leaves the rest alone (generated run sets)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ status: fc.constantFrom(...STATUSES), ageMin: fc.integer({ min: 1, max: 100_000 }) }), { minLength: 1, maxLength: 15 }), async (specs) => {
        await t.db.ingestRun.deleteMany({});
        const now = Date.now();
        for (const s of specs) {
          await t.db.ingestRun.create({ data: { venueSlug: "binance-usdm", kind: "depth", mode: "import", status: s.status, startedAt: new Date(now - s.ageMin * 60_000), provenance: "recorded", finishedAt: s.status === "running" ? null : new Date(now) } });
        }
        const closed = await closeInterruptedRuns(t.db);
        const running = specs.filter((s) => s.status === "running").length;
        expect(closed).toBe(running);
        expect(await t.db.ingestRun.count({ where: { status: "running" } })).toBe(0);
        expect(await t.db.ingestRun.count({ where: { error: INTERRUPTED_REASON, status: "failed" } })).toBe(running);
        for (const st of ["ok", "partial"] as const) expect(await t.db.ingestRun.count({ where: { status: st } })).toBe(specs.filter((s) => s.status === st).length);
      }),
      { numRuns: 15 },
    );
  });

  it("shows the interrupted run in the errors view", async () => {
    await t.db.ingestRun.deleteMany({});
    await t.db.$executeRawUnsafe(`INSERT INTO "IngestRun" ("venueSlug","kind","mode","status","startedAt","provenance") VALUES ('okx','funding','import','running',${t.provider === "sqlite" ? `'${new Date(Date.now() - 3_600_000).toISOString()}'` : "NOW() - INTERVAL '1 hour'"},'recorded')`);
    await t.db.ingestRun.create({ data: { venueSlug: "okx", kind: "depth", mode: "import", status: "ok", provenance: "recorded", finishedAt: new Date() } });
    expect(await closeInterruptedRuns(t.db)).toBe(1);
    const status = await getDataStatus(t.db, DataStatusQuery.parse({ runs: "errors" }));
    expect(status.runs.items.map((r) => [r.venueSlug, r.kind, r.status, r.error])).toEqual([["okx", "funding", "failed", INTERRUPTED_REASON]]);
  });

  it("does not close a run that started after the cut-off (a live process's own run)", async () => {
    await t.db.ingestRun.deleteMany({});
    const cutoff = new Date(Date.now() - 60_000);
    await t.db.ingestRun.create({ data: { venueSlug: "okx", kind: "depth", mode: "live", status: "running", provenance: "live" } });
    expect(await closeInterruptedRuns(t.db, cutoff)).toBe(0);
  });
});
