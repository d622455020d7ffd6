// Reads (and the figure cache's one write) straight from the SQLite connection under a Prisma client
// (lib/db-sqlite.ts), for the figures' hot path: queries that move many BLOBs (day rollups, liquidity curves;
// Prisma's SQLite adapter hands every Bytes value through a base64 round trip, ~0.7 ms per day rollup) and the
// ~30 small reads of a market's figures (Prisma's query API plans and maps each, ~1 ms a query). A prepared
// better-sqlite3 statement does neither. Used only when the connection is idle: a statement run while one of
// the client's interactive transactions holds the connection would read inside that transaction, so then (and
// on PostgreSQL) the same SQL goes through Prisma's raw query (readRows, writeRaw), or callers use Prisma.
import "server-only";
import type BetterSqlite3 from "better-sqlite3";
import { sqliteConnectionOf, type Db } from "../db";
import { bindValue, dialectOf, placeholder, sqliteTime } from "../sql-dialect";
import { processWide } from "../process-wide";

const statements = processWide("sqlite-statements", () => new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>());

/** The client's SQLite connection when it is open and outside a transaction; null otherwise (use Prisma). */
export function idleSqlite(db: Db): BetterSqlite3.Database | null {
  const conn = sqliteConnectionOf(db);
  return conn && conn.open && !conn.inTransaction ? conn : null;
}

/** Run a cached prepared statement on an idle connection (see idleSqlite) and return all rows. */
export function sqliteAll<T>(conn: BetterSqlite3.Database, sql: string, params: readonly unknown[]): T[] {
  let cache = statements.get(conn);
  if (!cache) statements.set(conn, (cache = new Map()));
  let stmt = cache.get(sql);
  // The adapter's connection reads integers as BigInt; these reads want numbers (ids and counts < 2^53).
  if (!stmt) cache.set(sql, (stmt = conn.prepare(sql).safeIntegers(false)));
  return stmt.all(...params.map(sqliteParam)) as T[];
}

/** A parameter as better-sqlite3 binds it: DateTime in the adapter's text, Boolean as 0/1. */
const sqliteParam = (p: unknown) => (p instanceof Date ? sqliteTime(p) : typeof p === "boolean" ? Number(p) : p);

/** SQL written with `?` placeholders for the client's database ($1, $2 … on PostgreSQL). */
function rawText(dialect: ReturnType<typeof dialectOf>, sql: string): string {
  let i = 0;
  return dialect === "sqlite" ? sql : sql.replace(/\?/g, () => placeholder(dialect, i++));
}

/** A DateTime column as SQLite stores it (text in the adapter's format), in epoch ms. */
export const sqliteMs = (text: string): number => Date.parse(text);

/**
 * Rows of a read written once for both databases (`?` placeholders, quoted identifiers, no dialect-specific
 * SQL): on an idle SQLite connection a cached prepared statement, otherwise (PostgreSQL, or SQLite inside one of
 * the client's transactions) Prisma's raw query. Prisma's query API costs ~1 ms a query here in planning and
 * row mapping (a raw query ~0.2 ms, a prepared statement ~5 µs); a market's figures make ~30 reads, so the
 * figures' loaders use this. The text may hold no `?` but its placeholders. Values come back as each driver
 * gives them: read DateTime columns with `msOf` (or `msOrNull`) and counts with `Number`; SQLite gives
 * Booleans as 0/1.
 */
export async function readRows<T>(db: Db, sql: string, params: readonly unknown[]): Promise<T[]> {
  const conn = idleSqlite(db);
  if (conn) return sqliteAll<T>(conn, sql, params);
  const dialect = dialectOf(db);
  return db.$queryRawUnsafe<T[]>(rawText(dialect, sql), ...params.map((p) => bindValue(dialect, p)));
}

/**
 * A single-statement write written once for both databases, as readRows: on an idle SQLite connection a cached
 * prepared statement (autocommit), otherwise Prisma's raw execute. For writes whose parameters are large
 * (a cached figure's JSON): Prisma's query API copies every parameter through its query compiler.
 */
export async function writeRaw(db: Db, sql: string, params: readonly unknown[]): Promise<void> {
  const conn = idleSqlite(db);
  if (conn) {
    let cache = statements.get(conn);
    if (!cache) statements.set(conn, (cache = new Map()));
    let stmt = cache.get(sql);
    if (!stmt) cache.set(sql, (stmt = conn.prepare(sql)));
    stmt.run(...params.map(sqliteParam));
    return;
  }
  const dialect = dialectOf(db);
  await db.$executeRawUnsafe(rawText(dialect, sql), ...params.map((p) => bindValue(dialect, p)));
}

/** A DateTime read by readRows (SQLite text or a PostgreSQL Date), in epoch ms. */
export function msOf(v: unknown): number {
  if (v instanceof Date) return v.getTime();
  if (typeof v === "number") return v;
  const ms = Date.parse(String(v));
  if (!Number.isFinite(ms)) throw new Error(`sqlite-read: not a stored DateTime: ${String(v)}`);
  return ms;
}

/** A nullable DateTime read by readRows, in epoch ms or null. */
export const msOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : msOf(v));

/**
 * First and last value of a time column over the rows matching `where` (its `?` bound to `params`): two index
 * seeks on a (key, time) index. One MIN/MAX over a filtered range would scan it (SQLite only seeks for a lone
 * MIN or MAX): 7.5 ms for a market-year of books. `table` and `column` are the code's own names, never input.
 */
export async function timeSpan(db: Db, table: string, column: string, where: string, params: readonly unknown[]): Promise<{ first: number | null; last: number | null }> {
  const one = (dir: string) => `(SELECT "${column}" FROM "${table}" WHERE ${where} ORDER BY "${column}" ${dir} LIMIT 1)`;
  const [row] = await readRows<{ first: unknown; last: unknown }>(db, `SELECT ${one("ASC")} AS "first", ${one("DESC")} AS "last"`, [...params, ...params]);
  return { first: msOrNull(row?.first), last: msOrNull(row?.last) };
}
