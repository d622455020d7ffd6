// Binance Vision (https://data.binance.vision), Binance's public archive of market data: the URL layout of
// its files and the days a window spans. Pure. Layout, from the archive's own listing and
// https://github.com/binance/binance-public-data:
//   <base>/data/futures/um/daily/<kind>/<SYMBOL>/<SYMBOL>-<kind>-<YYYY-MM-DD>.zip   (+ ".CHECKSUM" beside it)
//   <base>/data/futures/um/monthly/<kind>/<SYMBOL>/<SYMBOL>-<kind>-<YYYY-MM>.zip      (fundingRate: monthly only)
// ("cm" instead of "um" for COIN-M) where the CHECKSUM file is one line "<sha256 hex>  <file name>" (sha256sum's
// format). Binance publishes a day's file after the day ends and a month's after the month ends; a period it
// never published answers 404.
import { DAY_MS } from "../metrics/time";

export const BINANCE_VISION_URL = "https://data.binance.vision";

/** The daily archive kinds the backfill downloads, by our data kind. */
export const VISION_DAILY_KIND = { depth: "bookDepth", oi: "metrics" } as const;
/** The monthly archive kinds: funding is published per month only (no daily fundingRate files exist). */
export const VISION_MONTHLY_KIND = { funding: "fundingRate" } as const;
export type VisionKind = (typeof VISION_DAILY_KIND)[keyof typeof VISION_DAILY_KIND] | (typeof VISION_MONTHLY_KIND)[keyof typeof VISION_MONTHLY_KIND];

/** "um" = USD-M futures, "cm" = COIN-M futures. */
export type VisionMarket = "um" | "cm";

export function visionDailyPath(market: VisionMarket, kind: VisionKind, symbol: string, day: string): string {
  if (!/^[A-Z0-9_]+$/.test(symbol)) throw new Error(`not a Binance symbol: ${JSON.stringify(symbol)}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`not a day: ${JSON.stringify(day)}`);
  return `data/futures/${market}/daily/${kind}/${symbol}/${symbol}-${kind}-${day}.zip`;
}

export function visionMonthlyPath(market: VisionMarket, kind: VisionKind, symbol: string, month: string): string {
  if (!/^[A-Z0-9_]+$/.test(symbol)) throw new Error(`not a Binance symbol: ${JSON.stringify(symbol)}`);
  if (!/^\d{4}-\d{2}$/.test(month)) throw new Error(`not a month: ${JSON.stringify(month)}`);
  return `data/futures/${market}/monthly/${kind}/${symbol}/${symbol}-${kind}-${month}.zip`;
}

export function visionUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, "")}/${path}`;
}

/** YYYY-MM-DD of an epoch-ms time, UTC. */
export function utcDay(ts: number): string {
  return new Date(ts).toISOString().slice(0, 10);
}

/** Epoch ms of a day's 00:00 UTC. */
export function dayStart(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

/** Every UTC day from the day of `from` to the day of `to`, both included. */
export function daysBetween(from: number, to: number): string[] {
  const out: string[] = [];
  for (let t = dayStart(utcDay(from)); t <= to; t += DAY_MS) out.push(utcDay(t));
  return out;
}

/**
 * The hash a CHECKSUM file states: "<64 hex>  <name>" (or the hash alone). Null when the text holds none.
 */
export function parseChecksumFile(text: string): string | null {
  const m = /^\s*([0-9a-fA-F]{64})\b/.exec(text);
  return m ? m[1].toLowerCase() : null;
}

/** Epoch ms of a month's first instant, UTC ("2024-02" → 2024-02-01T00:00Z). */
export function monthStart(month: string): number {
  return Date.parse(`${month}-01T00:00:00Z`);
}

/** Epoch ms of a month's last millisecond, UTC. */
export function monthEnd(month: string): number {
  const [y, m] = month.split("-").map(Number);
  return Date.UTC(y, m, 1) - 1;
}

/** Every UTC month (YYYY-MM) from the month of `from` to the month of `to`, both included. */
export function monthsBetween(from: number, to: number): string[] {
  const out: string[] = [];
  const d = new Date(from);
  for (let y = d.getUTCFullYear(), m = d.getUTCMonth(); Date.UTC(y, m, 1) <= to; m === 11 ? (y++, (m = 0)) : m++) out.push(`${y}-${String(m + 1).padStart(2, "0")}`);
  return out;
}
