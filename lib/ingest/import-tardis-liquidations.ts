// A Tardis `liquidations` CSV (an archive import, lib/ingest/import-archive.ts) through the one ingest pipeline.
import "server-only";
import { parse } from "csv-parse";
import type { Db } from "../db";
import { openArchive } from "../archives/read";
import { connectorFor } from "../venues/registry";
import type { LiquidationRow, Provenance, Rejection } from "../venues/types";
import { ingestBodies } from "./ingest-bodies";
import { tardisTrade, TradeRowError, TARDIS_TRADE_EXCHANGES } from "../archives/trades";
import { sizeToBase } from "../venues/units";
import { MAX_LISTED_REJECTIONS } from "./import-archive-trades";
import type { ArchiveImportOptions, ArchiveImportResult, ArchiveRejection } from "./archive-import-types";

/**
 * A Tardis `liquidations` CSV into the liquidation kind through the one ingest pipeline (row checks, idempotent
 * writer). `side` is the liquidation order's side ("sell" closes a long, as our rows), `amount` is in the venue's
 * contract units (inverse: × face value USD / price), timestamps epoch µs. https://docs.tardis.dev/downloadable-csv-files#liquidations
 */
export async function importTardisLiquidations(db: Db, opts: ArchiveImportOptions, provenance: Provenance, name: string): Promise<Partial<ArchiveImportResult>> {
  const a = await openArchive(opts.file);
  const parser = a.stream.pipe(parse({ columns: true, info: true, skip_empty_lines: true, trim: true, relax_column_count: true }));
  a.stream.on("error", (e) => parser.destroy(e));
  const records: { rec: Record<string, string>; line: number }[] = [];
  const rejections: ArchiveRejection[] = [];
  let venue: string | null = opts.venue ?? null;
  for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    const v = TARDIS_TRADE_EXCHANGES[record.exchange];
    if (!v) {
      rejections.push({ file: name, line: info.lines, field: "exchange", message: `${record.exchange}: exchange not supported` });
      continue;
    }
    venue ??= v;
    if (v !== venue) {
      rejections.push({ file: name, line: info.lines, field: "exchange", message: `row is from ${record.exchange}, the file from ${venue}` });
      continue;
    }
    records.push({ rec: record, line: info.lines });
  }
  const rowsRead = records.length + rejections.length;
  if (!venue) return { status: "failed", rowsRead, rowsRejected: rejections.length, rejections, message: `${name}: no row names a supported exchange` };
  const bodies = [];
  for (let i = 0; i < records.length; i += 5000) bodies.push({ body: records.slice(i, i + 5000), symbol: null, receivedTs: Date.now(), levelLimit: null });
  const run = await ingestBodies(db, connectorFor(venue), "liquidations", bodies, {
    provenance,
    mode: opts.mode ?? "import",
    source: opts.source ?? name,
    parser: async (body, ctx) => {
      const rows: LiquidationRow[] = [];
      const rejected: Rejection[] = [];
      for (const { rec, line } of body as { rec: Record<string, string>; line: number }[]) {
        try {
          const market = ctx.markets.get(rec.symbol);
          if (!market) throw new TradeRowError("symbol", `unknown market ${rec.symbol}; import the venue's markets first`);
          const r = tardisTrade(rec, (amount, price) => sizeToBase(amount, price, market));
          rows.push({ symbol: rec.symbol, ts: r.print.ts, side: r.print.side, price: r.print.price, sizeBase: r.print.sizeBase, notionalUsd: r.print.price * r.print.sizeBase });
        } catch (e) {
          if (!(e instanceof TradeRowError)) throw e;
          rejected.push({ venue: venue!, symbol: rec.symbol ?? null, field: e.field, message: e.message, index: line });
        }
      }
      return { rows, rejected };
    },
  });
  for (const r of run.rejections) rejections.push({ file: name, line: r.index, field: r.field, message: r.message });
  return {
    venue,
    runId: run.runId,
    status: run.status === "failed" ? "failed" : rejections.length ? "partial" : "ok",
    rowsRead,
    rowsRejected: rejections.length,
    rejections: rejections.slice(0, MAX_LISTED_REJECTIONS),
    written: run.rowsWritten,
    skipped: run.rowsSkipped,
    message: `Tardis liquidations CSV: ${records.length} rows for ${venue}: ${run.rowsWritten} liquidations written, ${run.rowsSkipped} already stored, ${rejections.length} rejected`,
  };
}
