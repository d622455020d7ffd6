// Runs once when the Next.js server starts: says who can reach it and who can change data (issue #19,
// "open by default"), fails start-up on an invalid environment instead of at the first request, and starts
// the collector beside the app when VENUESCOPE_COLLECT names a config (an invalid config fails start-up too),
// with rank-move checks and webhook alerts after its writes.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env, exposureSummary } = await import("./lib/env-core");
  const e = env(); // throws "Invalid environment configuration" on a bad value
  console.log(exposureSummary());
  if (e.VENUESCOPE_COLLECT) {
    const { startCollectorBesideApp } = await import("./lib/ingest/collect-beside-app");
    const { afterWrites, COLLECTOR_RANK_INTERVAL_MS } = await import("./lib/alerts/after-writes");
    const { db } = await import("./lib/db");
    // After a task wrote rows: rank moves (at most every few minutes) and webhook alerts for new change events.
    await startCollectorBesideApp(e.VENUESCOPE_COLLECT, () => void afterWrites(db(), { log: (line) => console.log(`collector: ${line}`), rankMinIntervalMs: COLLECTOR_RANK_INTERVAL_MS }));
  }
}
