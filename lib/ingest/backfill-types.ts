// The shapes of `venuescope backfill` (lib/ingest/backfill.ts, backfill-archive.ts): its kinds and sources,
// options, progress events and results, and two small helpers both modules use.
import "server-only";
import type { ArchiveSourceConfig } from "../archives/archive-sources";
import type { HttpOptions } from "../venues/http";
import type { RetryOptions } from "../venues/retry";
import type { VenueConnector } from "../venues/types";

export const BACKFILL_KINDS = ["depth", "funding", "oi", "trades", "liquidations", "fees"] as const;
export type BackfillKind = (typeof BACKFILL_KINDS)[number];
export const BACKFILL_SOURCES = ["api", "archive", "tardis"] as const;
export type BackfillSource = (typeof BACKFILL_SOURCES)[number];

export interface BackfillArchiveConfig extends ArchiveSourceConfig {
  cacheDir: string;
  cacheCapBytes: number;
}

export interface BackfillOptions {
  venue: string;
  /** Base assets, mapped with the connector's symbolFor; or `symbols` as the venue spells them. */
  markets?: string[];
  symbols?: string[];
  kinds: BackfillKind[];
  /** Epoch ms, both ends included. */
  from: number;
  to: number;
  /** Unset: depth from archives, funding and open interest from the API. */
  source?: BackfillSource;
  archive: BackfillArchiveConfig;
  http?: HttpOptions;
  retry?: RetryOptions;
  signal?: AbortSignal;
  onProgress?: (p: BackfillProgress) => void;
  now?: () => number;
  /** Override the API step (tests). */
  apiStepMs?: number;
}

export interface BackfillProgress {
  venue: string;
  kind: BackfillKind;
  symbol: string;
  source: BackfillSource;
  /** What the step was: a day (archive) or a window (api). */
  step: string;
  outcome: "stored" | "not-published" | "skipped" | "failed" | "bytes";
  stepsDone: number;
  stepsTotal: number;
  rowsWritten: number;
  bytes: number;
  message: string;
}

export interface BackfillTaskResult {
  venue: string;
  kind: BackfillKind;
  symbol: string;
  source: BackfillSource;
  status: "ok" | "partial" | "failed" | "stopped" | "covered" | "not-supported";
  from: string;
  to: string;
  /** Where this run started (after what an earlier run covered); null when nothing was left to do. */
  startedAt: string | null;
  coveredTo: string | null;
  steps: number;
  stepsTotal: number;
  rowsWritten: number;
  rowsSkipped: number;
  rowsRejected: number;
  /** Archive CSV rows read (archives only; an API step's bodies are counted as rows written/skipped). */
  rowsRead: number;
  notPublished: string[];
  /** Periods not fetched for a reason the user can lift (a Tardis day without TARDIS_API_KEY). */
  skipped: string[];
  skipReason: string | null;
  failures: { step: string; message: string }[];
  /** Bytes fetched over the network (archives); cached files count 0. */
  bytesFetched: number;
  cachedFiles: number;
  resumedDownloads: number;
  ms: number;
  message: string;
}

export interface BackfillResult {
  venue: string;
  tasks: BackfillTaskResult[];
  rowsWritten: number;
  rowsSkipped: number;
  notPublished: number;
  /** Periods not fetched for want of a credential (Tardis days without TARDIS_API_KEY). */
  skipped: number;
  failed: number;
  stopped: boolean;
  ms: number;
}

export const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

export interface Task {
  connector: VenueConnector;
  kind: BackfillKind;
  symbol: string;
  source: BackfillSource;
}

export const aborted = (signal: AbortSignal | undefined) => signal?.aborted === true;
