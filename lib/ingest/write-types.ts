// Types every writer shares (the row writers and the margin-table writer): the transaction handle, what a
// batch is written for, and what it wrote. Kept apart so writers import types, not each other.
import "server-only";
import type BetterSqlite3 from "better-sqlite3";
import type { Db } from "../db";
import type { Provenance } from "../venues/types";

/** The Prisma interactive-transaction client a batch is written through. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export interface WriteResult {
  written: number;
  skipped: number;
}

export interface WriteContext {
  venueId: number;
  provenance: Provenance;
  ingestRunId: number | null;
  /** venue symbol -> market id; must hold every symbol the rows name. */
  marketIds: ReadonlyMap<string, number>;
  /** When the batch's bodies were received (epoch ms): the data time of a change rows carry no time for (market caps). */
  observedAt?: number | null;
  /**
   * The SQLite connection the transaction runs on (lib/db.ts sqliteConnectionOf), when the writer knows it: books
   * are then inserted through a prepared statement on it, inside the same transaction. Absent: raw SQL via Prisma.
   */
  sqlite?: BetterSqlite3.Database | null;
}

/**
 * True when a stored row came from an earlier run than the batch's: a change is recorded only against what an
 * earlier run stored, never inside the first load of a venue's data (lib/store/change-events.ts).
 */
export const fromEarlierRun = (row: { ingestRunId: number | null }, ctx: Pick<WriteContext, "ingestRunId">): boolean => ctx.ingestRunId === null || row.ingestRunId !== ctx.ingestRunId;
