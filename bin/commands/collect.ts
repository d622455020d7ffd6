// `venuescope collect --config <file> [--for 10m]`: the long-running collector (lib/ingest/collect.ts). One
// line per finished task; Ctrl-C or SIGTERM stops gracefully (running fetches finish their transaction).
import { z } from "zod";
import { db } from "../../lib/db";
import { env, databaseProvider, sqliteFilePath } from "../../lib/env-core";
import { acquireCollectorLock, collectorLockPath, liveCollectorDeps, startCollector } from "../../lib/ingest/collect";
import { afterWrites, COLLECTOR_RANK_INTERVAL_MS } from "../../lib/alerts/after-writes";
import { loadCollectorConfig } from "../../lib/collector/load";
import { allConnectors } from "../../lib/venues/registry";
import { cadenceLabel, CollectorConfigError } from "../../lib/collector/config";
import { parseCommandArgs, UsageError } from "../cli-args";
import { parseDurationMs } from "../../lib/metrics/time";
import type { CommandResult } from "./types";
import { hip3DexOfSlug } from "../../lib/venues/hyperliquid/dex-slug";


const Args = z.object({
  config: z.string({ error: "required: the collector config file (JSON; see README, 'Collecting')" }),
  for: z
    .string()
    .transform((s, ctx) => {
      const ms = parseDurationMs(s);
      if (ms === null) {
        ctx.addIssue({ code: "custom", message: "a duration such as 90s, 10m, 6h or 2d" });
        return z.NEVER;
      }
      return ms;
    })
    .optional(),
  json: z.boolean().optional(),
});

export async function collectCommand(argv: string[], log: (line: string) => void): Promise<CommandResult> {
  const a = parseCommandArgs(argv, { config: { type: "string" }, for: { type: "string" } }, Args);
  const known = new Set(allConnectors().map((c) => c.info.slug));
  let parsed;
  try {
    parsed = loadCollectorConfig(a.config, (s) => known.has(s) || hip3DexOfSlug(s) !== null);
  } catch (err) {
    if (err instanceof CollectorConfigError) throw new UsageError(err.message);
    throw err;
  }
  const { config, tasks } = parsed;
  const release = acquireCollectorLock(collectorLockPath(env().DATABASE_URL, databaseProvider() === "sqlite" ? sqliteFilePath() : null));
  const started = Date.now();
  log(`collecting ${tasks.length} tasks: ${tasks.map((t) => `${t.id} ${cadenceLabel(t.cadence)}`).join(", ")}${a.for ? ` for ${a.for / 1000} s` : " (Ctrl-C stops)"}`);
  // After a task wrote rows: rank moves (at most every few minutes) and webhook alerts for new change events.
  const afterRuns = () => void afterWrites(db(), { log, rankMinIntervalMs: COLLECTOR_RANK_INTERVAL_MS });
  const collector = startCollector(tasks, config, liveCollectorDeps(db(), log, afterRuns), { until: a.for ? started + a.for : undefined });
  const stop = () => {
    log("stopping: letting running fetches finish");
    void collector.stop();
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  try {
    await collector.done;
    // The last after-writes step (queued behind any still running) finishes before the command returns.
    await afterWrites(db(), { log, rankMinIntervalMs: COLLECTOR_RANK_INTERVAL_MS });
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
    release();
  }
  const status = collector.status();
  const runs = status.reduce((n, s) => n + s.runs, 0);
  const failed = status.reduce((n, s) => n + s.failedRuns, 0);
  const rows = status.reduce((n, s) => n + s.rowsWritten, 0);
  return {
    ok: failed === 0,
    summary: `collect: ${tasks.length} tasks, ${runs} runs (${failed} failed), ${rows} rows written in ${Math.round((Date.now() - started) / 1000)} s`,
    json: { tasks: status },
  };
}
