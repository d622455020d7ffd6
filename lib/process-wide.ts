// State one server process must hold once. Next.js bundles a server module into each route's own chunk, so a
// module-level `const cache = new Map()` exists once per chunk that imports it: the database client (kept on
// globalThis by lib/db.ts) was shared while what a module kept about it was not — a route whose chunk had not
// created the client found no SQLite connection for it and read everything through Prisma's raw queries
// (a cold year's scorecard took 7 s instead of 2), and each chunk kept its own figure memo, curve memo and
// admin sessions. Such state lives on globalThis under a registered symbol instead: one value per process.

/** The process's one value under `key`, made by `init` on first use (by whichever copy of a module asks first). */
export function processWide<T>(key: string, init: () => T): T {
  const slot = Symbol.for(`venuescope:${key}`);
  const g = globalThis as unknown as Record<symbol, T | undefined>;
  let value = g[slot];
  if (value === undefined) g[slot] = value = init();
  return value;
}
