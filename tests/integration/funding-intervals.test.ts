// Interval filling after a funding batch reads only the batch's range and three days either side: records of
// the market's older history are neither read nor changed, so a long import's work per batch stays bounded.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDb, type TempDb } from "./db-helper";
import { fillFundingIntervals } from "../../lib/ingest/funding-intervals";
import { DAY_MS, HOUR_MS } from "../../lib/metrics/time";

let t: TempDb;
let marketId: number;
beforeAll(async () => {
  t = await tempDb();
  const venue = await t.db.venue.create({ data: { slug: "test-intervals", name: "Test", kind: "cex", provenance: "simulated" } });
  marketId = (await t.db.market.create({ data: { venueId: venue.id, symbol: "BTCUSDT", base: "BTC", quote: "USDT", settle: "USDT", contractType: "linear", sizeUnit: "base", provenance: "simulated" } })).id;
});
afterAll(async () => t?.cleanup());

const T0 = Date.UTC(2024, 0, 1);
const add = (from: number, n: number, hours: number) =>
  t.db.fundingRecord.createMany({ data: Array.from({ length: n }, (_, i) => ({ marketId, fundingTime: new Date(from + i * hours * HOUR_MS), rate: 0.0001, provenance: "simulated" as const })) });
const intervalsIn = async (from: number, to: number) =>
  (await t.db.fundingRecord.findMany({ where: { marketId, fundingTime: { gte: new Date(from), lte: new Date(to) } }, orderBy: { fundingTime: "asc" }, select: { intervalHours: true } })).map((r) => r.intervalHours);

describe("funding interval filling", () => {
  it("fills the batch's records from their spacing and leaves older history alone", async () => {
    // An old 8-hourly month without intervals, then, 60 days later, a 1-hourly batch of 48 records.
    await add(T0, 90, 8);
    const batchFrom = T0 + 90 * DAY_MS;
    await add(batchFrom, 48, 1);
    const filled = await fillFundingIntervals(t.db, marketId, { from: batchFrom, to: batchFrom + 47 * HOUR_MS });
    // All 48 (the first takes the regime its successors show; the old month, 60 days back, is out of reach).
    expect(filled).toBe(48);
    expect(await intervalsIn(batchFrom, batchFrom + 47 * HOUR_MS)).toEqual(Array(48).fill(1));
    // The old month, 60 days before the batch, was not read: still without intervals.
    expect(new Set(await intervalsIn(T0, T0 + 89 * 8 * HOUR_MS))).toEqual(new Set([null]));
    // The market's interval is what its latest records show.
    expect((await t.db.market.findUniqueOrThrow({ where: { id: marketId } })).fundingIntervalHours).toBe(1);
  });
});
