// Bulk idempotent inserts: one parameterised multi-row `INSERT ... ON CONFLICT (<natural key>) DO
// NOTHING` per chunk, inside the caller's Prisma transaction. Hand-written because Prisma's createMany
// cannot skip duplicates on SQLite and costs 0.3-0.6 ms a row here (~0.07 ms this way); column names
// follow prisma/models.prisma and every writer's tests read the rows back through Prisma. The same
// statement runs on SQLite and PostgreSQL; lib/sql-dialect.ts supplies placeholders and value binding.
import "server-only";
import { bindValue, dialectOf, placeholder } from "../sql-dialect";
import type { Tx } from "./write-types";

/** SQLite allows 32 766 bound parameters a statement, PostgreSQL 65 535; stay well under both. */
const MAX_PARAMS = 16_000;

/**
 * Insert rows (values in `columns` order; DateTime as Date, Boolean as boolean); returns how many were
 * new. A row whose natural key is already stored, by this or a concurrent writer, is skipped.
 */
export async function insertIgnore(tx: Tx, table: string, columns: readonly string[], conflict: readonly string[], rows: readonly unknown[][]): Promise<number> {
  let inserted = 0;
  for (const { sql, values } of statements(tx, table, columns, conflict, rows)) inserted += await tx.$executeRawUnsafe(sql, ...values);
  return inserted;
}

/**
 * insertIgnore that also says which rows were new: the `returning` columns of each inserted row (RETURNING,
 * on PostgreSQL and SQLite ≥ 3.35), as the driver reads them (a SQLite DateTime as text).
 */
export async function insertIgnoreReturning(tx: Tx, table: string, columns: readonly string[], conflict: readonly string[], rows: readonly unknown[][], returning: readonly string[]): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  const ret = ` RETURNING ${returning.map((c) => `"${c}"`).join(",")}`;
  for (const { sql, values } of statements(tx, table, columns, conflict, rows)) out.push(...(await tx.$queryRawUnsafe<Record<string, unknown>[]>(sql + ret, ...values)));
  return out;
}

/** The chunked INSERT … ON CONFLICT DO NOTHING statements of insertIgnore, with their bound values. */
function statements(tx: Tx, table: string, columns: readonly string[], conflict: readonly string[], rows: readonly unknown[][]): { sql: string; values: unknown[] }[] {
  const dialect = dialectOf(tx);
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  const cols = columns.map((c) => `"${c}"`).join(",");
  const onConflict = `ON CONFLICT (${conflict.map((c) => `"${c}"`).join(",")}) DO NOTHING`;
  const out: { sql: string; values: unknown[] }[] = [];
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    let n = 0;
    const tuples = chunk.map(() => `(${columns.map(() => placeholder(dialect, n++)).join(",")})`);
    out.push({ sql: `INSERT INTO "${table}" (${cols}) VALUES ${tuples.join(",")} ${onConflict}`, values: chunk.flat().map((v) => bindValue(dialect, v)) });
  }
  return out;
}
