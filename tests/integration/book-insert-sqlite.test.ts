// Books written through a prepared statement on the transaction's own SQLite connection (what ingestBodies
// does) are stored as the raw-SQL-through-Prisma path stores them: every column's stored type and value (SQL
// quote()) equal, the natural key skipping the same rows, and a rolled-back transaction leaving none. The one
// difference: midPrice and spreadBps, computed here, are stored as the exact doubles the code computed, where
// Prisma's raw queries round a bound float to about 16 digits (0.1 + 0.2 is stored as 0.3): last bits only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDb, testPgUrl, type TempDb } from "./db-helper";
import { writeRows } from "../../lib/ingest/write-rows";
import type { WriteContext } from "../../lib/ingest/write-types";
import type { BookRow } from "../../lib/venues/types";
import { sqliteConnectionOf } from "../../lib/db";

let t: TempDb;
let ctx: WriteContext;
const T0 = Date.UTC(2025, 2, 10, 12);

const book = (ts: number, i: number): BookRow => ({
  symbol: i % 2 ? "BTCUSDT" : "ETHUSDT",
  exchangeTs: i % 3 === 0 ? null : ts,
  receivedTs: ts + 7,
  bids: [[60000.1 - i, 0.003 * (i + 1)], [59999.5 - i, 2]],
  asks: [[60000.2 + i, 1 / 3]],
  levelLimit: 100,
  truncated: i % 2 === 0,
  ...(i % 4 === 1 ? { aggregated: true, exactLevels: 7 } : {}),
});

beforeAll(async () => {
  t = await tempDb();
  const venue = await t.db.venue.create({ data: { slug: "prepared", name: "Prepared", kind: "cex", provenance: "recorded" } });
  const m = async (symbol: string) => (await t.db.market.create({ data: { venueId: venue.id, symbol, base: symbol.slice(0, 3), quote: "USDT", settle: "USDT", contractType: "linear", sizeUnit: "base", provenance: "recorded" } })).id;
  const run = await t.db.ingestRun.create({ data: { venueId: venue.id, venueSlug: "prepared", kind: "depth", mode: "import", provenance: "recorded", startedAt: new Date(T0) } });
  ctx = { venueId: venue.id, provenance: "recorded", ingestRunId: run.id, marketIds: new Map([["BTCUSDT", await m("BTCUSDT")], ["ETHUSDT", await m("ETHUSDT")]]) };
});
afterAll(async () => t?.cleanup());

const stored = async (from: number, to: number) =>
  t.db.$queryRawUnsafe<Record<string, unknown>[]>(
    `SELECT ${["marketId", "ts", "exchangeTs", "receivedTs", "bids", "asks", "bidLevels", "askLevels", "levelLimit", "truncated", "bestBid", "bestAsk", "midPrice", "spreadBps", "provenance", "ingestRunId", "aggregated", "exactLevels"].map((c) => `quote("${c}") AS "${c}", typeof("${c}") AS "${c}Type"`).join(", ")} FROM "BookSnapshot" WHERE "ts" >= ? AND "ts" < ? ORDER BY "ts", "marketId"`,
    new Date(from).toISOString().replace("Z", "+00:00"),
    new Date(to).toISOString().replace("Z", "+00:00"),
  );

describe.skipIf(testPgUrl() !== null)("books through the transaction's SQLite connection", () => {
  it("stores what the raw-SQL path stores, column by column, and skips the same duplicates", async () => {
    const rows = Array.from({ length: 40 }, (_, i) => book(T0 + i * 1000, i));
    const dup = [...rows, rows[3], rows[10]];
    const a = await t.db.$transaction((tx) => writeRows(tx, "depth", dup, ctx));
    const shifted = dup.map((r) => ({ ...r, exchangeTs: r.exchangeTs === null ? null : r.exchangeTs + 86_400_000, receivedTs: r.receivedTs + 86_400_000 }));
    const b = await t.db.$transaction((tx) => writeRows(tx, "depth", shifted, { ...ctx, sqlite: sqliteConnectionOf(t.db) }));
    expect(sqliteConnectionOf(t.db)).not.toBeNull();
    expect(a).toEqual({ written: 40, skipped: 2 });
    expect(b).toEqual(a);
    const viaPrisma = await stored(T0 - 1000, T0 + 86_400_000 - 1000);
    const viaPrepared = await stored(T0 + 86_400_000 - 1000, T0 + 2 * 86_400_000);
    expect(viaPrepared.length).toBe(40);
    // Times differ by the day shift; mid and spread in their last bits (checked below); everything else identical.
    const strip = (r: Record<string, unknown>) => ({ ...r, ts: null, exchangeTs: r.exchangeTs === "NULL" ? "NULL" : "t", receivedTs: null, midPrice: null, spreadBps: null });
    expect(viaPrepared.map(strip)).toEqual(viaPrisma.map(strip));
    const byKey = new Map(rows.map((r) => [`${ctx.marketIds.get(r.symbol)}|${r.exchangeTs ?? r.receivedTs}`, r]));
    for (const [i, p] of viaPrepared.entries()) {
      const ts = Date.parse(String(p.ts).replace(/'/g, "").replace("+00:00", "Z")) - 86_400_000;
      const r = byKey.get(`${p.marketId}|${ts}`)!;
      const mid = (r.bids[0][0] + r.asks[0][0]) / 2;
      expect(Number(p.midPrice)).toBe(mid);
      expect(Number(p.spreadBps)).toBe(((r.asks[0][0] - r.bids[0][0]) / mid) * 1e4);
      expect(Math.abs(Number(viaPrisma[i].midPrice) / mid - 1)).toBeLessThan(1e-15);
    }
    expect(viaPrepared.map((r) => r.tsType)).toEqual(viaPrisma.map((r) => r.tsType));
    const again = await t.db.$transaction((tx) => writeRows(tx, "depth", shifted, { ...ctx, sqlite: sqliteConnectionOf(t.db) }));
    expect(again).toEqual({ written: 0, skipped: 42 });
    // The key Prisma looks books up by matches the prepared path's stored time.
    const found = await t.db.bookSnapshot.findUnique({ where: { marketId_ts: { marketId: ctx.marketIds.get("BTCUSDT")!, ts: new Date(T0 + 86_400_000 + 1000) } } });
    expect(found?.receivedTs.getTime()).toBe(T0 + 86_400_000 + 1007);
  });

  it("writes inside the caller's transaction: a rollback leaves nothing", async () => {
    const rows = Array.from({ length: 5 }, (_, i) => book(T0 + 10 * 86_400_000 + i * 1000, i));
    await expect(
      t.db.$transaction(async (tx) => {
        await writeRows(tx, "depth", rows, { ...ctx, sqlite: sqliteConnectionOf(t.db) });
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect(await t.db.bookSnapshot.count({ where: { ts: { gte: new Date(T0 + 10 * 86_400_000) } } })).toBe(0);
  });
});
