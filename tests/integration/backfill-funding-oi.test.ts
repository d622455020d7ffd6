// `backfill --source archive --kinds funding,oi` against the local Binance Vision stand-in
// (tests/integration/archive-server.ts), for binance-coinm BTCUSD_PERP: the monthly fundingRate and daily
// metrics zips are built in the test from the real rows in tests/fixtures/binance-vision (source in
// tests/fixtures/README.md) and served under Binance's COIN-M paths with their .CHECKSUM. Covers the full
// run and a rerun that fetches nothing, months/days the archive lacks ("not published", and a recent one
// that does not move the cursor), and a checksum mismatch.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { tempDb, type TempDb } from "./db-helper";
import { startArchiveServer, type ArchiveServer } from "./archive-server";
import { zipOne } from "./zip-helper";
import { loadRecordedDataset } from "../../lib/bootstrap";
import { backfill, type BackfillOptions } from "../../lib/ingest/backfill";
import { resetRateLimits } from "../../lib/venues/rate-limit";

const FIX = "tests/fixtures/binance-vision";
const FUNDING_ZIP = zipOne("BTCUSD_PERP-fundingRate-2023-06.csv", fs.readFileSync(path.join(FIX, "BTCUSD_PERP-fundingRate-2023-06.head3.csv")));
const METRICS_ZIP = zipOne("BTCUSD_PERP-metrics-2023-06-25.csv", fs.readFileSync(path.join(FIX, "BTCUSD_PERP-metrics-2023-06-25.head3.csv")));
const FUNDING_PATH = "/data/futures/cm/monthly/fundingRate/BTCUSD_PERP/BTCUSD_PERP-fundingRate-2023-06.zip";
const METRICS_PATH = "/data/futures/cm/daily/metrics/BTCUSD_PERP/BTCUSD_PERP-metrics-2023-06-25.zip";

let server: ArchiveServer;
let t: TempDb;
let marketId: number;
const dirs: string[] = [];

function freshCache(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "venuescope-backfill-foi-"));
  dirs.push(d);
  return d;
}
async function clean() {
  await t.db.fundingRecord.deleteMany({ where: { marketId } });
  await t.db.openInterestReading.deleteMany({ where: { marketId } });
  await t.db.backfillCursor.deleteMany();
}
const opts = (o: Partial<BackfillOptions>): BackfillOptions => ({
  venue: "binance-coinm",
  symbols: ["BTCUSD_PERP"],
  kinds: ["funding"],
  source: "archive",
  from: Date.parse("2023-05-15T00:00:00Z"),
  to: Date.parse("2023-07-10T23:59:59.999Z"),
  archive: { baseUrl: server.base, cacheDir: freshCache(), cacheCapBytes: 50 * 1024 * 1024 },
  retry: { attempts: 2, baseDelayMs: 20, maxDelayMs: 1000 },
  ...o,
});

beforeAll(async () => {
  server = await startArchiveServer();
  t = await tempDb();
  await loadRecordedDataset(t.db); // binance-coinm's markets: BTCUSD_PERP, $100 a contract
  marketId = (await t.db.market.findFirstOrThrow({ where: { symbol: "BTCUSD_PERP", venue: { slug: "binance-coinm" } } })).id;
}, 120_000);
afterEach(async () => {
  server.requests.length = 0;
  server.faults.clear();
  server.files.clear();
  resetRateLimits();
  await clean();
});
afterAll(async () => {
  await server.close();
  await t.cleanup();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe("backfill funding from Binance Vision's monthly fundingRate files", () => {
  it("walks 2023-05..2023-07 by month: 3 settlements from June (checksum verified), May and July 'not published'; a rerun fetches nothing", async () => {
    server.files.set(FUNDING_PATH, FUNDING_ZIP);
    await clean();
    const o = opts({});
    const r = await backfill(t.db, o);
    expect(r.tasks).toHaveLength(1);
    expect(r.tasks[0]).toMatchObject({ kind: "funding", source: "archive", status: "ok", steps: 3, stepsTotal: 3, rowsWritten: 3, rowsRead: 3, notPublished: ["2023-05", "2023-07"], failures: [], coveredTo: "2023-07-31T23:59:59.999Z" });
    expect(r.tasks[0].message).toMatch(/^3\/3 months: 3 rows written, 0 already stored, 2 months not published$/);
    expect(server.requests.map((q) => q.path)).toContain(`${FUNDING_PATH}.CHECKSUM`);
    expect(server.requests.map((q) => q.path)).toContain("/data/futures/cm/monthly/fundingRate/BTCUSD_PERP/BTCUSD_PERP-fundingRate-2023-05.zip");
    const rows = await t.db.fundingRecord.findMany({ where: { marketId }, orderBy: { fundingTime: "asc" } });
    expect(rows.map((x) => [x.fundingTime.toISOString(), x.rate, x.intervalHours])).toEqual([
      ["2023-06-01T00:00:00.011Z", 0.0001, 8], ["2023-06-01T08:00:00.000Z", 0.0001, 8], ["2023-06-01T16:00:00.001Z", 0.0001, 8],
    ]);
    server.requests.length = 0;
    const again = await backfill(t.db, o);
    expect(again.tasks[0]).toMatchObject({ status: "covered", steps: 0, rowsWritten: 0 });
    expect(server.requests).toEqual([]);
  });

  it("a checksum mismatch fails the month, stores nothing from it and holds the cursor before it", async () => {
    server.files.set(FUNDING_PATH, FUNDING_ZIP);
    server.faults.set(FUNDING_PATH, { type: "bad-checksum" });
    const r = await backfill(t.db, opts({ from: Date.parse("2023-06-01T00:00:00Z"), to: Date.parse("2023-06-30T23:59:59.999Z") }));
    expect(r.tasks[0]).toMatchObject({ status: "failed", steps: 1, rowsWritten: 0, coveredTo: null });
    expect(r.tasks[0].failures[0]).toMatchObject({ step: "2023-06" });
    expect(r.tasks[0].failures[0].message).toMatch(/checksum mismatch \(published sha256 [0-9a-f]{64}, downloaded file [0-9a-f]{64}\); the file was discarded/);
    expect(await t.db.fundingRecord.count({ where: { marketId } })).toBe(0);
  });
});

describe("backfill open interest from Binance Vision's daily metrics files", () => {
  it("stores the 3 readings of 2023-06-25 (USD = contracts × $100, BTC from the value column); the days around it 'not published'", async () => {
    server.files.set(METRICS_PATH, METRICS_ZIP);
    const r = await backfill(t.db, opts({ kinds: ["oi"], from: Date.parse("2023-06-24T00:00:00Z"), to: Date.parse("2023-06-26T23:59:59.999Z") }));
    expect(r.tasks[0]).toMatchObject({ kind: "oi", status: "ok", steps: 3, rowsWritten: 3, notPublished: ["2023-06-24", "2023-06-26"], coveredTo: "2023-06-26T23:59:59.999Z" });
    expect(r.tasks[0].message).toMatch(/2 days not published/);
    const rows = await t.db.openInterestReading.findMany({ where: { marketId }, orderBy: { ts: "asc" } });
    expect(rows.map((x) => [x.ts.toISOString(), x.sizeBase, x.valueUsd, x.provenance])).toEqual([
      ["2023-06-25T00:00:00.000Z", 18265.00911826, 557_870_000, "recorded"],
      ["2023-06-25T00:05:00.000Z", 18261.90678854, 557_820_900, "recorded"],
      ["2023-06-25T00:10:00.000Z", 18244.30356547, 557_440_100, "recorded"],
    ]);
  });

  it("a missing day too recent to be published yet is reported but does not move the cursor past it", async () => {
    server.files.set(METRICS_PATH, METRICS_ZIP);
    // as if run on 2023-06-27 at noon: the 26th may still be published
    const r = await backfill(t.db, opts({ kinds: ["oi"], from: Date.parse("2023-06-25T00:00:00Z"), to: Date.parse("2023-06-26T23:59:59.999Z"), now: () => Date.parse("2023-06-27T12:00:00Z") }));
    expect(r.tasks[0]).toMatchObject({ status: "ok", rowsWritten: 3, notPublished: ["2023-06-26"], coveredTo: "2023-06-25T23:59:59.999Z" });
  });

  it("a checksum mismatch on a metrics day fails it and stores nothing", async () => {
    server.files.set(METRICS_PATH, METRICS_ZIP);
    server.faults.set(METRICS_PATH, { type: "bad-checksum" });
    const r = await backfill(t.db, opts({ kinds: ["oi"], from: Date.parse("2023-06-25T00:00:00Z"), to: Date.parse("2023-06-25T23:59:59.999Z") }));
    expect(r.tasks[0]).toMatchObject({ status: "failed", rowsWritten: 0, coveredTo: null });
    expect(r.tasks[0].failures[0].message).toMatch(/checksum mismatch/);
    expect(await t.db.openInterestReading.count({ where: { marketId } })).toBe(0);
  });

  it("both kinds in one run, and a venue Binance Vision does not cover is told so", async () => {
    server.files.set(FUNDING_PATH, FUNDING_ZIP);
    server.files.set(METRICS_PATH, METRICS_ZIP);
    const r = await backfill(t.db, opts({ kinds: ["funding", "oi"], from: Date.parse("2023-06-25T00:00:00Z"), to: Date.parse("2023-06-25T23:59:59.999Z") }));
    expect(r.tasks.map((x) => [x.kind, x.status, x.rowsWritten])).toEqual([["funding", "ok", 3], ["oi", "ok", 3]]);
    const b = await backfill(t.db, { ...opts({ kinds: ["funding"] }), venue: "bybit", symbols: ["BTCUSDT"] });
    expect(b.tasks[0]).toMatchObject({ status: "not-supported" });
    expect(b.tasks[0].message).toMatch(/Bybit publishes no funding archive \(its trade and order-book files only\); use --source api/);
    const m = await backfill(t.db, { ...opts({ kinds: ["funding"] }), venue: "mexc", symbols: ["BTC_USDT"] });
    expect(m.tasks[0].message).toMatch(/mexc publishes no funding archive Venuescope reads \(archives read: Binance Vision for binance-usdm and binance-coinm, Bybit's trade and order-book files, Hyperliquid's S3 l2Book and asset_ctxs\); try --source tardis/);
  });
});
