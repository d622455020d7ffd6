// Binance Vision's `fundingRate` (monthly) and `metrics` (daily, 5-minute) archive rows mapped to our funding
// and open-interest rows. Pure: reading the files is lib/archives/read.ts, storing them
// lib/ingest/import-archive-history.ts. A bad row throws ArchiveRowError naming the field; the caller adds
// the file and line.
import type { FundingRow, MarketRow, OiRow } from "../venues/types";
import { epochMsProblem } from "../venues/timestamps";

export class ArchiveRowError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** The columns each file starts with (the header line), in order. */
export const FUNDING_RATE_COLUMNS = ["calc_time", "funding_interval_hours", "last_funding_rate"] as const;
export const METRICS_COLUMNS = ["create_time", "symbol", "sum_open_interest", "sum_open_interest_value", "count_toptrader_long_short_ratio", "sum_toptrader_long_short_ratio", "count_long_short_ratio", "sum_taker_long_short_vol_ratio"] as const;

const num = (s: string | undefined) => (s === undefined || s.trim() === "" ? NaN : Number(s));

/**
 * One `fundingRate` row: `calc_time` (epoch ms of the settlement, published as is: a few ms past the hour,
 * the same offsets the /fapi|/dapi fundingRate API reports as fundingTime), `funding_interval_hours` and
 * `last_funding_rate` (the settled rate for that interval, a fraction). A calc_time in seconds, µs or ns is
 * rejected, never converted (lib/venues/timestamps.ts).
 */
export function fundingRowFromArchive(cells: Partial<Record<(typeof FUNDING_RATE_COLUMNS)[number], string>>, symbol: string, nowMs: number = Date.now()): FundingRow {
  const raw = cells.calc_time ?? "";
  if (!/^\d+$/.test(raw.trim())) throw new ArchiveRowError("calc_time", `not an epoch-ms time: ${JSON.stringify(cells.calc_time ?? null)}`);
  const fundingTime = Number(raw);
  const problem = epochMsProblem(fundingTime, nowMs);
  if (problem) throw new ArchiveRowError("calc_time", problem);
  const interval = num(cells.funding_interval_hours);
  if (!Number.isInteger(interval) || interval <= 0 || interval > 24) throw new ArchiveRowError("funding_interval_hours", `not a funding interval in hours: ${JSON.stringify(cells.funding_interval_hours ?? null)}`);
  const rate = num(cells.last_funding_rate);
  // A rate of ±100 % per interval is no venue's funding; it is a broken cell.
  if (!Number.isFinite(rate) || Math.abs(rate) >= 1) throw new ArchiveRowError("last_funding_rate", `not a funding rate: ${JSON.stringify(cells.last_funding_rate ?? null)}`);
  return { symbol, fundingTime, rate, intervalHours: interval, premium: null, markPrice: null, indexPrice: null, predicted: false };
}

/** "2023-06-25 00:05:00" (UTC, no zone written) → epoch ms; NaN when not a real time of that shape. */
export function parseUtcDateTime(s: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(s.trim());
  if (!m) return NaN;
  const [y, mo, d, h, mi, se] = m.slice(1).map(Number);
  const ts = Date.UTC(y, mo - 1, d, h, mi, se);
  const back = new Date(ts);
  // Date.UTC rolls 24:00 or 02-30 over to another time: an out-of-range field is a bad value.
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d && back.getUTCHours() === h && back.getUTCMinutes() === mi && back.getUTCSeconds() === se ? ts : NaN;
}

/**
 * One `metrics` row as an open-interest reading at `create_time` (UTC). The two open-interest columns are
 * those of /futures/data/openInterestHist, whose units Binance documents per segment:
 *  - USD-M (https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Open-Interest-Statistics):
 *    sum_open_interest in the base asset, sum_open_interest_value in USD(T).
 *  - COIN-M (https://developers.binance.com/docs/derivatives/coin-margined-futures/market-data/Open-Interest-Statistics):
 *    sumOpenInterest "unit: cont", sumOpenInterestValue "unit: base asset". A COIN-M contract is worth
 *    `contractSize` USD (100 for BTC, 10 for the others), so valueUsd = contracts × contractSize and
 *    sizeBase = sum_open_interest_value. Checked on the real BTCUSD_PERP row of 2023-06-25 00:00:
 *    5,578,700 contracts × $100 / 18,265.00911826 BTC = $30,543.1 per BTC, that day's price.
 * The long/short ratio columns are not stored (no row kind holds them).
 */
export function oiRowFromMetrics(cells: Record<string, string | undefined>, market: Pick<MarketRow, "symbol" | "contractType" | "sizeUnit" | "contractSize">, nowMs: number = Date.now()): OiRow & { sizeBase: number } {
  const ts = parseUtcDateTime(cells.create_time ?? "");
  if (!Number.isFinite(ts)) throw new ArchiveRowError("create_time", `not a UTC "YYYY-MM-DD HH:MM:SS" time: ${JSON.stringify(cells.create_time ?? null)}`);
  const problem = epochMsProblem(ts, nowMs);
  if (problem) throw new ArchiveRowError("create_time", problem);
  if ((cells.symbol ?? "") !== market.symbol) throw new ArchiveRowError("symbol", `row is for ${JSON.stringify(cells.symbol ?? null)}, the file for ${market.symbol}`);
  const oi = num(cells.sum_open_interest);
  if (!Number.isFinite(oi) || oi < 0) throw new ArchiveRowError("sum_open_interest", `not a non-negative open interest: ${JSON.stringify(cells.sum_open_interest ?? null)}`);
  const value = num(cells.sum_open_interest_value);
  if (!Number.isFinite(value) || value < 0) throw new ArchiveRowError("sum_open_interest_value", `not a non-negative open-interest value: ${JSON.stringify(cells.sum_open_interest_value ?? null)}`);
  if (market.contractType === "inverse") {
    // COIN-M: contracts of contractSize USD each; the value column is already in the base coin.
    return { symbol: market.symbol, ts, sizeBase: value, valueUsd: oi * market.contractSize };
  }
  // USD-M: base-asset quantity and its USD(T) value, as published.
  return { symbol: market.symbol, ts, sizeBase: oi, valueUsd: value };
}
