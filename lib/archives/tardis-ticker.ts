// Tardis `derivative_ticker` CSV rows (https://docs.tardis.dev/downloadable-csv-files#derivative_ticker) into
// open-interest readings and settled funding rates. Pure: reading the file is lib/archives/read.ts, storing
// the rows lib/ingest/import-tardis-history.ts.
//
// Columns: exchange,symbol,timestamp,local_timestamp,funding_timestamp,funding_rate,predicted_funding_rate,
// open_interest,last_price,index_price,mark_price. Every time is epoch µs; a cell is empty when the venue's feed
// did not carry that value at that moment. The file has a row for every ticker change (several a second), so:
//  - Open interest is sampled: the first row with an open interest at or after each cadence boundary (5 min
//    by default, the cadence of Binance's own openInterestHist). Its unit is the venue's own size unit (the
//    one its trades and books use: base coin, contracts or USD), converted with the market's contract data.
//  - Funding: `funding_timestamp` is the settlement the published `funding_rate` applies to. When it moves on
//    to a later settlement while the row's time is past the earlier one (or within 5 min of it), that settlement has
//    happened, and the last rate published for it is recorded as its settled rate. That is the venue's final
//    estimate, seconds before settlement; the venue's own funding history (backfill --source api) is exact
//    and is preferred where both exist. A venue whose feed carries no funding_timestamp (Deribit's continuous
//    funding, dYdX's hourly rate) yields no settlements from this file.
import { epochMsProblem } from "../venues/timestamps";
import { HOUR_MS } from "../metrics/time";
import { ArchiveRowError } from "./binance-funding-metrics";

export const TARDIS_TICKER_COLUMNS = ["exchange", "symbol", "timestamp", "local_timestamp", "funding_timestamp", "funding_rate", "predicted_funding_rate", "open_interest", "last_price", "index_price", "mark_price"] as const;
export const TARDIS_TICKER_HEADER = TARDIS_TICKER_COLUMNS.join(",");
export const DEFAULT_OI_CADENCE_MS = 5 * 60_000;
/** A funding_timestamp that moves on this long before its settlement still marks that settlement as done. */
const ROLL_EARLY_MS = 5 * 60_000;

export interface TickerRow {
  exchange: string;
  symbol: string;
  /** Exchange time, epoch ms. */
  ts: number;
  fundingTs: number | null;
  fundingRate: number | null;
  openInterest: number | null;
  /** mark, else last, else index price: what the open interest is valued at. */
  price: number | null;
}

const optionalNum = (cells: Record<string, string | undefined>, field: string): number | null => {
  const s = cells[field]?.trim() ?? "";
  if (s === "") return null;
  const v = Number(s);
  if (!Number.isFinite(v)) throw new ArchiveRowError(field, `not a number: ${JSON.stringify(cells[field])}`);
  return v;
};

/** An epoch-µs cell as epoch ms, rejected (never guessed) when it is in another unit. */
function microsToMs(cells: Record<string, string | undefined>, field: string, nowMs: number): number | null {
  const s = cells[field]?.trim() ?? "";
  if (s === "") return null;
  if (!/^\d+$/.test(s)) throw new ArchiveRowError(field, `not an epoch-µs time: ${JSON.stringify(cells[field])}`);
  const ms = Math.floor(Number(s) / 1000);
  const problem = epochMsProblem(ms, nowMs);
  if (problem) throw new ArchiveRowError(field, `${s} (epoch µs expected), in ms: ${problem}`);
  return ms;
}

/** One row, checked; throws ArchiveRowError naming the field. */
export function tardisTickerRow(cells: Record<string, string | undefined>, nowMs: number = Date.now()): TickerRow {
  const exchange = cells.exchange?.trim() ?? "";
  if (!exchange) throw new ArchiveRowError("exchange", "empty");
  const symbol = cells.symbol?.trim() ?? "";
  if (!symbol) throw new ArchiveRowError("symbol", "empty");
  const ts = microsToMs(cells, "timestamp", nowMs);
  if (ts === null) throw new ArchiveRowError("timestamp", "empty");
  // A settlement time lies in the future of the row: check it against a horizon a year past now.
  const fundingTs = microsToMs(cells, "funding_timestamp", nowMs + 365 * 24 * HOUR_MS);
  const fundingRate = optionalNum(cells, "funding_rate");
  // A rate of ±100 % per interval is no venue's funding; it is a broken cell.
  if (fundingRate !== null && Math.abs(fundingRate) >= 1) throw new ArchiveRowError("funding_rate", `not a funding rate: ${JSON.stringify(cells.funding_rate)}`);
  const openInterest = optionalNum(cells, "open_interest");
  if (openInterest !== null && openInterest < 0) throw new ArchiveRowError("open_interest", `negative: ${JSON.stringify(cells.open_interest)}`);
  let price: number | null = null;
  for (const f of ["mark_price", "last_price", "index_price"] as const) {
    const v = optionalNum(cells, f);
    if (v !== null && v <= 0) throw new ArchiveRowError(f, `not a positive price: ${JSON.stringify(cells[f])}`);
    price ??= v;
  }
  return { exchange, symbol, ts, fundingTs, fundingRate, openInterest, price };
}

export interface OiSample {
  ts: number;
  /** In the venue's size unit. */
  openInterest: number;
  price: number | null;
}

export interface Settlement {
  fundingTime: number;
  rate: number;
  /** Hours since the settlement before it, when this file saw that one; else null (filled from neighbours later). */
  intervalHours: number | null;
}

/** Consumes ticker rows in file order; returns what each row completes. */
export class TickerReducer {
  private nextOiAt = -Infinity;
  private pendingTs: number | null = null;
  private pendingRate: number | null = null;
  private lastSettled: number | null = null;
  /** Rows whose funding_timestamp went backwards (a replayed or out-of-order message): ignored for funding. */
  outOfOrder = 0;

  constructor(private readonly oiCadenceMs = DEFAULT_OI_CADENCE_MS) {}

  push(r: TickerRow): { oi: OiSample | null; settled: Settlement | null } {
    let oi: OiSample | null = null;
    if (r.openInterest !== null && r.ts >= this.nextOiAt) {
      oi = { ts: r.ts, openInterest: r.openInterest, price: r.price };
      this.nextOiAt = (Math.floor(r.ts / this.oiCadenceMs) + 1) * this.oiCadenceMs;
    }
    let settled: Settlement | null = null;
    if (r.fundingTs !== null) {
      if (this.pendingTs !== null && r.fundingTs < this.pendingTs) this.outOfOrder++;
      else {
        // (a feed may roll to the next settlement a moment early: up to ROLL_EARLY_MS before it counts)
        if (this.pendingTs !== null && r.fundingTs > this.pendingTs && r.ts >= this.pendingTs - ROLL_EARLY_MS && this.pendingRate !== null) {
          const gap = this.lastSettled === null ? null : (this.pendingTs - this.lastSettled) / HOUR_MS;
          settled = { fundingTime: this.pendingTs, rate: this.pendingRate, intervalHours: gap !== null && gap > 0 && gap <= 24 ? Math.round(gap * 1000) / 1000 : null };
          this.lastSettled = this.pendingTs;
        }
        if (this.pendingTs !== r.fundingTs) this.pendingRate = null;
        this.pendingTs = r.fundingTs;
        if (r.fundingRate !== null) this.pendingRate = r.fundingRate;
      }
    }
    return { oi, settled };
  }
}
