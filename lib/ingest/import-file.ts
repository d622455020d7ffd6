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
import { loadCaptures } from "./capture-files";
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
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    throw new ImportError(`${file}: no such file`);
  }
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

/** Replay a directory written by `ingest --record`: markets first, then every other kind. */
export async function importCaptureDir(db: Db, dir: string, maxBytes = DEFAULT_IMPORT_MAX_BYTES): Promise<{ runs: IngestSummary[]; invalid: { file: string; message: string }[] }> {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new ImportError(`${dir}: not a directory`);
  const { captures, invalid } = loadCaptures(dir, maxBytes);
  const groups = new Map<string, typeof captures>();
  for (const c of captures) {
    const key = `${c.venue}\u0000${c.kind}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const order = (k: string) => (k.endsWith("\u0000markets") ? 0 : 1);
  const runs: IngestSummary[] = [];
  for (const key of [...groups.keys()].sort((a, b) => order(a) - order(b) || a.localeCompare(b))) {
    const list = groups.get(key)!;
    const connector = connectorFor(list[0].venue);
    runs.push(await ingestBodies(db, connector, list[0].kind, list, { provenance: "recorded", mode: "replay", source: dir }));
  }
  return { runs, invalid };
}
