// `npm run bench -- archives`: rows/s and peak RSS of `venuescope import` per archive type, each file in its
// own process on a fresh database (bench/out/archives.db) holding the venues' markets. Beside the bundled
// real files, a synthetic 30-day bookDepth file (the 2023-10-16 day repeated with shifted dates, gzipped)
// shows how memory grows with file size; fundingRate and metrics have no whole real file, so theirs are the
// real BTCUSD_PERP rows (tests/fixtures/binance-vision) tiled in time, 100,000 rows each, zipped as Binance does.
// Bybit's archives have no whole real file here either: a trade archive of the 15 real FXSUSDT rows tiled in time
// (300,000 rows, gzipped) and an ob500 file of the real XRPUSDT snapshot followed by its 49 real deltas repeated
// (u renumbered, times shifted; 50,000 lines ≈ 1.4 hours, zipped).
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
  /** Decompressed size, for the generated large file. */
  plainMb?: number | null;
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

/**
 * Synthetic Bybit archives from the real rows: `tradeRows` trade rows (the 15 FXSUSDT rows repeated, 2 minutes
 * later each time, ids made unique) and `obLines` order-book lines (the snapshot, then the 49 deltas over and
 * over, 5 s later each time, u continuing). Applying the same deltas again keeps a valid book: each sets a
 * level's absolute size or removes it.
 */
export async function tiledBybitFiles(tradeRows = 300_000, obLines = 50_000): Promise<string[]> {
  const [header, ...rows] = fs.readFileSync("tests/fixtures/bybit/FXSUSDT-ticks-2023-10-10.csv", "utf8").trim().split("\n");
  const trades = [header];
  for (let i = 0; i < tradeRows; i++) {
    const k = Math.floor(i / rows.length);
    const cells = rows[i % rows.length].split(",");
    const [sec, frac] = cells[0].split(".");
    cells[0] = `${Number(sec) - 30 * 86_400 + k * 120}.${frac}`; // from 2023-09-10, 2 minutes a repetition
    cells[6] = `${cells[6]}-${k}`;
    trades.push(cells.join(","));
  }
  const tradeFile = path.join(OUT, "FXSUSDT2023-09-10.csv.gz");
  fs.writeFileSync(tradeFile, zlib.gzipSync(trades.join("\n") + "\n"));
  const zip = "tests/fixtures/bybit/2024-12-01_XRPUSDT_ob500.data.zip";
  const real: string[] = [];
  for await (const { line } of archiveLines(await openArchive(zip), zip)) if (line.trim()) real.push(line);
  const [snapshot, ...deltas] = real.map((l) => JSON.parse(l) as { ts: number; cts: number; data: { u: number; seq: number } });
  const out: string[] = [JSON.stringify(snapshot)];
  let u = snapshot.data.u;
  for (let k = 0; out.length < obLines; k++) {
    for (const d of deltas) {
      if (out.length >= obLines) break;
      u++;
      const shift = k * 5_000;
      out.push(JSON.stringify({ ...d, ts: d.ts + shift, cts: d.cts + shift, data: { ...d.data, u, seq: d.data.seq + u } }));
    }
  }
  const obFile = path.join(OUT, "2024-12-02_XRPUSDT_ob500.data.zip");
  fs.writeFileSync(obFile, zipOne("2024-12-02_XRPUSDT_ob500.data", Buffer.from(out.join("\n") + "\n")));
  return [tradeFile, obFile];
}

/**
 * A ~1 GB (decompressed) Tardis book_snapshot_5 day: the 10 real BTCUSDT rows of 2020-09-01
 * (tests/fixtures/tardis) repeated, each repetition 200 ms later, so the file spans a day of rows 20 ms apart
 * (a busy market's real book_snapshot_25 days are of this size). Gzipped at level 1, built once into bench/out.
 * It measures that an import's memory stays flat whatever the file's size: the file is streamed and only the
 * sampled books (one a minute) are kept.
 */
export async function largeTardisBookFile(targetBytes = 1024 ** 3): Promise<string> {
  const file = path.join(OUT, "binance-futures_book_snapshot_5_2020-09-01_BTCUSDT.csv.gz");
  if (fs.existsSync(file) && fs.existsSync(`${file}.bytes`) && Number(fs.readFileSync(`${file}.bytes`, "utf8")) >= targetBytes) return file;
  const [header, ...rows] = fs.readFileSync("tests/fixtures/tardis/binance-futures_book_snapshot_5_BTCUSDT.csv", "utf8").trim().split("\n");
  const cells = rows.map((r) => r.split(","));
  const t0 = Number(cells[0][2]);
  const gz = zlib.createGzip({ level: 1 });
  const out = fs.createWriteStream(file);
  gz.pipe(out);
  let bytes = 0;
  const write = (s: string) => {
    bytes += Buffer.byteLength(s);
    return gz.write(s);
  };
  write(`${header}\n`);
  for (let k = 0; bytes < targetBytes; k++) {
    const lines: string[] = [];
    for (let j = 0; j < 1000; j++) {
      const rep = k * 1000 + j;
      for (let i = 0; i < cells.length; i++) {
        const ts = t0 + rep * 200_000 + i * 20_000; // µs: 20 ms a row
        const c = [...cells[i]];
        c[2] = String(ts);
        c[3] = String(ts + 5_000);
        lines.push(c.join(","));
      }
    }
    if (!write(lines.join("\n") + "\n")) await new Promise<void>((r) => gz.once("drain", () => r()));
  }
  gz.end();
  await new Promise<void>((r) => out.on("finish", () => r()));
  fs.writeFileSync(`${file}.bytes`, String(bytes));
  return file;
}

/** The Bybit markets the synthetic files name, when the recorded dataset does not hold them. */
async function ensureBybitBenchMarkets(db: ReturnType<typeof createDb>): Promise<void> {
  const { ensureVenue } = await import("../lib/store/venue-rows");
  const { connectorFor } = await import("../lib/venues/registry");
  const { inferBybitMarket } = await import("../lib/venues/bybit/symbols");
  const venueId = await ensureVenue(db, connectorFor("bybit"), "recorded");
  for (const symbol of ["FXSUSDT", "XRPUSDT"]) {
    const m = inferBybitMarket(symbol)!;
    const data = { base: m.base, quote: m.quote, settle: m.settle, contractType: m.contractType, sizeUnit: m.sizeUnit, contractSize: m.contractSize, provenance: "recorded" as const };
    await db.market.upsert({ where: { venueId_symbol: { venueId, symbol } }, create: { venueId, symbol, ...data }, update: {} });
  }
}

/** Bench only the Bybit archive files (`npx tsx -e 'import("./bench/archives").then(m => m.benchBybitArchives()).then(console.log)'`). */
export async function benchBybitArchives(): Promise<ArchiveBench[]> {
  return benchArchives(await tiledBybitFiles(), "archives-bybit.db");
}

/** `only`: these files instead of the whole set; `dbName`: the database file under bench/out (a run of its own). */
export async function benchArchives(only: string[] | null = null, dbName = "archives.db"): Promise<ArchiveBench[]> {
  fs.mkdirSync(OUT, { recursive: true });
  const dbFile = path.join(OUT, dbName);
  fs.rmSync(dbFile, { force: true });
  fs.rmSync(`${dbFile}-journal`, { force: true });
  const url = `file:${dbFile}`;
  execFileSync("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url }, stdio: "pipe" });
  const db = createDb(url);
  await loadRecordedDataset(db);
  await ensureBybitBenchMarkets(db);
  await db.$disconnect();
  const files = only ?? [
    path.join(archivesDir(), "binance-usdm/BTCUSDT-bookDepth-2023-10-16.zip"),
    path.join(archivesDir(), "binance-usdm/BTCUSDT-bookDepth-2026-01-31.zip"),
    await monthFile(),
    path.join(archivesDir(), "binance-usdm/hftbacktest_ws_btcusdt_20240808.gz"),
    path.join(archivesDir(), "hyperliquid/hftbacktest_ws_btcusd_20250126.gz"),
    ...tiledHistoryFiles(),
    ...(await tiledBybitFiles()),
    await largeTardisBookFile(),
  ];
  const out: ArchiveBench[] = [];
  for (const file of files) {
    const stdout = execFileSync(process.execPath, ["--import", "tsx", "bench/archive-child.ts", file], { env: { ...process.env, DATABASE_URL: url }, encoding: "utf8" });
    const r = JSON.parse(stdout.trim().split("\n").at(-1)!) as { format: string; rows: number; ms: number; maxRssMb: number };
    const plainBytes = fs.existsSync(`${file}.bytes`) ? Number(fs.readFileSync(`${file}.bytes`, "utf8")) : null;
    out.push({ file: path.basename(file), format: r.format, rows: r.rows, rowsPerSec: r.rows / (r.ms / 1000), maxRssMb: r.maxRssMb, sizeMb: fs.statSync(file).size / 1e6, plainMb: plainBytes === null ? null : plainBytes / 1e6 });
  }
  return out;
}
