// BookDayCount's per-day figures (count, truncated, aggregated, levels, provenances, first and last time) as the
// writer's recount and the migration's backfill compute them, and the book coverage read from them, against
// grouping the snapshots themselves — on SQLite here, on PostgreSQL under `npm run test:pg`.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { recountBookDays } from "../../lib/store/book-days";
import { getCoverage } from "../../lib/services/coverage";
import { forgetFiguresInMemory } from "../../lib/services/figure-cache";
import { tempDb, type TempDb } from "./db-helper";

let t: TempDb;
beforeAll(async () => {
  t = await tempDb();
});
afterAll(async () => {
  await t?.cleanup();
});

const T0 = Date.UTC(2026, 2, 1);
const DAY = 86_400_000;
const empty = new Uint8Array(0);

/** The coverage of a market's books by grouping its snapshots (what getCoverage computed before BookDayCount held it). */
async function groupedDepth(marketId: number) {
  const rows = await t.db.bookSnapshot.findMany({ where: { marketId }, select: { ts: true, truncated: true, aggregated: true, bidLevels: true, askLevels: true, exactLevels: true, provenance: true } });
  if (rows.length === 0) return null;
  const times = rows.map((r) => r.ts.getTime());
  const aggregated = rows.filter((r) => r.aggregated);
  return {
    count: rows.length,
    from: new Date(Math.min(...times)).toISOString(),
    to: new Date(Math.max(...times)).toISOString(),
    provenance: (["live", "recorded", "simulated"] as const).filter((p) => rows.some((r) => r.provenance === p)),
    maxLevels: Math.max(...rows.map((r) => Math.max(r.bidLevels, r.askLevels))),
    truncatedShare: rows.filter((r) => r.truncated).length / rows.length,
    aggregatedShare: aggregated.length / rows.length,
    exactLevels: aggregated.length ? Math.max(...aggregated.map((r) => r.exactLevels ?? 0)) : null,
  };
}

describe("BookDayCount coverage", () => {
  it("equals grouping the snapshots, after writes, a rerun and deletions, and as the migration backfills it", async () => {
    const venue = await t.db.venue.create({ data: { slug: "cov-day", name: "Cov Day", kind: "dex", provenance: "recorded" } });
    const markets = await Promise.all(
      ["AAAUSDT", "BBBUSDT"].map((symbol) => t.db.market.create({ data: { venueId: venue.id, symbol, base: symbol.slice(0, 3), quote: "USDT", settle: "USDT", contractType: "linear", sizeUnit: "base", provenance: "recorded" } })),
    );
    // Random snapshots over four days: truncated or not, aggregated with exact levels or not, three provenances.
    const snaps = fc.sample(
      fc.record({
        market: fc.integer({ min: 0, max: 1 }),
        at: fc.integer({ min: 0, max: 4 * 24 * 60 - 1 }),
        truncated: fc.boolean(),
        aggregated: fc.boolean(),
        bidLevels: fc.integer({ min: 0, max: 500 }),
        askLevels: fc.integer({ min: 0, max: 500 }),
        exactLevels: fc.option(fc.integer({ min: 1, max: 100 })),
        provenance: fc.constantFrom("live" as const, "recorded" as const, "simulated" as const),
      }),
      { numRuns: 300, seed: 20261210 },
    );
    const unique = [...new Map(snaps.map((s) => [`${s.market}|${s.at}`, s])).values()];
    const rows = unique.map((s) => ({
      marketId: markets[s.market].id,
      ts: new Date(T0 + s.at * 60_000 + 123),
      receivedTs: new Date(T0 + s.at * 60_000 + 123),
      bids: empty,
      asks: empty,
      bidLevels: s.bidLevels,
      askLevels: s.askLevels,
      truncated: s.truncated,
      aggregated: s.aggregated,
      exactLevels: s.aggregated ? (s.exactLevels ?? null) : null,
      bestBid: 1,
      bestAsk: 1,
      midPrice: 1,
      spreadBps: 0,
      provenance: s.provenance,
    }));
    await t.db.bookSnapshot.createMany({ data: rows });
    const keys = rows.map((r) => [r.marketId, r.ts.getTime()] as const);
    await recountBookDays(t.db, keys);
    await recountBookDays(t.db, keys); // a rerun changes nothing
    // (rows written here without an ingest run: the cached coverage is dropped before each read)
    const depthOf = async () => {
      await t.db.figureCache.deleteMany();
      forgetFiguresInMemory(t.db);
      return (await getCoverage(t.db, { slug: "cov-day" }))[0].markets.map((m) => ({ symbol: m.symbol, depth: m.depth }));
    };
    const expectGrouped = async () => {
      const got = await depthOf();
      for (const m of markets) {
        const want = await groupedDepth(m.id);
        const d = got.find((g) => g.symbol === m.symbol)?.depth;
        if (want === null) expect(d === undefined || d.count === 0).toBe(true);
        else expect(d).toEqual(want);
      }
    };
    await expectGrouped();
    // Day two of market A deleted and recounted: its row stays with a zero count and no times.
    await t.db.bookSnapshot.deleteMany({ where: { marketId: markets[0].id, ts: { gte: new Date(T0 + DAY), lt: new Date(T0 + 2 * DAY) } } });
    await recountBookDays(t.db, [[markets[0].id, T0 + DAY]]);
    const zero = await t.db.bookDayCount.findUniqueOrThrow({ where: { marketId_day: { marketId: markets[0].id, day: new Date(T0 + DAY) } } });
    expect([zero.count, zero.firstTs, zero.lastTs, zero.provenances]).toEqual([0, null, null, 0]);
    await expectGrouped();
    // The migration's backfill computes the same rows as the recounts.
    const recounted = await t.db.bookDayCount.findMany({ where: { count: { gt: 0 } }, orderBy: [{ marketId: "asc" }, { day: "asc" }] });
    const file = path.resolve(`prisma/${t.provider}/migrations/20261210120000_book_day_coverage/migration.sql`);
    const refill = fs.readFileSync(file, "utf8").split("\n").filter((l) => !l.startsWith("--")).join("\n");
    const statements = refill.slice(refill.indexOf("DELETE FROM")).split(";").map((s) => s.trim()).filter(Boolean);
    expect(statements).toHaveLength(2);
    for (const sql of statements) await t.db.$executeRawUnsafe(sql);
    expect(await t.db.bookDayCount.findMany({ orderBy: [{ marketId: "asc" }, { day: "asc" }] })).toEqual(recounted);
    await expectGrouped();
  });
});
