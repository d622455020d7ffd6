// Computed figures kept in the database until the data they read changes. A value stores the ingest-run id it
// was computed at (dataVersion) and what it read (its scope: market, per-kind windows and spans, runs); it is
// reused until a later run of its venue (of any venue without `venueId`) touched something in that scope
// (lib/store/touched.ts), so an ingest of one market's new minute does not recompute a year-old window of
// another (issue #18.3). Keys carry a version of the computation, so a code change recomputes them.
// The cache is size-capped: values above figureCacheLimits.maxEntryBytes are not stored, and past
// figureCacheLimits.maxBytes in all the oldest computed values are evicted first.
import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import type { Db } from "../db";
import { parseTouched, runInvalidates, type FigureScope } from "../store/touched";
import { msOf, readRows, writeRaw } from "../store/sqlite-read";
import { processWide } from "../process-wide";

/**
 * maxBytes: total JSON the cache keeps (counted as string length); maxEntryBytes: a single value larger than
 * this is returned but not stored. Mutable for tests only.
 */
export const figureCacheLimits = { maxBytes: 64 * 1024 * 1024, maxEntryBytes: 8 * 1024 * 1024 };
/** Runs checked against a stored value's scope before giving up and recomputing. */
const MAX_RUNS_CHECKED = 200;

// One computation per key at a time in this process: while a key is being recomputed (an ingest touched its
// data), other requests for it answer with the last stored value instead of starting the same work again, so
// a stream of ingests cannot make every reader recompute every figure (issue #18). A reader with no stored
// value waits for the running computation; a reader that arrives when nothing is running computes itself, so
// sequential callers always see the data they just wrote.
// Keyed by database handle too: tests (and a PostgreSQL team server's CLI) may hold several at once.
const inflightByDb = processWide("figure-inflight", () => new WeakMap<Db, Map<string, Promise<unknown>>>());

/**
 * Parsed values kept in this process beside the stored rows (the same validity check against later runs
 * applies), so a warm read costs one query for later runs instead of a row read and a JSON parse. Values are
 * deep-frozen: callers share them. Bounded by figureCacheLimits.maxBytes, least recently used out first.
 */
interface MemEntry {
  dataVersion: number;
  scope: string | null;
  value: unknown;
  bytes: number;
  /** Checked valid against every run of its venue (every run, without a venue) up to this id, all finished then. */
  checkedThrough?: number;
}

/**
 * A read fence: the run state taken once at the start of a read that asks for many figures (a scorecard reads
 * ~50), so a figure whose venue has had no run since it was last checked is served without a query of its
 * own. Per venue: the highest run id and whether a run is still running (a running run may touch more, so
 * its venue's figures are checked as usual). Key `null` holds the values over all runs.
 */
interface RunFence {
  db: Db;
  maxId: Map<number | null, number>;
  running: Set<number | null>;
}
const fenceStore = processWide("figure-fence", () => new AsyncLocalStorage<RunFence>());

/**
 * Run `read` inside a read fence (see RunFence): one query for the run state instead of one per cached
 * figure. Figures read inside are as fresh as the fence: a run that finishes while the read is under way is
 * seen by the next read. Nested fences on the same database reuse the outer one.
 */
export async function withRunFence<T>(db: Db, read: () => Promise<T>): Promise<T> {
  if (fenceStore.getStore()?.db === db) return read();
  // Every cached read asks this, so each part is an index seek: a venue's latest run on (venueId), runs of
  // deleted venues (venueId null), the running ones on (status). A GROUP BY over every run and a scan for
  // "running" took ~26 ms a request over a year of collection runs (2 × 10^5).
  const [maxes, orphans, running] = await Promise.all([
    db.$queryRawUnsafe<{ venueId: number | bigint; maxId: number | bigint | null }[]>(`SELECT v."id" AS "venueId", (SELECT MAX(r."id") FROM "IngestRun" r WHERE r."venueId" = v."id") AS "maxId" FROM "Venue" v`),
    db.ingestRun.aggregate({ where: { venueId: null }, _max: { id: true } }),
    db.ingestRun.findMany({ where: { status: "running" }, select: { venueId: true } }),
  ]);
  const maxId = new Map<number | null, number>();
  let top = orphans._max.id ?? 0;
  for (const m of maxes) {
    if (m.maxId === null) continue;
    const id = Number(m.maxId);
    maxId.set(Number(m.venueId), id);
    top = Math.max(top, id);
  }
  maxId.set(null, top);
  const run = new Set<number | null>(running.map((r) => r.venueId));
  if (run.size > 0) run.add(null);
  return fenceStore.run({ db, maxId, running: run }, read);
}

/** The run id a figure of this venue is current through under the active fence, or null (no fence, or a run of it is running). */
function fenceHorizon(db: Db, venueId: number | undefined): number | null {
  const f = fenceStore.getStore();
  if (!f || f.db !== db) return null;
  const v = venueId ?? null;
  if (f.running.has(v)) return null;
  return f.maxId.get(v) ?? 0;
}
const memByDb = processWide("figure-memory", () => new WeakMap<Db, Map<string, MemEntry>>());
const memBytes = processWide("figure-memory-bytes", () => new WeakMap<Map<string, MemEntry>, number>());

function deepFreeze<T>(v: T): T {
  if (v && typeof v === "object" && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v as object)) deepFreeze(x);
  }
  return v;
}

function memOf(db: Db): Map<string, MemEntry> {
  let m = memByDb.get(db);
  if (!m) memByDb.set(db, (m = new Map()));
  return m;
}

function memPut(db: Db, key: string, e: MemEntry): void {
  const m = memOf(db);
  let total = (memBytes.get(m) ?? 0) - (m.get(key)?.bytes ?? 0);
  m.delete(key);
  if (e.bytes > figureCacheLimits.maxEntryBytes) return memBytes.set(m, total), undefined;
  m.set(key, e);
  total += e.bytes;
  // A Map iterates in insertion order; a read re-inserts its key, so the first keys are the least recently used.
  for (const [k, old] of m) {
    if (total <= figureCacheLimits.maxBytes) break;
    m.delete(k);
    total -= old.bytes;
  }
  memBytes.set(m, total);
}

/**
 * The version a value computed now is valid from: the highest run id, but below any run still running (its
 * later batches may commit after we read), so that run is checked again once it has finished.
 */
async function computeVersion(db: Db, venueId: number | undefined): Promise<number> {
  // Index seeks: the venue's latest run on (venueId); its running runs on (status) — the unary plus keeps
  // SQLite off the (venueId) index there, which would walk every run of the venue.
  const venue = (col: string) => (venueId === undefined ? "" : ` AND ${col} = ?`);
  const [row] = await readRows<{ top: number | bigint | null; running: number | bigint | null }>(
    db,
    `SELECT (SELECT MAX("id") FROM "IngestRun" WHERE 1 = 1${venue(`"venueId"`)}) AS "top", (SELECT MIN("id") FROM "IngestRun" WHERE "status" = 'running'${venue(`+"venueId"`)}) AS "running"`,
    venueId === undefined ? [] : [venueId, venueId],
  );
  const top = Number(row?.top ?? 0);
  return row?.running !== null && row?.running !== undefined ? Math.min(top, Number(row.running) - 1) : top;
}

/**
 * Whether the stored value is still valid, and the version it can be moved up to (past runs checked and
 * finished) so the next read checks fewer runs.
 */
async function stillValid(db: Db, hit: { readonly dataVersion: number; readonly scope: string | null }, venueId: number | undefined): Promise<{ valid: boolean; upTo: number }> {
  const rows = await readRows<{ id: number | bigint; status: string; startedAt: unknown; touched: string | null }>(
    db,
    `SELECT "id", "status", "startedAt", "touched" FROM "IngestRun" WHERE "id" > ?${venueId === undefined ? "" : ` AND "venueId" = ?`} ORDER BY "id" ASC LIMIT ?`,
    venueId === undefined ? [hit.dataVersion, MAX_RUNS_CHECKED + 1] : [hit.dataVersion, venueId, MAX_RUNS_CHECKED + 1],
  );
  const runs = rows.map((r) => ({ id: Number(r.id), status: r.status, startedAt: new Date(msOf(r.startedAt)), touched: r.touched }));
  if (runs.length === 0) return { valid: true, upTo: hit.dataVersion };
  if (runs.length > MAX_RUNS_CHECKED || hit.scope === null) return { valid: false, upTo: hit.dataVersion };
  let scope: FigureScope;
  try {
    scope = JSON.parse(hit.scope) as FigureScope;
  } catch {
    return { valid: false, upTo: hit.dataVersion };
  }
  let upTo = hit.dataVersion;
  let contiguous = true;
  for (const r of runs) {
    if (runInvalidates(scope, { startedAt: r.startedAt.getTime(), touched: parseTouched(r.touched) })) return { valid: false, upTo: hit.dataVersion };
    // A running run may still commit more: the version stays below it.
    if (r.status === "running") contiguous = false;
    if (contiguous) upTo = r.id;
  }
  return { valid: true, upTo };
}

/** Evict the oldest computed values until the cache holds at most figureCacheLimits.maxBytes. */
async function enforceCap(db: Db): Promise<void> {
  // (read from the (computedAt, bytes) index: the rows themselves hold up to maxBytes of JSON)
  const [sum] = await readRows<{ total: number | bigint | null }>(db, `SELECT SUM("bytes") AS "total" FROM "FigureCache"`, []);
  const total = Number(sum?.total ?? 0);
  if (total <= figureCacheLimits.maxBytes) return;
  // Down to 3/4 of the cap, so eviction does not run again on the next store.
  let excess = total - Math.floor((figureCacheLimits.maxBytes * 3) / 4);
  const oldest = await readRows<{ id: number; bytes: number }>(db, `SELECT "id", "bytes" FROM "FigureCache" ORDER BY "computedAt" ASC LIMIT 1000`, []);
  const ids: number[] = [];
  for (const r of oldest) {
    if (excess <= 0) break;
    ids.push(r.id);
    excess -= r.bytes;
  }
  if (ids.length) await db.figureCache.deleteMany({ where: { id: { in: ids } } });
}

/**
 * A figure computed with its scope (what it read), cached until a later run of the venue touches that scope.
 * `compute` returns the value and its scope; a null scope means "anything of the venue".
 */
export async function cachedScopedFigure<T>(db: Db, key: string, compute: () => Promise<{ value: T; scope: FigureScope | null }>, venueId?: number): Promise<T> {
  const mem = memOf(db).get(key);
  const horizon = fenceHorizon(db, venueId);
  if (mem) {
    // Under a fence, no run of the venue since this value was last checked: nothing to ask the database.
    if (horizon !== null && mem.checkedThrough !== undefined && mem.checkedThrough >= horizon) {
      memPut(db, key, mem);
      return mem.value as T;
    }
    const check = await stillValid(db, mem, venueId);
    if (check.valid) {
      mem.dataVersion = check.upTo;
      // The check ran after the fence was taken and no run of the venue was running then: it covered every
      // run up to the fence's.
      mem.checkedThrough = horizon ?? undefined;
      memPut(db, key, mem);
      return mem.value as T;
    }
  }
  const [hit] = await readRows<{ dataVersion: number; scope: string | null; json: string }>(db, `SELECT "dataVersion", "scope", "json" FROM "FigureCache" WHERE "key" = ?`, [key]);
  if (hit) {
    const check = await stillValid(db, hit, venueId);
    if (check.valid) {
      // Moving the version up is an optimisation only; a concurrent recompute may have replaced the row.
      if (check.upTo > hit.dataVersion + 8) await db.figureCache.updateMany({ where: { key, dataVersion: hit.dataVersion }, data: { dataVersion: check.upTo } }).catch(() => undefined);
      const value = deepFreeze(JSON.parse(hit.json) as T);
      memPut(db, key, { dataVersion: check.upTo, scope: hit.scope, value, bytes: hit.json.length, checkedThrough: horizon ?? undefined });
      return value;
    }
  }
  let inflight = inflightByDb.get(db);
  if (!inflight) inflightByDb.set(db, (inflight = new Map()));
  const running = inflight.get(key) as Promise<T> | undefined;
  if (running) return hit ? deepFreeze(JSON.parse(hit.json) as T) : running;
  const work = (async () => {
    const version = await computeVersion(db, venueId);
    const { value, scope } = await compute();
    const json = JSON.stringify(value);
    const scopeJson = scope === null ? null : JSON.stringify(scope);
    if (json.length <= figureCacheLimits.maxEntryBytes) {
      await writeRaw(
        db,
        `INSERT INTO "FigureCache" ("key", "dataVersion", "json", "scope", "bytes", "computedAt") VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT ("key") DO UPDATE SET "dataVersion" = excluded."dataVersion", "json" = excluded."json", "scope" = excluded."scope", "bytes" = excluded."bytes", "computedAt" = excluded."computedAt"`,
        [key, version, json, scopeJson, json.length, new Date()],
      );
      await enforceCap(db);
    } else {
      await db.figureCache.deleteMany({ where: { key } });
    }
    memPut(db, key, { dataVersion: version, scope: scopeJson, value: deepFreeze(value), bytes: json.length });
    return value;
  })().finally(() => inflight.delete(key));
  inflight.set(key, work);
  return work;
}

/** A figure that may read anything of its venue (of the database without `venueId`): any later run recomputes it. */
export async function cachedFigure<T>(db: Db, key: string, compute: () => Promise<T>, venueId?: number): Promise<T> {
  return cachedScopedFigure(db, key, async () => ({ value: await compute(), scope: null }), venueId);
}

const marketVenueByDb = processWide("market-venue", () => new WeakMap<Db, Map<number, number>>());

/** The venue a market belongs to (markets never move between venues, so the answer is memoised per database). */
export async function venueOfMarket(db: Db, marketId: number): Promise<number> {
  let byMarket = marketVenueByDb.get(db);
  if (!byMarket) marketVenueByDb.set(db, (byMarket = new Map()));
  let v = byMarket.get(marketId);
  if (v === undefined) {
    v = (await db.market.findUniqueOrThrow({ where: { id: marketId }, select: { venueId: true } })).venueId;
    byMarket.set(marketId, v);
  }
  return v;
}

/** Drop this process's parsed values (benchmarks measuring a cold cache delete the stored rows and call this). */
export function forgetFiguresInMemory(db: Db): void {
  memByDb.delete(db);
}
