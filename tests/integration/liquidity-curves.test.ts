// Liquidity curves and day rollups on a real database (issue #18.1-2): ingest stores each book's curve and
// forgets the day rollups it wrote into; the migration step (backfillCurves) fills rows stored without
// curves; market figures read curves and rollups and equal the exact book walks at grid notionals (within
// the stated bound between them).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDb, type TempDb } from "./db-helper";
import { ingestBodies } from "../../lib/ingest/ingest-bodies";
import { binanceUsdm } from "../../lib/venues/binance-usdm/connector";
import { computeMarketFigures, sampledBooks } from "../../lib/services/market-figures";
import { slippageSamples, summarizeSlippage } from "../../lib/metrics/slippage-series";
import { decodeCurve, liquidityCurve } from "../../lib/metrics/liquidity-curve";
import { decodeLevels } from "../../lib/books/level-codec";
import { backfillCurves } from "../../lib/store/book-curves";
import { bookDayColumns, DAY_MS } from "../../lib/store/book-days";

let t: TempDb;
const T0 = Date.UTC(2024, 0, 1);
const STEP = 30 * 60_000;
const N = 96; // two days at 30 min

/** BTC-like book: 60 levels a side, $1 apart around a drifting mid, sizes varying by time (depth ~$4-9M a side). */
function body(i: number) {
  const mid = 60_000 + 40 * Math.sin(i / 7);
  const size = (k: number) => (1 + ((i * 7 + k * 13) % 11) / 5).toFixed(3);
  const bids = Array.from({ length: 60 }, (_, k) => [(mid - 0.5 - k).toFixed(1), size(k)]);
  const asks = Array.from({ length: 60 }, (_, k) => [(mid + 0.5 + k).toFixed(1), size(k + 1)]);
  return { T: T0 + i * STEP, bids, asks };
}

async function ingest(from: number, to: number) {
  const bodies = Array.from({ length: to - from }, (_, k) => ({ body: body(from + k), symbol: "BTCUSDT", receivedTs: T0 + (from + k) * STEP, levelLimit: 1000 }));
  return ingestBodies(t.db, binanceUsdm, "depth", bodies, { provenance: "recorded", mode: "import", source: "test" });
}

beforeAll(async () => {
  t = await tempDb();
  expect((await ingest(0, N)).rowsWritten).toBe(N);
});
afterAll(async () => t.cleanup());

/** What the figures gave before curves: the exact walks over the same sampled books. */
async function exactSlippage(marketId: number, window: { from: number; to: number }, notional: number) {
  const { sample } = await sampledBooks(t.db, marketId, window, []);
  return summarizeSlippage(slippageSamples(sample, notional, "buy", 10));
}

describe("liquidity curves in the database", () => {
  it("ingest stores every book's curve: the curve its levels give", async () => {
    const rows = await t.db.bookSnapshot.findMany({ select: { ts: true, bids: true, asks: true, truncated: true, curve: true } });
    expect(rows).toHaveLength(N);
    for (const r of rows) {
      const book = { ts: r.ts.getTime(), bids: decodeLevels(r.bids), asks: decodeLevels(r.asks), truncated: r.truncated };
      expect(decodeCurve(r.curve!, book.ts, book.truncated)).toEqual(liquidityCurve(book));
    }
  });

  it("figures equal the exact book walks at a grid notional and lie within the bound between grid notionals", async () => {
    const m = await t.db.market.findFirstOrThrow();
    const window = { from: T0, to: T0 + (N - 1) * STEP };
    const atGrid = await computeMarketFigures(t.db, m.id, { preset: "all" }, 1_000_000);
    const exact = await exactSlippage(m.id, window, 1_000_000);
    // Grid values are stored as float32: the same figures to 1e-7 relative.
    const { p50Bps, p90Bps, p95Bps, p99Bps, maxBps, ...counts } = atGrid.slippage!.buy;
    const { p50Bps: e50, p90Bps: e90, p95Bps: e95, p99Bps: e99, maxBps: eMax, ...exactCounts } = exact;
    expect(counts).toEqual(exactCounts);
    [p50Bps, p90Bps, p95Bps, p99Bps, maxBps].forEach((v, k) => expect(Math.abs(v! - [e50, e90, e95, e99, eMax][k]!)).toBeLessThanOrEqual(1e-7 * Math.abs(v!)));
    expect(atGrid.curveBoundBps).toBe(0);
    expect(atGrid.slippage!.buy.p50Bps).toBeGreaterThan(0.5);
    const offGrid = await computeMarketFigures(t.db, m.id, { preset: "all" }, 1_100_000);
    const exactOff = await exactSlippage(m.id, window, 1_100_000);
    const bound = offGrid.curveBoundBps!;
    expect(bound).toBeGreaterThan(0);
    // A percentile of values each within [v − bound, v] of the truth is itself within that bound.
    for (const k of ["p50Bps", "p95Bps", "maxBps"] as const) {
      expect(exactOff[k]!).toBeLessThanOrEqual(offGrid.slippage!.buy[k]! + 1e-7 * exactOff[k]!);
      expect(exactOff[k]!).toBeGreaterThanOrEqual(offGrid.slippage!.buy[k]! - bound - 1e-9);
    }
    // Within tolerance (0.1 bps or 1 %), so interpolated, not walked: a $1 ladder is nearly linear in $1M-$1.25M.
    expect(bound).toBeLessThanOrEqual(Math.max(0.1, 0.01 * offGrid.slippage!.buy.p50Bps!));
  });

  it("the migration step fills rows stored without a curve, once", async () => {
    const m = await t.db.market.findFirstOrThrow();
    const before = await computeMarketFigures(t.db, m.id, { preset: "all" }, 2_500_000);
    const stored = await t.db.bookSnapshot.findMany({ select: { id: true, curve: true }, orderBy: { id: "asc" } });
    await t.db.bookSnapshot.updateMany({ data: { curve: null } });
    // Without stored curves the figures compute them from the levels: the same numbers.
    expect(await computeMarketFigures(t.db, m.id, { preset: "all" }, 2_500_000)).toEqual(before);
    const progress: number[] = [];
    const r = await backfillCurves(t.db, { batch: 40, onProgress: (done) => progress.push(done) });
    expect(r.updated).toBe(N);
    expect(progress).toEqual([40, 80, 96]);
    const hex = async () => (await t.db.bookSnapshot.findMany({ select: { curve: true }, orderBy: { id: "asc" } })).map((x) => Buffer.from(x.curve!).toString("hex"));
    const storedHex = stored.map((x) => Buffer.from(x.curve!).toString("hex"));
    expect(await hex()).toEqual(storedHex);
    expect((await backfillCurves(t.db)).updated).toBe(0);
    // After a layout change (--all): every row recomputed, to the same bytes here.
    await t.db.bookSnapshot.updateMany({ where: { id: stored[0].id }, data: { curve: Uint8Array.of(1, 0) } });
    expect((await backfillCurves(t.db, { all: true })).updated).toBe(N);
    expect(await hex()).toEqual(storedHex);
  });

  it("day rollups: built on read, forgotten by an ingest into their day only, and the new book is read", async () => {
    const m = await t.db.market.findFirstOrThrow();
    const cols = await bookDayColumns(t.db, m.id, m.venueId, T0, T0 + (N - 1) * STEP);
    expect(cols.length).toBe(N);
    expect(Array.from(cols.ts.subarray(0, 3))).toEqual([T0, T0 + STEP, T0 + 2 * STEP]);
    const days = await t.db.bookDay.findMany({ orderBy: { day: "asc" } });
    expect(days.map((d) => [d.day.getTime(), d.count])).toEqual([
      [T0, 48],
      [T0 + DAY_MS, 48],
    ]);
    // A book on day 2 at 23:45 (after its last one): only day 2's rollup is dropped.
    const late = { body: { ...body(N - 1), T: T0 + 2 * DAY_MS - 15 * 60_000 }, symbol: "BTCUSDT", receivedTs: T0 + 2 * DAY_MS - 15 * 60_000, levelLimit: 1000 };
    expect((await ingestBodies(t.db, binanceUsdm, "depth", [late], { provenance: "recorded", mode: "import", source: "test" })).rowsWritten).toBe(1);
    expect((await t.db.bookDay.findMany()).map((d) => d.day.getTime())).toEqual([T0]);
    const f = await computeMarketFigures(t.db, m.id, { preset: "all" }, 1_000_000);
    expect(f.snapshots.inWindow).toBe(N + 1);
    expect((await t.db.bookDay.findMany({ orderBy: { day: "asc" } })).map((d) => d.count)).toEqual([48, 49]);
  });

  it("a rebuild while an ingest run of the venue is running is used but not stored", async () => {
    const m = await t.db.market.findFirstOrThrow();
    await t.db.bookDay.deleteMany();
    const run = await t.db.ingestRun.create({ data: { venueId: m.venueId, venueSlug: "binance-usdm", kind: "depth", mode: "import", source: "test", provenance: "recorded", startedAt: new Date() } });
    const cols = await bookDayColumns(t.db, m.id, m.venueId, T0, T0 + 2 * DAY_MS);
    expect(cols.length).toBe(N + 1);
    expect(await t.db.bookDay.count()).toBe(0);
    await t.db.ingestRun.update({ where: { id: run.id }, data: { status: "ok", finishedAt: new Date() } });
    await bookDayColumns(t.db, m.id, m.venueId, T0, T0 + 2 * DAY_MS);
    // Days 1 and 2, and day 3 (its first instant is in the range) stored as an empty day.
    expect((await t.db.bookDay.findMany({ orderBy: { day: "asc" } })).map((d) => d.count)).toEqual([48, 49, 0]);
  });
});
