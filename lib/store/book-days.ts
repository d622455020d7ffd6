// Day rollups of a market's book snapshots (issue #18.2): per UTC day, the snapshots' id, time, mid, spread,
// level count and flags packed in time order in one BookDay row, so a year's mid/spread series (stress
// detection, spread percentiles, truncated share, provenance) reads 365 rows instead of 105,000.
// The columns hold every snapshot's exact values, so what is computed from them is what the snapshots give.
//
// Freshness: every write of books deletes the rows of the days it wrote, in its own transaction
// (forgetBookDays, called by lib/ingest/write-rows.ts). A read rebuilds missing days from the snapshots and
// stores them only when no ingest run of the venue was running around the rebuild (a run that commits while
// the rebuild reads could otherwise leave a day without its new books); otherwise it uses them unstored.
import "server-only";
import type { Db } from "../db";
import { DAY_MS } from "../metrics/time";
import { idleSqlite, readRows, sqliteAll, sqliteMs } from "./sqlite-read";
import { bindValue, dialectOf, greatest, placeholder, type RawQueryable } from "../sql-dialect";

export { DAY_MS };

/** Provenance codes in the packed flags (bits 1-2); bit 0 = truncated. */
const PROVENANCES = ["live", "recorded", "simulated"] as const;
export type BookProvenance = (typeof PROVENANCES)[number];

/** A market's snapshots as columns, in time order. */
export interface BookDayColumns {
  length: number;
  id: Float64Array;
  ts: Float64Array;
  mid: Float64Array;
  spreadBps: Float64Array;
  /** max(bid levels, ask levels) of each snapshot. */
  levels: Uint32Array;
  /** bit 0: truncated; bits 1-2: index into PROVENANCES. */
  flags: Uint8Array;
}

export const provenanceOf = (flags: number): BookProvenance => PROVENANCES[(flags >> 1) & 3] ?? "live";
export const isTruncated = (flags: number) => (flags & 1) === 1;

const dayStart = (ts: number) => Math.floor(ts / DAY_MS) * DAY_MS;

/** Delete the rollups of the days these (market, time) books fall in: they are rebuilt on their next read. */
export async function forgetBookDays(tx: Pick<Db, "bookDay">, books: readonly (readonly [marketId: number, ts: number])[]): Promise<void> {
  const byMarket = new Map<number, Set<number>>();
  for (const [m, ts] of books) {
    let s = byMarket.get(m);
    if (!s) byMarket.set(m, (s = new Set()));
    s.add(dayStart(ts));
  }
  for (const [marketId, days] of byMarket) {
    await tx.bookDay.deleteMany({ where: { marketId, day: { in: [...days].map((d) => new Date(d)) } } });
  }
}

/** A stored book as BookDayCount counts it. */
export interface CountedBook {
  marketId: number;
  ts: number;
  truncated: boolean;
  aggregated: boolean;
  bidLevels: number;
  askLevels: number;
  exactLevels: number | null;
  provenance: string;
}

const PROVENANCE_BIT: Record<string, number> = { live: 1, recorded: 2, simulated: 4 };

/**
 * Add books the writer has just inserted (only those: a row its ON CONFLICT skipped is already counted) to
 * their days' BookDayCount rows, in the writer's transaction: each market-day's count, truncated and
 * aggregated counts, most levels, most exact levels, provenances and first/last time, kept exact by every
 * write of books (/data's counts and coverage read them instead of grouping millions of rows). Increments,
 * not a recount of the day: a recount reads every book of the day again on each batch, quadratic over an
 * archive day imported in batches. Rows go with their market (cascade); nothing else deletes books.
 */
export async function addToBookDays(tx: RawQueryable, books: readonly CountedBook[]): Promise<void> {
  const dialect = dialectOf(tx);
  const days = new Map<string, { marketId: number; day: number; count: number; truncated: number; aggregated: number; maxLevels: number; exactLevels: number | null; provenances: number; first: number; last: number }>();
  for (const b of books) {
    const day = dayStart(b.ts);
    const key = `${b.marketId}|${day}`;
    let d = days.get(key);
    if (!d) days.set(key, (d = { marketId: b.marketId, day, count: 0, truncated: 0, aggregated: 0, maxLevels: 0, exactLevels: null, provenances: 0, first: b.ts, last: b.ts }));
    d.count++;
    if (b.truncated) d.truncated++;
    if (b.aggregated) {
      d.aggregated++;
      if (b.exactLevels !== null) d.exactLevels = Math.max(d.exactLevels ?? b.exactLevels, b.exactLevels);
    }
    d.maxLevels = Math.max(d.maxLevels, b.bidLevels, b.askLevels);
    d.provenances |= PROVENANCE_BIT[b.provenance] ?? 0;
    if (b.ts < d.first) d.first = b.ts;
    if (b.ts > d.last) d.last = b.ts;
  }
  const p = (i: number) => placeholder(dialect, i);
  const old = (c: string) => `"BookDayCount"."${c}"`;
  const neu = (c: string) => `excluded."${c}"`;
  const eitherOr = (c: string, pick: string) => `CASE WHEN ${old(c)} IS NULL THEN ${neu(c)} WHEN ${neu(c)} IS NULL THEN ${old(c)} ELSE ${pick} END`;
  const sql =
    `INSERT INTO "BookDayCount" ("marketId", "day", "count", "truncated", "aggregated", "maxLevels", "exactLevels", "provenances", "firstTs", "lastTs") VALUES (${Array.from({ length: 10 }, (_, i) => p(i)).join(", ")}) ` +
    `ON CONFLICT ("marketId", "day") DO UPDATE SET "count" = ${old("count")} + ${neu("count")}, "truncated" = ${old("truncated")} + ${neu("truncated")}, "aggregated" = ${old("aggregated")} + ${neu("aggregated")}, ` +
    `"maxLevels" = ${greatest(dialect, old("maxLevels"), neu("maxLevels"))}, "exactLevels" = ${eitherOr("exactLevels", greatest(dialect, old("exactLevels"), neu("exactLevels")))}, "provenances" = ${old("provenances")} | ${neu("provenances")}, ` +
    `"firstTs" = ${eitherOr("firstTs", `CASE WHEN ${neu("firstTs")} < ${old("firstTs")} THEN ${neu("firstTs")} ELSE ${old("firstTs")} END`)}, "lastTs" = ${eitherOr("lastTs", `CASE WHEN ${neu("lastTs")} > ${old("lastTs")} THEN ${neu("lastTs")} ELSE ${old("lastTs")} END`)}`;
  for (const d of days.values()) {
    const values = [d.marketId, new Date(d.day), d.count, d.truncated, d.aggregated, d.maxLevels, d.exactLevels, d.provenances, new Date(d.first), new Date(d.last)];
    await tx.$executeRawUnsafe(sql, ...values.map((v) => bindValue(dialect, v)));
  }
}

/** Packed layout: f64 id, ts, mid, spread (n each), u32 levels (n), u8 flags (n). */
export function packDay(c: BookDayColumns): Uint8Array<ArrayBuffer> {
  const n = c.length;
  const out = new Uint8Array(37 * n);
  const f = new Float64Array(out.buffer, 0, 4 * n);
  f.set(c.id.subarray(0, n), 0);
  f.set(c.ts.subarray(0, n), n);
  f.set(c.mid.subarray(0, n), 2 * n);
  f.set(c.spreadBps.subarray(0, n), 3 * n);
  new Uint32Array(out.buffer, 32 * n, n).set(c.levels.subarray(0, n));
  out.set(c.flags.subarray(0, n), 36 * n);
  return out;
}

/** The packed columns of `count` snapshots; null when the bytes do not hold exactly that many. */
export function unpackDay(bytes: Uint8Array, count: number): BookDayColumns | null {
  if (bytes.length !== 37 * count) return null;
  // Copy into an aligned buffer (a driver may hand back a view at any offset).
  const buf = new Uint8Array(bytes.length);
  buf.set(bytes);
  const f = new Float64Array(buf.buffer, 0, 4 * count);
  return {
    length: count,
    id: f.subarray(0, count),
    ts: f.subarray(count, 2 * count),
    mid: f.subarray(2 * count, 3 * count),
    spreadBps: f.subarray(3 * count, 4 * count),
    levels: new Uint32Array(buf.buffer, 32 * count, count),
    flags: buf.subarray(36 * count, 37 * count),
  };
}

function allocColumns(n: number): BookDayColumns {
  return { length: 0, id: new Float64Array(n), ts: new Float64Array(n), mid: new Float64Array(n), spreadBps: new Float64Array(n), levels: new Uint32Array(n), flags: new Uint8Array(n) };
}

/** Concatenate day columns (in order), keeping only snapshots with from ≤ ts ≤ to. */
function concatWithin(parts: readonly BookDayColumns[], from: number, to: number): BookDayColumns {
  const out = allocColumns(parts.reduce((s, p) => s + p.length, 0));
  let k = 0;
  for (const p of parts) {
    for (let i = 0; i < p.length; i++) {
      const ts = p.ts[i];
      if (ts < from || ts > to) continue;
      out.id[k] = p.id[i];
      out.ts[k] = ts;
      out.mid[k] = p.mid[i];
      out.spreadBps[k] = p.spreadBps[i];
      out.levels[k] = p.levels[i];
      out.flags[k] = p.flags[i];
      k++;
    }
  }
  out.length = k;
  return out;
}

/** The newest run id and whether a run is running, for the venue's runs and runs of no venue. */
async function runState(db: Db, venueId: number): Promise<{ maxId: number; running: boolean }> {
  // Index seeks on (venueId) and (status): MAX over each venue key, and whether any such run is running.
  const [row] = await readRows<{ maxId: number | bigint | null; maxNull: number | bigint | null; running: number | bigint | null }>(
    db,
    `SELECT (SELECT MAX("id") FROM "IngestRun" WHERE "venueId" = ?) AS "maxId", (SELECT MAX("id") FROM "IngestRun" WHERE "venueId" IS NULL) AS "maxNull", (SELECT COUNT(*) FROM "IngestRun" WHERE "status" = 'running' AND ("venueId" = ? OR "venueId" IS NULL)) AS "running"`,
    [venueId, venueId],
  );
  return { maxId: Math.max(Number(row?.maxId ?? 0), Number(row?.maxNull ?? 0)), running: Number(row?.running ?? 0) > 0 };
}

/** Build the columns of the snapshots in [from, to) from the snapshot rows, split by UTC day. */
async function buildDays(db: Db, marketId: number, from: number, to: number): Promise<Map<number, BookDayColumns>> {
  const rows = await db.bookSnapshot.findMany({
    where: { marketId, ts: { gte: new Date(from), lt: new Date(to) } },
    select: { id: true, ts: true, midPrice: true, spreadBps: true, bidLevels: true, askLevels: true, truncated: true, provenance: true },
    orderBy: { ts: "asc" },
  });
  const out = new Map<number, BookDayColumns>();
  for (let i = 0; i < rows.length; ) {
    const d = dayStart(rows[i].ts.getTime());
    let j = i;
    while (j < rows.length && rows[j].ts.getTime() < d + DAY_MS) j++;
    const c = allocColumns(j - i);
    for (let k = i; k < j; k++) {
      const r = rows[k];
      const at = k - i;
      c.id[at] = r.id;
      c.ts[at] = r.ts.getTime();
      c.mid[at] = r.midPrice;
      c.spreadBps[at] = r.spreadBps;
      c.levels[at] = Math.max(r.bidLevels, r.askLevels);
      c.flags[at] = (r.truncated ? 1 : 0) | (Math.max(0, PROVENANCES.indexOf(r.provenance)) << 1);
    }
    c.length = j - i;
    out.set(d, c);
    i = j;
  }
  return out;
}

/**
 * The snapshots of a market with from ≤ ts ≤ to as columns in time order, read from the day rollups (missing
 * days rebuilt, and stored when that is safe: see the file comment). `from`/`to` should already be clamped to
 * the market's data (views/windows.resolveWindow): a day row is kept for every day of the range.
 */
export async function bookDayColumns(db: Db, marketId: number, venueId: number, from: number, to: number): Promise<BookDayColumns> {
  const first = dayStart(from);
  const last = dayStart(to);
  const before = await runState(db, venueId);
  const conn = idleSqlite(db);
  const stored = conn
    ? sqliteAll<{ day: string; count: number; packed: Uint8Array }>(conn, `SELECT "day", "count", "packed" FROM "BookDay" WHERE "marketId" = ? AND "day" >= ? AND "day" <= ?`, [marketId, new Date(first), new Date(last)]).map((r) => ({ day: sqliteMs(r.day), count: r.count, packed: r.packed }))
    : (await db.bookDay.findMany({ where: { marketId, day: { gte: new Date(first), lte: new Date(last) } }, select: { day: true, count: true, packed: true } })).map((r) => ({ ...r, day: r.day.getTime() }));
  const byDay = new Map<number, BookDayColumns>();
  for (const r of stored) {
    const c = unpackDay(r.packed, r.count);
    if (c) byDay.set(r.day, c);
  }
  // Missing days, rebuilt a contiguous stretch at a time.
  const rebuilt = new Map<number, BookDayColumns>();
  for (let d = first; d <= last; d += DAY_MS) {
    if (byDay.has(d)) continue;
    let end = d;
    while (end + DAY_MS <= last && !byDay.has(end + DAY_MS)) end += DAY_MS;
    const built = await buildDays(db, marketId, d, end + DAY_MS);
    for (let x = d; x <= end; x += DAY_MS) {
      const c = built.get(x) ?? allocColumns(0);
      rebuilt.set(x, c);
      byDay.set(x, c);
    }
    d = end;
  }
  if (rebuilt.size > 0 && !before.running) {
    const data = [...rebuilt].map(([day, c]) => ({ marketId, day: new Date(day), count: c.length, packed: packDay(c) }));
    try {
      // One statement per chunk; a concurrent reader may have stored the same days (skip those).
      for (let i = 0; i < data.length; i += 200) {
        const chunk = data.slice(i, i + 200);
        await db.bookDay.deleteMany({ where: { marketId, day: { in: chunk.map((x) => x.day) } } });
        await db.bookDay.createMany({ data: chunk });
      }
      const after = await runState(db, venueId);
      // A run that started meanwhile may have written books of these days before we stored them.
      if (after.maxId !== before.maxId || after.running) await db.bookDay.deleteMany({ where: { marketId, day: { in: data.map((x) => x.day) } } });
    } catch {
      // Storing is an optimisation only (a concurrent reader stored them first): the columns are still right.
    }
  }
  const parts: BookDayColumns[] = [];
  for (let d = first; d <= last; d += DAY_MS) parts.push(byDay.get(d)!);
  return concatWithin(parts, from, to);
}
