// Tardis-style `book_snapshot_25` CSV files (https://docs.tardis.dev/downloadable-csv-files#book_snapshot_25):
// exchange,symbol,timestamp,local_timestamp,asks[0].price,asks[0].amount,bids[0].price,bids[0].amount,...
// Timestamps are epoch microseconds; amounts are in the venue's own size unit, converted with the
// market's contract metadata like every other body.
import "server-only";
import { parse } from "csv-parse/sync";
import type { BookRow, MarketRow, Rejection } from "../venues/types";
import { RecordError } from "../venues/parse-helpers";
import { TARDIS_EXCHANGES } from "../archives/tardis";
import { tardisBookColumns, tardisBookRow } from "../archives/tardis-book";

export { TARDIS_EXCHANGES };

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
  const cols = tardisBookColumns(header);
  if (!cols) return { venue: venueHint, rows, rejected: [{ venue: venueHint ?? "?", symbol: null, field: "(file)", message: "CSV header has no asks[i]/bids[i] level columns: not a book_snapshot file", index: null }] };
  const venue = venueHint ?? TARDIS_EXCHANGES[records[0].exchange] ?? null;
  records.forEach((rec, index) => {
    const symbol = rec.symbol;
    try {
      if (venueHint && TARDIS_EXCHANGES[rec.exchange] && TARDIS_EXCHANGES[rec.exchange] !== venueHint) {
        throw new RecordError("exchange", `row is from ${rec.exchange}, not ${venueHint}`);
      }
      const market = markets.get(symbol) ?? inferMarket?.(symbol) ?? null;
      if (!market) throw new RecordError("symbol", `unknown market ${symbol}; import the venue's markets first`);
      const row = tardisBookRow(header.map((h) => rec[h] ?? ""), cols, market);
      if (!(row.exchangeTs! > 0)) throw new RecordError("timestamp", `bad timestamp ${rec.timestamp}`);
      rows.push({ ...row, symbol });
    } catch (err) {
      rejected.push({ venue: venue ?? "?", symbol, field: err instanceof RecordError ? err.field : "(row)", message: (err as Error).message, index });
    }
  });
  return { venue, rows, rejected };
}
