// Trade prints from an archive file (Binance and Hyperliquid WebSocket recordings, Binance trades/aggTrades,
// Hyperliquid's published fills, Tardis trades CSV, Bybit's public trade archive) into raw prints and minute
// aggregates, under one IngestRun.
import "server-only";
import type { Db } from "../db";
import type { ArchiveFormat } from "../archives/formats";
import { archiveLineBatches, csvRecordBatches, openArchive, ArchiveReadError } from "../archives/read";
import { connectorFor } from "../venues/registry";
import { ensureVenue } from "../store/venue-rows";
import type { Provenance } from "../venues/types";
import { TradeSink, emptyTradeStats, type TradeImportStats } from "./import-trades";
import { TardisTradeScanner, SIDE_BUY, type TardisTradeBatch } from "../archives/tardis-trades-scan";
import { binanceWsTrades, bybitTradeRow, hyperliquidWsTrades, hyperliquidNonMmTrade, TradeRowError, TARDIS_TRADE_EXCHANGES, type BinanceQuoteState, type LineTrades } from "../archives/trades";
import type { TradePrint } from "../metrics/sweeps";
import { sizeToBase } from "../venues/units";
import { env } from "../env-core";
import type { ArchiveImportOptions, ArchiveRejection } from "./archive-import-types";

export function tradeSummary(t: TradeImportStats): string {
  const markets = Object.entries(t.markets).map(([k, v]) => `${k} ${v}`).join(", ");
  return `${t.printsRead} trade prints${markets ? ` (${markets})` : ""} in ${t.sweeps} sweeps: ${t.printsWritten} raw prints written, ${t.printsSkipped} already stored, ${t.printsAggregatedOnly} older than the raw window kept as aggregates only; ${t.minutesWritten} minute aggregates written, ${t.minutesReplaced} replaced by fuller ones, ${t.minutesKept} already stored${t.latePrints ? `; ${t.latePrints} prints arrived after their minute was written` : ""}`;
}

export const MAX_LISTED_REJECTIONS = 500;

const envRawWindowDays = (): number | undefined => env().TRADE_RAW_WINDOW_DAYS;

interface TradesFileResult {
  stats: TradeImportStats;
  runId: number | null;
  venue: string | null;
  rowsRead: number;
  rejections: ArchiveRejection[];
  rejectedCount: number;
  failed: boolean;
  error: string | null;
  note: string | null;
}

/**
 * Stream a file's trade prints into the database (lib/ingest/import-trades.ts) under one IngestRun of kind
 * "trades". Rows that do not parse, or name a market that is not stored, are rejected with file, line and
 * field (the first 500 listed, all counted); the rest are kept.
 */
export async function importTradesFile(db: Db, opts: ArchiveImportOptions, format: ArchiveFormat, venueDefault: string, provenance: Provenance, name: string, t0: number): Promise<TradesFileResult> {
  const out: TradesFileResult = { stats: null as unknown as TradeImportStats, runId: null, venue: null, rowsRead: 0, rejections: [], rejectedCount: 0, failed: false, error: null, note: null };
  const reject = (line: number | null, field: string, message: string) => {
    out.rejectedCount++;
    if (out.rejections.length < MAX_LISTED_REJECTIONS) out.rejections.push({ file: name, line, field, message });
  };
  const tardis = format === "tardis-trades-csv";
  // the run's venue: the file's for venue archives; for a Tardis file, its first row's exchange
  let runVenue = opts.venue ?? (tardis ? null : venueDefault);
  const source = opts.source ?? name;
  const venues = new Map<string, number>();
  const markets = new Map<string, Awaited<ReturnType<typeof db.market.findUnique>> | null>();
  const market = async (venue: string, symbol: string) => {
    const key = `${venue}|${symbol}`;
    if (!markets.has(key)) {
      let venueId = venues.get(venue);
      if (venueId === undefined) {
        venueId = await ensureVenue(db, connectorFor(venue), provenance);
        venues.set(venue, venueId);
      }
      markets.set(key, await db.market.findUnique({ where: { venueId_symbol: { venueId, symbol } } }));
    }
    return markets.get(key)!;
  };
  let sink: TradeSink | null = null;
  let runId: number | null = null;
  const start = async (venue: string) => {
    const venueId = venues.get(venue) ?? (await ensureVenue(db, connectorFor(venue), provenance));
    venues.set(venue, venueId);
    const run = await db.ingestRun.create({ data: { venueId, venueSlug: venue, kind: "trades", mode: opts.mode ?? "import", source, provenance, startedAt: new Date(t0) } });
    runId = run.id;
    sink = new TradeSink(db, { provenance, source, ingestRunId: run.id, rawWindowDays: opts.rawWindowDays ?? envRawWindowDays() });
    return sink;
  };
  const feed = async (venue: string, symbol: string | null, prints: TradePrint[], line: number) => {
    if (!prints.length) return;
    if (!symbol) return reject(line, "symbol", "trade message names no market");
    const m = await market(venue, symbol);
    if (!m) return reject(line, "symbol", `${venue} market ${symbol} is not stored; import the venue's markets first (venuescope ingest or bootstrap)`);
    const s = sink ?? (await start(venue));
    await s.add(m.id, symbol, prints);
  };
  let passive = 0;
  let unknownSide = 0;
  try {
    if (format === "binance-ws-recording" || format === "hyperliquid-ws-recording") {
      const a = await openArchive(opts.file);
      const quote: BinanceQuoteState = { mid: null, ts: null };
      for await (const { lines, firstLineNo } of archiveLineBatches(a, opts.file)) for (let k = 0; k < lines.length; k++) {
        const line = lines[k];
        const lineNo = firstLineNo + k;
        if (!line.trim()) continue;
        out.rowsRead++;
        // book diffs and snapshots hold no trades: not parsed again in this pass (the replay read them)
        if (line.includes('"depthUpdate"') || line.includes('"channel":"l2Book"') || line.includes('"lastUpdateId"')) continue;
        const sp = line.indexOf(" ");
        let msg: unknown;
        try {
          msg = JSON.parse(sp >= 0 ? line.slice(sp + 1) : line);
        } catch {
          continue; // counted by the replay as a bad line
        }
        let lt: LineTrades;
        try {
          lt = format === "binance-ws-recording" ? binanceWsTrades(msg, quote) : hyperliquidWsTrades(msg);
        } catch (e) {
          if (e instanceof TradeRowError) reject(lineNo, e.field, e.message);
          else throw e;
          continue;
        }
        await feed(runVenue!, opts.symbol ?? lt.symbol, lt.prints, lineNo);
      }
    } else if (tardis) {
      // Tardis trades: bytes to columns (lib/archives/tardis-trades-scan.ts); a print object is made only for
      // the sink. The checks run in the reference's order: exchange, the file's venue, a stored market, then
      // the row's own fields (the scanner's rejections carry exchange and symbol for the first three).
      const a = await openArchive(opts.file);
      const scanner = new TardisTradeScanner(opts.file);
      type Resolved = { m: NonNullable<Awaited<ReturnType<typeof market>>> } | { field: string; message: string };
      const resolved = new Map<string, Resolved>();
      const resolve = async (exchange: string, symbol: string): Promise<Resolved> => {
        const key = `${exchange}\n${symbol}`;
        let r = resolved.get(key);
        if (!r) {
          const exchangeVenue = Object.prototype.hasOwnProperty.call(TARDIS_TRADE_EXCHANGES, exchange) ? TARDIS_TRADE_EXCHANGES[exchange] : null;
          if (!exchangeVenue) r = { field: "exchange", message: `${exchange}: exchange not supported` };
          else {
            const venueOfRow = opts.venue ?? exchangeVenue;
            // the run's venue is the first supported row's (set once, so a cached answer stays right)
            runVenue ??= venueOfRow;
            if (venueOfRow !== runVenue) r = { field: "exchange", message: `row is from ${exchange}, the file from ${runVenue}` };
            else {
              const m = symbol ? await market(venueOfRow, symbol.trim()) : null;
              r = m ? { m } : { field: "symbol", message: `${venueOfRow} market ${symbol} is not stored; import the venue's markets first` };
            }
          }
          resolved.set(key, r);
        }
        return r;
      };
      // kept rows: the answer per (exchange, symbol) index pair, so a row costs no string
      const byPair = new Map<number, Resolved>();
      const take = async (b: TardisTradeBatch) => {
        out.rowsRead += b.rowsRead;
        let run: { m: NonNullable<Awaited<ReturnType<typeof market>>>; symbol: string; prints: TradePrint[] } | null = null;
        const flushRun = async () => {
          if (run?.prints.length) await feed(runVenue!, run.symbol, run.prints, 0);
          run = null;
        };
        let r = 0;
        for (let i = 0; i <= b.n; i++) {
          const line = i < b.n ? b.line[i] : Infinity;
          // rejected rows between kept ones, in line order
          for (; r < b.rejections.length && b.rejections[r].line < line; r++) {
            const x = b.rejections[r];
            const v = await resolve(x.exchange, x.symbol);
            const field = "m" in v ? x.field : v.field;
            if (field === "side") unknownSide++;
            reject(x.line, field, "m" in v ? x.message : v.message);
          }
          if (i === b.n) break;
          const pair = b.exchange[i] * 2 ** 32 + b.symbol[i];
          let v = byPair.get(pair);
          if (!v) {
            v = await resolve(scanner.exchanges[b.exchange[i]], scanner.symbols[b.symbol[i]]);
            byPair.set(pair, v);
          }
          if (!("m" in v)) {
            reject(line, v.field, v.message);
            continue;
          }
          const m = v.m;
          if (!run || run.m.id !== m.id) {
            await flushRun();
            run = { m, symbol: scanner.symbols[b.symbol[i]], prints: [] };
          }
          const price = b.price[i];
          // amount is in the venue's contract units: inverse contracts convert by their face value (USD) / price
          run.prints.push({ ts: b.ts[i], price, sizeBase: sizeToBase(b.amount[i], price, m), side: b.side[i] === SIDE_BUY ? "buy" : "sell", tradeId: scanner.tradeIdAt(b, i), groupKey: null, quoteMid: null });
        }
        await flushRun();
      };
      const chunks = a.stream[Symbol.asyncIterator]();
      for (;;) {
        let next: IteratorResult<Buffer>;
        try {
          next = await chunks.next();
        } catch (e) {
          throw new ArchiveReadError(`${opts.file}: read failed after line ${scanner.linesRead} (${(e as Error).message}); the archive may be truncated`);
        }
        if (next.done) break;
        await take(scanner.push(next.value));
      }
      await take(scanner.end());
    } else {
      const a = await openArchive(opts.file);
      const seen = new Map<string, number>();
      // Rows a decompressed chunk at a time: no async step per row (csvRecords would take one).
      for await (const batch of csvRecordBatches(a, opts.file)) for (const { record, line } of batch) {
        out.rowsRead++;
        try {
          if (format === "hyperliquid-trades-csv") {
            const base = `${record.time}|${record.user}|${record.coin}|${record.side}|${record.px}|${record.sz}|${record.crossed}`;
            const seq = seen.get(base) ?? 0;
            seen.set(base, seq + 1);
            const r = hyperliquidNonMmTrade(record, seq);
            if (r === "passive") passive++;
            else await feed(runVenue!, opts.symbol ?? r.coin, [r.print], line);
          } else if (format === "bybit-trades-csv") {
            // size is in the contract's unit: base coin (linear), USD contracts (inverse: size × contractSize / price)
            const symbol = opts.symbol ?? record.symbol?.trim();
            const m = symbol ? await market(runVenue!, symbol) : null;
            if (!m) throw new TradeRowError("symbol", `${runVenue} market ${JSON.stringify(symbol ?? null)} is not stored; import the venue's markets first`);
            const r = bybitTradeRow(record, (size, price) => sizeToBase(size, price, m));
            await feed(runVenue!, symbol!, [r.print], line);
          }
        } catch (e) {
          if (e instanceof TradeRowError) reject(line, e.field, e.message);
          else throw e;
        }
      }
    }
    out.stats = sink ? await (sink as TradeSink).finish() : emptyTradeStats();
  } catch (e) {
    out.failed = true;
    out.error = e instanceof ArchiveReadError ? e.message : `${name}: ${(e as Error).message}`;
    out.stats = sink ? (sink as TradeSink).stats : emptyTradeStats();
  }
  const notes = [passive ? `${passive} passive rows (the listed user was the maker; the taker may be a market maker the file leaves out) not counted as prints` : null, unknownSide ? `${unknownSide} rows without an aggressor side rejected` : null].filter(Boolean);
  out.note = notes.length ? notes.join("; ") : null;
  out.venue = runVenue;
  out.runId = runId;
  if (runId !== null) {
    const finished = Date.now();
    const st = out.stats;
    await db.ingestRun.update({
      where: { id: runId },
      data: { finishedAt: new Date(finished), durationMs: finished - t0, status: out.failed ? "failed" : out.rejectedCount ? "partial" : "ok", rowsWritten: st.printsWritten + st.minutesWritten + st.minutesReplaced, rowsSkipped: st.printsSkipped + st.minutesKept, rowsRejected: out.rejectedCount, rejections: JSON.stringify(out.rejections), error: out.error },
    });
  }
  return out;
}

