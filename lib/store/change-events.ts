// Record a ChangeEvent inside the transaction that stores the change (writers of fees, margin tiers, funding,
// markets, the incident ledger; the rank-move check), so an event exists exactly when its change was stored.
// Idempotent on dedupeKey: INSERT … ON CONFLICT DO NOTHING, so recording the same change again — by a re-ingest,
// or a concurrent writer on PostgreSQL — writes nothing and never aborts the caller's transaction.
import "server-only";
import { bindValue, dialectOf, placeholder, type RawQueryable } from "../sql-dialect";
import type { Provenance } from "../venues/types";
import type { ChangeDiff } from "../metrics/change-diff";
import type { ChangeEventKind } from "../views/change-events";

export interface ChangeEventInput extends ChangeDiff {
  venueId: number;
  kind: ChangeEventKind;
  /** Market symbol, or null for a venue-wide change. */
  subject: string | null;
  /** Data time of the change, epoch ms. */
  occurredAt: number;
  provenance: Provenance;
  /** What the change is, stable across re-ingests of the same data. */
  dedupeKey: string;
  ingestRunId: number | null;
  /** Detection time, epoch ms (default: now). */
  detectedAt?: number;
}

const COLUMNS = ["venueId", "kind", "subject", "occurredAt", "detectedAt", "summary", "details", "provenance", "dedupeKey", "ingestRunId", "alertAttempts"];

/** Store the event unless one with its dedupeKey exists; true when it is new. */
export async function recordChangeEvent(tx: RawQueryable, e: ChangeEventInput): Promise<boolean> {
  const dialect = dialectOf(tx);
  const values = [e.venueId, e.kind, e.subject, new Date(e.occurredAt), new Date(e.detectedAt ?? Date.now()), e.summary, JSON.stringify(e.details), e.provenance, e.dedupeKey, e.ingestRunId, 0];
  const sql = `INSERT INTO "ChangeEvent" (${COLUMNS.map((c) => `"${c}"`).join(",")}) VALUES (${COLUMNS.map((_, i) => placeholder(dialect, i)).join(",")}) ON CONFLICT ("dedupeKey") DO NOTHING`;
  return (await tx.$executeRawUnsafe(sql, ...values.map((v) => bindValue(dialect, v)))) > 0;
}
