// How an ingest batch's transaction is opened, the same way for every writer.
// - Writers of one venue queue behind each other. SQLite already does (one writer at a time); PostgreSQL at
//   READ COMMITTED lets two batches both see "no fee version yet" and both open one with different start
//   times — no unique key catches that, so a retry cannot either. A transaction-scoped advisory lock per venue
//   makes the second batch wait and then see the first one's rows, so concurrent ingests leave exactly what a
//   sequential run leaves (tests/integration/concurrent-ingest-counts.test.ts).
// - Prisma's interactive-transaction defaults (2 s to start, 5 s to finish) are for request handlers; a batch of
//   1,000 funding rows or 500 books behind seven queued writers on a loaded 2-core machine takes longer, and
//   timing out would fail a run that is only slow.
import "server-only";
import { dialectOf, type RawQueryable } from "../sql-dialect";

export const INGEST_TX_OPTIONS = { maxWait: 60_000, timeout: 300_000 } as const;

/** Namespace of Venuescope's advisory locks (first key of the two-int form); the second key is the venue id. */
const VENUE_WRITE_LOCK = 0x5653; // "VS"

/** Hold the venue's write lock until the transaction ends (PostgreSQL); a no-op on SQLite. */
export async function lockVenueWrites(tx: RawQueryable, venueId: number): Promise<void> {
  if (dialectOf(tx) !== "postgresql") return;
  await tx.$executeRawUnsafe("SELECT pg_advisory_xact_lock($1::int4, $2::int4)", VENUE_WRITE_LOCK, venueId);
}
