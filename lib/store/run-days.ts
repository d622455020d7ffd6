// Day summaries of a venue's API runs (RunDay; issue #18): per UTC day and kind, the counts, first and last
// success and longest gap that resiliency needs (lib/metrics/resiliency.ts, RunStretch), so a year's
// resiliency reads ~10^3 summaries instead of ~2 × 10^4 runs a venue (~20 ms a venue on the scale dataset).
//
// Freshness: triggers on IngestRun (migration 20261211100000_run_day) delete a venue-day's summaries in the
// writer's own statement whenever one of its runs is inserted, updated or deleted, whichever module writes it.
// A read rebuilds missing days inside one transaction that no run write can interleave with (SQLite: the
// immediate transaction holds the write lock; PostgreSQL: a SHARE lock on IngestRun, which waits for writers
// in flight), and stores only days none of whose runs is still running. The days a window cuts are read
// from the runs.
import "server-only";
import { sqliteConnectionOf, type Db } from "../db";
import { DAY_MS } from "../metrics/time";
import type { IngestRunPoint, TimeWindow } from "../metrics/types";
import { resiliencyFromStretches, runsByKind, stretchOf, type Resiliency, type RunStretch } from "../metrics/resiliency";
import { dialectOf } from "../sql-dialect";
import { msOf, readRows, sqliteAll, timeSpan } from "./sqlite-read";

/** Runs that measure a venue's API (live fetches and their simulated stand-ins), not file imports. */
export const API_RUN_MODES = ["live", "simulate"] as const;

/** How long a read waits for run writers in flight before it computes the days without storing them (PostgreSQL). */
const LOCK_TIMEOUT_MS = 2_000;

/** Days summarized per transaction when missing: bounds the runs one build holds (a month of minute-cadence runs of every kind is ~10^5). */
const BUILD_DAYS = 31;

/** The summary row that says a day is summarized (kind ""): it counts every kind of the day. */
const DAY_MARKER = "";

const dayOf = (ms: number) => Math.floor(ms / DAY_MS);

/** The API modes as SQL (the code's own constants, never input). */
const API_MODES_SQL = `"mode" IN (${API_RUN_MODES.map((m) => `'${m}'`).join(", ")})`;
const RUNS_SQL = `SELECT "startedAt", "kind", "status" FROM "IngestRun" WHERE "venueId" = ? AND ${API_MODES_SQL} AND "startedAt" >= ? AND "startedAt" < ?`;
type RunRow = { startedAt: unknown; kind: string; status: string };
const pointOf = (r: RunRow): IngestRunPoint => ({ startedAt: msOf(r.startedAt), kind: r.kind, status: r.status as IngestRunPoint["status"] });

/** The venue's API runs with from ≤ startedAt < toExclusive. */
async function runsIn(db: Db, venueId: number, from: number, toExclusive: number): Promise<IngestRunPoint[]> {
  return (await readRows<RunRow>(db, RUNS_SQL, [venueId, new Date(from), new Date(toExclusive)])).map(pointOf);
}

type DayKinds = Map<string, RunStretch>;

/** A day's runs as its kinds' stretches. */
function summarizeDay(runs: readonly IngestRunPoint[]): DayKinds {
  const out: DayKinds = new Map();
  for (const [kind, list] of runsByKind(runs, { from: -Infinity, to: Infinity })) out.set(kind, stretchOf(list));
  return out;
}

/** Rows of the days firstDay..lastDay that are stored, by day (days without their marker row are left out). */
async function storedDays(db: Db, venueId: number, firstDay: number, lastDay: number): Promise<Map<number, DayKinds>> {
  const rows = await readRows<{ day: number | bigint; kind: string; runs: number | bigint; finished: number | bigint; successes: number | bigint; failures: number | bigint; firstOk: number | null; lastOk: number | null; longestGapMs: number | null }>(
    db,
    `SELECT "day", "kind", "runs", "finished", "successes", "failures", "firstOk", "lastOk", "longestGapMs" FROM "RunDay" WHERE "venueId" = ? AND "day" >= ? AND "day" <= ?`,
    [venueId, firstDay, lastDay],
  );
  const byDay = new Map<number, DayKinds>();
  const marked = new Set<number>();
  for (const r of rows) {
    const day = Number(r.day);
    if (r.kind === DAY_MARKER) {
      marked.add(day);
      continue;
    }
    let kinds = byDay.get(day);
    if (!kinds) byDay.set(day, (kinds = new Map()));
    kinds.set(r.kind, { runs: Number(r.runs), finished: Number(r.finished), successes: Number(r.successes), failures: Number(r.failures), firstOk: r.firstOk, lastOk: r.lastOk, longestGapMs: r.longestGapMs });
  }
  const out = new Map<number, DayKinds>();
  for (const day of marked) out.set(day, byDay.get(day) ?? new Map());
  return out;
}

/**
 * Summarize the days firstDay..lastDay from the runs, storing the days none of whose runs is running, inside a
 * transaction no run write interleaves with (see the file comment). When the lock cannot be had in time, the
 * days are summarized from the runs and not stored.
 */
async function buildDays(db: Db, venueId: number, firstDay: number, lastDay: number): Promise<Map<number, DayKinds>> {
  const from = firstDay * DAY_MS;
  const to = (lastDay + 1) * DAY_MS;
  const summarize = (runs: readonly IngestRunPoint[]) => {
    const byDay = new Map<number, IngestRunPoint[]>();
    const running = new Set<number>();
    for (const r of runs) {
      const d = dayOf(r.startedAt);
      let list = byDay.get(d);
      if (!list) byDay.set(d, (list = []));
      list.push(r);
      if (r.status === "running") running.add(d);
    }
    const days = new Map<number, DayKinds>();
    for (let d = firstDay; d <= lastDay; d++) days.set(d, summarizeDay(byDay.get(d) ?? []));
    return { days, running };
  };
  try {
    return await db.$transaction(
      async (tx) => {
        if (dialectOf(db) === "postgresql") {
          await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT_MS}ms'`);
          await tx.$executeRawUnsafe(`LOCK TABLE "IngestRun" IN SHARE MODE`);
        }
        // (on SQLite a prepared statement on the transaction's own connection: the write lock is held meanwhile)
        const conn = sqliteConnectionOf(db);
        const points = conn?.inTransaction
          ? sqliteAll<RunRow>(conn, RUNS_SQL, [venueId, new Date(from), new Date(to)]).map(pointOf)
          : (await tx.ingestRun.findMany({ where: { venueId, mode: { in: [...API_RUN_MODES] }, startedAt: { gte: new Date(from), lt: new Date(to) } }, select: { startedAt: true, kind: true, status: true } })).map(pointOf);
        const { days, running } = summarize(points);
        const data: { venueId: number; day: number; kind: string; runs: number; finished: number; successes: number; failures: number; firstOk: number | null; lastOk: number | null; longestGapMs: number | null }[] = [];
        for (const [day, kinds] of days) {
          if (running.has(day)) continue;
          const all = { runs: 0, finished: 0, successes: 0, failures: 0 };
          for (const [kind, s] of kinds) {
            data.push({ venueId, day, kind, ...s });
            all.runs += s.runs;
            all.finished += s.finished;
            all.successes += s.successes;
            all.failures += s.failures;
          }
          data.push({ venueId, day, kind: DAY_MARKER, ...all, firstOk: null, lastOk: null, longestGapMs: null });
        }
        // (another reader may have stored some of these days meanwhile: theirs are the same, replaced)
        await tx.runDay.deleteMany({ where: { venueId, day: { gte: firstDay, lte: lastDay } } });
        if (conn?.inTransaction) {
          // (Prisma's createMany compiles every row: ~0.1 ms a row, 0.4 s for a venue-year here)
          const insert = conn.prepare(`INSERT INTO "RunDay" ("venueId", "day", "kind", "runs", "finished", "successes", "failures", "firstOk", "lastOk", "longestGapMs") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
          for (const r of data) insert.run(r.venueId, r.day, r.kind, r.runs, r.finished, r.successes, r.failures, r.firstOk, r.lastOk, r.longestGapMs);
        } else {
          for (let i = 0; i < data.length; i += 1000) await tx.runDay.createMany({ data: data.slice(i, i + 1000) });
        }
        return days;
      },
      { timeout: 60_000, maxWait: 10_000 },
    );
  } catch {
    // Storing is an optimisation only (the lock was not had in time, or the database is read-only): the
    // summaries are still right, computed from the runs as they are now.
    return summarize(await runsIn(db, venueId, from, to)).days;
  }
}

/**
 * Resiliency of a venue's API runs started within `window` (ends included): as lib/metrics/resiliency.ts
 * computes it over the runs themselves, from the day summaries of the whole days in the window (missing ones
 * rebuilt) and the runs of the days it cuts.
 */
export async function apiRunResiliency(db: Db, venueId: number, window: TimeWindow): Promise<Resiliency> {
  const byKind = new Map<string, RunStretch[]>();
  const add = (kinds: DayKinds) => {
    for (const [kind, s] of kinds) {
      let list = byKind.get(kind);
      if (!list) byKind.set(kind, (list = []));
      list.push(s);
    }
  };
  // Read only over the days the venue has runs in: a window reaching back to 1970 ("all") builds no empty days.
  const span = await timeSpan(db, "IngestRun", "startedAt", `"venueId" = ? AND ${API_MODES_SQL}`, [venueId]);
  if (span.first === null || span.last === null) return resiliencyFromStretches(byKind, window);
  const from = Math.max(window.from, dayOf(span.first) * DAY_MS);
  const to = Math.min(Math.floor(window.to), (dayOf(span.last) + 1) * DAY_MS - 1);
  if (from > to) return resiliencyFromStretches(byKind, window);
  // Whole days: d·DAY ≥ from and (d+1)·DAY − 1 ≤ to (run starts are whole milliseconds).
  const firstDay = Math.ceil(from / DAY_MS);
  const lastDay = Math.floor((to + 1) / DAY_MS) - 1;
  if (firstDay > lastDay) {
    add(summarizeDay(await runsIn(db, venueId, from, to + 1)));
    return resiliencyFromStretches(byKind, window);
  }
  const head = await runsIn(db, venueId, from, firstDay * DAY_MS);
  const tail = await runsIn(db, venueId, (lastDay + 1) * DAY_MS, to + 1);
  const days = await storedDays(db, venueId, firstDay, lastDay);
  // Missing days, rebuilt BUILD_DAYS at a time (each build holds one stretch's runs in memory).
  for (let d = firstDay; d <= lastDay; d++) {
    if (days.has(d)) continue;
    let end = d;
    while (end + 1 <= lastDay && end + 1 < d + BUILD_DAYS && !days.has(end + 1)) end++;
    for (const [day, kinds] of await buildDays(db, venueId, d, end)) days.set(day, kinds);
    d = end;
  }
  // In time order: the head, each day, the tail.
  add(summarizeDay(head));
  for (let d = firstDay; d <= lastDay; d++) add(days.get(d)!);
  add(summarizeDay(tail));
  return resiliencyFromStretches(byKind, window);
}
