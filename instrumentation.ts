// Runs once when the Next.js server starts: says who can reach it and who can change data (issue #19,
// "open by default"), and fails start-up on an invalid environment instead of at the first request.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env, exposureSummary } = await import("./lib/env-core");
  env(); // throws "Invalid environment configuration" on a bad value
  console.log(exposureSummary());
}
