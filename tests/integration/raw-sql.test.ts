// The raw SQL paths (bulk insert-ignore writes, the data-status day grid) behave the same on SQLite and
// PostgreSQL: rows written raw read back through Prisma with their exact times and flags, natural keys
// match Prisma's own DateTime values, concurrent writers of overlapping rows store each row once, and
// rows are counted on their UTC day.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDb, testPgUrl, type TempDb } from "./db-helper";
import { writeRows } from "../../lib/ingest/write-rows";
import type { WriteContext } from "../../lib/ingest/write-types";
import type { BookRow, FundingRow } from "../../lib/venues/types";
import { dialectOf } from "../../lib/sql-dialect";
import { getDataStatus } from "../../lib/services/data-status";
import { DataStatusQuery } from "../../lib/views/data-status";

let t: TempDb;
let ctx: WriteContext;
const DAY = Date.UTC(2025, 2, 10);

const book = (ts: number, truncated = false): BookRow => ({ symbol: "BTCUSDT", exchangeTs: ts, receivedTs: ts + 7, bids: [[100, 1], [99.5, 2]], asks: [[100.5, 1]], levelLimit: 2, truncated });
const funding = (fundingTime: number, predicted: boolean): FundingRow => ({ symbol: "BTCUSDT", fundingTime, rate: 0.0001, intervalHours: 8, premium: null, markPrice: 100, indexPrice: null, predicted });

beforeAll(async () => {
  t = await tempDb();
  const venue = await t.db.venue.create({ data: { slug: "raw-sql", name: "Raw SQL", kind: "cex", provenance: "recorded" } });
  const market = await t.db.market.create({ data: { venueId: venue.id, symbol: "BTCUSDT", base: "BTC", quote: "USDT", settle: "USDT", contractType: "linear", sizeUnit: "base", provenance: "recorded" } });
  ctx = { venueId: venue.id, provenance: "recorded", ingestRunId: null, marketIds: new Map([["BTCUSDT", market.id]]) };
});
afterAll(async () => t.cleanup());

describe(`raw SQL on ${testPgUrl() ? "PostgreSQL" : "SQLite"}`, () => {
  it("knows which database the client and its transactions talk to", async () => {
    expect(dialectOf(t.db)).toBe(t.provider);
    await t.db.$transaction(async (tx) => expect(dialectOf(tx)).toBe(t.provider));
  });

  it("writes rows that read back through Prisma exactly, keyed like Prisma's own values", async () => {
    const times = [DAY - 1, DAY, DAY + 123];
    const r = await t.db.$transaction((tx) => writeRows(tx, "depth", times.map((ts, i) => book(ts, i === 1)), ctx));
    expect(r).toEqual({ written: 3, skipped: 0 });
    const rows = await t.db.bookSnapshot.findMany({ orderBy: { ts: "asc" } });
    expect(rows.map((b) => b.ts.getTime())).toEqual(times);
    expect(rows.map((b) => b.receivedTs.getTime())).toEqual(times.map((ts) => ts + 7));
    expect(rows.map((b) => b.truncated)).toEqual([false, true, false]);
    expect(rows[0].bids.length).toBeGreaterThan(0);
    // The unique key written raw is found by Prisma's DateTime (same stored representation).
    const found = await t.db.bookSnapshot.findUnique({ where: { marketId_ts: { marketId: ctx.marketIds.get("BTCUSDT")!, ts: new Date(DAY + 123) } } });
    expect(found?.ts.getTime()).toBe(DAY + 123);
    const again = await t.db.$transaction((tx) => writeRows(tx, "depth", times.map((ts) => book(ts)), ctx));
    expect(again).toEqual({ written: 0, skipped: 3 });

    await t.db.$transaction((tx) => writeRows(tx, "funding", [funding(DAY, false), funding(DAY + 8 * 3_600_000, true)], ctx));
    const f = await t.db.fundingRecord.findMany({ orderBy: { fundingTime: "asc" } });
    expect(f.map((x) => [x.fundingTime.getTime(), x.predicted])).toEqual([[DAY, false], [DAY + 8 * 3_600_000, true]]);
  });

  it("stores each row once when two writers insert overlapping rows at the same time", async () => {
    const base = DAY + 86_400_000 * 3;
    const a = Array.from({ length: 300 }, (_, i) => book(base + i * 1000));
    const b = Array.from({ length: 300 }, (_, i) => book(base + (i + 150) * 1000));
    const [ra, rb] = await Promise.all([t.db.$transaction((tx) => writeRows(tx, "depth", a, ctx)), t.db.$transaction((tx) => writeRows(tx, "depth", b, ctx))]);
    expect(ra.written + rb.written).toBe(450);
    expect(ra.skipped + rb.skipped).toBe(150);
    expect(await t.db.bookSnapshot.count({ where: { ts: { gte: new Date(base) } } })).toBe(450);
  });

  it("counts rows on their UTC day in the data-status grid", async () => {
    const s = await getDataStatus(t.db, DataStatusQuery.parse({ days: "5" }));
    const books = s.grid.rows.find((r) => r.slug === "raw-sql" && r.kind === "depth")!;
    const byDay = Object.fromEntries(s.grid.days.map((d, i) => [d, books.counts[i]]));
    expect(byDay).toMatchObject({ "2025-03-09": 1, "2025-03-10": 2, "2025-03-11": 0, "2025-03-13": 450 });
  });
});
