// First start: load the bundled dataset (real recorded venue responses listed in
// data/recorded/manifest.json, curated margin rules in data/margin/) through the normal import path. A file
// already loaded by an earlier start is skipped, so re-running the start command loses and duplicates nothing.
import "server-only";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { Db } from "./db";
import { env, projectRoot } from "./env-core";
import { dialectOf } from "./sql-dialect";
import { DATA_KINDS } from "./venues/types";
import { importFile } from "./ingest/import-file";
import type { IngestSummary } from "./ingest/ingest-bodies";
import { loadProfiles } from "./facts/load-profiles";
import { loadIncidentLedgers } from "./incidents/load-ledgers";
import { loadCuratedMargin } from "./ingest/margin-files";
import { closeInterruptedRuns } from "./ingest/interrupted-runs";
import { simulate, type SimulateResult } from "./simulator/run-simulation";
import { getScorecard } from "./services/scorecard";
import { importArchive, type ArchiveImportResult } from "./ingest/import-archive";
import { loadBundledTermQuotes } from "./ingest/term-quotes";
import { afterWrites } from "./alerts/after-writes";
import { backfillCurves } from "./store/book-curves";

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
  // WAL lets the dashboard read while an ingest writes; it persists in the database file. PostgreSQL
  // readers never wait for writers, so there is nothing to switch on there.
  if (dialectOf(db) === "sqlite") await db.$queryRawUnsafe("PRAGMA journal_mode=WAL");
}

export interface BootstrapResult {
  loaded: boolean;
  reason: string;
  runs: IngestSummary[];
  /** Bundled archive files loaded by this start (data/archives). */
  archives: ArchiveImportResult[];
  simulated: SimulateResult | null;
}

/** The simulated dataset loaded on first start: every chart meaningful, loads in under a minute (about 35 s on 2 cores, 9 s of it trades). */
export const FIRST_START_SIMULATION = { days: 60, cadenceMinutes: 15, venues: 8, markets: 3 };

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

export function archivesDir(): string {
  return path.join(projectRoot(), "data", "archives");
}

/** The bundled archive files loaded on first start (data/archives/README.md says where each came from). */
export const BUNDLED_ARCHIVES = ["binance-usdm/BTCUSDT-bookDepth-2023-10-16.zip", "binance-usdm/BTCUSDT-bookDepth-2026-01-31.zip", "hyperliquid/hftbacktest_ws_btcusd_20250126.gz"] as const;

/** Load the bundled archives not yet stored (after the recorded dataset, which holds their markets). */
export async function loadBundledArchives(db: Db, onProgress: (line: string) => void = () => {}, dir = archivesDir()): Promise<ArchiveImportResult[]> {
  const out: ArchiveImportResult[] = [];
  for (const [i, rel] of BUNDLED_ARCHIVES.entries()) {
    const source = `archives/${rel}`;
    const done = await db.ingestRun.findFirst({ where: { mode: "bootstrap", source, status: { in: ["ok", "partial"] } }, select: { id: true } });
    if (done) continue;
    // the Hyperliquid recording spans 25 s of l2Book snapshots about 0.5 s apart: sampled every 5 s
    const r = await importArchive(db, { file: path.join(dir, rel), mode: "bootstrap", source, cadenceMs: rel.endsWith(".gz") ? 5_000 : undefined });
    out.push(r);
    onProgress(`[archive ${i + 1}/${BUNDLED_ARCHIVES.length}] ${rel}: ${r.status}, ${r.message}`);
  }
  return out;
}

export async function bootstrap(db: Db, onProgress: (line: string) => void = () => {}): Promise<BootstrapResult> {
  await enableWal(db);
  const interrupted = await closeInterruptedRuns(db);
  if (interrupted) onProgress(`closed ${interrupted} ingest run(s) left running by a stopped process (status failed, reason "interrupted")`);
  // The migration step of liquidity curves: books stored before them get theirs (nothing to do afterwards).
  let lastCurveLine = 0;
  const curves = await backfillCurves(db, {
    onProgress: (done, total) => {
      if (Date.now() - lastCurveLine < 10_000 && done < total) return;
      lastCurveLine = Date.now();
      onProgress(`liquidity curves: ${done.toLocaleString("en-US")}/${total.toLocaleString("en-US")} stored books`);
    },
  });
  if (curves.updated) onProgress(`liquidity curves: ${curves.updated.toLocaleString("en-US")} books given their curve in ${(curves.ms / 1000).toFixed(1)} s`);
  const runs = await loadRecordedDataset(db, onProgress);
  runs.push(...(await loadCuratedMargin(db, onProgress)));
  const archives = await loadBundledArchives(db, onProgress);
  const termQuotes = await loadBundledTermQuotes(db, recordedDir(), onProgress);
  const facts = await loadProfiles(db);
  const changed = facts.filter((f) => f.written > 0);
  if (changed.length) onProgress(`venue profiles: ${changed.map((f) => `${f.venue} ${f.written} facts`).join(", ")}`);
  const ledgers = (await loadIncidentLedgers(db)).filter((l) => l.written > 0 || l.removed > 0);
  if (ledgers.length) onProgress(`incident ledgers: ${ledgers.map((l) => `${l.venue} ${l.written} written${l.removed ? `, ${l.removed} removed` : ""}`).join(", ")}`);
  let simulated: SimulateResult | null = null;
  if (env().VENUESCOPE_SKIP_SIMULATED === "0" && (await db.venue.count({ where: { provenance: "simulated" } })) === 0) {
    onProgress(`simulated dataset: ${FIRST_START_SIMULATION.venues} fictional venues × ${FIRST_START_SIMULATION.markets} markets × ${FIRST_START_SIMULATION.days} days at ${FIRST_START_SIMULATION.cadenceMinutes} min, with trades (under a minute)…`);
    simulated = await simulate(db, { ...FIRST_START_SIMULATION, onProgress });
  }
  if (runs.length || archives.length || termQuotes.length || simulated) {
    // Compute the home page's default figures now, so the first visit does not wait for them.
    const t0 = Date.now();
    await getScorecard(db, { notionalUsd: 1_000_000, window: { preset: "30d" }, asset: "BTC" });
    onProgress(`precomputed default scorecard figures in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  // The default ranking to compare later ones with (a first one records no rank move), and any change events the
  // loaded files recorded (curated margin or incident updates) to ALERT_WEBHOOK_URL.
  await afterWrites(db, { log: onProgress });
  const loaded = runs.length > 0 || archives.length > 0 || simulated !== null;
  return { loaded, reason: loaded ? "loaded bundled data not yet in the database" : "every bundled file and the simulated dataset are already in the database; nothing loaded", runs, archives, simulated };
}
