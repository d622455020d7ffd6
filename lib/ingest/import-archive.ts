// Import of venue archive files (lib/archives/formats.ts): recognised by name and content, zipped, gzipped
// or plain, streamed. Binance bookDepth files become DepthBandSnapshot rows (idempotent on market + time),
// every bad row rejected with file, line and field while the rest is kept; crossed, inconsistent and stale
// band books are stored flagged with their reason and left out of every figure. WebSocket recordings are
// replayed into books (lib/books/book-replay.ts); trade files go through import-archive-trades.ts, Tardis
// liquidation CSVs through import-tardis-liquidations.ts, Binance fundingRate and metrics files through
// import-archive-history.ts (funding rows, open-interest readings), Tardis derivative_ticker and book_snapshot
// files through import-tardis-history.ts (sampled readings, settlements and books).
import "server-only";
import { mergeTouches, touchOfTimes, type Touch } from "../store/touched";
import path from "node:path";
import { parse } from "csv-parse";
import type { Db } from "../db";
import { ArchiveFormat, FORMAT_INFO, binanceVenueFor, detectFormat, symbolFromName } from "../archives/formats";
import { archiveLines, openArchive, ArchiveReadError } from "../archives/read";
import { checkBandSnapshot, bandReferencePrice, staleBandRuns, sameBands, type BandSnapshot } from "../books/depth-bands";
import { replayRecording } from "../books/book-replay";
import { connectorFor } from "../venues/registry";
import { inferBybitMarket } from "../venues/bybit/symbols";
import { sizeToBase } from "../venues/units";
import { ensureVenue } from "../store/venue-rows";
import type { BookRow, Provenance } from "../venues/types";
import { ingestBodies } from "./ingest-bodies";
import { retryOnWriteConflict } from "./conflict-retry";
import { INGEST_TX_OPTIONS, lockVenueWrites } from "../store/write-lock";
import { importTradesFile, tradeSummary } from "./import-archive-trades";
import { importTardisLiquidations } from "./import-tardis-liquidations";
import { importBinanceHistoryFile } from "./import-archive-history";
import { importTardisBooks, importTardisIncremental, importTardisTicker } from "./import-tardis-history";
import { importHyperliquidCtxs } from "./import-hyperliquid-ctxs";
import type { ArchiveImportOptions, ArchiveImportResult, ArchiveRejection } from "./archive-import-types";

export type { ArchiveImportOptions, ArchiveImportResult, ArchiveRejection } from "./archive-import-types";

export class ArchiveImportError extends Error {}

/** Levels per side of a Bybit order-book archive, from its name (2024-12-01_XRPUSDT_ob500.data → 500); null when it does not say. */
function bybitArchiveDepth(name: string): number | null {
  const m = /_ob(\d+)\.data/.exec(name);
  return m ? Number(m[1]) : null;
}

/** Bybit book levels to base units: linear sizes are base already; inverse ones are USD contracts (lib/venues/units.ts). */
function bybitLevelsToBase(symbol: string): (levels: BookRow["bids"]) => BookRow["bids"] {
  const m = inferBybitMarket(symbol);
  if (!m || m.sizeUnit === "base") return (levels) => levels;
  return (levels) => levels.map(([p, q]) => [p, sizeToBase(q, p, m)] as [number, number]);
}

/** Detect a file's format from its name and first decompressed line. */
export async function sniffArchive(file: string): Promise<{ format: ArchiveFormat | null; entryName: string; compression: string; firstLine: string }> {
  const a = await openArchive(file);
  let firstLine = "";
  try {
    for await (const { line } of archiveLines(a, file)) {
      firstLine = line;
      break;
    }
  } finally {
    a.stream.destroy();
  }
  return { format: detectFormat(a.entryName, firstLine), entryName: a.entryName, compression: a.compression, firstLine };
}

const BAND_FLUSH = 500;

interface BandRow {
  marketId: number;
  ts: Date;
  bands: string;
  bandCount: number;
  refPrice: number | null;
  status: string;
  reason: string | null;
  provenance: Provenance;
  source: string;
  ingestRunId: number;
}
const num = (s: string | undefined) => (s === undefined || s.trim() === "" ? NaN : Number(s));

/** Parse "2023-10-16 00:00:13" (UTC) or epoch ms. */
function parseTs(s: string): number {
  if (/^\d{12,14}$/.test(s)) return Number(s);
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d+)?Z?$/.exec(s.trim());
  if (!m) return NaN;
  const [y, mo, d, h, mi, se] = [+m[1], +m[2], +m[3], +m[4], +m[5], +m[6]];
  const ts = Date.UTC(y, mo - 1, d, h, mi, se, m[7] ? Math.round(Number(m[7]) * 1000) : 0);
  // Date.UTC rolls 25:00 over to the next day: a field out of range is a bad value, not another time.
  const back = new Date(ts);
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d && back.getUTCHours() === h && back.getUTCMinutes() === mi && back.getUTCSeconds() === se ? ts : NaN;
}

/**
 * Stream a bookDepth CSV as band snapshots, one as soon as its timestamp's rows are complete (the archive
 * writes a snapshot's bands on consecutive lines), rejecting bad rows with file, line and field.
 */
async function* readBookDepth(file: string, rejections: ArchiveRejection[], counter: { rowsRead: number }): AsyncGenerator<BandSnapshot> {
  const a = await openArchive(file);
  const name = path.basename(file);
  const parser = a.stream.pipe(parse({ columns: true, info: true, skip_empty_lines: true, relax_column_count: true, trim: true }));
  a.stream.on("error", (e) => parser.destroy(e));
  let current: BandSnapshot | null = null;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      counter.rowsRead++;
      const line = info.lines;
      const reject = (field: string, message: string) => rejections.push({ file: name, line, field, message });
      const ts = parseTs(record.timestamp ?? "");
      if (!Number.isFinite(ts)) { reject("timestamp", `not a time: ${JSON.stringify(record.timestamp ?? null)}`); continue; }
      const pct = num(record.percentage);
      if (!Number.isFinite(pct) || pct === 0 || Math.abs(pct) > 100) { reject("percentage", `not a band percentage: ${JSON.stringify(record.percentage ?? null)}`); continue; }
      const qty = num(record.depth);
      if (!Number.isFinite(qty) || qty < 0) { reject("depth", `not a non-negative quantity: ${JSON.stringify(record.depth ?? null)}`); continue; }
      const notionalUsd = num(record.notional);
      if (!Number.isFinite(notionalUsd) || notionalUsd < 0) { reject("notional", `not a non-negative notional: ${JSON.stringify(record.notional ?? null)}`); continue; }
      if (current && current.ts !== ts) {
        yield { ts: current.ts, bands: current.bands.sort((p, q) => p.pct - q.pct) };
        current = null;
      }
      current ??= { ts, bands: [] };
      if (current.bands.some((b) => b.pct === pct)) { reject("percentage", `band ${pct} % repeated at ${record.timestamp}`); continue; }
      current.bands.push({ pct, qty, notionalUsd });
    }
  } catch (e) {
    throw new ArchiveReadError(`${name}: read failed after ${counter.rowsRead} rows (${(e as Error).message}); the archive may be truncated`);
  }
  if (current) yield { ts: current.ts, bands: current.bands.sort((p, q) => p.pct - q.pct) };
}

async function marketIdFor(db: Db, venue: string, symbol: string, provenance: Provenance): Promise<{ venueId: number; marketId: number }> {
  const venueId = await ensureVenue(db, connectorFor(venue), provenance);
  const m = await db.market.findUnique({ where: { venueId_symbol: { venueId, symbol } }, select: { id: true } });
  if (!m) throw new ArchiveImportError(`${venue} market ${symbol} is not stored; import the venue's markets first (venuescope ingest or bootstrap)`);
  return { venueId, marketId: m.id };
}

export async function importArchive(db: Db, opts: ArchiveImportOptions): Promise<ArchiveImportResult> {
  const t0 = Date.now();
  const name = path.basename(opts.file);
  const sniff = await sniffArchive(opts.file);
  const format = opts.format ?? sniff.format;
  if (!format) throw new ArchiveImportError(`${name}: format not recognised (first line ${JSON.stringify(sniff.firstLine.slice(0, 80))}); pass --format one of ${Object.keys(FORMAT_INFO).join(", ")}`);
  const info = FORMAT_INFO[format];
  const venue = opts.venue ?? info.venue;
  const provenance = opts.provenance ?? "recorded";
  const result: ArchiveImportResult = { file: name, format, venue, symbol: null, compression: sniff.compression, status: "ok", runId: null, rowsRead: 0, rowsRejected: 0, rejections: [], snapshots: 0, written: 0, skipped: 0, flagged: {}, replay: null, trades: null, message: "", ms: 0 };

  if (info.handling === "recognised") {
    result.status = "recognised";
    result.message =
      format === "hyperliquid-liquidations-csv"
        ? `${info.description}: format recognised, not imported: each row is one account's liquidation (time, user, notional of all its positions, account value, margin mode) with no coin, side or price, and a market liquidation row needs all three`
        : `${info.description}: format recognised, not imported yet`;
    result.ms = Date.now() - t0;
    return result;
  }
  if (info.handling === "replay") {
    const a = await openArchive(opts.file);
    const rp = await replayRecording(format === "binance-ws-recording" ? "binance" : format === "bybit-ob500" ? "bybit" : "hyperliquid", archiveLines(a, opts.file), opts.cadenceMs);
    result.replay = rp;
    result.rowsRead = rp.messages;
    result.snapshots = rp.samples.length;
    result.symbol = opts.symbol ?? rp.symbol;
    // Samples of whole books are stored as level books; partial ones (no snapshot seen yet, or after a gap)
    // are counted and left out.
    const whole = rp.samples.filter((s) => !s.partial);
    if (whole.length && result.symbol) {
      const symbol = result.symbol;
      const levelLimit = format === "hyperliquid-ws-recording" || format === "hyperliquid-s3-l2book" ? 20 : format === "bybit-ob500" ? bybitArchiveDepth(sniff.entryName || name) : null;
      // Bybit inverse books count USD contracts (1 USD each): converted to base at each level's price.
      const toBase = format === "bybit-ob500" ? bybitLevelsToBase(symbol) : (levels: BookRow["bids"]) => levels;
      const run = await ingestBodies(db, connectorFor(venue), "depth", [{ body: whole, symbol, receivedTs: whole[0].ts, levelLimit }], {
        provenance,
        mode: opts.mode ?? "import",
        source: opts.source ?? name,
        parser: async () => ({ rows: whole.map((s): BookRow => ({ symbol, exchangeTs: s.ts, receivedTs: s.ts, bids: toBase(s.bids), asks: toBase(s.asks), levelLimit, truncated: true })), rejected: [] }),
      });
      result.runId = run.runId;
      result.written = run.rowsWritten;
      result.skipped = run.rowsSkipped;
      if (run.status === "failed") result.status = "failed";
    }
    result.rejections = rp.badLines.map((b) => ({ file: name, line: b.line, field: b.field ?? "message", message: b.message }));
    result.rowsRejected = result.rejections.length;
    if (result.status !== "failed") result.status = rp.partial || result.rowsRejected ? "partial" : "ok";
    result.message = `${info.description}: replayed ${rp.bookMessages} book messages, ${rp.gaps.length} sequence gaps, ${rp.samples.length} samples at ${rp.cadenceMs / 1000} s (${whole.length} whole books stored: ${result.written} written, ${result.skipped} already stored)${rp.partial ? `; ${rp.samples.length - whole.length} partial samples left out: ${rp.partialReason}` : ""}`;
    // Bybit's order-book archive holds no trades (they are in its trade archive, bybit-trades-csv), nor does
    // Hyperliquid's l2Book archive (its fills are another bucket)
    if (format === "bybit-ob500" || format === "hyperliquid-s3-l2book") {
      result.ms = Date.now() - t0;
      return result;
    }
    // the recording's trades, in a second streamed pass
    const tr = await importTradesFile(db, opts, format, venue, provenance, name, t0);
    result.trades = tr.stats;
    result.rejections.push(...tr.rejections);
    result.rowsRejected = result.rejections.length;
    if (tr.failed && result.status !== "failed") result.status = "failed";
    result.message = `${info.description}: replayed ${rp.bookMessages} book messages, ${rp.gaps.length} sequence gaps, ${rp.samples.length} samples at ${rp.cadenceMs / 1000} s (${whole.length} whole books stored: ${result.written} written, ${result.skipped} already stored)${rp.partial ? `; ${rp.samples.length - whole.length} partial samples left out: ${rp.partialReason}` : ""}`;
    result.message += `; ${tradeSummary(tr.stats)}`;
    result.ms = Date.now() - t0;
    return result;
  }
  if (format === "hyperliquid-s3-asset-ctxs") {
    Object.assign(result, await importHyperliquidCtxs(db, opts, provenance, name));
    result.message = `${info.description.replace(/ \(.*$/, "")}: ${result.message}`;
    result.ms = Date.now() - t0;
    return result;
  }
  if (info.handling === "funding" || info.handling === "oi") {
    const symbol = opts.symbol ?? symbolFromName(sniff.entryName) ?? symbolFromName(name);
    if (!symbol) throw new ArchiveImportError(`${name}: the file name does not say its symbol; pass --symbol`);
    // The file does not name its segment: a COIN-M symbol (BTCUSD_PERP) is binance-coinm unless --venue says otherwise.
    const venue_ = opts.venue ?? binanceVenueFor(symbol);
    await marketIdFor(db, venue_, symbol, provenance);
    Object.assign(result, { venue: venue_, symbol }, await importBinanceHistoryFile(db, opts, format as "binance-funding-rate" | "binance-metrics", venue_, symbol, provenance, name));
    result.message = `${info.description}: ${result.message}`;
    result.ms = Date.now() - t0;
    return result;
  }
  if (info.handling === "books" || info.handling === "ticker") {
    const r = await (info.handling === "ticker" ? importTardisTicker : format === "tardis-incremental-l2-csv" ? importTardisIncremental : importTardisBooks)(db, opts, provenance, name);
    Object.assign(result, r);
    result.message = `${info.description.replace(/ \(.*$/, "")}: ${result.message}`;
    result.ms = Date.now() - t0;
    return result;
  }
  if (info.handling === "liquidations") {
    const lr = await importTardisLiquidations(db, opts, provenance, name);
    Object.assign(result, lr);
    result.ms = Date.now() - t0;
    return result;
  }
  if (info.handling === "trades") {
    const tr = await importTradesFile(db, opts, format, venue, provenance, name, t0);
    result.trades = tr.stats;
    result.runId = tr.runId;
    result.rejections = tr.rejections;
    result.rowsRejected = tr.rejectedCount;
    result.rowsRead = tr.rowsRead;
    result.written = tr.stats.printsWritten;
    result.skipped = tr.stats.printsSkipped;
    const markets = Object.keys(tr.stats.markets);
    result.symbol = markets.length === 1 ? markets[0] : null;
    if (tr.venue) result.venue = tr.venue;
    result.status = tr.failed ? "failed" : tr.rejectedCount ? (tr.stats.printsRead > 0 ? "partial" : "failed") : "ok";
    result.message = tr.error ?? `${info.description}: ${tradeSummary(tr.stats)}${tr.note ? `; ${tr.note}` : ""}`;
    result.ms = Date.now() - t0;
    return result;
  }

  // binance-bookdepth
  const symbol = opts.symbol ?? symbolFromName(sniff.entryName) ?? symbolFromName(name);
  if (!symbol) throw new ArchiveImportError(`${name}: the file name does not say its symbol; pass --symbol`);
  result.symbol = symbol;
  const { venueId, marketId } = await marketIdFor(db, venue, symbol, provenance);
  const source = opts.source ?? name;
  // touched: the band books' time range, grown inside each batch's transaction (lib/store/touched.ts).
  const run_ = await db.ingestRun.create({ data: { venueId, venueSlug: venue, kind: "depth", mode: opts.mode ?? "import", source, provenance, startedAt: new Date(t0), touched: "[]" } });
  let touched: Touch[] = [];
  result.runId = run_.id;
  let error: string | null = null;
  try {
    // Memory stays bounded: snapshots are written in batches as they stream in. Only a run of identical
    // snapshots (a possibly frozen feed) is held until it ends, to be flagged stale if it lasted an hour.
    const counter = { rowsRead: 0 };
    let pending: BandRow[] = [];
    let run: BandSnapshot[] = [];
    const toRow = (s: BandSnapshot, staleReason: string | null): BandRow => {
      const reason = checkBandSnapshot(s) ?? staleReason;
      const status = reason ? reason.split(":")[0] : "ok";
      if (reason) result.flagged[status] = (result.flagged[status] ?? 0) + 1;
      return { marketId, ts: new Date(s.ts), bands: JSON.stringify(s.bands), bandCount: s.bands.length, refPrice: bandReferencePrice(s), status, reason, provenance, source, ingestRunId: run_.id };
    };
    const flush = async () => {
      // one transaction per batch; rows already stored (same market and time) are skipped
      const batch = pending;
      pending = [];
      if (!batch.length) return;
      const times = batch.map((r) => r.ts.getTime());
      const w = await retryOnWriteConflict(() => db.$transaction(async (tx) => {
        await lockVenueWrites(tx, venueId);
        const have = await tx.depthBandSnapshot.findMany({ where: { marketId, ts: { gte: new Date(Math.min(...times)), lte: new Date(Math.max(...times)) } }, select: { ts: true } });
        const seen = new Set(have.map((h) => h.ts.getTime()));
        // (a time repeated further down the file counts once)
        const fresh = batch.filter((r) => !seen.has(r.ts.getTime()) && (seen.add(r.ts.getTime()), true));
        if (!fresh.length) return { n: 0, next: touched };
        await tx.depthBandSnapshot.createMany({ data: fresh });
        const next = mergeTouches(touched.map((t) => ({ ...t })), touchOfTimes(marketId, "depth", fresh.map((r) => r.ts.getTime())));
        await tx.ingestRun.update({ where: { id: run_.id }, data: { touched: JSON.stringify(next) } });
        return { n: fresh.length, next };
      }, INGEST_TX_OPTIONS)).then((r) => ((touched = r.next), r.n));
      result.written += w;
      result.skipped += batch.length - w;
    };
    const endRun = async () => {
      const stale = staleBandRuns(run);
      run.forEach((s, i) => pending.push(toRow(s, stale.get(i) ?? null)));
      run = [];
      if (pending.length >= BAND_FLUSH) await flush();
    };
    for await (const snap of readBookDepth(opts.file, result.rejections, counter)) {
      result.snapshots++;
      if (run.length && !sameBands(run[0], snap)) await endRun();
      run.push(snap);
    }
    await endRun();
    await flush();
    result.rowsRead = counter.rowsRead;
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  result.rowsRejected = result.rejections.length;
  result.status = error ? "failed" : result.rowsRejected ? (result.snapshots > 0 ? "partial" : "failed") : "ok";
  const flagged = Object.entries(result.flagged).map(([k, v]) => `${v} ${k}`).join(", ");
  result.message = error ?? `${result.snapshots} band snapshots (${result.written} written, ${result.skipped} already stored${flagged ? `, flagged: ${flagged}` : ""})`;
  const finished = Date.now();
  await db.ingestRun.update({
    where: { id: run_.id },
    data: { finishedAt: new Date(finished), durationMs: finished - t0, status: result.status, rowsWritten: result.written, rowsSkipped: result.skipped, rowsRejected: result.rowsRejected, rejections: JSON.stringify(result.rejections.slice(0, 500)), error },
  });
  result.ms = finished - t0;
  return result;
}
