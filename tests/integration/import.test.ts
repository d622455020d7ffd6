import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDb, type TempDb } from "./db-helper";
import { importCaptureDir, importFile, ImportError } from "../../lib/ingest/import-file";
import { decodeLevels } from "../../lib/books/level-codec";
import { saveCaptures } from "../../lib/ingest/capture-files";
import { ingestLive } from "../../lib/ingest/ingest-live";

const FX = path.resolve("tests/fixtures");
let t: TempDb;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "venuescope-files-"));

beforeAll(async () => {
  t = await tempDb();
});
afterAll(async () => {
  await t.cleanup();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("file import into a real database", () => {
  const depthFile = path.join(FX, "binance-usdm/depth_BTCUSDT_limit100_2024-11-01.json");

  it("stores the Binance 100/100-level book with best bid/ask and USD depth matching the file; twice is one row", async () => {
    const first = await importFile(t.db, { file: depthFile, venue: "binance-usdm", kind: "depth", symbol: "BTCUSDT" });
    expect(first).toMatchObject({ status: "ok", rowsWritten: 1, rowsRejected: 0 });
    const again = await importFile(t.db, { file: depthFile, venue: "binance-usdm", kind: "depth", symbol: "BTCUSDT" });
    expect(again).toMatchObject({ status: "ok", rowsWritten: 0, rowsSkipped: 1 });
    const books = await t.db.bookSnapshot.findMany({ include: { market: true } });
    expect(books).toHaveLength(1);
    const b = books[0];
    const raw = JSON.parse(fs.readFileSync(depthFile, "utf8")) as { bids: [string, string][]; asks: [string, string][]; T: number };
    expect(b.provenance).toBe("recorded");
    expect(b.ts.getTime()).toBe(raw.T);
    expect([b.bidLevels, b.askLevels, b.truncated]).toEqual([100, 100, true]);
    expect(b.bestAsk).toBe(Number(raw.asks[0][0]));
    expect(b.bestBid).toBe(Number(raw.bids[0][0]));
    const usd = (levels: [string, string][]) => levels.reduce((s, [p, q]) => s + Number(p) * Number(q), 0);
    const stored = (bytes: Uint8Array) => decodeLevels(bytes).reduce((s, [p, q]) => s + p * q, 0);
    expect(stored(b.bids)).toBeCloseTo(usd(raw.bids), 6);
    expect(stored(b.asks)).toBeCloseTo(usd(raw.asks), 6);
    expect(decodeLevels(b.asks)[0]).toEqual([69607.8, 11.668]);
    expect(b.market).toMatchObject({ symbol: "BTCUSDT", base: "BTC", contractType: "linear", sizeUnit: "base" });
    // 200 levels in a few hundred bytes (vs 3.2 kB of float64 pairs).
    expect(b.bids.length + b.asks.length).toBeLessThan(1000);
  });

  it("rejects a corrupted copy with a clear message and stores nothing from it", async () => {
    const raw = JSON.parse(fs.readFileSync(depthFile, "utf8"));
    raw.asks[3][1] = "-0.002";
    const bad = path.join(tmp, "depth-corrupt.json");
    fs.writeFileSync(bad, JSON.stringify({ ...raw, T: raw.T + 1000 }));
    const r = await importFile(t.db, { file: bad, venue: "binance-usdm", kind: "depth", symbol: "BTCUSDT" });
    expect(r.status).toBe("failed");
    expect(r.rejections[0]).toMatchObject({ venue: "binance-usdm", symbol: "BTCUSDT", field: "asks[3].size" });
    expect(await t.db.bookSnapshot.count()).toBe(1);
    const run = await t.db.ingestRun.findUniqueOrThrow({ where: { id: r.runId } });
    expect(run.status).toBe("failed");
    expect(run.error).toMatch(/asks\[3\] size -0.002 is not positive/);
  });

  it("refuses a file that is not JSON and one over the size limit", async () => {
    const notJson = path.join(tmp, "broken.json");
    fs.writeFileSync(notJson, '{"bids": [["1", "2"]');
    await expect(importFile(t.db, { file: notJson, venue: "binance-usdm", kind: "depth", symbol: "BTCUSDT" })).rejects.toThrow(ImportError);
    await expect(importFile(t.db, { file: depthFile, venue: "binance-usdm", kind: "depth", symbol: "BTCUSDT", maxBytes: 100 })).rejects.toThrow(/over the 100-byte import limit/);
  });

  it("stores funding history with the interval inferred from timestamps, idempotently", async () => {
    const file = path.join(FX, "binance-usdm/fundingRate_BTCUSDT_2020-09.json");
    const r1 = await importFile(t.db, { file, venue: "binance-usdm", kind: "funding" });
    const r2 = await importFile(t.db, { file, venue: "binance-usdm", kind: "funding" });
    expect([r1.rowsWritten, r2.rowsWritten, r2.rowsSkipped]).toEqual([100, 0, 100]);
    const rows = await t.db.fundingRecord.findMany({ orderBy: { fundingTime: "asc" } });
    expect(rows).toHaveLength(100);
    expect(new Set(rows.map((r) => r.intervalHours))).toEqual(new Set([8]));
    expect(rows[0].rate).toBe(-0.0002227);
  });

  it("replaces a predicted funding rate with the settled one for the same time", async () => {
    const predicted = path.join(tmp, "premium.json");
    fs.writeFileSync(predicted, JSON.stringify([{ symbol: "ETHUSDT", markPrice: "2000", indexPrice: "1999", lastFundingRate: "0.0003", nextFundingTime: 1700006400000, time: 1700000000000 }]));
    await importFile(t.db, { file: predicted, venue: "binance-usdm", kind: "funding" });
    const settled = path.join(tmp, "settled.json");
    fs.writeFileSync(settled, JSON.stringify([{ symbol: "ETHUSDT", fundingTime: 1700006400000, fundingRate: "0.00025" }]));
    await importFile(t.db, { file: settled, venue: "binance-usdm", kind: "funding" });
    const row = await t.db.fundingRecord.findFirstOrThrow({ where: { market: { symbol: "ETHUSDT" } } });
    expect(row).toMatchObject({ rate: 0.00025, predicted: false, markPrice: 2000, indexPrice: 1999 });
  });

  it("keeps fee history: a change is a new version closing the previous one", async () => {
    const info = path.join(FX, "binance-usdm/exchangeInfo_2021-07-22.json");
    await importFile(t.db, { file: info, venue: "binance-usdm", kind: "fees", at: Date.UTC(2021, 6, 21) });
    await importFile(t.db, { file: info, venue: "binance-usdm", kind: "fees", at: Date.UTC(2021, 7, 1) });
    expect(await t.db.feeSchedule.count()).toBe(1);
    const venue = await t.db.venue.findUniqueOrThrow({ where: { slug: "binance-usdm" } });
    // A changed base rate observed later (simulating a venue fee change):
    const { writeRows } = await import("../../lib/ingest/write-rows");
    await t.db.$transaction((tx) =>
      writeRows(tx, "fees", [{ scope: "perp", tier: "regular", makerRate: 0.00018, takerRate: 0.00045, effectiveFrom: Date.UTC(2022, 0, 1), source: "test" }], { venueId: venue.id, provenance: "recorded", ingestRunId: null, marketIds: new Map() }),
    );
    const versions = await t.db.feeSchedule.findMany({ orderBy: { effectiveFrom: "asc" } });
    expect(versions.map((v) => [v.takerRate, v.effectiveTo?.toISOString() ?? null])).toEqual([
      [0.0005, "2022-01-01T00:00:00.000Z"],
      [0.00045, null],
    ]);
  });

  it("values open interest at a stored price near its time, null when none", async () => {
    const file = path.join(FX, "binance-usdm/openInterest_BTCUSDT_2023-12-10.json");
    await importFile(t.db, { file, venue: "binance-usdm", kind: "oi" });
    const oi = await t.db.openInterestReading.findFirstOrThrow();
    expect(oi.sizeBase).toBe(83782.317);
    expect(oi.valueUsd).toBeNull();
  });

  it("records raw responses with --record and replays the directory through the same parsers", async () => {
    const dir = path.join(tmp, "rec");
    const depth = JSON.parse(fs.readFileSync(depthFile, "utf8"));
    const runs = await ingestLive(t.db, {
      venue: "binance-usdm",
      kinds: ["depth"],
      symbols: ["BTCUSDT"],
      levelLimit: 100,
      recordDir: dir,
      http: { responder: () => ({ ...depth, T: depth.T + 60_000 }) },
    });
    expect(runs[0]).toMatchObject({ status: "ok", rowsWritten: 1 });
    const live = await t.db.bookSnapshot.findFirstOrThrow({ where: { ts: new Date(depth.T + 60_000) } });
    expect(live.provenance).toBe("live");
    const files = fs.readdirSync(path.join(dir, "binance-usdm", "depth"));
    expect(files).toHaveLength(1);
    // Replaying the recording into the same database adds nothing; a fresh capture adds one recorded row.
    const replay = await importCaptureDir(t.db, dir);
    expect(replay.runs[0]).toMatchObject({ rowsWritten: 0, rowsSkipped: 1 });
    const saved = JSON.parse(fs.readFileSync(path.join(dir, "binance-usdm", "depth", files[0]), "utf8"));
    saveCaptures(path.join(tmp, "rec2"), [{ ...saved, body: { ...saved.body, T: depth.T + 120_000 } }]);
    fs.writeFileSync(path.join(tmp, "rec2", "junk.json"), "{}");
    const r2 = await importCaptureDir(t.db, path.join(tmp, "rec2"));
    expect(r2.runs[0].rowsWritten).toBe(1);
    expect(r2.invalid).toHaveLength(1);
    expect((await t.db.bookSnapshot.findFirstOrThrow({ where: { ts: new Date(depth.T + 120_000) } })).provenance).toBe("recorded");
  });

  it("records a failed run when the venue keeps failing", async () => {
    const runs = await ingestLive(t.db, {
      venue: "binance-usdm",
      kinds: ["oi", "liquidations"],
      symbols: ["BTCUSDT"],
      http: {
        responder: () => {
          throw Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
        },
        retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 2 },
      },
    });
    expect(runs[0]).toMatchObject({ kind: "oi", status: "failed" });
    expect(runs[0].error).toMatch(/socket hang up/);
    expect(runs[1]).toMatchObject({ kind: "liquidations", status: "not-published" });
    const run = await t.db.ingestRun.findUniqueOrThrow({ where: { id: runs[0].runId } });
    expect(run.status).toBe("failed");
  });

  it("imports a Tardis book_snapshot_25 CSV, converting timestamps from microseconds", async () => {
    const header = ["exchange", "symbol", "timestamp", "local_timestamp"];
    for (let i = 0; i < 25; i++) header.push(`asks[${i}].price`, `asks[${i}].amount`, `bids[${i}].price`, `bids[${i}].amount`);
    const row = (ts: number) => {
      const cells = ["binance-futures", "BTCUSDT", String(ts * 1000), String(ts * 1000 + 1500)];
      for (let i = 0; i < 25; i++) cells.push((50000.1 + i * 0.1).toFixed(1), "0.5", (50000 - i * 0.1).toFixed(1), "0.25");
      return cells.join(",");
    };
    const csv = path.join(tmp, "book_snapshot_25.csv");
    fs.writeFileSync(csv, [header.join(","), row(1700000000000), row(1700000060000)].join("\n"));
    const r = await importFile(t.db, { file: csv, venue: "binance-usdm", kind: "depth" });
    expect(r).toMatchObject({ status: "ok", rowsWritten: 2 });
    const b = await t.db.bookSnapshot.findFirstOrThrow({ where: { ts: new Date(1700000000000) } });
    expect([b.bidLevels, b.askLevels, b.levelLimit, b.truncated, b.bestBid, b.bestAsk]).toEqual([25, 25, 25, true, 50000, 50000.1]);
  });
});

describe("funding estimates and settlements", () => {
  it("matches a settlement stamped a few hundred ms after the estimate's scheduled time", async () => {
    const predicted = path.join(tmp, "premium-sol.json");
    fs.writeFileSync(predicted, JSON.stringify([{ symbol: "SOLUSDT", markPrice: "150", indexPrice: "149.9", lastFundingRate: "0.0001", nextFundingTime: 1700006400000, time: 1700000000000 }]));
    await importFile(t.db, { file: predicted, venue: "binance-usdm", kind: "funding" });
    const settled = path.join(tmp, "settled-sol.json");
    fs.writeFileSync(settled, JSON.stringify([{ symbol: "SOLUSDT", fundingTime: 1700006400219, fundingRate: "0.00012" }]));
    await importFile(t.db, { file: settled, venue: "binance-usdm", kind: "funding" });
    const rows = await t.db.fundingRecord.findMany({ where: { market: { symbol: "SOLUSDT" } } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ rate: 0.00012, predicted: false, markPrice: 150 });
    expect(rows[0].fundingTime.getTime()).toBe(1700006400219);
  });
});
