// The collector inside `npm start` (VENUESCOPE_COLLECT=<config>): same loop and lock as `venuescope collect`,
// lines prefixed "collector:", stopped gracefully with the server (SIGINT/SIGTERM).
import "server-only";
import { db } from "../db";
import { env, databaseProvider, sqliteFilePath } from "../env-core";
import { loadCollectorConfig } from "../collector/load";
import { cadenceLabel } from "../collector/config";
import { allConnectors } from "../venues/registry";
import { acquireCollectorLock, collectorLockPath, liveCollectorDeps, startCollector, type CollectorDeps } from "./collect";
import { hip3DexOfSlug } from "../venues/hyperliquid/dex-slug";

/** `afterRuns`: what runs after a task wrote rows (instrumentation.ts passes the rank check and webhook alerts). */
export async function startCollectorBesideApp(configFile: string, afterRuns?: CollectorDeps["afterRuns"]): Promise<void> {
  const known = new Set(allConnectors().map((c) => c.info.slug));
  const { config, tasks } = loadCollectorConfig(configFile, (s) => known.has(s) || hip3DexOfSlug(s) !== null); // throws: start-up fails with the reason
  const log = (line: string) => console.log(`collector: ${line}`);
  let release: () => void;
  try {
    release = acquireCollectorLock(collectorLockPath(env().DATABASE_URL, databaseProvider() === "sqlite" ? sqliteFilePath() : null));
  } catch (err) {
    // Another collector already keeps this database fresh: the app runs without a second one.
    log(`not started: ${(err as Error).message}`);
    return;
  }
  log(`${tasks.length} tasks: ${tasks.map((t) => `${t.id} ${cadenceLabel(t.cadence)}`).join(", ")}`);
  const collector = startCollector(tasks, config, liveCollectorDeps(db(), log, afterRuns));
  const stop = () => {
    log("stopping: letting running fetches finish");
    void collector.stop().finally(release);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
