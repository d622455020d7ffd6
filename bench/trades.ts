// `npm run bench -- trades`: trade prints parsed and aggregated per second, and bytes stored per million
// trades. Input: the real Binance USD-M recording's 21,313 prints (data/archives), tiled in time (each copy
// shifted by the recording's 6-minute span) to 1 M prints, written as a Tardis trades CSV (the format a long
// history arrives in; also gzipped) and kept as WS lines. The CSV is read twice: by the reference path (lines,
// cells, a print object per row) and by the byte scanner into columns + the column aggregator
// (lib/archives/tardis-trades-scan.ts, in a child process: a clean heap, first pass cold, then warm), whose minutes
// must equal the reference's to the last bit. Parsing + aggregation runs without a database; storage is measured
// by importing 200,000 prints into fresh SQLite files, once keeping raw prints and once aggregates only; and the
// gzipped file is imported end to end (importArchive) into a fresh SQLite file, aggregates only.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { isDeepStrictEqual } from "node:util";
import { execFileSync } from "node:child_process";
import { archivesDir } from "../lib/bootstrap";
import { archiveLines, csvRowBatches, openArchive } from "../lib/archives/read";
import { binanceWsTrades, tardisTrade, tardisTradeColumns, tardisTradeRecord, type BinanceQuoteState } from "../lib/archives/trades";
import { groupSweeps, type TradePrint } from "../lib/metrics/sweeps";
import { addPrintsToMinutes, addSweepsToMinutes, type TradeMinuteAgg } from "../lib/metrics/trade-aggregates";
import { createDb } from "../lib/db";
import { loadRecordedDataset } from "../lib/bootstrap";
import { TradeSink } from "../lib/ingest/import-trades";
import { importArchive } from "../lib/ingest/import-archive";

const OUT = path.resolve("bench/out");
const SPAN_MS = 6 * 60_000;

async function realPrints(): Promise<{ prints: TradePrint[]; lines: string[] }> {
  const file = path.join(archivesDir(), "binance-usdm/hftbacktest_ws_btcusdt_20240808.gz");
  const quote: BinanceQuoteState = { mid: null, ts: null };
  const prints: TradePrint[] = [];
  const lines: string[] = [];
  for await (const { line } of archiveLines(await openArchive(file), file)) {
    lines.push(line);
    prints.push(...binanceWsTrades(JSON.parse(line.slice(line.indexOf(" ") + 1)), quote).prints);
  }
  return { prints, lines };
}

function tile(prints: TradePrint[], n: number): TradePrint[] {
  const out: TradePrint[] = [];
  for (let k = 0; out.length < n; k++) for (const p of prints) {
    if (out.length >= n) break;
    out.push({ ...p, ts: p.ts + k * SPAN_MS, tradeId: `${p.tradeId}-${k}` });
  }
  return out;
}

/** A streaming aggregator: batches of 20k prints (cut between timestamps), as the importer's sink. */
function streamAggregator(): { push(p: TradePrint): void; end(): number; minutes: Map<number, TradeMinuteAgg> } {
  const minutes = new Map<number, TradeMinuteAgg>();
  let batch: TradePrint[] = [];
  let n = 0;
  const flush = () => {
    const s = groupSweeps(batch);
    addPrintsToMinutes(minutes, batch);
    addSweepsToMinutes(minutes, s);
    batch = [];
  };
  return {
    push(p: TradePrint) {
      if (batch.length >= 20_000 && p.ts !== batch[batch.length - 1].ts) flush();
      batch.push(p);
      n++;
    },
    end() {
      flush();
      return n;
    },
    minutes,
  };
}

/** Sweeps and minute aggregates in batches of 20k prints, as the importer does. */
function aggregate(prints: TradePrint[]): { minutes: number; sweeps: number } {
  const minutes = new Map<number, TradeMinuteAgg>();
  let sweeps = 0;
  for (let i = 0; i < prints.length; ) {
    let j = Math.min(prints.length, i + 20_000);
    while (j < prints.length && prints[j].ts === prints[j - 1].ts) j++;
    const batch = prints.slice(i, j);
    const s = groupSweeps(batch);
    sweeps += s.length;
    addPrintsToMinutes(minutes, batch);
    addSweepsToMinutes(minutes, s);
    i = j;
  }
  return { minutes: minutes.size, sweeps };
}

export interface TradesBench {
  prints: number;
  aggregateOnlyPerSec: number;
  /** The byte scanner into columns + the column aggregator (lib/archives/tardis-trades-scan.ts), plain and gzipped file: first pass of a fresh process, and the best of two more. */
  csvParsePlusAggregatePerSec: number;
  csvParsePlusAggregateWarmPerSec: number;
  csvGzParsePlusAggregatePerSec: number;
  csvGzParsePlusAggregateWarmPerSec: number;
  scanMaxRssMb: number;
  /** csvRowBatches + tardisTrade + the object aggregator: the reference path (and the one before the scanner). */
  csvReferencePerSec: number;
  /** The gzipped file through `importArchive` into SQLite (scanner, the trades sink, minute rows written), aggregates only. */
  importGzRowsPerSec: number;
  wsParsePlusAggregatePerSec: number;
  bytesPerMillionRaw: number;
  bytesPerMillionAggregatesOnly: number;
  minutesPerMillion: number;
}

/** `venuescope import` of a file end to end into a fresh SQLite file (raw prints only for its last moment): rows/s. */
async function importRate(file: string, name: string): Promise<{ rowsPerSec: number; rows: number }> {
  const db = await freshDb(name);
  const t0 = performance.now();
  const r = await importArchive(db, { file, rawWindowDays: 1e-9 });
  const sec = (performance.now() - t0) / 1000;
  await db.$disconnect();
  if (r.status !== "ok") throw new Error(`${file}: import ${r.status}: ${r.message}`);
  return { rowsPerSec: r.rowsRead / sec, rows: r.rowsRead };
}

async function freshDb(name: string) {
  fs.mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, name);
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  execFileSync("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: `file:${file}` }, stdio: "pipe" });
  const db = createDb(`file:${file}`);
  await loadRecordedDataset(db);
  return db;
}

async function storageBytes(prints: TradePrint[], rawWindowDays: number, name: string): Promise<number> {
  const file = path.join(OUT, name);
  const db = await freshDb(name);
  const before = fs.statSync(file).size;
  const market = await db.market.findFirstOrThrow({ where: { symbol: "BTCUSDT", venue: { slug: "binance-usdm" } } });
  const venue = await db.venue.findFirstOrThrow({ where: { slug: "binance-usdm" } });
  const run = await db.ingestRun.create({ data: { venueId: venue.id, venueSlug: "binance-usdm", kind: "trades", mode: "import", source: "bench", provenance: "simulated" } });
  const sink = new TradeSink(db, { provenance: "simulated", source: "bench", ingestRunId: run.id, rawWindowDays });
  await sink.add(market.id, "BTCUSDT", prints);
  await sink.finish();
  await db.$executeRawUnsafe("VACUUM");
  await db.$disconnect();
  const after = fs.statSync(file).size + (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0);
  return after - before;
}

export async function benchTrades(): Promise<TradesBench> {
  const { prints: real, lines } = await realPrints();
  const N = 1_000_000;
  const prints = tile(real, N);

  let t = performance.now();
  const agg = aggregate(prints);
  const aggregateOnlyPerSec = N / ((performance.now() - t) / 1000);

  // Tardis CSV of the same prints, parsed with csv-parse (streamed) into prints, then aggregated
  fs.mkdirSync(OUT, { recursive: true });
  const csv = path.join(OUT, "binance-futures_trades_tiled.csv");
  if (!fs.existsSync(csv)) {
    const rows = ["exchange,symbol,timestamp,local_timestamp,id,side,price,amount"];
    for (const p of prints) rows.push(`binance-futures,BTCUSDT,${p.ts * 1000},${p.ts * 1000 + 5000},${p.tradeId},${p.side},${p.price},${p.sizeBase}`);
    fs.writeFileSync(csv, rows.join("\n") + "\n");
  }
  const gz = `${csv}.gz`;
  if (!fs.existsSync(gz)) fs.writeFileSync(gz, zlib.gzipSync(fs.readFileSync(csv), { level: 6 }));

  // the reference: lines, cells split on commas, a record and a print object per row, the object aggregator
  t = performance.now();
  const csvAgg = streamAggregator();
  for await (const { header, rows } of csvRowBatches(await openArchive(csv), csv)) {
    const cols = tardisTradeColumns(header)!;
    for (const cells of rows) csvAgg.push(tardisTrade(tardisTradeRecord(cells, cols), (a) => a).print);
  }
  const csvReferencePerSec = csvAgg.end() / ((performance.now() - t) / 1000);

  // the scanner: bytes to columns, columns to minutes, in a process of its own (3 passes; the first is cold)
  const scanned = (file: string) => {
    const out = JSON.parse(execFileSync(process.execPath, ["--import", "tsx", "bench/trades-scan-child.ts", file], { encoding: "utf8" })) as { prints: number; sweeps: number; ms: number[]; minutes: [number, TradeMinuteAgg][]; maxRssMb: number };
    // the same figures as the reference path, to the last bit
    if (out.prints !== N || !isDeepStrictEqual(new Map(out.minutes), csvAgg.minutes)) throw new Error(`${file}: the scanner's minute aggregates differ from the reference path's`);
    return { cold: N / (out.ms[0] / 1000), warm: N / (Math.min(...out.ms.slice(1)) / 1000), maxRssMb: out.maxRssMb };
  };
  const plain = scanned(csv);
  const gzipped = scanned(gz);

  // the WS recording's lines (all 93,954 messages, 21,313 of them trades), repeated to 1 M prints
  t = performance.now();
  const quote: BinanceQuoteState = { mid: null, ts: null };
  const wsAgg = streamAggregator();
  const copies = Math.ceil(N / real.length);
  for (let k = 0; k < copies; k++)
    for (const l of lines) {
      if (l.includes('"depthUpdate"') || l.includes('"lastUpdateId"')) continue; // as the importer's trades pass
      // each copy shifted in time, as the tiled prints
      for (const p of binanceWsTrades(JSON.parse(l.slice(l.indexOf(" ") + 1)), quote).prints) wsAgg.push({ ...p, ts: p.ts + k * SPAN_MS });
    }
  const wsParsePlusAggregatePerSec = wsAgg.end() / ((performance.now() - t) / 1000);

  const M = 200_000;
  const sample = prints.slice(0, M);
  const raw = await storageBytes(sample, 3650, "trades-raw.db");
  const aggOnly = await storageBytes(sample, 1e-9, "trades-agg.db");
  const imported = await importRate(gz, "trades-import.db");
  return {
    prints: N,
    aggregateOnlyPerSec,
    csvParsePlusAggregatePerSec: plain.cold,
    csvParsePlusAggregateWarmPerSec: plain.warm,
    csvGzParsePlusAggregatePerSec: gzipped.cold,
    csvGzParsePlusAggregateWarmPerSec: gzipped.warm,
    scanMaxRssMb: Math.max(plain.maxRssMb, gzipped.maxRssMb),
    csvReferencePerSec,
    importGzRowsPerSec: imported.rowsPerSec,
    wsParsePlusAggregatePerSec,
    bytesPerMillionRaw: (raw * 1e6) / M,
    bytesPerMillionAggregatesOnly: (aggOnly * 1e6) / M,
    minutesPerMillion: agg.minutes,
  };
}
