// Resiliency from the RunDay summaries (lib/store/run-days.ts) against resiliency over the runs themselves, and
// the IngestRun triggers that drop a day's summaries when one of its runs is written — on SQLite here, on
// PostgreSQL under `npm run test:pg`.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { apiRunResiliency } from "../../lib/store/run-days";
import { resiliency } from "../../lib/metrics/resiliency";
import type { IngestRunPoint } from "../../lib/metrics/types";
import { DAY_MS } from "../../lib/metrics/time";
import { bindValue, placeholder } from "../../lib/sql-dialect";
import { tempDb, type TempDb } from "./db-helper";

let t: TempDb;
const T0 = Date.UTC(2026, 0, 1);
const D0 = T0 / DAY_MS;
const MIN = 60_000;

beforeAll(async () => {
  t = await tempDb();
});
afterAll(async () => {
  await t?.cleanup();
});

async function venue(slug: string) {
  return (await t.db.venue.create({ data: { slug, name: slug, kind: "cex", provenance: "recorded" } })).id;
}

/** The venue's live and simulated runs as points, read back with the Prisma API (the reference). */
async function pointsOf(venueId: number): Promise<IngestRunPoint[]> {
  const rows = await t.db.ingestRun.findMany({ where: { venueId, mode: { in: ["live", "simulate"] } }, select: { startedAt: true, kind: true, status: true } });
  return rows.map((r) => ({ startedAt: r.startedAt.getTime(), kind: r.kind, status: r.status as IngestRunPoint["status"] }));
}

const storedDays = async (venueId: number) => (await t.db.runDay.findMany({ where: { venueId, kind: "" }, select: { day: true }, orderBy: { day: "asc" } })).map((r) => r.day - D0);

describe("apiRunResiliency", () => {
  it("equals resiliency over the runs for windows that cut days anywhere, built and then read back, leaving out imports, other venues and days still running", async () => {
    const venueId = await venue("rd-a");
    const otherId = await venue("rd-b");
    const runs = fc.sample(
      fc.record({
        kind: fc.constantFrom("depth", "funding", "trades"),
        status: fc.constantFrom("ok", "ok", "ok", "partial", "failed"),
        mode: fc.constantFrom("live", "simulate", "import"),
        // five days; starts on the minute, a little after, and on the last millisecond of a day
        at: fc.integer({ min: 0, max: 5 * 24 * 60 - 1 }).chain((m) => fc.constantFrom(m * MIN, m * MIN + 123, (Math.floor(m / 1440) + 1) * DAY_MS - 1)),
        other: fc.boolean(),
      }),
      { numRuns: 600, seed: 20261211 },
    );
    const data = runs.map((r) => ({ venueId: r.other ? otherId : venueId, venueSlug: r.other ? "rd-b" : "rd-a", kind: r.kind, mode: r.mode, status: r.status as string, startedAt: new Date(T0 + r.at), provenance: "live" as const }));
    // day 3 holds a run still running: summarized from its runs on every read, never stored
    data.push({ venueId, venueSlug: "rd-a", kind: "depth", mode: "live", status: "running", startedAt: new Date(T0 + 3 * DAY_MS + 5 * MIN), provenance: "live" });
    await t.db.ingestRun.createMany({ data });
    const want = await pointsOf(venueId);
    const windows = [
      { from: T0, to: T0 + 5 * DAY_MS - 1 },
      { from: T0 + 6 * 60 * MIN + 123, to: T0 + 3 * DAY_MS + 30 * MIN },
      { from: T0 + DAY_MS, to: T0 + 2 * DAY_MS - 1 },
      { from: T0 + DAY_MS + 1, to: T0 + 2 * DAY_MS - 2 },
      { from: T0 - 10 * DAY_MS, to: T0 + 10 * DAY_MS },
      { from: T0 - 10 * MIN, to: T0 - MIN },
      { from: 0, to: T0 + 400 * DAY_MS },
    ];
    for (const pass of ["built", "stored"]) {
      for (const w of windows) expect(await apiRunResiliency(t.db, venueId, w), `${pass} ${w.from}-${w.to}`).toEqual(resiliency(want, w));
    }
    // Whole days in some window and among the days the venue has runs in (none before day 0 or after day 4,
    // however far a window reaches), but not day 3: a run is running there.
    expect(await storedDays(venueId)).toEqual([0, 1, 2, 4]);
    expect(await storedDays(otherId)).toEqual([]);
    // A day's marker counts every kind of the day.
    const day1 = await t.db.runDay.findMany({ where: { venueId, day: D0 + 1 } });
    const marker = day1.find((r) => r.kind === "")!;
    expect(marker.runs).toBe(day1.filter((r) => r.kind !== "").reduce((a, r) => a + r.runs, 0));
    expect(marker.runs).toBe(want.filter((p) => p.startedAt >= T0 + DAY_MS && p.startedAt < T0 + 2 * DAY_MS).length);
  });

  it("is recomputed when a run of a summarized day is inserted, finished, changed, moved or deleted, whichever way it is written", async () => {
    const venueId = await venue("rd-c");
    const otherId = await venue("rd-d");
    const at = (day: number, minute: number) => new Date(T0 + day * DAY_MS + minute * MIN);
    const make = (day: number, minute: number, status: string, kind = "depth") => ({ venueId, venueSlug: "rd-c", kind, mode: "live", status, startedAt: at(day, minute), provenance: "live" as const });
    await t.db.ingestRun.createMany({ data: [make(0, 10, "ok"), make(0, 70, "ok"), make(1, 10, "ok"), make(1, 20, "failed"), make(2, 30, "ok"), make(2, 40, "ok", "funding")] });
    const w = { from: T0, to: T0 + 3 * DAY_MS - 1 };
    const check = async () => {
      const got = await apiRunResiliency(t.db, venueId, w);
      expect(got).toEqual(resiliency(await pointsOf(venueId), w));
      return got;
    };
    await check();
    expect(await storedDays(venueId)).toEqual([0, 1, 2]);

    // insert through the Prisma API into a past day: only that day's summaries go
    const late = await t.db.ingestRun.create({ data: make(1, 600, "ok") });
    expect(await storedDays(venueId)).toEqual([0, 2]);
    expect((await check()).byKind.find((k) => k.kind === "depth")!.successes).toBe(5);
    expect(await storedDays(venueId)).toEqual([0, 1, 2]);

    // a status change (ok → failed)
    await t.db.ingestRun.update({ where: { id: late.id }, data: { status: "failed" } });
    expect(await storedDays(venueId)).toEqual([0, 2]);
    expect((await check()).byKind.find((k) => k.kind === "depth")!.failures).toBe(2);

    // a raw UPDATE moving a run to another day: both days go
    await t.db.$executeRawUnsafe(`UPDATE "IngestRun" SET "startedAt" = ${placeholder(t.provider, 0)} WHERE "id" = ${placeholder(t.provider, 1)}`, bindValue(t.provider, at(2, 900)), late.id);
    await check();
    expect(await storedDays(venueId)).toEqual([0, 1, 2]);
    const moved = await t.db.ingestRun.findUniqueOrThrow({ where: { id: late.id } });
    expect(moved.startedAt.getTime()).toBe(at(2, 900).getTime());

    // to another venue: the run leaves this venue's day 2 and enters the other's
    await t.db.ingestRun.createMany({ data: [0, 2].map((day) => ({ ...make(day, 5, "ok"), venueId: otherId, venueSlug: "rd-d" })) });
    await apiRunResiliency(t.db, otherId, w);
    expect(await storedDays(otherId)).toEqual([0, 1, 2]);
    await t.db.ingestRun.update({ where: { id: late.id }, data: { venueId: otherId } });
    expect(await storedDays(venueId)).toEqual([0, 1]);
    expect(await storedDays(otherId)).toEqual([0, 1]);
    await check();
    expect((await apiRunResiliency(t.db, otherId, w)).overall.runs).toBe(3);

    // deleted (deleteMany, as the simulator resets its runs)
    await check();
    await t.db.ingestRun.deleteMany({ where: { venueId, startedAt: at(0, 70) } });
    expect(await storedDays(venueId)).toEqual([1, 2]);
    expect((await check()).byKind.find((k) => k.kind === "depth")!.longestGapHours).toBeCloseTo(24 + 20 / 60, 9); // ok at day 0 +10 min, day 1 +10 min, day 2 +30 min

    // a run that starts (running) then finishes: its day is not stored while it runs
    const run = await t.db.ingestRun.create({ data: make(0, 500, "running") });
    await check();
    expect(await storedDays(venueId)).toEqual([1, 2]);
    await t.db.ingestRun.update({ where: { id: run.id }, data: { status: "ok" } });
    await check();
    expect(await storedDays(venueId)).toEqual([0, 1, 2]);

    // the venue deleted: its summaries go with it
    await t.db.ingestRun.deleteMany({ where: { venueId: otherId } });
    await t.db.venue.delete({ where: { id: otherId } });
    expect(await t.db.runDay.count({ where: { venueId: otherId } })).toBe(0);
  });

  it("builds a long stretch of missing days a month at a time, the same figures as the runs give", async () => {
    const venueId = await venue("rd-e");
    // 70 days, three runs a day (one failed every fifth day), and a 3-day silence from day 40 to day 42
    const data = [];
    for (let day = 0; day < 70; day++) {
      if (day >= 40 && day <= 42) continue;
      for (const h of [1, 9, 17]) data.push({ venueId, venueSlug: "rd-e", kind: "funding", mode: "live", status: day % 5 === 0 && h === 9 ? "failed" : "ok", startedAt: new Date(T0 + day * DAY_MS + h * 3_600_000), provenance: "live" as const });
    }
    await t.db.ingestRun.createMany({ data });
    const w = { from: T0, to: T0 + 70 * DAY_MS - 1 };
    const got = await apiRunResiliency(t.db, venueId, w);
    expect(got).toEqual(resiliency(await pointsOf(venueId), w));
    expect(got.overall.longestGapHours).toBe(4 * 24 - 16); // day 39 17:00 → day 43 01:00
    expect(await storedDays(venueId)).toEqual(Array.from({ length: 70 }, (_, i) => i));
    expect(await apiRunResiliency(t.db, venueId, w)).toEqual(got);
  });
});
