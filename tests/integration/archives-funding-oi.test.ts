// Binance Vision fundingRate and metrics files through `venuescope import` into a real database: zips built in
// the test from the real BTCUSD_PERP rows in tests/fixtures/binance-vision (source in tests/fixtures/README.md),
// stored as funding rows and COIN-M open-interest readings, idempotent on a second import; bad rows rejected
// with file, line and field while the rest is kept.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDb, type TempDb } from "./db-helper";
import { runCli } from "./cli-helper";
import { zipOne } from "./zip-helper";
import { importArchive, sniffArchive } from "../../lib/ingest/import-archive";
import { loadRecordedDataset } from "../../lib/bootstrap";

const FIX = "tests/fixtures/binance-vision";
const FUNDING_CSV = fs.readFileSync(path.join(FIX, "BTCUSD_PERP-fundingRate-2023-06.head3.csv"));
const METRICS_CSV = fs.readFileSync(path.join(FIX, "BTCUSD_PERP-metrics-2023-06-25.head3.csv"));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "venuescope-funding-oi-"));
let t: TempDb;

function zipFile(name: string, csv: Buffer): string {
  const file = path.join(tmp, `${name}.zip`);
  fs.writeFileSync(file, zipOne(`${name}.csv`, csv));
  return file;
}
async function marketId(symbol: string) {
  return (await t.db.market.findFirstOrThrow({ where: { symbol, venue: { slug: "binance-coinm" } }, select: { id: true } })).id;
}

beforeAll(async () => {
  t = await tempDb();
  await loadRecordedDataset(t.db); // binance-coinm's markets, BTCUSD_PERP among them (contract size $100)
  // the bundled dataset's own funding/OI rows for the market are not under test here
  const id = await marketId("BTCUSD_PERP");
  await t.db.fundingRecord.deleteMany({ where: { marketId: id } });
  await t.db.openInterestReading.deleteMany({ where: { marketId: id } });
}, 120_000);
afterAll(async () => {
  await t.cleanup();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("Binance Vision fundingRate import", () => {
  it("recognises the zip by content, stores the 3 settled rates of 2023-06 under binance-coinm, and a second import writes nothing", async () => {
    const file = zipFile("BTCUSD_PERP-fundingRate-2023-06", FUNDING_CSV);
    expect(await sniffArchive(file)).toMatchObject({ format: "binance-funding-rate", compression: "zip", entryName: "BTCUSD_PERP-fundingRate-2023-06.csv" });
    const r = await importArchive(t.db, { file });
    expect(r).toMatchObject({ status: "ok", format: "binance-funding-rate", venue: "binance-coinm", symbol: "BTCUSD_PERP", rowsRead: 3, rowsRejected: 0, written: 3, skipped: 0 });
    const rows = await t.db.fundingRecord.findMany({ where: { marketId: await marketId("BTCUSD_PERP") }, orderBy: { fundingTime: "asc" } });
    expect(rows.map((x) => [x.fundingTime.toISOString(), x.rate, x.intervalHours, x.predicted, x.provenance])).toEqual([
      ["2023-06-01T00:00:00.011Z", 0.0001, 8, false, "recorded"],
      ["2023-06-01T08:00:00.000Z", 0.0001, 8, false, "recorded"],
      ["2023-06-01T16:00:00.001Z", 0.0001, 8, false, "recorded"],
    ]);
    const again = await importArchive(t.db, { file });
    expect(again).toMatchObject({ status: "ok", written: 0, skipped: 3 });
    expect(await t.db.fundingRecord.count({ where: { marketId: await marketId("BTCUSD_PERP") } })).toBe(3);
  });

  it("names the file, line and field of a funding row whose calc_time is in seconds, and keeps the other rows", async () => {
    const lines = FUNDING_CSV.toString("utf8").split("\n");
    lines[2] = lines[2].replace("1685606400000", "1685606400"); // line 3: the 08:00 settlement in seconds
    const file = path.join(tmp, "BTCUSD_PERP-fundingRate-2023-06.csv");
    fs.writeFileSync(file, lines.join("\n"));
    const r = await importArchive(t.db, { file });
    // lines 2 and 4 are the settlements stored by the first test: kept, already there
    expect(r).toMatchObject({ status: "partial", rowsRead: 3, rowsRejected: 1, written: 0, skipped: 2 });
    expect(r.rejections[0]).toMatchObject({ file: "BTCUSD_PERP-fundingRate-2023-06.csv", line: 3, field: "calc_time" });
    expect(r.rejections[0].message).toMatch(/1685606400 looks like epoch seconds/);
  });

  it("reads a headerless file (recognised by its name) in the published column order, its first line kept as data", async () => {
    const file = path.join(tmp, "headerless", "BTCUSD_PERP-fundingRate-2023-06.csv");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, FUNDING_CSV.toString("utf8").split("\n").slice(1).join("\n"));
    const r = await importArchive(t.db, { file });
    expect(r).toMatchObject({ status: "ok", format: "binance-funding-rate", rowsRead: 3, rowsRejected: 0, skipped: 3 });
  });
});

describe("Binance Vision metrics import", () => {
  it("stores 3 five-minute COIN-M readings: BTC from the value column, USD = contracts × $100; idempotent", async () => {
    const file = zipFile("BTCUSD_PERP-metrics-2023-06-25", METRICS_CSV);
    const r = await importArchive(t.db, { file });
    expect(r).toMatchObject({ status: "ok", format: "binance-metrics", venue: "binance-coinm", symbol: "BTCUSD_PERP", rowsRead: 3, rowsRejected: 0, written: 3 });
    const rows = await t.db.openInterestReading.findMany({ where: { marketId: await marketId("BTCUSD_PERP") }, orderBy: { ts: "asc" } });
    expect(rows.map((x) => [x.ts.toISOString(), x.sizeBase, x.valueUsd])).toEqual([
      ["2023-06-25T00:00:00.000Z", 18265.00911826, 557_870_000],
      ["2023-06-25T00:05:00.000Z", 18261.90678854, 557_820_900],
      ["2023-06-25T00:10:00.000Z", 18244.30356547, 557_440_100],
    ]);
    expect(await importArchive(t.db, { file })).toMatchObject({ status: "ok", written: 0, skipped: 3 });
    expect(await t.db.openInterestReading.count({ where: { marketId: await marketId("BTCUSD_PERP") } })).toBe(3);
  });

  it("rejects bad rows with file, line and field and keeps the rest (gzipped CSV, through the CLI)", async () => {
    // the real header and rows, with three cells broken: line 3 create_time in epoch ms, line 4 symbol, line 6 value
    const [header, ...rows] = METRICS_CSV.toString("utf8").trim().split("\n");
    const bad = [header, rows[0].replace("2023-06-25 00:00:00", "2023-06-26 00:00:00"), rows[1].replace("2023-06-25 00:05:00", "1687737900000"), rows[2].replace(",BTCUSD_PERP,", ",ETHUSD_PERP,"), rows[0].replace("2023-06-25 00:00:00", "2023-06-26 00:15:00"), rows[0].replace("2023-06-25 00:00:00", "2023-06-26 00:20:00").replace("18265.00911826", "n/a")];
    const file = path.join(tmp, "BTCUSD_PERP-metrics-2023-06-26.csv.gz");
    fs.writeFileSync(file, zlib.gzipSync(bad.join("\n") + "\n"));
    const res = await runCli(t.url, "import", file, "--json");
    expect(res.code).toBe(0);
    const j = JSON.parse(res.stdout) as { status: string; rowsRead: number; rowsRejected: number; written: number; rejections: { file: string; line: number; field: string; message: string }[] };
    expect(j).toMatchObject({ status: "partial", rowsRead: 5, rowsRejected: 3, written: 2 });
    expect(j.rejections.map((e) => `${e.file}:${e.line}:${e.field}`)).toEqual([
      "BTCUSD_PERP-metrics-2023-06-26.csv.gz:3:create_time", "BTCUSD_PERP-metrics-2023-06-26.csv.gz:4:symbol", "BTCUSD_PERP-metrics-2023-06-26.csv.gz:6:sum_open_interest_value",
    ]);
  });

});
