// Tardis `derivative_ticker` and `book_snapshot_25/5` CSVs (an archive import, lib/ingest/import-archive.ts)
// through the one ingest pipeline. Both files hold a row per feed change, so they are sampled while streamed
// (lib/archives/tardis-ticker.ts, tardis-book.ts): open interest every 5 min and each funding settlement the
// ticker shows; one book per cadence (1 min by default). What is kept is small (a day: 288 readings, ≤ 24
// settlements, 1,440 books) and written in transactions idempotent on natural keys, so a re-import stores
// nothing twice. A bad row is rejected with file, line and field; rows between samples are not parsed.
import "server-only";
import type { Db } from "../db";
import { csvRowBatches, openArchive } from "../archives/read";
import { TARDIS_EXCHANGES } from "../archives/tardis";
import { TickerReducer, tardisTickerRow, TARDIS_TICKER_COLUMNS, type OiSample, type Settlement } from "../archives/tardis-ticker";
import { CadenceSampler, tardisBookColumns, tardisBookRow, tardisRowTs } from "../archives/tardis-book";
import { ArchiveRowError } from "../archives/binance-funding-metrics";
import { DEFAULT_REPLAY_CADENCE_MS } from "../books/book-replay";
import { TardisL2Replayer } from "../books/tardis-incremental";
import { connectorFor } from "../venues/registry";
import { RecordError } from "../venues/parse-helpers";
import { sizeToBase, sizeToUsd } from "../venues/units";
import type { BookRow, DataKind, FundingRow, MarketRow, OiRow, ParseResult, Provenance } from "../venues/types";
import { ingestBodies, type IngestBody } from "./ingest-bodies";
import { ensureMarket } from "./ensure-market";
import { MAX_LISTED_REJECTIONS } from "./import-archive-trades";
import type { ArchiveImportOptions, ArchiveImportResult, ArchiveRejection } from "./archive-import-types";

export class TardisImportError extends Error {}

/** Books per ingest body: one transaction's worth of 25-level books. */
const BOOK_BATCH = 200;

interface Collected {
  rejections: ArchiveRejection[];
  rejectedCount: number;
  rowsRead: number;
}

function reject(c: Collected, file: string, line: number, field: string, message: string) {
  c.rejectedCount++;
  if (c.rejections.length < MAX_LISTED_REJECTIONS) c.rejections.push({ file, line, field, message });
}

/** The venue and symbol a file is for, from its first row (or the caller's), with the market stored. */
async function resolveMarket(db: Db, opts: ArchiveImportOptions, name: string, first: { exchange: string; symbol: string }, provenance: Provenance): Promise<{ venue: string; symbol: string; market: MarketRow }> {
  const venue = opts.venue ?? TARDIS_EXCHANGES[first.exchange];
  if (!venue) throw new TardisImportError(`${name}: Tardis exchange ${JSON.stringify(first.exchange)} is not one Venuescope covers (${Object.keys(TARDIS_EXCHANGES).join(", ")}); pass --venue`);
  const symbol = opts.symbol ?? first.symbol;
  const connector = connectorFor(venue);
  const missing = await ensureMarket(db, connector, symbol, provenance === "live" ? "live" : "recorded");
  if (missing) throw new TardisImportError(`${name}: ${missing}`);
  const row = await db.market.findFirst({ where: { symbol, venue: { slug: venue } } });
  if (!row) throw new TardisImportError(`${name}: ${venue} market ${symbol} is not stored`);
  const market: MarketRow = { ...(row as unknown as MarketRow) };
  return { venue, symbol, market };
}

function firstCells(header: string[], cells: string[]) {
  const at = (n: string) => cells[header.indexOf(n)] ?? "";
  return { exchange: at("exchange"), symbol: at("symbol") };
}

/** A derivative_ticker file: open-interest readings every 5 min and the funding settlements it shows. */
export async function importTardisTicker(db: Db, opts: ArchiveImportOptions, provenance: Provenance, name: string): Promise<Partial<ArchiveImportResult>> {
  const c: Collected = { rejections: [], rejectedCount: 0, rowsRead: 0 };
  const reducer = new TickerReducer();
  const oi: OiSample[] = [];
  const settled: Settlement[] = [];
  let target: { exchange: string; symbol: string } | null = null;
  const a = await openArchive(opts.file);
  const now = Date.now();
  for await (const { header, rows, lines } of csvRowBatches(a, opts.file)) {
    for (const col of TARDIS_TICKER_COLUMNS.slice(0, 3)) if (!header.includes(col)) throw new TardisImportError(`${name}: header lacks column ${col}: not a derivative_ticker file`);
    for (let k = 0; k < rows.length; k++) {
      c.rowsRead++;
      const cells: Record<string, string> = {};
      for (let i = 0; i < header.length; i++) cells[header[i]] = rows[k][i] ?? "";
      try {
        const r = tardisTickerRow(cells, now);
        target ??= { exchange: r.exchange, symbol: r.symbol };
        if (r.symbol !== target.symbol || r.exchange !== target.exchange) throw new ArchiveRowError("symbol", `row is for ${r.exchange} ${r.symbol}, the file for ${target.exchange} ${target.symbol}`);
        const out = reducer.push(r);
        if (out.oi) oi.push(out.oi);
        if (out.settled) settled.push(out.settled);
      } catch (e) {
        if (!(e instanceof ArchiveRowError)) throw e;
        reject(c, name, lines[k], e.field, e.message);
      }
    }
  }
  if (!target) return { rowsRead: c.rowsRead, rowsRejected: c.rejectedCount, rejections: c.rejections, status: c.rejectedCount ? "failed" : "ok", message: `${c.rowsRead} rows, no usable ticker row (an empty day: Tardis writes an empty file when it has no data)` };
  const { venue, symbol, market } = await resolveMarket(db, opts, name, target, provenance);
  const connector = connectorFor(venue);
  const common = { provenance, mode: opts.mode ?? ("import" as const), source: opts.source ?? name };
  // Readings the venue's size unit cannot convert without a price are left out (and counted).
  let unpriced = 0;
  const oiRows: OiRow[] = [];
  for (const s of oi) {
    if (s.price === null && market.sizeUnit !== "base") {
      unpriced++;
      continue;
    }
    oiRows.push({ symbol, ts: s.ts, sizeBase: s.price === null ? s.openInterest : sizeToBase(s.openInterest, s.price, market), valueUsd: s.price === null ? null : sizeToUsd(s.openInterest, s.price, market) });
  }
  const fundingRows: FundingRow[] = settled.map((s) => ({ symbol, fundingTime: s.fundingTime, rate: s.rate, intervalHours: s.intervalHours, premium: null, markPrice: null, indexPrice: null, predicted: false }));
  const store = async (kind: DataKind, rows: (OiRow | FundingRow)[]) => {
    if (!rows.length) return { written: 0, skipped: 0, error: null as string | null, runId: null as number | null };
    const run = await ingestBodies(db, connector, kind, [{ body: rows, symbol, receivedTs: now, levelLimit: null }], { ...common, parser: async (b) => ({ rows: b as (OiRow | FundingRow)[], rejected: [] }) as ParseResult<DataKind> });
    return { written: run.rowsWritten, skipped: run.rowsSkipped, error: run.error, runId: run.runId };
  };
  const o = await store("oi", oiRows);
  const f = await store("funding", fundingRows);
  const error = o.error ?? f.error;
  const stored = o.written + o.skipped + f.written + f.skipped;
  const fundingNote = settled.length ? `${f.written} funding settlements written, ${f.skipped} already stored` : "no funding settlement shown (the feed carries no funding_timestamp, or the file spans none)";
  return {
    venue,
    symbol,
    runId: o.runId ?? f.runId,
    rowsRead: c.rowsRead,
    rowsRejected: c.rejectedCount,
    rejections: c.rejections,
    snapshots: oi.length,
    written: o.written + f.written,
    skipped: o.skipped + f.skipped,
    status: error ? "failed" : c.rejectedCount ? (stored > 0 ? "partial" : "failed") : "ok",
    message: error ?? `${c.rowsRead} ticker rows: ${o.written} open-interest readings written (every 5 min), ${o.skipped} already stored${unpriced ? `, ${unpriced} without a price left out` : ""}; ${fundingNote}${reducer.outOfOrder ? `; ${reducer.outOfOrder} rows with an earlier funding_timestamp ignored` : ""}; ${c.rejectedCount} rejected`,
  };
}

/** A book_snapshot file: one book per cadence (exchange time) stored as a level book. */
export async function importTardisBooks(db: Db, opts: ArchiveImportOptions, provenance: Provenance, name: string): Promise<Partial<ArchiveImportResult>> {
  const c: Collected = { rejections: [], rejectedCount: 0, rowsRead: 0 };
  const cadenceMs = opts.cadenceMs ?? DEFAULT_REPLAY_CADENCE_MS;
  const sampler = new CadenceSampler(cadenceMs);
  const a = await openArchive(opts.file);
  const batches = csvRowBatches(a, opts.file);
  // The first batch names the venue, symbol and market; the rest stream through the ingest pipeline.
  const head = await batches.next();
  if (head.done) return { rowsRead: 0, status: "ok", message: "no rows (an empty day: Tardis writes an empty file when it has no data)" };
  const cols = tardisBookColumns(head.value.header);
  if (!cols) throw new TardisImportError(`${name}: header lacks exchange, symbol, timestamp or asks[0]/bids[0] columns: not a book_snapshot file`);
  const { venue, symbol, market } = await resolveMarket(db, opts, name, firstCells(head.value.header, head.value.rows[0]), provenance);
  let samples = 0;
  async function* bodies(): AsyncGenerator<IngestBody> {
    let pending: BookRow[] = [];
    const take = (b: { rows: string[][]; lines: number[] }) => {
      for (let k = 0; k < b.rows.length; k++) {
        c.rowsRead++;
        const cells = b.rows[k];
        try {
          if ((cells[cols!.symbol] ?? "") !== symbol) throw new RecordError("symbol", `row is for ${JSON.stringify(cells[cols!.symbol] ?? null)}, the file for ${symbol}`);
          const ts = tardisRowTs(cells, cols!);
          if (!sampler.due(ts)) continue;
          const book = tardisBookRow(cells, cols!, market);
          sampler.took(ts);
          pending.push(book);
        } catch (e) {
          if (!(e instanceof RecordError)) throw e;
          reject(c, name, b.lines[k], e.field, e.message);
        }
      }
    };
    take(head.value);
    for await (const b of batches) {
      take(b);
      if (pending.length >= BOOK_BATCH) {
        samples += pending.length;
        yield { body: pending, symbol, receivedTs: pending[0].receivedTs, levelLimit: cols!.asks.length };
        pending = [];
      }
    }
    if (pending.length) {
      samples += pending.length;
      yield { body: pending, symbol, receivedTs: pending[0].receivedTs, levelLimit: cols!.asks.length };
    }
  }
  const run = await ingestBodies(db, connectorFor(venue), "depth", bodies(), {
    provenance,
    mode: opts.mode ?? "import",
    source: opts.source ?? name,
    parser: async (b) => ({ rows: b as BookRow[], rejected: [] }) as ParseResult<DataKind>,
  });
  const stored = run.rowsWritten + run.rowsSkipped;
  return {
    venue,
    symbol,
    runId: run.runId,
    rowsRead: c.rowsRead,
    rowsRejected: c.rejectedCount,
    rejections: c.rejections,
    snapshots: samples,
    written: run.rowsWritten,
    skipped: run.rowsSkipped,
    status: run.error ? "failed" : c.rejectedCount ? (stored > 0 ? "partial" : "failed") : "ok",
    message: run.error ?? `${c.rowsRead} book rows (top ${cols.asks.length}), sampled every ${cadenceMs / 1000} s: ${run.rowsWritten} books written, ${run.rowsSkipped} already stored, ${c.rejectedCount} rejected`,
  };
}

/**
 * An incremental_book_L2 file: replayed (lib/books/tardis-incremental.ts) and sampled; whole books are stored
 * as level books in base units, partial ones (before the first snapshot) counted and left out.
 */
export async function importTardisIncremental(db: Db, opts: ArchiveImportOptions, provenance: Provenance, name: string): Promise<Partial<ArchiveImportResult>> {
  const c: Collected = { rejections: [], rejectedCount: 0, rowsRead: 0 };
  const cadenceMs = opts.cadenceMs ?? DEFAULT_REPLAY_CADENCE_MS;
  const replay = new TardisL2Replayer(cadenceMs);
  const now = Date.now();
  let target: { exchange: string; symbol: string } | null = null;
  const a = await openArchive(opts.file);
  for await (const { header, rows, lines } of csvRowBatches(a, opts.file)) {
    const at = (n: string) => header.indexOf(n);
    const col = { exchange: at("exchange"), symbol: at("symbol"), timestamp: at("timestamp"), isSnapshot: at("is_snapshot"), side: at("side"), price: at("price"), amount: at("amount") };
    for (const [k, v] of Object.entries(col)) if (v < 0) throw new TardisImportError(`${name}: header lacks column ${k === "isSnapshot" ? "is_snapshot" : k}: not an incremental_book_L2 file`);
    for (let k = 0; k < rows.length; k++) {
      c.rowsRead++;
      const cells = rows[k];
      try {
        const exchange = cells[col.exchange] ?? "";
        const symbol = cells[col.symbol] ?? "";
        target ??= { exchange, symbol };
        if (symbol !== target.symbol || exchange !== target.exchange) throw new ArchiveRowError("symbol", `row is for ${exchange} ${symbol}, the file for ${target.exchange} ${target.symbol}`);
        const ts = tardisTickerRow({ exchange, symbol, timestamp: cells[col.timestamp] }, now).ts;
        const snap = cells[col.isSnapshot];
        if (snap !== "true" && snap !== "false") throw new ArchiveRowError("is_snapshot", `not true/false: ${JSON.stringify(snap ?? null)}`);
        const side = cells[col.side];
        if (side !== "bid" && side !== "ask") throw new ArchiveRowError("side", `not bid or ask: ${JSON.stringify(side ?? null)}`);
        const price = Number(cells[col.price]);
        if (!(price > 0) || !Number.isFinite(price)) throw new ArchiveRowError("price", `not a positive price: ${JSON.stringify(cells[col.price] ?? null)}`);
        const amount = Number(cells[col.amount]);
        if (!(amount >= 0) || !Number.isFinite(amount)) throw new ArchiveRowError("amount", `not a size: ${JSON.stringify(cells[col.amount] ?? null)}`);
        replay.push({ ts, isSnapshot: snap === "true", side, price, amount });
      } catch (e) {
        if (!(e instanceof ArchiveRowError)) throw e;
        reject(c, name, lines[k], e.field, e.message);
      }
    }
  }
  replay.end();
  if (!target) return { rowsRead: c.rowsRead, rowsRejected: c.rejectedCount, rejections: c.rejections, status: c.rejectedCount ? "failed" : "ok", message: `${c.rowsRead} rows, no book update (an empty day: Tardis writes an empty file when it has no data)` };
  const { venue, symbol, market } = await resolveMarket(db, opts, name, target, provenance);
  const whole = replay.samples.filter((s) => !s.partial);
  const toBase = (levels: [number, number][]) => levels.map(([p, q]): [number, number] => [p, sizeToBase(q, p, market)]);
  let written = 0;
  let skipped = 0;
  let error: string | null = null;
  let runId: number | null = null;
  if (whole.length) {
    const run = await ingestBodies(db, connectorFor(venue), "depth", [{ body: whole, symbol, receivedTs: whole[0].ts, levelLimit: null }], {
      provenance,
      mode: opts.mode ?? "import",
      source: opts.source ?? name,
      parser: async () => ({ rows: whole.map((s): BookRow => ({ symbol, exchangeTs: s.ts, receivedTs: s.ts, bids: toBase(s.bids), asks: toBase(s.asks), levelLimit: null, truncated: s.bids.length >= 1000 || s.asks.length >= 1000 })), rejected: [] }) as ParseResult<DataKind>,
    });
    ({ rowsWritten: written, rowsSkipped: skipped, error, runId } = run);
  }
  const left = replay.samples.length - whole.length;
  const partialNote = left ? `; ${left} partial samples left out (updates before the file's first snapshot: levels are only those the updates touched)` : "";
  const resyncNote = replay.resyncs.length ? `; ${replay.resyncs.length} resyncs (a snapshot after updates: the feed reconnected, updates may be missing before ${new Date(replay.resyncs[0]).toISOString()}${replay.resyncs.length > 1 ? " and the others" : ""})` : "";
  return {
    venue,
    symbol,
    runId,
    rowsRead: c.rowsRead,
    rowsRejected: c.rejectedCount,
    rejections: c.rejections,
    snapshots: replay.samples.length,
    written,
    skipped,
    status: error ? "failed" : c.rejectedCount || left ? "partial" : "ok",
    message: error ?? `${c.rowsRead} rows, ${replay.snapshots} snapshots, sampled every ${cadenceMs / 1000} s: ${written} whole books written, ${skipped} already stored${partialNote}${resyncNote}; ${c.rejectedCount} rejected`,
  };
}
