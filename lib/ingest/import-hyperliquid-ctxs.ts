// Hyperliquid's S3 asset_ctxs day files (lib/archives/hyperliquid-asset-ctxs.ts) as open-interest readings: one
// every 5 minutes per coin (the first row at or after each boundary), for the coin asked for (--symbol, as a
// backfill does) or every coin of the file that is a stored Hyperliquid market. Streamed; written through the
// ingest pipeline, idempotent on market + time; a bad row is rejected with file, line and field.
import "server-only";
import type { Db } from "../db";
import { csvRowBatches, openArchive } from "../archives/read";
import { ArchiveRowError } from "../archives/binance-funding-metrics";
import { assetCtxRow } from "../archives/hyperliquid-asset-ctxs";
import { DEFAULT_OI_CADENCE_MS } from "../archives/tardis-ticker";
import { connectorFor } from "../venues/registry";
import type { DataKind, OiRow, ParseResult, Provenance } from "../venues/types";
import { ingestBodies } from "./ingest-bodies";
import { MAX_LISTED_REJECTIONS } from "./import-archive-trades";
import type { ArchiveImportOptions, ArchiveImportResult, ArchiveRejection } from "./archive-import-types";

export async function importHyperliquidCtxs(db: Db, opts: ArchiveImportOptions, provenance: Provenance, name: string): Promise<Partial<ArchiveImportResult>> {
  const venue = opts.venue ?? "hyperliquid";
  const stored = new Set((await db.market.findMany({ where: { venue: { slug: venue } }, select: { symbol: true } })).map((m) => m.symbol));
  const wanted = opts.symbol ? new Set([opts.symbol]) : stored;
  const rejections: ArchiveRejection[] = [];
  let rejected = 0;
  let rowsRead = 0;
  let otherCoins = 0;
  const next = new Map<string, number>();
  const rows: OiRow[] = [];
  const now = Date.now();
  const a = await openArchive(opts.file);
  for await (const { header, rows: batch, lines } of csvRowBatches(a, opts.file)) {
    const coinAt = header.indexOf("coin");
    for (let k = 0; k < batch.length; k++) {
      rowsRead++;
      const cells = batch[k];
      // rows of coins not asked for are counted, not parsed
      if (!wanted.has(cells[coinAt] ?? "")) {
        otherCoins++;
        continue;
      }
      try {
        const rec: Record<string, string> = {};
        for (let i = 0; i < header.length; i++) rec[header[i]] = cells[i] ?? "";
        const r = assetCtxRow(rec, now);
        if (r.ts < (next.get(r.coin) ?? -Infinity)) continue;
        next.set(r.coin, (Math.floor(r.ts / DEFAULT_OI_CADENCE_MS) + 1) * DEFAULT_OI_CADENCE_MS);
        rows.push({ symbol: r.coin, ts: r.ts, sizeBase: r.openInterest, valueUsd: r.openInterest * r.markPx });
      } catch (e) {
        if (!(e instanceof ArchiveRowError)) throw e;
        rejected++;
        if (rejections.length < MAX_LISTED_REJECTIONS) rejections.push({ file: name, line: lines[k], field: e.field, message: e.message });
      }
    }
  }
  const missing = opts.symbol && !stored.has(opts.symbol) ? `${venue} market ${opts.symbol} is not stored; import the venue's markets first` : null;
  if (missing) return { venue, symbol: opts.symbol ?? null, rowsRead, rowsRejected: rejected, rejections, status: "failed", message: missing };
  let written = 0;
  let skipped = 0;
  let error: string | null = null;
  let runId: number | null = null;
  if (rows.length) {
    const run = await ingestBodies(db, connectorFor(venue), "oi", [{ body: rows, symbol: opts.symbol ?? null, receivedTs: now, levelLimit: null }], {
      provenance,
      mode: opts.mode ?? "import",
      source: opts.source ?? name,
      parser: async (b) => ({ rows: b as OiRow[], rejected: [] }) as ParseResult<DataKind>,
    });
    ({ rowsWritten: written, rowsSkipped: skipped, error, runId } = run);
  }
  const coins = new Set(rows.map((r) => r.symbol)).size;
  return {
    venue,
    symbol: opts.symbol ?? null,
    runId,
    rowsRead,
    rowsRejected: rejected,
    rejections,
    snapshots: rows.length,
    written,
    skipped,
    status: error ? "failed" : rejected ? (written + skipped > 0 ? "partial" : "failed") : "ok",
    message: error ?? `${rowsRead} rows: ${written} open-interest readings written (every 5 min, ${coins} coins), ${skipped} already stored, ${otherCoins} rows of other coins not read, ${rejected} rejected`,
  };
}
