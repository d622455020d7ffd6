// Runs once when the Next.js server starts: says who can reach it and who can change data (issue #19,
// "open by default"), fails start-up on an invalid environment instead of at the first request, and starts
// the collector beside the app when VENUESCOPE_COLLECT names a config (an invalid config fails start-up too).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env, exposureSummary } = await import("./lib/env-core");
  const e = env(); // throws "Invalid environment configuration" on a bad value
  console.log(exposureSummary());
  if (e.VENUESCOPE_COLLECT) {
    const { startCollectorBesideApp } = await import("./lib/ingest/collect-beside-app");
    await startCollectorBesideApp(e.VENUESCOPE_COLLECT);
  }
}
