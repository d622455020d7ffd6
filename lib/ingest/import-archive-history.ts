// Binance Vision `fundingRate` and `metrics` files (an archive import, lib/ingest/import-archive.ts) through the
// one ingest pipeline: rows stream in batches (csvRowBatches) into ingestBodies, which writes each batch in
// one transaction, idempotent on natural keys (market + funding time, market + reading time). A bad row is
// rejected with file, line and field; the rest is kept.
import "server-only";
import type { Db } from "../db";
import { csvRowBatches, openArchive } from "../archives/read";
import { ArchiveRowError, FUNDING_RATE_COLUMNS, METRICS_COLUMNS, fundingRowFromArchive, oiRowFromMetrics } from "../archives/binance-funding-metrics";
import { connectorFor } from "../venues/registry";
import type { DataKind, FundingRow, OiRow, ParseResult, Provenance, Rejection } from "../venues/types";
import { ingestBodies, type IngestBody } from "./ingest-bodies";
import { MAX_LISTED_REJECTIONS } from "./import-archive-trades";
import type { ArchiveImportOptions, ArchiveImportResult, ArchiveRejection } from "./archive-import-types";

type HistoryFormat = "binance-funding-rate" | "binance-metrics";

/** One batch of a file's rows: cells keyed by column, with their line numbers. */
interface RowBatch {
  records: Record<string, string>[];
  lines: number[];
}

const COLUMNS: Record<HistoryFormat, readonly string[]> = { "binance-funding-rate": FUNDING_RATE_COLUMNS, "binance-metrics": METRICS_COLUMNS };

/** Whether a first line is data rather than a header (older Binance files may have none). */
const isDataLine = (format: HistoryFormat, first: string) => (format === "binance-funding-rate" ? /^\d+$/.test(first) : /^\d{4}-\d{2}-\d{2} /.test(first));

/**
 * The file's rows in batches (one per decompressed chunk), keyed by its header; a file without a header is
 * read in the published column order, its first line kept as data.
 */
async function* rowBatches(file: string, format: HistoryFormat, counter: { rowsRead: number }): AsyncGenerator<RowBatch> {
  const a = await openArchive(file);
  let first = true;
  for await (const { header, rows, lines } of csvRowBatches(a, file)) {
    let keys = header;
    const batch: RowBatch = { records: [], lines: [] };
    if (isDataLine(format, header[0] ?? "")) {
      keys = [...COLUMNS[format]];
      if (first) {
        batch.records.push(Object.fromEntries(keys.map((k, i) => [k, header[i] ?? ""])));
        batch.lines.push(1);
      }
    }
    first = false;
    for (let k = 0; k < rows.length; k++) {
      const rec: Record<string, string> = {};
      for (let i = 0; i < keys.length; i++) rec[keys[i]] = rows[k][i] ?? "";
      batch.records.push(rec);
      batch.lines.push(lines[k]);
    }
    counter.rowsRead += batch.records.length;
    yield batch;
  }
}

/**
 * Store a fundingRate file as settled funding rows, or a metrics file as open-interest readings, for one
 * market of `venue` (stored before: the caller checks). Returns the fields of the import result it fills.
 */
export async function importBinanceHistoryFile(db: Db, opts: ArchiveImportOptions, format: HistoryFormat, venue: string, symbol: string, provenance: Provenance, name: string): Promise<Partial<ArchiveImportResult>> {
  const counter = { rowsRead: 0 };
  const rejections: ArchiveRejection[] = [];
  let rejectedCount = 0;
  const kind = format === "binance-funding-rate" ? "funding" : "oi";
  async function* bodies(): AsyncGenerator<IngestBody> {
    for await (const batch of rowBatches(opts.file, format, counter)) yield { body: batch, symbol, receivedTs: Date.now(), levelLimit: null };
  }
  const run = await ingestBodies(db, connectorFor(venue), kind, bodies(), {
    provenance,
    mode: opts.mode ?? "import",
    source: opts.source ?? name,
    parser: async (body, ctx) => {
      const { records, lines } = body as RowBatch;
      const rows: (FundingRow | OiRow)[] = [];
      const rejected: Rejection[] = [];
      const market = ctx.markets.get(symbol);
      const now = Date.now();
      for (let i = 0; i < records.length; i++) {
        try {
          if (format === "binance-funding-rate") rows.push(fundingRowFromArchive(records[i], symbol, now));
          else {
            if (!market) throw new ArchiveRowError("symbol", `${venue} market ${symbol} is not stored; import the venue's markets first`);
            rows.push(oiRowFromMetrics(records[i], market, now));
          }
        } catch (e) {
          if (!(e instanceof ArchiveRowError)) throw e;
          // index carries the file's line number back to the result (see below)
          rejected.push({ venue, symbol, field: e.field, message: e.message, index: lines[i] });
        }
      }
      return { rows, rejected } as ParseResult<DataKind>;
    },
  });
  for (const r of run.rejections) {
    rejectedCount++;
    if (rejections.length < MAX_LISTED_REJECTIONS) rejections.push({ file: name, line: r.index, field: r.field, message: r.message });
  }
  const stored = run.rowsWritten + run.rowsSkipped;
  const what = kind === "funding" ? "funding rates" : "open-interest readings";
  return {
    runId: run.runId,
    rowsRead: counter.rowsRead,
    rowsRejected: rejectedCount,
    rejections,
    written: run.rowsWritten,
    skipped: run.rowsSkipped,
    status: run.error ? "failed" : rejectedCount ? (stored > 0 ? "partial" : "failed") : "ok",
    message: run.error ?? `${counter.rowsRead} rows: ${run.rowsWritten} ${what} written, ${run.rowsSkipped} already stored, ${rejectedCount} rejected`,
  };
}
