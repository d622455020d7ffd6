// Bulk reads straight from the SQLite connection under a Prisma client (lib/db-sqlite.ts), for the few
// queries that move many BLOBs (day rollups, liquidity curves): Prisma's SQLite adapter hands every Bytes
// value through a base64 round trip and maps each row, which cost ~0.7 ms per day rollup here; a prepared
// better-sqlite3 statement returns Buffers directly. Used only when the connection is idle: a statement run
// while one of the client's interactive transactions holds the connection would read inside that
// transaction, so then (and on PostgreSQL) callers use Prisma as usual.
import "server-only";
import type BetterSqlite3 from "better-sqlite3";
import { sqliteConnectionOf, type Db } from "../db";
import { sqliteTime } from "../sql-dialect";

const statements = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

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
  return stmt.all(...params.map((p) => (p instanceof Date ? sqliteTime(p) : p))) as T[];
}

/** A DateTime column as SQLite stores it (text in the adapter's format), in epoch ms. */
export const sqliteMs = (text: string): number => Date.parse(text);
