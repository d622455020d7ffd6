// `npm run bench -- archives`: rows/s and peak RSS of `venuescope import` per archive type, each file in its
// own process on a fresh database (bench/out/archives.db) holding the venues' markets. Beside the bundled
// real files, a synthetic 30-day bookDepth file (the 2023-10-16 day repeated with shifted dates, gzipped)
// shows how memory grows with file size; fundingRate and metrics have no whole real file, so theirs are the
// real BTCUSD_PERP rows (tests/fixtures/binance-vision) tiled in time, 100,000 rows each, zipped as Binance does.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { execFileSync } from "node:child_process";
import { createDb } from "../lib/db";
import { HOUR_MS, MINUTE_MS } from "../lib/metrics/time";
import { loadRecordedDataset, archivesDir } from "../lib/bootstrap";
import { openArchive, archiveLines } from "../lib/archives/read";
import { zipOne } from "../tests/integration/zip-helper";

const OUT = path.resolve("bench/out");

export interface ArchiveBench {
  file: string;
  format: string;
  rows: number;
  rowsPerSec: number;
  maxRssMb: number;
  sizeMb: number;
}

async function monthFile(): Promise<string> {
  const file = path.join(OUT, "BTCUSDT-bookDepth-2023-10.csv.gz");
  if (fs.existsSync(file)) return file;
  const src = path.join(archivesDir(), "binance-usdm/BTCUSDT-bookDepth-2023-10-16.zip");
  const day: string[] = [];
  for await (const { line, lineNo } of archiveLines(await openArchive(src), src)) if (lineNo > 1) day.push(line);
  const gz = zlib.createGzip();
  const out = fs.createWriteStream(file);
  gz.pipe(out);
  gz.write("timestamp,percentage,depth,notional\n");
  for (let d = 1; d <= 30; d++) {
    const dd = String(d).padStart(2, "0");
    gz.write(day.map((l) => l.replace(/^2023-10-16/, `2023-10-${dd}`)).join("\n") + "\n");
  }
  gz.end();
  await new Promise<void>((r) => out.on("finish", () => r()));
  return file;
}

/**
 * Synthetic fundingRate / metrics zips of `rows` rows: the real fixture rows' values repeated, times tiled
 * hourly (funding, from 2015) or every 5 minutes (metrics, from 2023-06-25) so that every row is new.
 */
export function tiledHistoryFiles(rows = 100_000): string[] {
  const fix = "tests/fixtures/binance-vision";
  const [fHeader, ...fRows] = fs.readFileSync(path.join(fix, "BTCUSD_PERP-fundingRate-2023-06.head3.csv"), "utf8").trim().split("\n");
  const [mHeader, ...mRows] = fs.readFileSync(path.join(fix, "BTCUSD_PERP-metrics-2023-06-25.head3.csv"), "utf8").trim().split("\n");
  const f0 = Date.UTC(2015, 0, 1);
  const m0 = Date.UTC(2023, 5, 25);
  const funding = [fHeader];
  const metrics = [mHeader];
  for (let i = 0; i < rows; i++) {
    funding.push(fRows[i % fRows.length].replace(/^\d+/, String(f0 + i * HOUR_MS)));
    const t = new Date(m0 + i * 5 * MINUTE_MS).toISOString().replace("T", " ").slice(0, 19);
    metrics.push(mRows[i % mRows.length].replace(/^[^,]+/, t));
  }
  const out = [path.join(OUT, "BTCUSD_PERP-fundingRate-2015-01.zip"), path.join(OUT, "BTCUSD_PERP-metrics-2023-06-25.zip")];
  fs.writeFileSync(out[0], zipOne("BTCUSD_PERP-fundingRate-2015-01.csv", Buffer.from(funding.join("\n") + "\n")));
  fs.writeFileSync(out[1], zipOne("BTCUSD_PERP-metrics-2023-06-25.csv", Buffer.from(metrics.join("\n") + "\n")));
  return out;
}

export async function benchArchives(): Promise<ArchiveBench[]> {
  fs.mkdirSync(OUT, { recursive: true });
  const dbFile = path.join(OUT, "archives.db");
  fs.rmSync(dbFile, { force: true });
  fs.rmSync(`${dbFile}-journal`, { force: true });
  const url = `file:${dbFile}`;
  execFileSync("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url }, stdio: "pipe" });
  const db = createDb(url);
  await loadRecordedDataset(db);
  await db.$disconnect();
  const files = [
    path.join(archivesDir(), "binance-usdm/BTCUSDT-bookDepth-2023-10-16.zip"),
    path.join(archivesDir(), "binance-usdm/BTCUSDT-bookDepth-2026-01-31.zip"),
    await monthFile(),
    path.join(archivesDir(), "binance-usdm/hftbacktest_ws_btcusdt_20240808.gz"),
    path.join(archivesDir(), "hyperliquid/hftbacktest_ws_btcusd_20250126.gz"),
    ...tiledHistoryFiles(),
  ];
  const out: ArchiveBench[] = [];
  for (const file of files) {
    const stdout = execFileSync(process.execPath, ["--import", "tsx", "bench/archive-child.ts", file], { env: { ...process.env, DATABASE_URL: url }, encoding: "utf8" });
    const r = JSON.parse(stdout.trim().split("\n").at(-1)!) as { format: string; rows: number; ms: number; maxRssMb: number };
    out.push({ file: path.basename(file), format: r.format, rows: r.rows, rowsPerSec: r.rows / (r.ms / 1000), maxRssMb: r.maxRssMb, sizeMb: fs.statSync(file).size / 1e6 });
  }
  return out;
}
