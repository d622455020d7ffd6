// Trade prints from archive files (pure: one line or CSV record in, prints out). Aggressor side per venue:
// - Binance USD-M `trade` / `aggTrade` (WS and Vision CSV): `m` / `is_buyer_maker` true means the buyer was the
//   maker, so the aggressor sold; false: the aggressor bought. https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/Aggregate-Trade-Streams
//   A `bookTicker` line updates the recorded best bid/ask, whose mid is carried on the next prints (quoteMid).
// - Hyperliquid WS `trades`: `side` "B" means the taker bought, "A" sold; `users` is [buyer, seller], so the
//   taker is users[0] on "B" and users[1] on "A" (kept as the group key). https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/websocket/subscriptions
// - Hyperliquid historical_data `non_mm_trades.csv`: one row per non-market-maker side of a trade; `side` is that
//   user's side (Bid/Ask) and `crossed` true means that user took liquidity. Only crossed rows are prints here
//   (aggressor = the user's side, group key = the user); a passive row's taker may be a market maker the file
//   does not list, so it is counted and left out. Times are whole seconds.
// - Tardis `trades` CSV: `side` is the taker side (buy | sell | unknown; unknown is rejected), timestamps are
//   epoch µs, `amount` is in the venue's contract units. https://docs.tardis.dev/downloadable-csv-files#trades
// - Bybit public trade archive (https://public.bybit.com/trading/<SYMBOL>/<SYMBOL><YYYY-MM-DD>.csv.gz): `side` is
//   the taker side (Buy | Sell), `timestamp` epoch seconds with a decimal fraction, `size` in the contract's unit
//   (linear: base coin; inverse: USD contracts, so homeNotional = size and foreignNotional = size / price BTC).
// Every time is checked with the one timestamp rule (lib/venues/timestamps.ts) after the documented unit
// conversion; a row off by a unit is rejected with its field, never rescaled by guess.
import { TARDIS_EXCHANGES } from "./tardis";
import type { TradePrint } from "../metrics/sweeps";
import { epochMsProblem } from "../venues/timestamps";

export class TradeRowError extends Error {
  constructor(public field: string, message: string) {
    super(message);
  }
}

const num = (v: unknown, field: string): number => {
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
  if (!Number.isFinite(n)) throw new TradeRowError(field, `not a number: ${JSON.stringify(v ?? null)}`);
  return n;
};
const positive = (v: unknown, field: string): number => {
  const n = num(v, field);
  if (!(n > 0)) throw new TradeRowError(field, `not a positive number: ${JSON.stringify(v)}`);
  return n;
};
const epochMs = (v: number, field: string, nowMs: number): number => {
  const p = epochMsProblem(v, nowMs);
  if (p) throw new TradeRowError(field, `${field}: ${p}`);
  return v;
};

export interface LineTrades {
  symbol: string | null;
  prints: TradePrint[];
}

/** State carried along a Binance recording: the latest best bid/ask mid (bookTicker), its time. */
export interface BinanceQuoteState {
  mid: number | null;
  ts: number | null;
  bid?: number;
  ask?: number;
  /** Set when a print traded through the quote (above its ask, below its bid): later prints do not use it. */
  staleAfter?: number | null;
}

/**
 * One message of a Binance USD-M WebSocket recording (combined stream or bare): trade and aggTrade messages
 * become prints; bookTicker updates `quote`. Other messages give no prints. Throws TradeRowError on a bad trade.
 */
export function binanceWsTrades(msg: unknown, quote: BinanceQuoteState, nowMs = Date.now()): LineTrades {
  const d = ((msg as { data?: unknown })?.data ?? msg) as Record<string, unknown> | null;
  if (!d || typeof d !== "object") return { symbol: null, prints: [] };
  if (d.e === "bookTicker") {
    const b = Number(d.b);
    const a = Number(d.a);
    if (b > 0 && a > 0 && a >= b) {
      quote.mid = (a + b) / 2;
      quote.ts = Number(d.T ?? d.E);
      quote.bid = b;
      quote.ask = a;
      quote.staleAfter = null;
    }
    return { symbol: (d.s as string) ?? null, prints: [] };
  }
  if (d.e !== "trade" && d.e !== "aggTrade") return { symbol: null, prints: [] };
  if (typeof d.m !== "boolean") throw new TradeRowError("m", `no buyer-is-maker flag: ${JSON.stringify(d.m ?? null)}`);
  const ts = epochMs(num(d.T, "T"), "T", nowMs);
  const id = d.e === "trade" ? d.t : d.a;
  if (id === undefined || id === null) throw new TradeRowError(d.e === "trade" ? "t" : "a", "no trade id");
  // A quote older than 10 s is not "just before" the trade; nor is one that an earlier print (in an earlier
  // millisecond) traded through: the book has moved and the recording has not shown where yet.
  const fresh = quote.mid !== null && quote.ts !== null && ts - quote.ts <= 10_000 && quote.ts <= ts && (quote.staleAfter == null || ts <= quote.staleAfter);
  const quoteMid = fresh ? quote.mid : null;
  const price = positive(d.p, "p");
  if (quote.mid !== null && quote.staleAfter == null && ((quote.ask !== undefined && price > quote.ask) || (quote.bid !== undefined && price < quote.bid))) quote.staleAfter = ts;
  return {
    symbol: (d.s as string) ?? null,
    prints: [{ ts, price, sizeBase: positive(d.q, "q"), side: d.m ? "sell" : "buy", tradeId: `${d.e === "trade" ? "t" : "a"}${String(id)}`, groupKey: null, quoteMid }],
  };
}

/** One Hyperliquid WebSocket message: a `trades` message becomes prints (taker address as group key). */
export function hyperliquidWsTrades(msg: unknown, nowMs = Date.now()): LineTrades {
  const m = msg as { channel?: string; data?: unknown };
  if (m?.channel !== "trades" || !Array.isArray(m.data)) return { symbol: null, prints: [] };
  let symbol: string | null = null;
  const prints: TradePrint[] = [];
  for (const t of m.data as Record<string, unknown>[]) {
    symbol ??= (t.coin as string) ?? null;
    if (t.side !== "B" && t.side !== "A") throw new TradeRowError("side", `not B or A: ${JSON.stringify(t.side ?? null)}`);
    const users = Array.isArray(t.users) ? (t.users as string[]) : [];
    const taker = (t.side === "B" ? users[0] : users[1]) ?? null;
    if (t.tid === undefined) throw new TradeRowError("tid", "no trade id");
    prints.push({ ts: epochMs(num(t.time, "time"), "time", nowMs), price: positive(t.px, "px"), sizeBase: positive(t.sz, "sz"), side: t.side === "B" ? "buy" : "sell", tradeId: String(t.tid), groupKey: taker, quoteMid: null });
  }
  return { symbol, prints };
}

/** "2023-02-27T15:02:26Z" (or with a fraction) → epoch ms; NaN when not that shape. */
export function isoUtcMs(s: string): number {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(s)) return NaN;
  return Date.parse(s);
}

/**
 * One row of Hyperliquid's non_mm_trades.csv. Returns the print for a crossed row, "passive" for a row whose
 * user was the maker. The trade id is derived from the row (the file has none): time|user|coin|side|px|sz
 * plus `seq`, the row's repeat count among identical rows, so identical fills stay distinct and a re-import maps
 * each to the same id.
 */
export function hyperliquidNonMmTrade(rec: Record<string, string>, seq: number, nowMs = Date.now()): { coin: string; print: TradePrint } | "passive" {
  const ts = isoUtcMs(rec.time ?? "");
  if (!Number.isFinite(ts)) throw new TradeRowError("time", `not an ISO UTC time: ${JSON.stringify(rec.time ?? null)}`);
  epochMs(ts, "time", nowMs);
  if (rec.crossed !== "true" && rec.crossed !== "false") throw new TradeRowError("crossed", `not true/false: ${JSON.stringify(rec.crossed ?? null)}`);
  if (rec.side !== "Bid" && rec.side !== "Ask") throw new TradeRowError("side", `not Bid or Ask: ${JSON.stringify(rec.side ?? null)}`);
  const coin = rec.coin?.trim();
  if (!coin) throw new TradeRowError("coin", "empty");
  const price = positive(rec.px, "px");
  const sizeBase = positive(rec.sz, "sz");
  if (rec.crossed === "false") return "passive";
  return { coin, print: { ts, price, sizeBase, side: rec.side === "Bid" ? "buy" : "sell", tradeId: `${rec.time}|${rec.user}|${coin}|${rec.side}|${rec.px}|${rec.sz}|${seq}`, groupKey: rec.user ?? null, quoteMid: null } };
}

/** Tardis exchange ids → venue slugs, for trades and liquidations files (one map for every Tardis file). */
export const TARDIS_TRADE_EXCHANGES: Record<string, string> = TARDIS_EXCHANGES;

export const TARDIS_TRADES_HEADER = "exchange,symbol,timestamp,local_timestamp,id,side,price,amount";

/** The Tardis trades columns a print needs, by position in a file's header; null when a required one is absent. */
export function tardisTradeColumns(header: readonly string[]): TardisTradeColumns | null {
  const at = (name: string) => header.indexOf(name);
  const c = { exchange: at("exchange"), symbol: at("symbol"), timestamp: at("timestamp"), side: at("side"), price: at("price"), amount: at("amount"), id: at("id") };
  return c.exchange < 0 || c.symbol < 0 || c.timestamp < 0 || c.side < 0 || c.price < 0 || c.amount < 0 ? null : c;
}
export interface TardisTradeColumns {
  exchange: number;
  symbol: number;
  timestamp: number;
  side: number;
  price: number;
  amount: number;
  /** -1 when the file has no id column. */
  id: number;
}

/** One row's cells as the record tardisTrade reads, built with fixed keys (fast: no per-column keyed stores). */
export function tardisTradeRecord(cells: readonly string[], c: TardisTradeColumns): Record<string, string> {
  return { exchange: cells[c.exchange] ?? "", symbol: cells[c.symbol] ?? "", timestamp: cells[c.timestamp] ?? "", side: cells[c.side] ?? "", price: cells[c.price] ?? "", amount: cells[c.amount] ?? "", id: c.id < 0 ? "" : (cells[c.id] ?? "") };
}

/**
 * One row of a Tardis `trades` (or `liquidations`, same columns) CSV. `toBase(amount, price, symbol)` converts
 * the venue's contract units to base units (inverse contracts: amount × face value USD / price); it throws
 * TradeRowError("symbol") for a market it does not know.
 */
export function tardisTrade(rec: Record<string, string>, toBase: (amount: number, price: number, symbol: string) => number, nowMs = Date.now()): { venue: string; symbol: string; print: TradePrint } {
  const venue = TARDIS_TRADE_EXCHANGES[rec.exchange];
  if (!venue) throw new TradeRowError("exchange", `${rec.exchange}: exchange not supported`);
  const symbol = rec.symbol?.trim();
  if (!symbol) throw new TradeRowError("symbol", "empty");
  // Tardis timestamps are epoch microseconds (documented): converted, then checked like every other stamp.
  const tsUs = num(rec.timestamp, "timestamp");
  const ts = Math.floor(tsUs / 1000);
  const problem = epochMsProblem(ts, nowMs);
  if (problem) throw new TradeRowError("timestamp", `timestamp ${rec.timestamp} (epoch µs expected), in ms: ${problem}`);
  if (rec.side !== "buy" && rec.side !== "sell") throw new TradeRowError("side", `no aggressor side: ${JSON.stringify(rec.side ?? null)}`);
  const price = positive(rec.price, "price");
  const amount = positive(rec.amount, "amount");
  const id = rec.id?.trim() ? rec.id.trim() : `${rec.timestamp}|${rec.side}|${rec.price}|${rec.amount}`;
  return { venue, symbol, print: { ts, price, sizeBase: toBase(amount, price, symbol), side: rec.side, tradeId: id, groupKey: null, quoteMid: null } };
}

/** The columns of Bybit's public trade archive; newer files add `RPI` (retail price improvement flag) after them. */
export const BYBIT_TRADES_HEADER = "timestamp,symbol,side,size,price,tickDirection,trdMatchID,grossValue,homeNotional,foreignNotional";

/**
 * Epoch seconds with a decimal fraction ("1696982287.4922", "1651449601") → epoch ms, truncated below the
 * millisecond; NaN when not that shape. Read from the text (not `Number(s) * 1000`) so no float error creeps in.
 */
export function bybitSecondsToMs(s: string): number {
  const m = /^(\d{1,11})(?:\.(\d+))?$/.exec(s.trim());
  if (!m) return NaN;
  return Number(m[1]) * 1000 + Number((m[2] ?? "").padEnd(3, "0").slice(0, 3));
}

/**
 * One row of Bybit's public trade archive. `toBase(size, price, symbol)` converts the row's size to base units
 * (inverse contracts: size USD / price); it throws TradeRowError("symbol") for a market it does not know.
 */
export function bybitTradeRow(rec: Record<string, string>, toBase: (size: number, price: number, symbol: string) => number, nowMs = Date.now()): { symbol: string; print: TradePrint } {
  const ts = bybitSecondsToMs(rec.timestamp ?? "");
  if (!Number.isFinite(ts)) throw new TradeRowError("timestamp", `not epoch seconds: ${JSON.stringify(rec.timestamp ?? null)}`);
  epochMs(ts, "timestamp", nowMs);
  const symbol = rec.symbol?.trim();
  if (!symbol) throw new TradeRowError("symbol", "empty");
  if (rec.side !== "Buy" && rec.side !== "Sell") throw new TradeRowError("side", `not Buy or Sell: ${JSON.stringify(rec.side ?? null)}`);
  const price = positive(rec.price, "price");
  const size = positive(rec.size, "size");
  const id = rec.trdMatchID?.trim() ? rec.trdMatchID.trim() : `${rec.timestamp}|${rec.side}|${rec.price}|${rec.size}`;
  return { symbol, print: { ts, price, sizeBase: toBase(size, price, symbol), side: rec.side === "Buy" ? "buy" : "sell", tradeId: id, groupKey: null, quoteMid: null } };
}
