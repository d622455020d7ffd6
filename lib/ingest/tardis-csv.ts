// Tardis-style `book_snapshot_25` CSV files (https://docs.tardis.dev/downloadable-csv-files#book_snapshot_25):
// exchange,symbol,timestamp,local_timestamp,asks[0].price,asks[0].amount,bids[0].price,bids[0].amount,...
// Timestamps are epoch microseconds; amounts are in the venue's own size unit, converted with the
// market's contract metadata like every other body.
import "server-only";
import { parse } from "csv-parse/sync";
import type { BookRow, MarketRow, Rejection } from "../venues/types";
import { sizeToBase } from "../venues/units";
import { checkBook, RecordError } from "../venues/parse-helpers";
import type { Level } from "../metrics/types";

/** Tardis exchange ids -> our venue slugs. */
export const TARDIS_EXCHANGES: Record<string, string> = {
  "binance-futures": "binance-usdm",
  bybit: "bybit",
  "okex-swap": "okx",
  deribit: "deribit",
  bitmex: "bitmex",
  "bitget-futures": "bitget",
  cryptofacilities: "krakenfutures",
  hyperliquid: "hyperliquid",
  "dydx-v4": "dydx-v4",
};

export interface TardisParse {
  venue: string | null;
  rows: BookRow[];
  rejected: Rejection[];
}

export function parseTardisBookCsv(text: string, venueHint: string | null, markets: ReadonlyMap<string, MarketRow>, inferMarket?: (symbol: string) => MarketRow | null): TardisParse {
  const records = parse(text, { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
  const rows: BookRow[] = [];
  const rejected: Rejection[] = [];
  if (records.length === 0) return { venue: venueHint, rows, rejected: [{ venue: venueHint ?? "?", symbol: null, field: "(file)", message: "CSV has no data rows", index: null }] };
  const header = Object.keys(records[0]);
  for (const col of ["exchange", "symbol", "timestamp", "asks[0].price", "bids[0].price"]) {
    if (!header.includes(col)) return { venue: venueHint, rows, rejected: [{ venue: venueHint ?? "?", symbol: null, field: col, message: `CSV header lacks column ${col}: not a book_snapshot file`, index: null }] };
  }
  const depth = header.filter((h) => /^asks\[\d+\]\.price$/.test(h)).length;
  const venue = venueHint ?? TARDIS_EXCHANGES[records[0].exchange] ?? null;
  records.forEach((rec, index) => {
    const symbol = rec.symbol;
    try {
      if (venueHint && TARDIS_EXCHANGES[rec.exchange] && TARDIS_EXCHANGES[rec.exchange] !== venueHint) {
        throw new RecordError("exchange", `row is from ${rec.exchange}, not ${venueHint}`);
      }
      const market = markets.get(symbol) ?? inferMarket?.(symbol) ?? null;
      if (!market) throw new RecordError("symbol", `unknown market ${symbol}; import the venue's markets first`);
      const side = (name: "bids" | "asks"): Level[] => {
        const out: Level[] = [];
        for (let i = 0; i < depth; i++) {
          const p = rec[`${name}[${i}].price`];
          const a = rec[`${name}[${i}].amount`];
          if (p === "" || p === undefined) break; // fewer levels than the file's width
          const price = Number(p);
          const amount = Number(a);
          if (!Number.isFinite(price) || !Number.isFinite(amount)) throw new RecordError(`${name}[${i}]`, `not a number: ${p} / ${a}`);
          out.push([price, sizeToBase(amount, price, market)]);
        }
        return out;
      };
      const book = checkBook(side("bids"), side("asks"));
      const ts = Math.round(Number(rec.timestamp) / 1000);
      const local = Math.round(Number(rec.local_timestamp) / 1000);
      if (!(ts > 0)) throw new RecordError("timestamp", `bad timestamp ${rec.timestamp}`);
      rows.push({ symbol, exchangeTs: ts, receivedTs: local > 0 ? local : ts, ...book, levelLimit: depth, truncated: book.bids.length >= depth || book.asks.length >= depth });
    } catch (err) {
      rejected.push({ venue: venue ?? "?", symbol, field: err instanceof RecordError ? err.field : "(row)", message: (err as Error).message, index });
    }
  });
  return { venue, rows, rejected };
}
