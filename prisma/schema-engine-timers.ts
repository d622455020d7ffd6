// The Prisma CLI's WebAssembly schema engine arms long guard timers it never clears; on both databases
// they kept finished commands alive (PostgreSQL migrate deploy ~11 s, SQLite db push ~60 s).
let timersPatched = false;

/**
 * Timers the WebAssembly schema engine creates (their stack runs through wasm frames) no longer keep the
 * process alive. They guard work that itself holds the event loop open (a query on the pg socket) or runs
 * synchronously (better-sqlite3), so a finished command exits at once while one in progress still
 * completes. Without this, `prisma db push` on SQLite waited about 60 s after finishing.
 */
export function unrefSchemaEngineTimers(): void {
  if (timersPatched) return;
  timersPatched = true;
  const setTimeoutOriginal = globalThis.setTimeout;
  const patched = function (this: unknown, ...args: Parameters<typeof setTimeout>) {
    const timer = setTimeoutOriginal.apply(this, args);
    if ((args[1] ?? 0) >= 1000 && new Error().stack?.includes("wasm://")) timer.unref();
    return timer;
  };
  globalThis.setTimeout = Object.assign(patched, setTimeoutOriginal) as typeof setTimeout;
}

