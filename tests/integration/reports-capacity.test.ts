// Capacity in allocation reports checked against walks done outside the app: hand-worked walks of a
// hand-built book, and a separate level-by-level walk of the recorded Binance depth fixture. (The older
// check in reports.test.ts compares the report with figures the report itself reads.)
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDb, type TempDb } from "./db-helper";
import { importFile } from "../../lib/ingest/import-file";
import { writeRows } from "../../lib/ingest/write-rows";
import type { BookRow } from "../../lib/venues/types";
import type { Level } from "../../lib/metrics/types";
import { buildAllocationReport } from "../../lib/services/build-allocation";
import { AllocationRequest } from "../../lib/reports/params";

const DEPTH = path.resolve("tests/fixtures/binance-usdm/depth_BTCUSDT_limit100_2024-11-01.json");
const T0 = Date.parse("2024-11-01T00:00:00Z");
const STEP = 5 * 60_000;
let t: TempDb;

/** 200 levels a side, $1 apart, from mid ± halfSpread, `size` BTC each. */
function book(ts: number, mid: number, size: number, halfSpread = 0.5): BookRow {
  const bids: Level[] = Array.from({ length: 200 }, (_, i) => [mid - halfSpread - i, size]);
  const asks: Level[] = Array.from({ length: 200 }, (_, i) => [mid + halfSpread + i, size]);
  return { symbol: "BTC-PERP", exchangeTs: ts, receivedTs: ts, bids, asks, levelLimit: 200, truncated: true };
}

async function writeBooks(slug: string, rows: BookRow[]) {
  const venue = await t.db.venue.upsert({ where: { slug }, create: { slug, name: slug, kind: "cex", provenance: "simulated" }, update: {}, select: { id: true } });
  const run = await t.db.ingestRun.create({ data: { venueId: venue.id, venueSlug: slug, kind: "depth", mode: "import", status: "ok", provenance: "simulated", finishedAt: new Date() } });
  await t.db.$transaction(async (tx) => {
    const ctx = { venueId: venue.id, provenance: "simulated" as const, ingestRunId: run.id, marketIds: new Map<string, number>() };
    await writeRows(tx, "markets", [{ symbol: "BTC-PERP", base: "BTC", quote: "USD", settle: "USD", contractType: "linear", sizeUnit: "base", contractSize: 1, tickSize: 0.5, maxLeverage: null, fundingIntervalHours: 8, active: true }], ctx);
    const market = await tx.market.findUniqueOrThrow({ where: { venueId_symbol: { venueId: venue.id, symbol: "BTC-PERP" } } });
    ctx.marketIds.set("BTC-PERP", market.id);
    await writeRows(tx, "depth", rows, ctx);
  });
}

const request = (over: Record<string, unknown> = {}) =>
  AllocationRequest.parse({ capitalUsd: 10_000_000, targetOrderNotionalUsd: 1_000_000, slippageBudgetBps: 10, minScore: 0, window: "30d", asset: "BTC", venueSet: "simulated", ...over });

beforeAll(async () => {
  t = await tempDb();
  const r = await importFile(t.db, { file: DEPTH, venue: "binance-usdm", kind: "depth", symbol: "BTCUSDT" });
  expect(r.status).toBe("ok");
  // Steady: 240 identical books (mid 50,000, 2 BTC a level): no stress window → the overall p5 is used.
  await writeBooks("cap-steady", Array.from({ length: 240 }, (_, i) => book(T0 + i * STEP, 50_000, 2)));
  // Stressed: the same with six thin books (mid 48,500, 0.2 BTC a level, half-spread $5) at i = 120…125.
  await writeBooks("cap-stressed", Array.from({ length: 240 }, (_, i) => (i >= 120 && i <= 125 ? book(T0 + i * STEP, 48_500, 0.2, 5) : book(T0 + i * STEP, 50_000, 2))));
}, 120_000);
afterAll(async () => t?.cleanup());

/**
 * A walk written for this test: take whole levels while the running VWAP stays within the limit, then the
 * part q of the next level with (U + q·p) / (B + q) = limit, i.e. q = (limit·B − U) / (p − limit) for buys.
 */
function walkWithin(levels: Level[], limit: number, side: "buy" | "sell"): number {
  let usd = 0;
  let base = 0;
  const within = (u: number, b: number) => (side === "buy" ? u <= limit * b : u >= limit * b);
  for (const [p, s] of levels) {
    if (within(usd + p * s, base + s)) {
      usd += p * s;
      base += s;
      continue;
    }
    const q = (limit * base - usd) / (p - limit);
    return usd + Math.max(0, q) * p;
  }
  return usd;
}

describe("report capacity against independent walks", () => {
  it("hand-built book at 10 bps: buy $10,010,000, sell $9,990,000 → capacity $9,990,000 (sell)", async () => {
    // Sell at 10 bps: limit VWAP 50,000 × 0.999 = 49,950. Bids 49,999.5 − i (i = 0…199), 2 BTC each.
    // The 50 bids ≥ 49,950 (49,999.5 … 49,950.5) give slack 2 × (49.5 + … + 0.5) = 2 × 1250 = 2500;
    // the next k bids below the limit use 2 × (0.5 + … + (k − 0.5)) = k²: k = 50 uses it exactly → 100 whole bids.
    // USD = 2 × Σ_{i<100} (49,999.5 − i) = 2 × (4,999,950 − 4,950) = 9,990,000.
    // Buy mirrors it on asks 50,000.5 + i: 2 × (5,000,050 + 4,950) = 10,010,000.
    const report = await buildAllocationReport(t.db, request());
    const v = report.venues.find((x) => x.slug === "cap-steady")!;
    expect(v.capacity).toMatchObject({ budgetBps: 10, basis: "overall-p5", side: "sell" });
    expect(v.capacity.capacityUsd).toBeCloseTo(9_990_000, 4);
    expect(v.capacity.buy.overallP5Usd).toBeCloseTo(10_010_000, 4);
    expect(v.capacity.sell.overallP5Usd).toBeCloseTo(9_990_000, 4);
  });

  it("hand-built book at 25 bps: every visible level fits, sell $19,960,000", async () => {
    // Sell limit 49,875: 125 bids at or above it give slack 125² = 15,625 ≥ what the other 75 need → all 200 bids.
    // USD = 2 × (200 × 49,999.5 − 19,900) = 19,960,000; buy 2 × (200 × 50,000.5 + 19,900) = 20,040,000.
    const report = await buildAllocationReport(t.db, request({ slippageBudgetBps: 25 }));
    const v = report.venues.find((x) => x.slug === "cap-steady")!;
    expect(v.capacity.capacityUsd).toBeCloseTo(19_960_000, 4);
    expect(v.capacity.buy.overallP5Usd).toBeCloseTo(20_040_000, 4);
  });

  it("stressed venue: the stress p5 is the thin book's $852,746.40, the overall p5 stays $9,990,000", async () => {
    // Thin book, sell at 10 bps: limit 48,500 × 0.999 = 48,451.5; bids 48,495 − i, 0.2 BTC.
    // 44 bids ≥ the limit give slack 0.2 × 44²/2 = 193.6; the next 44 need 0.1 × 44² = 193.6 → 88 whole bids.
    // USD = 0.2 × (88 × 48,495 − 3,828) = 852,746.4. The stress window holds the 6 thin books and some steady
    // neighbours; its p5 is the thin value. Over all 240 books the p5 (rank 11.95) is a steady book's.
    const report = await buildAllocationReport(t.db, request());
    const v = report.venues.find((x) => x.slug === "cap-stressed")!;
    expect(v.capacity).toMatchObject({ basis: "stress-p5", side: "sell" });
    expect(v.capacity.capacityUsd).toBeCloseTo(852_746.4, 2);
    expect(v.capacity.sell.overallP5Usd).toBeCloseTo(9_990_000, 4);
  });

  it("recorded Binance book: the report's capacity equals a separate walk of the fixture file", async () => {
    const raw = JSON.parse(fs.readFileSync(DEPTH, "utf8")) as { bids: [string, string][]; asks: [string, string][] };
    const bids: Level[] = raw.bids.map(([p, s]) => [Number(p), Number(s)]);
    const asks: Level[] = raw.asks.map(([p, s]) => [Number(p), Number(s)]);
    const mid = (bids[0][0] + asks[0][0]) / 2;
    for (const budget of [10, 25]) {
      const buy = walkWithin(asks, mid * (1 + budget / 1e4), "buy");
      const sell = walkWithin(bids, mid * (1 - budget / 1e4), "sell");
      const report = await buildAllocationReport(t.db, request({ slippageBudgetBps: budget, venueSet: "real" }));
      const v = report.venues.find((x) => x.slug === "binance-usdm")!;
      expect(v.capacity.buy.overallP5Usd!).toBeCloseTo(buy, 2);
      expect(v.capacity.sell.overallP5Usd!).toBeCloseTo(sell, 2);
      expect(v.capacity.capacityUsd!).toBeCloseTo(Math.min(buy, sell), 2);
    }
    // At 10 bps the whole visible ask side fits (reports.test.ts: $2,340,894.52).
    expect(walkWithin(asks, mid * 1.001, "buy")).toBeCloseTo(2_340_894.52, 2);
  });
});
