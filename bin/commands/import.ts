// `venuescope import <file> --venue <id> --kind <kind>` (one raw body or a Tardis CSV) and
// `venuescope import <dir>` (replay of a directory written by `ingest --record`).
import fs from "node:fs";
import { z } from "zod";
import { db } from "../../lib/db";
import { env } from "../../lib/env-core";
import { importCaptureDir, importFile, DEFAULT_IMPORT_MAX_BYTES } from "../../lib/ingest/import-file";
import { DATA_KINDS } from "../../lib/venues/types";
import { importArchive, sniffArchive } from "../../lib/ingest/import-archive";
import { skippedLines } from "../../lib/ingest/import-dir";
import { ArchiveFormat } from "../../lib/archives/formats";
import { parseCommandArgs, UsageError, zIsoMs } from "../cli-args";
import type { CommandResult } from "./types";

const Args = z.object({
  positionals: z.array(z.string()).length(1, "give one file or directory to import"),
  venue: z.string().optional(),
  kind: z.enum(DATA_KINDS).optional(),
  symbol: z.string().min(1).optional(),
  at: zIsoMs.optional(),
  levels: z.coerce.number().int().positive().optional(),
  format: ArchiveFormat.optional(),
  cadence: z.coerce.number().positive().optional(),
  json: z.boolean().optional(),
});

const maxBytes = () => env().IMPORT_MAX_BYTES ?? DEFAULT_IMPORT_MAX_BYTES;

export async function importCommand(argv: string[]): Promise<CommandResult> {
  const a = parseCommandArgs(argv, { venue: { type: "string" }, kind: { type: "string" }, symbol: { type: "string" }, at: { type: "string" }, levels: { type: "string" }, format: { type: "string" }, cadence: { type: "string" } }, Args);
  const target = a.positionals[0];
  if (fs.existsSync(target) && fs.statSync(target).isDirectory()) {
    const { runs, archives, invalid } = await importCaptureDir(db(), target, maxBytes());
    const written = runs.reduce((s, r) => s + r.rowsWritten, 0) + archives.reduce((s, a) => s + a.written, 0);
    const rejected = runs.reduce((s, r) => s + r.rowsRejected, 0) + archives.reduce((s, a) => s + a.rowsRejected, 0);
    // The one-line summary first, then one line per entry skipped (a loop, a FIFO, an unknown venue, a corrupt file).
    return {
      ok: runs.every((r) => r.status !== "failed") && archives.every((a) => a.status !== "failed") && invalid.length === 0,
      summary: [`replayed ${target}: ${runs.length} runs, ${archives.length} archive files, ${written} rows written, ${rejected} rejected, ${invalid.length} entries skipped`, ...skippedLines(target, invalid)].join("\n"),
      json: { runs, archives: archives.map((a) => ({ ...a, replay: a.replay ? { ...a.replay, samples: a.replay.samples.length } : null })), invalid },
    };
  }
  // Venue archive files (Binance Vision, WebSocket recordings, Hyperliquid historical_data) are recognised by
  // name and content; --format overrides the detection.
  if (a.format || (!a.kind && fs.existsSync(target) && (await sniffArchive(target)).format)) {
    const r = await importArchive(db(), { file: target, format: a.format, venue: a.venue, symbol: a.symbol, cadenceMs: a.cadence ? a.cadence * 1000 : undefined });
    const errs = r.rejections.slice(0, 3).map((e) => `${e.file}:${e.line}:${e.field} ${e.message}`).join("; ");
    return {
      ok: r.status !== "failed",
      summary: `import ${r.file} (${r.format}${r.symbol ? ` ${r.venue} ${r.symbol}` : ""}): ${r.status}, ${r.rowsRead} rows read, ${r.rowsRejected} rejected; ${r.message}${errs ? `; first errors: ${errs}` : ""}`,
      json: { ...r, replay: r.replay ? { ...r.replay, samples: r.replay.samples.map((s) => ({ ts: s.ts, partial: s.partial, bidLevels: s.bids.length, askLevels: s.asks.length })) } : null },
    };
  }
  if (!a.venue) throw new UsageError("--venue is required when importing a file");
  if (!a.kind) throw new UsageError(`--kind is required when importing a file (one of ${DATA_KINDS.join(", ")})`);
  const run = await importFile(db(), { file: target, venue: a.venue, kind: a.kind, symbol: a.symbol ?? null, at: a.at ?? null, levelLimit: a.levels ?? null, maxBytes: maxBytes() });
  const why = run.rejections.length ? `; first rejection: ${run.rejections[0].symbol ?? "-"} ${run.rejections[0].field}: ${run.rejections[0].message}` : "";
  return {
    ok: run.status !== "failed",
    summary: `import ${a.venue} ${a.kind}: ${run.status}, ${run.rowsWritten} rows written, ${run.rowsSkipped} already stored, ${run.rowsRejected} rejected (run ${run.runId})${run.error ? `; ${run.error}` : why}`,
    json: run,
  };
}
