// File imports: one raw response body (JSON) of a named kind, or a Tardis book_snapshot CSV, through
// the venue's own parser and the normal pipeline. Imported rows are `recorded` unless told otherwise.
import "server-only";
import fs from "node:fs";
import path from "node:path";
import type { Db } from "../db";
import { connectorFor } from "../venues/registry";
import type { DataKind, Provenance } from "../venues/types";
import { ingestBodies, type IngestSummary } from "./ingest-bodies";
import { parseTardisBookCsv } from "./tardis-csv";
import { importDirectory, type DirectoryImport } from "./import-dir";
import { isCuratedMargin, parseCuratedMargin } from "../venues/curated-margin";

export const DEFAULT_IMPORT_MAX_BYTES = 50 * 1024 * 1024;

export class ImportError extends Error {}

export interface ImportFileOptions {
  file: string;
  venue: string;
  kind: DataKind;
  symbol?: string | null;
  /** Epoch ms for bodies that carry no timestamp; defaults to the import time. */
  at?: number | null;
  levelLimit?: number | null;
  provenance?: Provenance;
  mode?: "import" | "bootstrap";
  maxBytes?: number;
  /** What the ingest run records as its source; defaults to the file name. */
  source?: string;
}

function readLimited(file: string, maxBytes: number): string {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    throw new ImportError(`${file}: no such file`);
  }
  // Never open a FIFO, socket or device: reading one blocks forever or never ends.
  if (!st.isFile()) throw new ImportError(`${file}: not a regular file`);
  const size = st.size;
  if (size > maxBytes) throw new ImportError(`${file}: ${size} bytes is over the ${maxBytes}-byte import limit (set IMPORT_MAX_BYTES to raise it)`);
  return fs.readFileSync(file, "utf8");
}

export async function importFile(db: Db, opts: ImportFileOptions): Promise<IngestSummary> {
  const connector = connectorFor(opts.venue);
  const text = readLimited(opts.file, opts.maxBytes ?? DEFAULT_IMPORT_MAX_BYTES);
  const receivedTs = opts.at ?? Date.now();
  const common = { provenance: opts.provenance ?? ("recorded" as const), mode: opts.mode ?? ("import" as const), source: opts.source ?? path.basename(opts.file) };
  if (/\.csv$/i.test(opts.file)) {
    if (opts.kind !== "depth") throw new ImportError(`${opts.file}: CSV import reads Tardis book_snapshot files; use --kind depth`);
    return ingestBodies(db, connector, "depth", [{ body: text, symbol: opts.symbol ?? null, receivedTs, levelLimit: null }], {
      ...common,
      parser: async (body, ctx) => {
        const r = parseTardisBookCsv(String(body), connector.info.slug, ctx.markets, connector.inferMarket?.bind(connector));
        return { rows: r.rows, rejected: r.rejected };
      },
    });
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (err) {
    throw new ImportError(`${opts.file}: not valid JSON (${(err as Error).message})`);
  }
  // A curated margin file (data/margin/*.json) is read by its own parser whatever the venue's connector.
  const parser = opts.kind === "margin" && isCuratedMargin(body) ? async (b: unknown, ctx: Parameters<typeof parseCuratedMargin>[1]) => parseCuratedMargin(b, ctx) : undefined;
  return ingestBodies(db, connector, opts.kind, [{ body, symbol: opts.symbol ?? null, receivedTs, levelLimit: opts.levelLimit ?? null }], { ...common, parser });
}

/**
 * Import a directory: capture files written by `ingest --record` (replayed, markets first) and venue archive
 * files; every entry that cannot be imported is skipped with its reason (lib/ingest/import-dir.ts).
 */
export async function importCaptureDir(db: Db, dir: string, maxBytes = DEFAULT_IMPORT_MAX_BYTES): Promise<DirectoryImport> {
  let st: fs.Stats;
  try {
    st = fs.statSync(dir);
  } catch {
    throw new ImportError(`${dir}: not a directory`);
  }
  if (!st.isDirectory()) throw new ImportError(`${dir}: not a directory`);
  return importDirectory(db, dir, maxBytes);
}
