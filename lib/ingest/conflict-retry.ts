// Re-run a batch that lost a race with another writer. On PostgreSQL (READ COMMITTED) two ingests of the
// same venue and kind can both find a natural key missing (a fee tier, a market, a funding estimate) and
// the second insert fails with a unique violation; a batch is idempotent, so running it again finds the
// other writer's committed rows and skips or updates them. SQLite never gets here: BEGIN IMMEDIATE already
// makes writers queue. (Prisma has no option to retry interactive transactions itself.) The loop is the
// code base's one retry loop (lib/venues/retry.ts); this file is only the policy: which errors, how long.
import "server-only";
import { retry } from "../venues/retry";

const CONFLICT_CODES = new Set([
  "P2002", // unique constraint failed
  "P2034", // transaction failed: write conflict or deadlock
]);

export function isWriteConflict(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  if (e && typeof e.code === "string" && CONFLICT_CODES.has(e.code)) return true;
  // Driver-adapter errors may surface PostgreSQL's own codes: serialization failure, deadlock, unique violation.
  return typeof e?.message === "string" && /\b(40001|40P01|23505)\b|could not serialize|deadlock detected|Unique constraint failed/i.test(e.message);
}

export async function retryOnWriteConflict<T>(fn: () => Promise<T>, attempts = 5): Promise<T> {
  return retry(() => fn(), {
    attempts,
    // A short, growing, jittered pause lets the other writer commit first.
    delayFor: (err, attempt) => (isWriteConflict(err) ? 20 * attempt + Math.random() * 30 : null),
  });
}
