// Tardis `book_snapshot_25` / `book_snapshot_5` CSV rows (https://docs.tardis.dev/downloadable-csv-files#book_snapshot_25)
// as level books. Pure. Columns: exchange,symbol,timestamp,local_timestamp, then asks[i].price,asks[i].amount,
// bids[i].price,bids[i].amount for i = 0…N-1. Times are epoch µs; amounts are in the venue's own size unit and
// become base quantities with the market's contract data. A side with fewer levels than the file's width
// leaves the rest empty. The file has a row for every change of the top N levels (many a second), so an import
// samples it: the first row at or after each cadence boundary (exchange time), like a book replay.
import type { BookRow, MarketRow } from "../venues/types";
import type { Level } from "../metrics/types";
import { sizeToBase } from "../venues/units";
import { checkBook, RecordError } from "../venues/parse-helpers";

export interface TardisBookColumns {
  exchange: number;
  symbol: number;
  timestamp: number;
  localTimestamp: number;
  /** [price column, amount column] per level, best first. */
  asks: [number, number][];
  bids: [number, number][];
}

/** Column positions of a book_snapshot header; null when it is not one. */
export function tardisBookColumns(header: readonly string[]): TardisBookColumns | null {
  const at = (n: string) => header.indexOf(n);
  const side = (name: "asks" | "bids") => {
    const out: [number, number][] = [];
    for (let i = 0; at(`${name}[${i}].price`) >= 0; i++) out.push([at(`${name}[${i}].price`), at(`${name}[${i}].amount`)]);
    return out;
  };
  const c = { exchange: at("exchange"), symbol: at("symbol"), timestamp: at("timestamp"), localTimestamp: at("local_timestamp"), asks: side("asks"), bids: side("bids") };
  if (c.exchange < 0 || c.symbol < 0 || c.timestamp < 0 || c.asks.length === 0 || c.bids.length === 0) return null;
  if ([...c.asks, ...c.bids].some(([, a]) => a < 0)) return null;
  return c;
}

/** Exchange time of a row in ms (cheap: the sampler reads it before building the book). */
export function tardisRowTs(cells: readonly string[], c: TardisBookColumns): number {
  const s = cells[c.timestamp] ?? "";
  if (!/^\d+$/.test(s)) throw new RecordError("timestamp", `not an epoch-µs time: ${JSON.stringify(s)}`);
  return Math.floor(Number(s) / 1000);
}

/** One row as a level book in base units; throws RecordError naming the field. */
export function tardisBookRow(cells: readonly string[], c: TardisBookColumns, market: Pick<MarketRow, "symbol" | "contractType" | "sizeUnit" | "contractSize">): BookRow {
  const side = (name: "bids" | "asks", cols: [number, number][]): Level[] => {
    const out: Level[] = [];
    for (let i = 0; i < cols.length; i++) {
      const p = cells[cols[i][0]] ?? "";
      const a = cells[cols[i][1]] ?? "";
      if (p === "") break; // fewer levels than the file's width
      const price = Number(p);
      const amount = Number(a);
      if (!Number.isFinite(price) || price <= 0) throw new RecordError(`${name}[${i}].price`, `not a positive price: ${JSON.stringify(p)}`);
      if (!Number.isFinite(amount) || amount < 0) throw new RecordError(`${name}[${i}].amount`, `not a size: ${JSON.stringify(a)}`);
      out.push([price, sizeToBase(amount, price, market)]);
    }
    return out;
  };
  const ts = tardisRowTs(cells, c);
  const localRaw = c.localTimestamp >= 0 ? (cells[c.localTimestamp] ?? "") : "";
  const local = /^\d+$/.test(localRaw) ? Math.floor(Number(localRaw) / 1000) : ts;
  const book = checkBook(side("bids", c.bids), side("asks", c.asks));
  const width = c.asks.length;
  return { symbol: market.symbol, exchangeTs: ts, receivedTs: local, ...book, levelLimit: width, truncated: book.bids.length >= width || book.asks.length >= width };
}

/**
 * Picks the rows to keep: the first good row at or after each cadence boundary. `due` says whether a row's
 * time is one to sample; `took` is called once that row parsed, so a bad row does not cost its minute.
 */
export class CadenceSampler {
  private next = -Infinity;
  constructor(private readonly cadenceMs: number) {}
  due(ts: number): boolean {
    return ts >= this.next;
  }
  took(ts: number): void {
    this.next = (Math.floor(ts / this.cadenceMs) + 1) * this.cadenceMs;
  }
}
