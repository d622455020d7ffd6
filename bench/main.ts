// `npm run bench`: one line per figure. Sections: ingest, book metrics (beside ../shared/perf-ref's C and numpy
// kernels), archives, backfill, scoring, stress, server latency.
// The scale dataset (a year of 5-minute snapshots, 10 venues x 5 markets) is generated once into
// bench/out/scale.db by the simulator and reused.
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { benchIngest, depthBody } from "./ingest-throughput";
import { benchBookMetrics, createDb } from "./book-metrics";
import { benchKernelVsRefs } from "./perf-ref";
import { ingestBodies } from "../lib/ingest/ingest-bodies";
import { binanceUsdm } from "../lib/venues/binance-usdm/connector";
import { benchScoring, ensureScaleDataset, SCALE_DB, SCALE_DEFAULT } from "./scale";
import { benchServer } from "./server-latency";
import { benchStressEngine, benchStressService } from "./stress";
import { benchArchives } from "./archives";
import { benchBackfill } from "./backfill";
import { benchTrades } from "./trades";
import { DAY_MS, HOUR_MS } from "../lib/metrics/time";

const OUT = path.resolve("bench/out");

/** 20 000 stored 100/100-level snapshots for the book-metrics benchmark (built once, reused). */
async function booksDb() {
  const file = path.join(OUT, "books.db");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(OUT, { recursive: true });
    execFileSync("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: `file:${file}` }, stdio: "pipe" });
    const db = createDb(file);
    for (let i = 0; i < 20_000; i += 500) {
      const bodies = Array.from({ length: 500 }, (_, k) => depthBody(i + k)).map((body) => ({ body, symbol: "BTCUSDT", receivedTs: body.T, levelLimit: 100 }));
      await ingestBodies(db, binanceUsdm, "depth", bodies, { provenance: "simulated", mode: "simulate", source: "bench" });
    }
    await db.$disconnect();
  }
  return createDb(file);
}

const only = process.argv.slice(2);
const want = (name: string) => only.length === 0 || only.includes(name);
const fmt = (n: number, d = 0) => n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });

async function main() {
  if (want("ingest")) {
    const r = await benchIngest();
    console.log(`ingest: ${fmt(r.pipelineRowsPerSec)} snapshots/s through the pipeline (100 levels/side)`);
    console.log(`ingest: ${fmt(r.rawRowsPerSec)} snapshots/s raw better-sqlite3 batched insert of the same rows`);
    console.log(`ingest: pipeline/raw ratio ${fmt(r.ratio, 2)} (best of ${r.rounds} alternating passes each)`);
    console.log(`storage: ${fmt(r.bytesPerSnapshot)} bytes per stored 100/100-level snapshot (database file incl. indexes)`);
  }
  if (want("books")) {
    // The kernel beside ../shared/perf-ref (slip.c built here when a compiler exists; numpy when it imports).
    const k = benchKernelVsRefs();
    const ratio = (m: number, ref: { mLevelsPerSec: number | null; why: string | null }) => (ref.mLevelsPerSec === null ? `no ratio (${ref.why})` : `${fmt(m / ref.mLevelsPerSec, 2)}×`);
    const work = `${fmt(k.n)} synthetic books × ${k.levels} levels/side as slip.c generates them: mid, spread, depth in 4 bands, buy/sell slippage at 3 notionals`;
    console.log(`book kernel vs references: ${work}`);
    console.log(`book kernel: C reference ${k.c.mLevelsPerSec === null ? `not run: ${k.c.why}` : `${fmt(k.c.mLevelsPerSec, 1)} M levels/s (cc -O2, bench/out/slip, best of 3; checksum ${k.c.checksum?.toPrecision(6)})`}`);
    console.log(`book kernel: numpy peer ${k.numpy.mLevelsPerSec === null ? `not run: ${k.numpy.why}` : `${fmt(k.numpy.mLevelsPerSec, 1)} M levels/s (${fmt(k.numpyBooks)} books; checksum ${k.numpy.checksum?.toPrecision(6)}, its own random books)`}`);
    console.log(`book kernel: typed columns (lib/metrics/book-columns.ts) ${fmt(k.columnsMLevelsPerSec, 1)} M levels/s = ${ratio(k.columnsMLevelsPerSec, k.c)} C, ${ratio(k.columnsMLevelsPerSec, k.numpy)} numpy (checksum ${k.columnsChecksum.toPrecision(6)}; levels exactly on a band edge count in, as book.ts's 1e-9 bps tolerance says)`);
    console.log(`book kernel: per-book tuples (lib/metrics/book.ts, the path before columns; first ${fmt(k.tupleBooks)} books) ${fmt(k.tupleMLevelsPerSec, 1)} M levels/s = ${ratio(k.tupleMLevelsPerSec, k.c)} C, ${ratio(k.tupleMLevelsPerSec, k.numpy)} numpy`);
    const db = await booksDb();
    const r = await benchBookMetrics(db);
    const both = (t: number, c: number) => `${fmt(c / 1e6, 1)} M levels/s in columns, ${fmt(t / 1e6, 1)} M as tuples`;
    console.log(`book metrics (${fmt(r.books)} stored books, ${fmt(r.levels)} levels; best of 3):`);
    console.log(`book metrics: ${both(r.tuples.decodeLevelsPerSec, r.columns.decodeLevelsPerSec)} decoding stored levels (${fmt(r.columns.decodeReusedLevelsPerSec / 1e6, 1)} M into reused columns)`);
    console.log(`book metrics: ${both(r.tuples.metricsLevelsPerSec, r.columns.metricsLevelsPerSec)} (mid, spread, 7 depth bands, slippage at 3 notionals both sides)`);
    console.log(`book metrics: ${both(r.tuples.seriesLevelsPerSec, r.columns.seriesLevelsPerSec)} slippage series (walk + capacity per snapshot)`);
    console.log(`book metrics: ${both(r.tuples.endToEndLevelsPerSec, r.columns.endToEndLevelsPerSec)} stored bytes to metrics (decode + metrics) = ${ratio(r.columns.endToEndLevelsPerSec / 1e6, k.c)} C in columns, ${ratio(r.tuples.endToEndLevelsPerSec / 1e6, k.c)} as tuples`);
    console.log(`book metrics: ${fmt(r.columns.chunkedEndToEndLevelsPerSec / 1e6, 1)} M levels/s stored bytes to metrics in chunks of 1,000 books through reused columns = ${ratio(r.columns.chunkedEndToEndLevelsPerSec / 1e6, k.c)} C`);
    await db.$disconnect();
  }
  if (want("archives")) {
    for (const r of await benchArchives()) {
      console.log(`archives: ${r.file} (${r.format}, ${fmt(r.sizeMb, 1)} MB${r.plainMb ? `, ${fmt(r.plainMb)} MB decompressed` : ""}): ${fmt(r.rowsPerSec)} rows/s over ${fmt(r.rows)} rows (import end to end, stored), peak RSS ${fmt(r.maxRssMb)} MB`);
    }
  }
  if (want("backfill")) {
    for (const r of await benchBackfill()) {
      console.log(`backfill: Binance Vision bookDepth, ${r.days} days (${r.label}): ${fmt(r.rowsPerSec)} CSV rows/s (${fmt(r.written)} band books stored from ${fmt(r.rowsRead)} rows), ${fmt(r.mbPerSec, 1)} MB/s of archive, peak RSS ${fmt(r.maxRssMb)} MB`);
    }
  }
  if (want("trades")) {
    const r = await benchTrades();
    console.log(`trades: ${fmt(r.aggregateOnlyPerSec / 1e6, 2)} M prints/s grouped into sweeps and aggregated per minute (${fmt(r.prints)} real Binance prints tiled in time)`);
    console.log(`trades: ${fmt(r.csvParsePlusAggregatePerSec / 1e6, 2)} M prints/s parsed from a Tardis trades CSV (byte scanner into columns) and aggregated, first pass of a fresh process (${fmt(r.csvParsePlusAggregateWarmPerSec / 1e6, 2)} M/s warm); ${fmt(r.csvGzParsePlusAggregatePerSec / 1e6, 2)} M/s from the same file gzipped, gunzip streamed (${fmt(r.csvGzParsePlusAggregateWarmPerSec / 1e6, 2)} M/s warm); peak RSS ${fmt(r.scanMaxRssMb)} MB`);
    console.log(`trades: ${fmt(r.csvReferencePerSec / 1e6, 2)} M prints/s through the reference path (lines split on commas, a print object per row; what the scanner is checked against)`);
    console.log(`trades: ${fmt(r.importGzRowsPerSec / 1e6, 2)} M rows/s importing the gzipped file end to end (venuescope import: scanner, trades sink, minute aggregates stored in SQLite; raw prints only for the last moment)`);
    console.log(`trades: ${fmt(r.wsParsePlusAggregatePerSec / 1e6, 2)} M prints/s parsed from the WebSocket recording (JSON lines; depth diffs skipped, bookTickers parsed for the pre-trade mid) and aggregated`);
    console.log(`trades: ${fmt(r.bytesPerMillionRaw / 1e6, 1)} MB per million prints kept raw (TradePrint + minute aggregates, SQLite incl. indexes); ${fmt(r.bytesPerMillionAggregatesOnly / 1e3, 1)} kB per million as minute aggregates only (${fmt(r.minutesPerMillion)} minutes per million prints here)`);
  }
  if (want("stress")) {
    const r = await benchStressEngine();
    console.log(`stress engine: ${fmt(r.positionStepsPerSec / 1e6, 2)} M position-steps/s (${r.positions} positions on 10 venues x ${fmt(r.steps)} steps x 2 margin modes: ${fmt(r.msPerRun)} ms per run)`);
  }
  if (want("scale") || want("scoring") || want("server") || want("stress")) {
    const o = { ...SCALE_DEFAULT, days: Number(process.env.SCALE_DAYS ?? SCALE_DEFAULT.days) };
    console.log(`scale dataset: ${o.venues} simulated venues x ${o.markets} markets x ${o.days} days at ${o.cadenceMinutes} min (bench/out/scale.db)`);
    const scale = await ensureScaleDataset(o, (l) => console.log(l));
    if (scale.generatedSec !== null) console.log(`scale dataset: generated in ${fmt(scale.generatedSec)} s through the ingestion path`);
    console.log(`scale dataset: ${fmt(scale.snapshots)} snapshots, ${fmt(scale.sizeBytes / 1e9, 2)} GB, ${fmt(scale.sizeBytes / scale.snapshots)} bytes per snapshot (all tables)`);
    if (want("scale") || want("scoring")) {
      const r = await benchScoring(scale.db);
      if (r.rollupsBuilt) console.log(`scoring: first read after generation built the day rollups of all ${r.markets} markets in passing: ${fmt(r.firstPassSec, 1)} s for their 365-day figures (once)`);
      console.log(`scoring: market figures, one market-year at $1M, cold (figure cache empty; curves and day rollups stored): p50 ${fmt(r.perMarketP50Ms)} ms, max ${fmt(r.perMarketMaxMs)} ms; all ${r.markets} markets ${fmt(r.figuresSec, 1)} s (goal ≤ 100 ms each)`);
      const line = (label: string, x: { sec: number; rssMb: number }) => console.log(`scoring: scorecard of ${r.venues} venues, 365 days, ${label}, cold: ${fmt(x.sec, 2)} s (process RSS after ${fmt(x.rssMb)} MB) (goal ≤ 2 s)`);
      line("BTC at $1M", r.scorecards.default);
      line("a new notional on the curves' grid ($2.5M) after viewing it at $1M (notional-free part and curves cached)", r.scorecards.newNotionalOnGrid);
      line("a new notional between grid points ($1.1M) after viewing it (as above)", r.scorecards.newNotionalOffGrid);
      line("a new notional ($2.5M) in a cold process", r.scorecards.newNotionalCold);
      line("a new window (90 days)", r.scorecards.newWindow);
      line("a new asset (ETH)", r.scorecards.newAsset);
      // One request's memory in a process of its own: a cold scorecard over a year window never asked before.
      const to = Date.UTC(2026, 10, 1) - (Date.now() % HOUR_MS);
      const m = JSON.parse(execFileSync(process.execPath, ["--import", "tsx", "bench/request-memory-child.ts", SCALE_DB, String(to - 365 * DAY_MS), String(to)], { encoding: "utf8" }).trim().split("\n").at(-1)!) as { baselineMb: number; peakMb: number; sec: number };
      console.log(`memory: one cold scorecard request (10 venues, a year window never asked before) in its own process: peak RSS ${fmt(m.peakMb)} MB, ${fmt(m.peakMb - m.baselineMb)} MB above the process with its modules and database open (${fmt(m.baselineMb)} MB); ${fmt(m.sec, 2)} s (goal ≤ 512 MB)`);
      console.log(`scoring: scorecard warm (cached figures): ${fmt(r.scorecardWarmSec * 1000)} ms; peak RSS of the whole scoring run ${fmt(r.peakRssMb)} MB`);
    }
    if (want("stress")) {
      const r = await benchStressService(scale.db);
      console.log(`stress: replay-window detection over all markets (90 days each), cold ${fmt(r.windowsColdMs)} ms, cached ${fmt(r.windowsWarmMs)} ms (${r.windows} windows listed)`);
      console.log(`stress: three-venue, six-position correlation break end to end ${fmt(r.runMs)} ms; replay of a stored window at 5 min ${fmt(r.replayMs)} ms`);
    }
    if (want("server")) {
      // Pages are served by the production build (run `npm run build` first); the first request per route
      // computes what is not cached yet and is reported apart from the steady state.
      const hadBinance = (await scale.db.venue.count({ where: { slug: "binance-usdm" } })) > 0;
      // Each route's first request is measured cold, as after an ingest run: nothing computed is cached.
      await scale.db.figureCache.deleteMany();
      await scale.db.$disconnect();
      const venue = "sim-cex-alpha";
      const scorecard = "/api/scorecard?notional=1000000&window=365d&simulated=show";
      const routes = ["/", "/data", `/venues/${venue}`, "/compare?venues=sim-cex-alpha,sim-dex-echo,sim-cex-bravo&notional=1000000", "/api/scorecard?notional=1000000&window=30d&simulated=show", scorecard, `/api/venues/${venue}`, "/api/coverage"];
      const r = await benchServer(SCALE_DB, routes, { underIngest: scorecard });
      for (const x of r.routes) {
        console.log(`server: ${x.route} p50 ${fmt(x.p50Ms)} ms, p95 ${fmt(x.p95Ms)} ms, ${fmt(x.rps)} req/s at 8 connections (first request ${fmt(x.coldMs)} ms, ${fmt(x.coldBytes / 1024)} KB; ${x.errors} errors, ${x.non2xx} non-2xx)`);
      }
      const u = r.underIngest!;
      console.log(`server: ${u.route} while an ingest runs (${u.ingestRuns} runs of 20 snapshots into another venue meanwhile), 8 connections: p50 ${fmt(u.p50Ms)} ms, p99 ${fmt(u.p99Ms)} ms, max ${fmt(u.maxMs)} ms over ${u.requests} requests (${u.errors} errors, ${u.non2xx} non-2xx) (goal p99 ≤ 1 s)`);
      console.log(`server: peak resident memory of the server process over all of the above ${r.peakRssMb === null ? "not read (no /proc)" : `${fmt(r.peakRssMb)} MB`} (goal ≤ 512 MB per request)`);
      if (!hadBinance) {
        // The load's own venue goes again, so the scale dataset stays as generated.
        const db = createDb(SCALE_DB);
        await db.ingestRun.deleteMany({ where: { venueSlug: "binance-usdm" } });
        await db.venue.deleteMany({ where: { slug: "binance-usdm" } });
        await db.$disconnect();
      }
    } else await scale.db.$disconnect();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
