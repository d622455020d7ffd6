// Next.js bundles a server module into each route's chunk, one copy per chunk; the database client is shared
// (globalThis) and so must be what the modules keep about it. Two copies of the same modules here (the module
// registry reset between imports) stand for two route chunks: before lib/process-wide.ts, a copy that had not
// created the client found no SQLite connection for it and every figure read went through Prisma's raw
// queries (a cold year's scorecard in the built server: 7.1 s instead of 1.9 s), and an admin session or an
// in-memory figure existed in one copy only, and a venue's request pacing was per copy.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { tempDb, type TempDb } from "./db-helper";

let t: TempDb;
beforeAll(async () => {
  t = await tempDb();
});
afterAll(async () => {
  await t?.cleanup();
});

/** A fresh copy of a module, as another route's chunk holds it. */
async function freshCopy<T>(load: () => Promise<T>): Promise<T> {
  vi.resetModules();
  return load();
}

describe("state shared by every copy of a module", () => {
  it.runIf(!process.env.VENUESCOPE_TEST_PG_URL)("finds the SQLite connection of a client another copy created, and reads through it", async () => {
    const a = await freshCopy(() => import("../../lib/db-sqlite"));
    const b = await freshCopy(() => import("../../lib/db-sqlite"));
    expect(b).not.toBe(a);
    const client = a.createSqliteDb(t.file!);
    await client.venue.count();
    const conn = a.sqliteConnectionOf(client);
    expect(conn).not.toBeNull();
    expect(b.sqliteConnectionOf(client)).toBe(conn);
    // the figures' reads in the other copy take the prepared-statement path on it
    const read = await freshCopy(() => import("../../lib/store/sqlite-read"));
    expect(read.idleSqlite(client as never)).toBe(conn);
    await client.$disconnect();
  });

  it("keeps one figure memo and one set of admin sessions", async () => {
    const cacheA = await freshCopy(() => import("../../lib/services/figure-cache"));
    const cacheB = await freshCopy(() => import("../../lib/services/figure-cache"));
    expect(cacheB).not.toBe(cacheA);
    let computed = 0;
    const compute = async () => ({ n: ++computed });
    expect(await cacheA.cachedFigure(t.db, "process-wide|1", compute)).toEqual({ n: 1 });
    // the copy that did not compute it answers from memory (the stored row is gone: only the memo can answer)
    await t.db.figureCache.deleteMany({ where: { key: "process-wide|1" } });
    expect(await cacheB.cachedFigure(t.db, "process-wide|1", compute)).toEqual({ n: 1 });
    cacheB.forgetFiguresInMemory(t.db);
    expect(await cacheA.cachedFigure(t.db, "process-wide|1", compute)).toEqual({ n: 2 });

    const authA = await freshCopy(() => import("../../lib/api/auth"));
    const authB = await freshCopy(() => import("../../lib/api/auth"));
    const id = authA.createSession();
    expect(authB.sessionValid(id)).toBe(true);
    authB.revokeSession(id);
    expect(authA.sessionValid(id)).toBe(false);
  });

  it("paces a venue's requests across copies (the collector's chunk and a route's)", async () => {
    const a = await freshCopy(() => import("../../lib/venues/rate-limit"));
    const b = await freshCopy(() => import("../../lib/venues/rate-limit"));
    a.resetRateLimits();
    const slept: number[] = [];
    const clock = { now: () => 1_000, sleep: async (ms: number) => void slept.push(ms) };
    const limit = { key: "process-wide-test", requests: 2, perMs: 1_000, source: "test" };
    await a.throttle(limit, clock);
    await b.throttle(limit, clock);
    expect(slept).toEqual([500]);
    b.resetRateLimits();
  });
});
