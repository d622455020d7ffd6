// BookDayCount's per-day figures (count, truncated, aggregated, levels, provenances, first and last time) as the
// writer's increments and the migration's backfill compute them, and the book coverage read from them, against
// grouping the snapshots themselves — on SQLite here, on PostgreSQL under `npm run test:pg`.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { writeRows } from "../../lib/ingest/write-rows";
import { sqliteConnectionOf } from "../../lib/db";
import type { BookRow } from "../../lib/venues/types";
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
  it("equals grouping the snapshots, through the writer's batches, duplicates and reruns, and as the migration backfills it", async () => {
    const venue = await t.db.venue.create({ data: { slug: "cov-day", name: "Cov Day", kind: "dex", provenance: "recorded" } });
    const markets = await Promise.all(
      ["AAAUSDT", "BBBUSDT"].map((symbol) => t.db.market.create({ data: { venueId: venue.id, symbol, base: symbol.slice(0, 3), quote: "USDT", settle: "USDT", contractType: "linear", sizeUnit: "base", provenance: "recorded" } })),
    );
    const marketIds = new Map(markets.map((m) => [m.symbol, m.id]));
    // Random books over four days: truncated or not, aggregated with exact levels or not, 1-40 levels a side.
    const books = fc.sample(
      fc.record({
        symbol: fc.constantFrom("AAAUSDT", "BBBUSDT"),
        at: fc.integer({ min: 0, max: 4 * 24 * 60 - 1 }),
        truncated: fc.boolean(),
        aggregated: fc.boolean(),
        bids: fc.integer({ min: 1, max: 40 }),
        asks: fc.integer({ min: 1, max: 40 }),
        exactLevels: fc.option(fc.integer({ min: 1, max: 40 })),
      }),
      { numRuns: 240, seed: 20261210 },
    );
    const level = (i: number, side: 1 | -1): [number, number] => [100 + side * (0.5 + i), 1 + i];
    const rowOf = (b: (typeof books)[number]): BookRow => ({
      symbol: b.symbol,
      exchangeTs: T0 + b.at * 60_000 + 123,
      receivedTs: T0 + b.at * 60_000 + 456,
      bids: Array.from({ length: b.bids }, (_, i) => level(i, -1)),
      asks: Array.from({ length: b.asks }, (_, i) => level(i, 1)),
      levelLimit: 40,
      truncated: b.truncated,
      aggregated: b.aggregated,
      exactLevels: b.aggregated ? (b.exactLevels ?? null) : null,
    });
    // Three provenances in three batches, out of time order, the last batch repeating some of the first's books
    // (and one listed twice): each stored once, counted once.
    const batches: [BookRow[], "live" | "recorded" | "simulated"][] = [
      [books.slice(0, 100).map(rowOf), "recorded"],
      [books.slice(100, 180).map(rowOf).reverse(), "live"],
      [[...books.slice(180).map(rowOf), ...books.slice(0, 30).map(rowOf), rowOf(books[200])], "simulated"],
    ];
    for (const [rows, provenance] of batches) {
      await t.db.$transaction(async (tx) => {
        // On SQLite the writer inserts through the transaction's connection; without it (and on PostgreSQL),
        // through INSERT … RETURNING. Both paths run here.
        const sqlite = provenance === "live" ? null : sqliteConnectionOf(t.db);
        await writeRows(tx as never, "depth", rows, { venueId: venue.id, provenance, ingestRunId: null, marketIds, sqlite });
      });
    }
    await writeRows(t.db as never, "depth", batches[0][0], { venueId: venue.id, provenance: "recorded", ingestRunId: null, marketIds }); // a rerun adds nothing
    const depthOf = async () => {
      // (rows written here without an ingest run: the cached coverage is dropped before each read)
      await t.db.figureCache.deleteMany();
      forgetFiguresInMemory(t.db);
      return (await getCoverage(t.db, { slug: "cov-day" }))[0].markets.map((m) => ({ symbol: m.symbol, depth: m.depth }));
    };
    const expectGrouped = async () => {
      const got = await depthOf();
      expect(got).toHaveLength(2);
      for (const m of markets) expect(got.find((g) => g.symbol === m.symbol)?.depth).toEqual(await groupedDepth(m.id));
    };
    await expectGrouped();
    expect((await t.db.bookDayCount.aggregate({ _sum: { count: true } }))._sum.count).toBe(await t.db.bookSnapshot.count());
    // The migration's backfill computes the same rows as the writer's increments.
    const counted = await t.db.bookDayCount.findMany({ orderBy: [{ marketId: "asc" }, { day: "asc" }] });
    const file = path.resolve(`prisma/${t.provider}/migrations/20261210120000_book_day_coverage/migration.sql`);
    const refill = fs.readFileSync(file, "utf8").split("\n").filter((l) => !l.startsWith("--")).join("\n");
    const statements = refill.slice(refill.indexOf("DELETE FROM")).split(";").map((x) => x.trim()).filter(Boolean);
    expect(statements).toHaveLength(2);
    for (const sql of statements) await t.db.$executeRawUnsafe(sql);
    expect(await t.db.bookDayCount.findMany({ orderBy: [{ marketId: "asc" }, { day: "asc" }] })).toEqual(counted);
    await expectGrouped();
  });
});
