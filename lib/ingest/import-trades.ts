// Trade prints into the database: every print is aggregated into its market's UTC minute (TradeMinute, with the
// sweeps that started in it counted by size bucket), and only prints within the recent raw window
// (TRADE_RAW_WINDOW_DAYS, counted back from the market's newest print) are kept as rows. Streams: prints are
// handled in batches, each batch's rows and finished minutes written in one transaction.
// Idempotent: raw prints are keyed by (market, trade id) and skipped when stored; a minute is replaced only
// by an observation holding more prints, so importing a file twice, or two files that overlap, never double
// counts. A print arriving after its minute was written (a file out of time order by more than 2 minutes)
// cannot join it: it is counted as `latePrints`.
import "server-only";
import type { Db } from "../db";
import type { Provenance } from "../venues/types";
import { groupSweeps, type TradePrint } from "../metrics/sweeps";
import { addPrintsToMinutes, addSweepsToMinutes, type TradeMinuteAgg } from "../metrics/trade-aggregates";
import { DAY_MS, MINUTE_MS } from "../metrics/time";
import { insertIgnore } from "./insert-ignore";

export const DEFAULT_TRADE_RAW_WINDOW_DAYS = 30;
const BATCH = 20_000;
/** Minutes older than this behind the newest print are complete and written. */
const MINUTE_SETTLE_MS = 2 * MINUTE_MS;

export interface TradeImportStats {
  printsRead: number;
  /** Raw prints written / already stored / older than the raw window (aggregated only). */
  printsWritten: number;
  printsSkipped: number;
  printsAggregatedOnly: number;
  /** Raw prints of these markets deleted for having left the raw window. */
  printsPruned: number;
  latePrints: number;
  sweeps: number;
  minutesWritten: number;
  minutesReplaced: number;
  minutesKept: number;
  /** venue symbol → prints read. */
  markets: Record<string, number>;
  firstTs: number | null;
  lastTs: number | null;
}

export const emptyTradeStats = (): TradeImportStats => ({ printsRead: 0, printsWritten: 0, printsSkipped: 0, printsAggregatedOnly: 0, printsPruned: 0, latePrints: 0, sweeps: 0, minutesWritten: 0, minutesReplaced: 0, minutesKept: 0, markets: {}, firstTs: null, lastTs: null });

interface MarketState {
  symbol: string;
  marketId: number;
  buffer: TradePrint[];
  minutes: Map<number, TradeMinuteAgg>;
  written: Set<number>;
  maxTs: number;
  storedMaxTs: number;
}

const MINUTE_COLUMNS = ["marketId", "minute", "prints", "buyPrints", "sellPrints", "buyBase", "sellBase", "buyUsd", "sellUsd", "open", "high", "low", "close", "sweeps", "sweepBuckets", "provenance", "source", "ingestRunId"] as const;
const PRINT_COLUMNS = ["marketId", "ts", "tradeId", "price", "sizeBase", "notionalUsd", "side", "groupKey", "quoteMid", "provenance", "source", "ingestRunId"];

/**
 * A sink for one import run. `add` takes prints of a market in (roughly) time order; `finish` writes what is
 * left and prunes raw prints that left the window.
 */
export class TradeSink {
  readonly stats = emptyTradeStats();
  private markets = new Map<number, MarketState>();
  private readonly windowMs: number;

  constructor(private db: Db, private ctx: { provenance: Provenance; source: string; ingestRunId: number; rawWindowDays?: number }) {
    this.windowMs = (ctx.rawWindowDays ?? DEFAULT_TRADE_RAW_WINDOW_DAYS) * DAY_MS;
  }

  async add(marketId: number, symbol: string, prints: readonly TradePrint[]): Promise<void> {
    let m = this.markets.get(marketId);
    if (!m) {
      // the raw window counts back from the newest print stored or seen, so a re-import stores nothing the
      // first import pruned
      const newest = await this.db.tradePrint.findFirst({ where: { marketId }, orderBy: { ts: "desc" }, select: { ts: true } });
      m = { symbol, marketId, buffer: [], minutes: new Map(), written: new Set(), maxTs: -Infinity, storedMaxTs: newest?.ts.getTime() ?? -Infinity };
      this.markets.set(marketId, m);
    }
    for (const p of prints) {
      // a batch ends only between timestamps, so the prints of one sweep are never split
      if (m.buffer.length >= BATCH && p.ts !== m.buffer[m.buffer.length - 1].ts) await this.flush(m, false);
      m.buffer.push(p);
      if (p.ts > m.maxTs) m.maxTs = p.ts;
      this.stats.printsRead++;
      this.stats.markets[symbol] = (this.stats.markets[symbol] ?? 0) + 1;
      this.stats.firstTs = this.stats.firstTs === null ? p.ts : Math.min(this.stats.firstTs, p.ts);
      this.stats.lastTs = this.stats.lastTs === null ? p.ts : Math.max(this.stats.lastTs, p.ts);
    }
  }

  async finish(): Promise<TradeImportStats> {
    for (const m of this.markets.values()) {
      await this.flush(m, true);
      // raw prints older than the window, counted back from the newest stored print of the market
      const newest = await this.db.tradePrint.findFirst({ where: { marketId: m.marketId }, orderBy: { ts: "desc" }, select: { ts: true } });
      if (newest) {
        const r = await this.db.tradePrint.deleteMany({ where: { marketId: m.marketId, ts: { lt: new Date(newest.ts.getTime() - this.windowMs) } } });
        this.stats.printsPruned += r.count;
      }
    }
    return this.stats;
  }

  private async flush(m: MarketState, all: boolean): Promise<void> {
    const batch = m.buffer;
    m.buffer = [];
    const sweeps = groupSweeps(batch);
    this.stats.sweeps += sweeps.length;
    const fresh = new Map<number, TradeMinuteAgg>();
    // prints of a minute already written cannot join it
    const open = batch.filter((p) => {
      const late = m.written.has(Math.floor(p.ts / MINUTE_MS) * MINUTE_MS);
      if (late) this.stats.latePrints++;
      return !late;
    });
    addPrintsToMinutes(fresh, open);
    for (const [k, a] of fresh) {
      const have = m.minutes.get(k);
      if (!have) m.minutes.set(k, a);
      else addInto(have, a);
    }
    addSweepsToMinutes(m.minutes, sweeps.filter((s) => !m.written.has(Math.floor(s.ts / MINUTE_MS) * MINUTE_MS)));
    const cutoff = Math.max(m.maxTs, m.storedMaxTs) - this.windowMs;
    const raw = open.filter((p) => p.ts >= cutoff);
    this.stats.printsAggregatedOnly += batch.length - raw.length;
    const done = [...m.minutes.values()].filter((a) => all || a.minute + MINUTE_MS <= m.maxTs - MINUTE_SETTLE_MS);
    const { provenance, source, ingestRunId } = this.ctx;
    const res = await this.db.$transaction(async (tx) => {
      const values = raw.map((p) => [m.marketId, new Date(p.ts), p.tradeId, p.price, p.sizeBase, p.price * p.sizeBase, p.side, p.groupKey, p.quoteMid, provenance, source, ingestRunId]);
      const printsWritten = values.length ? await insertIgnore(tx, "TradePrint", PRINT_COLUMNS, ["marketId", "tradeId"], values) : 0;
      let written = 0;
      let replaced = 0;
      let kept = 0;
      if (done.length) {
        const times = done.map((a) => a.minute);
        const have = await tx.tradeMinute.findMany({ where: { marketId: m.marketId, minute: { gte: new Date(Math.min(...times)), lte: new Date(Math.max(...times)) } }, select: { id: true, minute: true, prints: true } });
        const byMinute = new Map(have.map((h) => [h.minute.getTime(), h]));
        const create = [];
        for (const a of done) {
          const row = minuteRow(m.marketId, a, provenance, source, ingestRunId);
          const h = byMinute.get(a.minute);
          if (!h) create.push(row);
          else if (h.prints < a.prints) {
            await tx.tradeMinute.update({ where: { id: h.id }, data: row });
            replaced++;
          } else kept++;
        }
        // one multi-row INSERT per chunk (Prisma's createMany costs ~0.5 ms a row on SQLite); none is stored yet
        if (create.length) written = await insertIgnore(tx, "TradeMinute", MINUTE_COLUMNS, ["marketId", "minute"], create.map((r) => MINUTE_COLUMNS.map((c) => r[c])));
      }
      return { printsWritten, written, replaced, kept };
    });
    this.stats.printsWritten += res.printsWritten;
    this.stats.printsSkipped += raw.length - res.printsWritten;
    this.stats.minutesWritten += res.written;
    this.stats.minutesReplaced += res.replaced;
    this.stats.minutesKept += res.kept;
    for (const a of done) {
      m.minutes.delete(a.minute);
      m.written.add(a.minute);
    }
  }
}

function addInto(a: TradeMinuteAgg, b: TradeMinuteAgg): void {
  a.prints += b.prints;
  a.buyPrints += b.buyPrints;
  a.sellPrints += b.sellPrints;
  a.buyBase += b.buyBase;
  a.sellBase += b.sellBase;
  a.buyUsd += b.buyUsd;
  a.sellUsd += b.sellUsd;
  a.high = Math.max(a.high, b.high);
  a.low = Math.min(a.low, b.low);
  if (b.firstTs < a.firstTs) {
    a.firstTs = b.firstTs;
    a.open = b.open;
  }
  if (b.lastTs >= a.lastTs) {
    a.lastTs = b.lastTs;
    a.close = b.close;
  }
}

function minuteRow(marketId: number, a: TradeMinuteAgg, provenance: Provenance, source: string, ingestRunId: number) {
  return {
    marketId,
    minute: new Date(a.minute),
    prints: a.prints,
    buyPrints: a.buyPrints,
    sellPrints: a.sellPrints,
    buyBase: a.buyBase,
    sellBase: a.sellBase,
    buyUsd: a.buyUsd,
    sellUsd: a.sellUsd,
    open: a.open,
    high: a.high,
    low: a.low,
    close: a.close,
    sweeps: a.sweeps,
    sweepBuckets: JSON.stringify(a.sweepBuckets.map(([b, s, usd]) => [b, s, Math.round(usd * 100) / 100])),
    provenance,
    source,
    ingestRunId,
  };
}
