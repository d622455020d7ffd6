// The figures' SQL reads (lib/store/sqlite-read.ts readRows/timeSpan/writeRaw, and the loaders written on them)
// on a real database — SQLite here, PostgreSQL under `npm run test:pg` — against what the rows say.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insuranceLatest, insuranceSeries } from "../../lib/services/market-data";
import { msOf, readRows, timeSpan, writeRaw } from "../../lib/store/sqlite-read";
import { tempDb, type TempDb } from "./db-helper";

let t: TempDb;
let venueId: number;
let otherVenueId: number;
const T0 = Date.UTC(2026, 0, 1);
const MIN = 60_000;

beforeAll(async () => {
  t = await tempDb();
  venueId = (await t.db.venue.create({ data: { slug: "fast-a", name: "Fast A", kind: "cex", provenance: "recorded" } })).id;
  otherVenueId = (await t.db.venue.create({ data: { slug: "fast-b", name: "Fast B", kind: "cex", provenance: "recorded" } })).id;
});
afterAll(async () => {
  await t?.cleanup();
});

describe("timeSpan, readRows and writeRaw", () => {
  it("gives the first and last time by index seeks, null on no rows, and respects the filter", async () => {
    const market = await t.db.market.create({ data: { venueId, symbol: "SPANUSDT", base: "SPAN", quote: "USDT", settle: "USDT", contractType: "linear", sizeUnit: "base", provenance: "recorded" } });
    expect(await timeSpan(t.db, "FundingRecord", "fundingTime", `"marketId" = ? AND "predicted" = ?`, [market.id, false])).toEqual({ first: null, last: null });
    await t.db.fundingRecord.createMany({
      data: [
        { marketId: market.id, fundingTime: new Date(T0 + 8 * 3_600_000), rate: 0.0001, predicted: false, provenance: "recorded" },
        { marketId: market.id, fundingTime: new Date(T0 + 1), rate: 0.0002, predicted: false, provenance: "recorded" },
        { marketId: market.id, fundingTime: new Date(T0 + 16 * 3_600_000), rate: 0.0003, predicted: true, provenance: "recorded" },
      ],
    });
    expect(await timeSpan(t.db, "FundingRecord", "fundingTime", `"marketId" = ? AND "predicted" = ?`, [market.id, false])).toEqual({ first: T0 + 1, last: T0 + 8 * 3_600_000 });
    expect(await timeSpan(t.db, "FundingRecord", "fundingTime", `"marketId" = ?`, [market.id])).toEqual({ first: T0 + 1, last: T0 + 16 * 3_600_000 });
    // A DateTime bound as a parameter compares as the stored column does (millisecond precision kept).
    const rows = await readRows<{ fundingTime: unknown; rate: number }>(t.db, `SELECT "fundingTime", "rate" FROM "FundingRecord" WHERE "marketId" = ? AND "fundingTime" > ? ORDER BY "fundingTime" ASC`, [market.id, new Date(T0)]);
    expect(rows.map((r) => [msOf(r.fundingTime), r.rate])).toEqual([[T0 + 1, 0.0002], [T0 + 8 * 3_600_000, 0.0001], [T0 + 16 * 3_600_000, 0.0003]]);
  });

  it("writes and overwrites a cache row with one statement, read back by Prisma the same", async () => {
    const sql = `INSERT INTO "FigureCache" ("key", "dataVersion", "json", "scope", "bytes", "computedAt") VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT ("key") DO UPDATE SET "dataVersion" = excluded."dataVersion", "json" = excluded."json", "bytes" = excluded."bytes", "computedAt" = excluded."computedAt"`;
    await writeRaw(t.db, sql, ["fast-k", 1, `{"a":1}`, null, 7, new Date(T0)]);
    await writeRaw(t.db, sql, ["fast-k", 2, `{"a":22}`, null, 8, new Date(T0 + 5)]);
    const row = await t.db.figureCache.findUniqueOrThrow({ where: { key: "fast-k" } });
    expect([row.dataVersion, row.json, row.bytes, row.computedAt.getTime()]).toEqual([2, `{"a":22}`, 8, T0 + 5]);
  });
});

describe("insurance pools", () => {
  it("takes each pool at its own latest reading, strictly before a time or at it", async () => {
    await t.db.insuranceFundBalance.createMany({
      data: [
        { venueId, ts: new Date(T0), asset: "USDT", balanceUsd: 100, provenance: "recorded" },
        { venueId, ts: new Date(T0 + MIN), asset: "USDT", balanceUsd: 110, provenance: "recorded" },
        { venueId, ts: new Date(T0 + MIN), asset: "BTC", balanceUsd: 50, provenance: "recorded" },
        { venueId, ts: new Date(T0 + 2 * MIN), asset: "BTC", balanceUsd: 55, provenance: "recorded" },
        { venueId: otherVenueId, ts: new Date(T0 + MIN), asset: "USDT", balanceUsd: 999, provenance: "recorded" },
      ],
    });
    // At T0 + 1 min: USDT 110 and BTC 50, both read then.
    expect((await insuranceLatest(t.db, venueId, T0 + MIN))?.balanceUsd).toBe(160);
    // At T0 + 2 min: USDT 110 (read a minute earlier) and BTC 55.
    expect((await insuranceLatest(t.db, venueId, T0 + 2 * MIN))?.balanceUsd).toBe(165);
    // The series over [T0 + 2 min, T0 + 3 min] carries the pools read before it (strictly before its start).
    const series = await insuranceSeries(t.db, venueId, T0 + 2 * MIN, T0 + 3 * MIN);
    expect(series.at(-1)?.balanceUsd).toBe(165);
  });
});
