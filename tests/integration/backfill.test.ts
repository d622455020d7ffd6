// `backfill` against a local server in Binance Vision's layout (tests/integration/archive-server.ts) serving
// the real bookDepth days bundled in data/archives (copied byte for byte from the shared fixtures; sources
// in data/archives/README.md) and the recorded /fapi/v1/fundingRate body (tests/fixtures/binance-usdm,
// source in tests/fixtures/README.md): the full run, a missing day, resume after a kill (mid-download and
// mid-history) with row counts equal to a clean run, a checksum mismatch, a truncated zip, 429 + Retry-After.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { tempDb, type TempDb } from "./db-helper";
import { startArchiveServer, type ArchiveServer } from "./archive-server";
import { archivesDir } from "../../lib/bootstrap";
import { backfill, unsupportedReason, type BackfillOptions } from "../../lib/ingest/backfill";
import { connectorFor } from "../../lib/venues/registry";
import { resetRateLimits } from "../../lib/venues/rate-limit";
import { backfillRows, getDataStatus } from "../../lib/services/data-status";
import { DataStatusQuery } from "../../lib/views/data-status";

const DAY16 = fs.readFileSync(path.join(archivesDir(), "binance-usdm/BTCUSDT-bookDepth-2023-10-16.zip"));
const DAY31 = fs.readFileSync(path.join(archivesDir(), "binance-usdm/BTCUSDT-bookDepth-2026-01-31.zip"));
const FUNDING = JSON.parse(fs.readFileSync("tests/fixtures/binance-usdm/fundingRate_BTCUSDT_2020-09.json", "utf8")) as { fundingTime: number }[];
const ZIP16 = "/data/futures/um/daily/bookDepth/BTCUSDT/BTCUSDT-bookDepth-2023-10-16.zip";
const ZIP30 = "/data/futures/um/daily/bookDepth/BTCUSDT/BTCUSDT-bookDepth-2026-01-30.zip";
const ZIP31 = "/data/futures/um/daily/bookDepth/BTCUSDT/BTCUSDT-bookDepth-2026-01-31.zip";
const RETRY = { attempts: 4, baseDelayMs: 20, maxDelayMs: 5_000 };

let server: ArchiveServer;
let shared: TempDb;
const dirs: string[] = [];

/** The file's one migrated database, emptied of everything a backfill writes (a migration per test is slow). */
async function freshDb(): Promise<TempDb> {
  const db = shared.db;
  await db.depthBandSnapshot.deleteMany();
  await db.fundingRecord.deleteMany();
  await db.backfillCursor.deleteMany();
  await db.ingestRun.deleteMany();
  return shared;
}
function freshCache(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "venuescope-backfill-cache-"));
  dirs.push(d);
  return d;
}
const opts = (cacheDir: string, o: Partial<BackfillOptions>): BackfillOptions => ({
  venue: "binance-usdm",
  symbols: ["BTCUSDT"],
  kinds: ["depth"],
  from: Date.parse("2023-10-15T00:00:00Z"),
  to: Date.parse("2023-10-17T23:59:59.999Z"),
  archive: { baseUrl: server.base, cacheDir, cacheCapBytes: 50 * 1024 * 1024 },
  http: { ccxtApiUrls: { fapiPublic: `${server.base}/fapi/v1` }, timeoutMs: 5000 },
  retry: RETRY,
  ...o,
});

beforeAll(async () => {
  server = await startArchiveServer();
  shared = await tempDb();
}, 120_000);
afterEach(() => {
  server.requests.length = 0;
  server.faults.clear();
  server.days.clear();
  server.funding = [];
  resetRateLimits();
});
afterAll(async () => {
  await server.close();
  await shared.cleanup();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe("backfill from Binance Vision archives", () => {
  it("backfills three days: 2,880 band books from the one published day, the two others 'not published'; a rerun fetches and writes nothing", async () => {
    server.days.set("2023-10-16", DAY16);
    const t = await freshDb();
    const cache = freshCache();
    const r = await backfill(t.db, opts(cache, {}));
    expect(r.tasks).toHaveLength(1);
    expect(r.tasks[0]).toMatchObject({ status: "ok", steps: 3, stepsTotal: 3, rowsWritten: 2880, rowsSkipped: 0, notPublished: ["2023-10-15", "2023-10-17"], failures: [], coveredTo: "2023-10-17T23:59:59.999Z", bytesFetched: DAY16.length });
    expect(await t.db.depthBandSnapshot.count()).toBe(2880);
    // the checksum was asked for and the file kept in the cache under the archive's own path
    expect(server.requests.map((q) => q.path)).toContain(`${ZIP16}.CHECKSUM`);
    expect(fs.readFileSync(path.join(cache, ZIP16))).toEqual(DAY16);
    const cursor = await t.db.backfillCursor.findUniqueOrThrow({ where: { venueSlug_kind_symbol_source: { venueSlug: "binance-usdm", kind: "depth", symbol: "BTCUSDT", source: "archive" } } });
    expect(cursor).toMatchObject({ status: "ok", steps: 3, rowsWritten: 2880, notPublishedCount: 2 });
    expect(JSON.parse(cursor.notPublished)).toEqual(["2023-10-15", "2023-10-17"]);

    server.requests.length = 0;
    const again = await backfill(t.db, opts(cache, {}));
    expect(again.tasks[0]).toMatchObject({ status: "covered", steps: 0, rowsWritten: 0 });
    expect(server.requests).toEqual([]);
    expect(await t.db.depthBandSnapshot.count()).toBe(2880);
  });

  it("resumes a download killed mid-file with a Range request; the rows equal a clean run's", async () => {
    server.days.set("2023-10-16", DAY16);
    const t = await freshDb();
    const cache = freshCache();
    const kill = new AbortController();
    const first = await backfill(t.db, opts(cache, { signal: kill.signal, onProgress: (p) => p.outcome === "bytes" && p.bytes >= 128 * 1024 && kill.abort() }));
    expect(first.tasks[0].status).toBe("stopped");
    expect(first.stopped).toBe(true);
    expect(await t.db.depthBandSnapshot.count()).toBe(0);
    const part = fs.statSync(path.join(cache, `${ZIP16}.part`)).size;
    // what reached the disk before the stop (the chunk in flight may be lost): the rerun continues from it
    expect(part).toBeGreaterThan(0);
    expect(part).toBeLessThan(DAY16.length);
    expect((await t.db.backfillCursor.findFirstOrThrow()).status).toBe("stopped");

    server.requests.length = 0;
    const second = await backfill(t.db, opts(cache, {}));
    // 2023-10-15 was covered (not published) before the kill: the rerun starts at the 16th
    expect(second.tasks[0]).toMatchObject({ status: "ok", startedAt: "2023-10-16T00:00:00.000Z", rowsWritten: 2880, resumedDownloads: 1, bytesFetched: DAY16.length - part });
    expect(server.requests.find((q) => q.path === ZIP16)?.range).toBe(`bytes=${part}-`);
    expect(fs.readFileSync(path.join(cache, ZIP16))).toEqual(DAY16);
    expect(await t.db.depthBandSnapshot.count()).toBe(2880);
    expect(await t.db.depthBandSnapshot.count({ where: { status: "ok" } })).toBe(2880);
  });

  it("a step repeated after a kill between import and cursor write stores nothing twice", async () => {
    server.days.set("2023-10-16", DAY16);
    const t = await freshDb();
    const cache = freshCache();
    await backfill(t.db, opts(cache, {}));
    await t.db.backfillCursor.deleteMany(); // as if killed before the cursor was saved
    const r = await backfill(t.db, opts(cache, {}));
    expect(r.tasks[0]).toMatchObject({ status: "ok", rowsWritten: 0, rowsSkipped: 2880, cachedFiles: 1, bytesFetched: 0 });
    expect(await t.db.depthBandSnapshot.count()).toBe(2880);
  });

  it("a checksum mismatch and a truncated zip fail their days, store nothing from them, and hold the cursor before them", async () => {
    server.days.set("2026-01-30", DAY31.subarray(0, 200_000)); // cut: no central directory
    server.faults.set(ZIP30, { type: "no-checksum" });
    server.days.set("2026-01-31", DAY31);
    server.faults.set(ZIP31, { type: "bad-checksum" });
    const t = await freshDb();
    const cache = freshCache();
    const range = { from: Date.parse("2026-01-30T00:00:00Z"), to: Date.parse("2026-01-31T23:59:59.999Z") };
    const r = await backfill(t.db, opts(cache, range));
    expect(r.tasks[0]).toMatchObject({ status: "failed", steps: 2, rowsWritten: 0, coveredTo: null });
    expect(r.tasks[0].failures.map((f) => f.step)).toEqual(["2026-01-30", "2026-01-31"]);
    expect(r.tasks[0].failures[0].message).toMatch(/truncated/);
    expect(r.tasks[0].failures[1].message).toMatch(/checksum mismatch \(published sha256 [0-9a-f]{64}, downloaded file [0-9a-f]{64}\); the file was discarded/);
    expect(await t.db.depthBandSnapshot.count()).toBe(0);
    expect(fs.existsSync(path.join(cache, ZIP31))).toBe(false);
    expect(fs.existsSync(path.join(cache, `${ZIP31}.part`))).toBe(false);

    // The venue fixes the 31st: a rerun retries both days (the cursor never passed the 30th) and stores the 31st.
    server.faults.delete(ZIP31);
    const again = await backfill(t.db, opts(cache, range));
    expect(again.tasks[0]).toMatchObject({ status: "partial", startedAt: "2026-01-30T00:00:00.000Z", rowsWritten: 2717, coveredTo: null });
    // 6 of the 2,717 books have a bid band priced above the asks (data/archives/README.md): stored flagged
    expect(await t.db.depthBandSnapshot.count({ where: { status: "crossed" } })).toBe(6);
  });

  it("waits out a 429 for its Retry-After, then downloads", async () => {
    server.days.set("2023-10-16", DAY16);
    server.faults.set(ZIP16, { type: "status", status: 429, retryAfter: "1", times: 1 });
    const t = await freshDb();
    const t0 = Date.now();
    const r = await backfill(t.db, opts(freshCache(), { from: Date.parse("2023-10-16T00:00:00Z"), to: Date.parse("2023-10-16T23:59:59.999Z") }));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950);
    expect(r.tasks[0]).toMatchObject({ status: "ok", rowsWritten: 2880 });
    expect(server.requests.filter((q) => q.path === ZIP16)).toHaveLength(2);
  });

  it("keeps the cache under its cap, never deleting the file in use", async () => {
    server.days.set("2023-10-16", DAY16);
    server.days.set("2026-01-31", DAY31);
    const t = await freshDb();
    const cache = freshCache();
    const cap = DAY31.length + 1000; // room for one of the two files
    await backfill(t.db, { ...opts(cache, { from: Date.parse("2023-10-16T00:00:00Z"), to: Date.parse("2023-10-16T12:00:00Z") }), archive: { baseUrl: server.base, cacheDir: cache, cacheCapBytes: cap } });
    await backfill(t.db, { ...opts(cache, { from: Date.parse("2026-01-31T00:00:00Z"), to: Date.parse("2026-01-31T12:00:00Z") }), archive: { baseUrl: server.base, cacheDir: cache, cacheCapBytes: cap } });
    expect(fs.existsSync(path.join(cache, ZIP16))).toBe(false);
    expect(fs.existsSync(path.join(cache, ZIP31))).toBe(true);
  });
});

describe("backfills on /data", () => {
  it("lists running backfills first, a stalled one as interrupted, finished ones with their counts", async () => {
    server.days.set("2023-10-16", DAY16);
    const t = await freshDb();
    const kill = new AbortController();
    // funding finishes; depth is stopped mid-download (left "stopped"); a third cursor is still "running"
    server.funding = FUNDING;
    await backfill(t.db, opts(freshCache(), { kinds: ["funding"], from: Date.parse("2020-09-15T00:00:00Z"), to: Date.parse("2020-10-18T23:59:59.999Z") }));
    await backfill(t.db, opts(freshCache(), { signal: kill.signal, onProgress: (p) => p.outcome === "bytes" && kill.abort() }));
    await t.db.backfillCursor.create({ data: { venueSlug: "binance-usdm", kind: "depth", symbol: "ETHUSDT", source: "archive", fromTs: new Date("2023-10-15T00:00:00Z"), toTs: new Date("2023-10-17T00:00:00Z"), status: "running", steps: 1, stepsTotal: 3 } });
    const s = await getDataStatus(t.db, DataStatusQuery.parse({}));
    expect(s.backfills.map((b) => [b.symbol, b.kind, b.status])).toEqual([["ETHUSDT", "depth", "running"], ["BTCUSDT", "depth", "stopped"], ["BTCUSDT", "funding", "ok"]]);
    expect(s.backfills[2]).toMatchObject({ source: "api", rowsWritten: 100, steps: 2, stepsTotal: 2, coveredTo: "2020-10-18T23:59:59.999Z" });
    // eleven minutes without progress: the running one was killed
    const later = await backfillRows(t.db, Date.now() + 11 * 60_000);
    expect(later.find((b) => b.symbol === "ETHUSDT")?.status).toBe("interrupted");
  });
});

describe("backfill from the funding history API", () => {
  const window = { kinds: ["funding" as const], from: Date.parse("2020-09-15T00:00:00Z"), to: Date.parse("2020-10-18T23:59:59.999Z"), apiStepMs: 10 * 86_400_000 };

  it("walks the window in steps through ccxt's binanceusdm, stores all 100 recorded rates, and asks for no current-state endpoint", async () => {
    server.funding = FUNDING;
    const t = await freshDb();
    const r = await backfill(t.db, opts(freshCache(), window));
    expect(r.tasks[0]).toMatchObject({ source: "api", status: "ok", steps: 4, stepsTotal: 4, rowsWritten: 100, coveredTo: "2020-10-18T23:59:59.999Z" });
    expect(await t.db.fundingRecord.count()).toBe(100);
    // first recorded rate: -0.00022270 at 2020-09-15 00:00:00Z
    const first = await t.db.fundingRecord.findFirstOrThrow({ orderBy: { fundingTime: "asc" } });
    expect(first.fundingTime.toISOString()).toBe("2020-09-15T00:00:00.000Z");
    expect(first.rate).toBeCloseTo(-0.0002227, 10);
    expect(server.requests.every((q) => q.path.startsWith("/fapi/v1/fundingRate?"))).toBe(true);
    expect(server.requests).toHaveLength(4);
  });

  it("resumes after a kill at the second step: the rerun continues from the cursor and ends with exactly the clean run's rows", async () => {
    server.funding = FUNDING;
    const t = await freshDb();
    const kill = new AbortController();
    const first = await backfill(t.db, opts(freshCache(), { ...window, signal: kill.signal, onProgress: (p) => p.stepsDone === 2 && kill.abort() }));
    expect(first.tasks[0]).toMatchObject({ status: "stopped", steps: 2, coveredTo: "2020-10-04T23:59:59.999Z" });
    const partial = await t.db.fundingRecord.count();
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(100);
    server.requests.length = 0;
    const second = await backfill(t.db, opts(freshCache(), window));
    expect(second.tasks[0]).toMatchObject({ status: "ok", startedAt: "2020-10-05T00:00:00.000Z", steps: 2, rowsWritten: 100 - partial, rowsSkipped: 0 });
    expect(server.requests).toHaveLength(2);
    expect(await t.db.fundingRecord.count()).toBe(100);
  });

  it("honours a 429's Retry-After on the history endpoint", async () => {
    server.funding = FUNDING;
    server.faults.set("/fapi/v1/fundingRate", { type: "status", status: 429, retryAfter: "1", times: 1 });
    const t = await freshDb();
    const t0 = Date.now();
    const r = await backfill(t.db, opts(freshCache(), window));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950);
    expect(r.tasks[0]).toMatchObject({ status: "ok", rowsWritten: 100 });
  });

  it("says what it cannot backfill instead of failing", async () => {
    const t = await freshDb();
    const r = await backfill(t.db, opts(freshCache(), { kinds: ["depth"], source: "api" }));
    expect(r.tasks[0]).toMatchObject({ status: "not-supported" });
    expect(r.tasks[0].message).toMatch(/publishes no order-book history over its API/);
    const b = await backfill(t.db, { ...opts(freshCache(), { kinds: ["depth"], source: "archive" }), venue: "mexc", symbols: ["BTC_USDT"] });
    expect(b.tasks[0]).toMatchObject({ status: "not-supported", source: "archive" });
    expect(b.tasks[0].message).toMatch(/mexc publishes no depth archive Venuescope reads.*try --source tardis/);
    // unnamed, depth goes to Tardis for a venue without an archive of its own; Tardis does not record MEXC futures
    const c = await backfill(t.db, { ...opts(freshCache(), { kinds: ["depth"] }), venue: "mexc", symbols: ["BTC_USDT"] });
    expect(c.tasks[0]).toMatchObject({ status: "not-supported", source: "tardis" });
    expect(c.tasks[0].message).toMatch(/Tardis records no exchange Venuescope maps to mexc/);
    // open-interest history is walked over the API for the venues whose connectors page it
    for (const v of ["binance-usdm", "bybit", "okx"]) expect(unsupportedReason(connectorFor(v), "oi", "api")).toBeNull();
    expect(unsupportedReason(connectorFor("deribit"), "oi", "api")).toMatch(/not walked by its connector yet/);
  });
});
