// The one place raw SQL differs between SQLite and PostgreSQL: placeholders, how a DateTime or Boolean is
// bound, and the UTC day of a timestamp. Writes and most reads go through Prisma's query API, which needs no
// branching; the figures' hot reads are raw SQL written once for both (lib/store/sqlite-read.ts readRows). Callers pass the client or transaction they query with, so a process can hold both.
import type { DbProvider } from "./db-provider";

/** Anything that can run raw SQL: the client or an interactive transaction. */
export interface RawQueryable {
  $executeRawUnsafe(query: string, ...values: unknown[]): PromiseLike<number>;
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): PromiseLike<T>;
}

/**
 * Which database a client talks to. Prisma 6.19 keeps the schema's provider on every client and on its
 * transaction proxies (`_activeProvider`) but has no public accessor; an unknown value throws rather
 * than guessing, so a Prisma upgrade that moves it fails every raw write in the tests.
 */
export function dialectOf(client: RawQueryable): DbProvider {
  const provider = (client as { _activeProvider?: unknown })._activeProvider;
  if (provider === "sqlite" || provider === "postgresql") return provider;
  throw new Error(`sql-dialect: cannot tell the database of this Prisma client (provider ${String(provider)})`);
}

/** The n-th (0-based) bound parameter. */
export const placeholder = (dialect: DbProvider, index: number) => (dialect === "sqlite" ? "?" : `$${index + 1}`);

/** DateTime as the SQLite driver adapter stores it (ISO-8601 with "+00:00"), so keys compare equal. */
export const sqliteTime = (date: Date) => date.toISOString().replace("Z", "+00:00");

/**
 * A value as raw SQL must bind it. SQLite stores DateTime as text in the adapter's format and Boolean as
 * 0/1; PostgreSQL's adapter binds a Date as a UTC timestamp and a boolean as itself.
 */
export function bindValue(dialect: DbProvider, value: unknown): unknown {
  if (dialect === "postgresql") return value;
  if (value instanceof Date) return sqliteTime(value);
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

/** SQL for the UTC calendar day (YYYY-MM-DD text) of a DateTime column. */
export const utcDay = (dialect: DbProvider, column: string) => (dialect === "sqlite" ? `date(${column})` : `to_char(${column}, 'YYYY-MM-DD')`);

/** SQL for the larger of two values of a row (SQLite's scalar MAX, PostgreSQL's GREATEST). */
export const greatest = (dialect: DbProvider, a: string, b: string) => (dialect === "sqlite" ? `MAX(${a}, ${b})` : `GREATEST(${a}, ${b})`);
