// The data status page: its query, the kinds it tracks and the shape of its answer (lib/services/data-status.ts
// computes it). Client-safe: zod and constants only.
import { z } from "zod";

export const DataStatusQuery = z.object({
  page: z.coerce.number().int().min(1, "page starts at 1").max(1_000_000, "page is at most 1000000").default(1),
  pageSize: z.coerce.number().int().min(1).max(200, "at most 200 runs per page").default(25),
  /** "errors": only failed or partial runs and runs with rejected records. */
  runs: z.enum(["all", "errors"]).default("all"),
  /** Days in the coverage grid, ending at the latest stored day. */
  days: z.coerce.number().int().min(1).max(366).default(60),
});

export type DataStatusQuery = z.infer<typeof DataStatusQuery>;

export const FRESHNESS_KINDS = ["depth", "funding", "liquidations", "oi", "fees", "insurance", "facts"] as const;

export type FreshnessKind = (typeof FRESHNESS_KINDS)[number];

export const GRID_KINDS = ["depth", "funding", "liquidations", "oi"] as const;

export type GridKind = (typeof GRID_KINDS)[number];

export interface IngestRunRow {
  id: number;
  venueSlug: string;
  kind: string;
  mode: string;
  source: string | null;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  status: string;
  rowsWritten: number;
  rowsSkipped: number;
  rowsRejected: number;
  error: string | null;
  /** The first few rejected records' field and message. */
  rejections: { field: string; message: string }[];
  provenance: string;
}

export interface KindFreshness {
  kind: FreshnessKind;
  /** Time of the latest stored row of this kind (ISO, UTC); null with none. */
  latest: string | null;
  count: number;
  lastRun: { status: string; startedAt: string; error: string | null } | null;
  /** From the venue's `has` map: false = not published by the venue; null = unknown. */
  published: boolean | null;
}

/** A `venuescope backfill` task: one venue × kind × market × source and how far its window is covered. */
export interface BackfillRow {
  venueSlug: string;
  kind: string;
  symbol: string;
  source: string;
  /** running | ok | partial | failed | stopped; "interrupted" when a running one has not moved for BACKFILL_STALL_MS. */
  status: string;
  from: string;
  to: string;
  coveredTo: string | null;
  steps: number;
  stepsTotal: number | null;
  rowsWritten: number;
  rowsSkipped: number;
  notPublishedCount: number;
  failedSteps: number;
  startedAt: string;
  updatedAt: string;
  finishedAt: string | null;
  message: string | null;
}

/** A running backfill that has not saved progress for this long is shown as interrupted (killed). */
export const BACKFILL_STALL_MS = 10 * 60_000;

export interface DataStatus {
  generatedAt: string;
  runs: { total: number; page: number; pageSize: number; pages: number; filter: "all" | "errors"; items: IngestRunRow[] };
  runCounts: { status: string; count: number }[];
  freshness: { slug: string; name: string; provenance: string; kinds: KindFreshness[] }[];
  grid: { days: string[]; rows: { slug: string; name: string; provenance: string; kind: GridKind; counts: number[]; published: boolean | null }[] };
  /** Backfills, running first then latest first (at most 50). */
  backfills: BackfillRow[];
}
