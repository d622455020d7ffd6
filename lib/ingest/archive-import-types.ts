// The shapes of an archive import (lib/ingest/import-archive.ts): its options, its result and a rejected row.
import "server-only";
import type { ArchiveFormat } from "../archives/formats";
import type { ReplaySummary } from "../books/book-replay";
import type { Provenance } from "../venues/types";
import type { TradeImportStats } from "./import-trades";

export interface ArchiveRejection {
  file: string;
  line: number | null;
  field: string;
  message: string;
}

export interface ArchiveImportResult {
  file: string;
  format: ArchiveFormat;
  venue: string;
  symbol: string | null;
  compression: string;
  status: "ok" | "partial" | "failed" | "recognised";
  runId: number | null;
  rowsRead: number;
  rowsRejected: number;
  rejections: ArchiveRejection[];
  snapshots: number;
  written: number;
  skipped: number;
  /** Band books stored flagged, by reason kind (crossed | inconsistent | stale). */
  flagged: Record<string, number>;
  replay: ReplaySummary | null;
  /** Trade prints stored from the file (trades files and WebSocket recordings that hold trades). */
  trades: TradeImportStats | null;
  message: string;
  ms: number;
}

export interface ArchiveImportOptions {
  file: string;
  format?: ArchiveFormat;
  venue?: string;
  symbol?: string;
  provenance?: Provenance;
  mode?: "import" | "bootstrap";
  /** Replay sampling cadence (ms) for WebSocket recordings; default 1 min. */
  cadenceMs?: number;
  /** Source name recorded on rows and the ingest run; defaults to the file name. */
  source?: string;
  /** Days of raw trade prints kept per market (default TRADE_RAW_WINDOW_DAYS or 30); older ones are aggregated only. */
  rawWindowDays?: number;
}
