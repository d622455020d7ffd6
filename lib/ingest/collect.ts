// The long-running collector (`venuescope collect`, or beside `npm start` with VENUESCOPE_COLLECT=<config>):
// keeps each configured venue × kind fresh at its cadence. One task never overlaps itself, at most
// `concurrency` tasks run at once, failures back off, a gap left by downtime is fetched back from history
// endpoints first, and stop() lets running tasks finish their transaction before it resolves. When each task
// runs is decided by the pure lib/collector/schedule.ts; this file only drives it.
import "server-only";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Db } from "../db";
import type { CollectorConfig, CollectTask } from "../collector/config";
import { gapAfterDowntime, nextDue, periodMs } from "../collector/schedule";
import { ingestLive } from "./ingest-live";
import type { IngestSummary } from "./ingest-bodies";
import { lastDataTime, settlementHours } from "../store/data-times";

export interface CollectorDeps {
  ingest(task: CollectTask, opts: { since?: number; until?: number }): Promise<IngestSummary[]>;
  lastDataTime(task: CollectTask): Promise<number | null>;
  settlementHours(task: CollectTask): Promise<number>;
  now(): number;
  /** Resolves after ms, or early when the signal aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  random(): number;
  log(line: string): void;
  /**
   * Called (not awaited) after a task's runs wrote rows: the entry that started the collector passes its
   * after-writes step here (rank moves, webhook alerts; lib/alerts), which the pipeline cannot import itself.
   */
  afterRuns?(runs: IngestSummary[]): void;
}

export interface TaskStatus {
  id: string;
  running: boolean;
  runs: number;
  failedRuns: number;
  failures: number;
  rowsWritten: number;
  lastStart: number | null;
  lastEnd: number | null;
  lastStatus: string | null;
  lastError: string | null;
  nextDue: number;
}

export interface Collector {
  /** Resolves when the collector has stopped (after stop(), or when `until` is reached). */
  done: Promise<void>;
  stop(): Promise<void>;
  status(): TaskStatus[];
}

/** Longest single wait, so a changed clock or a finished task is noticed within a second. */
const MAX_NAP_MS = 1000;

export function startCollector(tasks: CollectTask[], config: Pick<CollectorConfig, "jitter" | "concurrency">, deps: CollectorDeps, opts: { until?: number } = {}): Collector {
  const state = new Map<string, TaskStatus & { hours: number }>(tasks.map((t) => [t.id, { id: t.id, running: false, runs: 0, failedRuns: 0, failures: 0, rowsWritten: 0, lastStart: null, lastEnd: null, lastStatus: null, lastError: null, nextDue: 0, hours: 8 }]));
  const running = new Set<Promise<void>>();
  const abort = new AbortController();
  let stopping = false;

  const schedule = (t: CollectTask) => {
    const s = state.get(t.id)!;
    s.nextDue = nextDue({ cadence: t.cadence, lastStart: s.lastStart, lastEnd: s.lastEnd, failures: s.failures, now: deps.now(), random: deps.random(), jitter: config.jitter, settlementHours: s.hours });
  };

  const runTask = async (t: CollectTask, window: { since?: number; until?: number } = {}) => {
    const s = state.get(t.id)!;
    s.running = true;
    s.lastStart = deps.now();
    try {
      const runs = await deps.ingest(t, window);
      if (deps.afterRuns && runs.some((r) => r.rowsWritten > 0)) deps.afterRuns(runs);
      const failed = runs.filter((r) => r.status === "failed");
      s.runs += 1;
      s.rowsWritten += runs.reduce((n, r) => n + r.rowsWritten, 0);
      s.lastStatus = failed.length ? "failed" : (runs.find((r) => r.status !== "ok")?.status ?? "ok");
      s.lastError = failed.map((f) => f.error).join("; ") || null;
      s.failures = failed.length ? s.failures + 1 : 0;
      if (failed.length) s.failedRuns += 1;
    } catch (err) {
      s.runs += 1;
      s.failedRuns += 1;
      s.failures += 1;
      s.lastStatus = "failed";
      s.lastError = err instanceof Error ? err.message : String(err);
    } finally {
      s.lastEnd = deps.now();
      if (t.cadence.kind === "settlement") s.hours = await deps.settlementHours(t).catch(() => s.hours);
      // scheduled before it is marked idle, so the loop never sees it idle and due at its old time
      schedule(t);
      s.running = false;
      const when = new Date(s.nextDue).toISOString();
      deps.log(`${t.id}: ${s.lastStatus}${s.lastError ? ` (${s.lastError})` : ""} · next ${when}${s.failures ? ` (backing off after ${s.failures} failure${s.failures > 1 ? "s" : ""})` : ""}`);
    }
  };

  const launch = (t: CollectTask, window?: { since?: number; until?: number }) => {
    const p = runTask(t, window).finally(() => running.delete(p));
    running.add(p);
  };

  const loop = async () => {
    // After downtime: fetch back what history endpoints still serve, report what they cannot.
    for (const t of tasks) {
      const s = state.get(t.id)!;
      if (t.cadence.kind === "settlement") s.hours = await deps.settlementHours(t).catch(() => 8);
      const last = await deps.lastDataTime(t).catch(() => null);
      const gap = gapAfterDowntime(t.kind, last, deps.now(), periodMs(t.cadence, s.hours));
      if (!gap) continue;
      const span = `${new Date(gap.from).toISOString()} → ${new Date(gap.to).toISOString()}`;
      if (gap.fillable) {
        deps.log(`${t.id}: gap ${span}, fetching it back from the history endpoint`);
        while (running.size >= config.concurrency) await Promise.race(running);
        launch(t, { since: gap.from, until: gap.to });
      } else {
        deps.log(`${t.id}: gap ${span} (books are not served back by the API; \`venuescope backfill --source archive\` where the venue publishes archives)`);
      }
    }
    while (!stopping) {
      const now = deps.now();
      if (opts.until !== undefined && now >= opts.until) break;
      const due = tasks.filter((t) => !state.get(t.id)!.running && state.get(t.id)!.nextDue <= now).sort((a, b) => state.get(a.id)!.nextDue - state.get(b.id)!.nextDue);
      for (const t of due) {
        if (running.size >= config.concurrency) break;
        launch(t);
      }
      const waiting = tasks.filter((t) => !state.get(t.id)!.running).map((t) => state.get(t.id)!.nextDue);
      const nap = Math.min(MAX_NAP_MS, Math.max(10, (waiting.length ? Math.min(...waiting) : now + MAX_NAP_MS) - now));
      await deps.sleep(nap, abort.signal);
    }
    await Promise.allSettled([...running]);
  };

  const done = loop();
  return {
    done,
    async stop() {
      stopping = true;
      abort.abort();
      await done;
    },
    status: () => [...state.values()].map(({ hours: _h, ...s }) => ({ ...s })),
  };
}

/** The real dependencies: live ingestion into `db`, the database's newest data times, the wall clock. */
export function liveCollectorDeps(db: Db, log: (line: string) => void, afterRuns?: CollectorDeps["afterRuns"]): CollectorDeps {
  return {
    afterRuns,
    ingest: (t, w) => ingestLive(db, { venue: t.venue, kinds: [t.kind], markets: t.markets, symbols: t.symbols, levelLimit: t.levels, since: w.since, until: w.until }),
    lastDataTime: (t) => lastDataTime(db, t.venue, t.kind),
    settlementHours: (t) => settlementHours(db, t.venue),
    now: Date.now,
    sleep: (ms, signal) =>
      new Promise((resolve) => {
        if (signal.aborted) return resolve();
        const timer = setTimeout(resolve, ms);
        signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
      }),
    random: Math.random,
    log,
  };
}

/**
 * One collector per database: a lock file holding the pid. A second collector refuses to start while the first
 * lives; a lock left by a killed process (its pid gone) is taken over.
 */
export function acquireCollectorLock(file: string): () => void {
  try {
    fs.writeFileSync(file, String(process.pid), { flag: "wx" });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    const pid = Number(fs.readFileSync(file, "utf8").trim());
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && processAlive(pid)) throw new Error(`another collector (pid ${pid}) is running on this database (lock ${file})`);
    fs.writeFileSync(file, String(process.pid));
  }
  return () => {
    try {
      if (fs.readFileSync(file, "utf8").trim() === String(process.pid)) fs.unlinkSync(file);
    } catch {
      /* already gone */
    }
  };
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Where the one-collector-per-database lock lives: beside the SQLite file, or keyed by the server URL. */
export function collectorLockPath(databaseUrl: string, sqliteFile: string | null): string {
  if (sqliteFile) return `${sqliteFile}.collector.lock`;
  return path.join(os.tmpdir(), `venuescope-collector-${createHash("sha256").update(databaseUrl).digest("hex").slice(0, 16)}.lock`);
}
