// First start: load the bundled dataset (real recorded venue responses listed in
// data/recorded/manifest.json) through the normal import path. A file already loaded by an earlier start
// is skipped, so re-running the start command loses and duplicates nothing.
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { Db } from "../db";
import { projectRoot } from "../env-core";
import { DATA_KINDS } from "../venues/types";
import { importFile } from "./import-file";
import type { IngestSummary } from "./ingest-bodies";
import { loadProfiles } from "../facts/load-profiles";

export const ManifestEntry = z.object({
  venue: z.string(),
  kind: z.enum(DATA_KINDS),
  file: z.string(),
  symbol: z.string().optional(),
  /** ISO time for bodies that carry no timestamp (when the source recorded them). */
  at: z.string().datetime().optional(),
  levelLimit: z.number().int().positive().optional(),
});
export const Manifest = z.object({ description: z.string(), entries: z.array(ManifestEntry) });

export function recordedDir(): string {
  return path.join(projectRoot(), "data", "recorded");
}

export function readManifest(dir = recordedDir()): z.infer<typeof Manifest> {
  return Manifest.parse(JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8")));
}

export async function enableWal(db: Db): Promise<void> {
  // WAL lets the dashboard read while an ingest writes; it persists in the database file.
  await db.$queryRawUnsafe("PRAGMA journal_mode=WAL");
}

export interface BootstrapResult {
  loaded: boolean;
  reason: string;
  runs: IngestSummary[];
}

export async function loadRecordedDataset(db: Db, onProgress: (line: string) => void = () => {}, dir = recordedDir()): Promise<IngestSummary[]> {
  const manifest = readManifest(dir);
  const runs: IngestSummary[] = [];
  for (const [i, e] of manifest.entries.entries()) {
    // Each bundled file loads once: a later start skips what an earlier one stored.
    const done = await db.ingestRun.findFirst({ where: { mode: "bootstrap", venueSlug: e.venue, kind: e.kind, source: e.file, status: { in: ["ok", "partial"] } }, select: { id: true } });
    if (done) continue;
    const run = await importFile(db, {
      source: e.file,
      file: path.join(dir, e.file),
      venue: e.venue,
      kind: e.kind,
      symbol: e.symbol ?? null,
      at: e.at ? Date.parse(e.at) : null,
      levelLimit: e.levelLimit ?? null,
      mode: "bootstrap",
    });
    runs.push(run);
    onProgress(`[${i + 1}/${manifest.entries.length}] ${e.venue} ${e.kind} ${e.file}: ${run.status}, ${run.rowsWritten} rows`);
  }
  return runs;
}

export async function bootstrap(db: Db, onProgress: (line: string) => void = () => {}): Promise<BootstrapResult> {
  await enableWal(db);
  const runs = await loadRecordedDataset(db, onProgress);
  const facts = await loadProfiles(db);
  const changed = facts.filter((f) => f.written > 0);
  if (changed.length) onProgress(`venue profiles: ${changed.map((f) => `${f.venue} ${f.written} facts`).join(", ")}`);
  return { loaded: runs.length > 0, reason: runs.length ? "loaded bundled files not yet in the database" : "every bundled file is already in the database; nothing loaded", runs };
}
