// Stored liquidity curves (lib/metrics/liquidity-curve.ts): read by snapshot id, and filled for rows stored
// before curves existed (the migration step: `venuescope metrics --curves`, run by bootstrap on every start).
import "server-only";
import { sqliteConnectionOf, type Db } from "../db";
import { decodeLevels } from "../books/level-codec";
import { decodeCurve, encodeCurve, liquidityCurve, type LiquidityCurve } from "../metrics/liquidity-curve";
import { dialectOf } from "../sql-dialect";
import { idleSqlite, sqliteAll, sqliteMs } from "./sqlite-read";
import { processWide } from "../process-wide";

/** Ids per query: well under SQLite's bound-parameter limit. */
const CHUNK = 500;

/**
 * The curves of these snapshots, in time order. A row without a curve of this version (stored before curves,
 * or by an older layout) gets one computed from its levels here; the backfill stores it.
 */
export async function curvesByIds(db: Db, ids: readonly number[]): Promise<LiquidityCurve[]> {
  const out: LiquidityCurve[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(...(await readCurves(db, ids.slice(i, i + CHUNK))).values());
  return out.sort((a, b) => a.ts - b.ts);
}

/** Curves kept in this process by snapshot id (a curve never changes once stored): at most this many per database. */
export const CURVE_MEMO_MAX = 60_000;
const memoByDb = processWide("curve-memo", () => new WeakMap<Db, Map<number, LiquidityCurve>>());

/**
 * The curves of these snapshots by id, from this process's memo where present (oldest entries dropped past
 * CURVE_MEMO_MAX): the same sample read again at another notional costs no query. Ids that do not exist are absent.
 */
export async function curvesById(db: Db, ids: readonly number[]): Promise<Map<number, LiquidityCurve>> {
  let memo = memoByDb.get(db);
  if (!memo) memoByDb.set(db, (memo = new Map()));
  const out = new Map<number, LiquidityCurve>();
  const missing: number[] = [];
  for (const id of ids) {
    const c = memo.get(id);
    if (c) out.set(id, c);
    else missing.push(id);
  }
  for (let i = 0; i < missing.length; i += CHUNK) {
    const chunk = missing.slice(i, i + CHUNK);
    for (const [id, c] of await readCurves(db, chunk)) {
      out.set(id, c);
      memo.set(id, c);
    }
  }
  for (const k of memo.keys()) {
    if (memo.size <= CURVE_MEMO_MAX) break;
    memo.delete(k);
  }
  return out;
}

/** Empty this process's curve memo of a database (benchmarks measuring a cold process). */
export function forgetCurvesInMemory(db: Db): void {
  memoByDb.delete(db);
}

/** One chunk of curves by id (computed from the levels for rows without a stored curve of this version). */
async function readCurves(db: Db, chunk: readonly number[]): Promise<Map<number, LiquidityCurve>> {
  const out = new Map<number, LiquidityCurve>();
  const missing: number[] = [];
  const take = (id: number, ts: number, truncated: boolean, bytes: Uint8Array | null) => {
    const c = bytes ? decodeCurve(bytes, ts, truncated) : null;
    if (c) out.set(id, c);
    else missing.push(id);
  };
  const conn = idleSqlite(db);
  if (conn) {
    // (rows decoded as they come: no mapped copy and Date per row, which a figure would hold ~10^4 of)
    const sql = `SELECT "id", "ts", "truncated", "curve" FROM "BookSnapshot" WHERE "id" IN (${chunk.map(() => "?").join(",")})`;
    for (const r of sqliteAll<{ id: number; ts: string; truncated: number; curve: Uint8Array | null }>(conn, sql, chunk)) take(r.id, sqliteMs(r.ts), r.truncated === 1, r.curve);
  } else {
    for (const r of await db.bookSnapshot.findMany({ where: { id: { in: [...chunk] } }, select: { id: true, ts: true, truncated: true, curve: true } })) take(r.id, r.ts.getTime(), r.truncated, r.curve);
  }
  if (missing.length) {
    const books = await db.bookSnapshot.findMany({ where: { id: { in: missing } }, select: { id: true, ts: true, bids: true, asks: true, truncated: true } });
    for (const b of books) out.set(b.id, liquidityCurve({ ts: b.ts.getTime(), bids: decodeLevels(b.bids), asks: decodeLevels(b.asks), truncated: b.truncated }));
  }
  return out;
}

export interface CurveBackfillResult {
  updated: number;
  ms: number;
}

/**
 * Compute and store the curve of every snapshot without one (with `all`, of every snapshot: after a change of
 * CURVE_VERSION), `batch` rows per transaction in id order. An interrupted run resumes where it stopped; rows
 * written meanwhile by an ingest already have theirs.
 */
export async function backfillCurves(db: Db, opts: { batch?: number; all?: boolean; onProgress?: (done: number, total: number) => void } = {}): Promise<CurveBackfillResult> {
  const t0 = Date.now();
  const batch = opts.batch ?? 2000;
  const only = opts.all ? {} : { curve: null };
  const onlySql = opts.all ? "" : ` AND "curve" IS NULL`;
  const total = await db.bookSnapshot.count({ where: only });
  let updated = 0;
  let after = 0;
  while (updated < total) {
    const rows = await db.bookSnapshot.findMany({ where: { id: { gt: after }, ...only }, orderBy: { id: "asc" }, take: batch, select: { id: true, ts: true, bids: true, asks: true, truncated: true } });
    if (rows.length === 0) break;
    after = rows[rows.length - 1].id;
    const values = rows.map((r) => [r.id, encodeCurve(liquidityCurve({ ts: r.ts.getTime(), bids: decodeLevels(r.bids), asks: decodeLevels(r.asks), truncated: r.truncated }))] as const);
    await db.$transaction(async (tx) => {
      const conn = sqliteConnectionOf(db);
      if (conn?.inTransaction) {
        // A prepared statement on the transaction's own connection (as lib/ingest/write-rows.ts does for books).
        const stmt = conn.prepare(`UPDATE "BookSnapshot" SET "curve" = ? WHERE "id" = ?${onlySql}`);
        for (const [id, bytes] of values) stmt.run(bytes, id);
      } else if (dialectOf(tx) === "postgresql") {
        for (let i = 0; i < values.length; i += CHUNK) {
          const part = values.slice(i, i + CHUNK);
          const tuples = part.map((_, k) => `($${2 * k + 1}::int, $${2 * k + 2}::bytea)`).join(",");
          await tx.$executeRawUnsafe(`UPDATE "BookSnapshot" AS b SET "curve" = v.c FROM (VALUES ${tuples}) AS v(id, c) WHERE b."id" = v.id${onlySql.replace('"curve"', 'b."curve"')}`, ...part.flatMap(([id, bytes]) => [id, bytes]));
        }
      } else {
        for (const [id, bytes] of values) await tx.bookSnapshot.updateMany({ where: { id, ...only }, data: { curve: bytes } });
      }
    }, { timeout: 120_000 });
    updated += rows.length;
    opts.onProgress?.(updated, total);
  }
  return { updated, ms: Date.now() - t0 };
}
