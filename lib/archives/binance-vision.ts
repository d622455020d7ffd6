// Binance Vision (https://data.binance.vision), Binance's public archive of market data: the URL layout of
// its files and the days a window spans. Pure. Layout, from the archive's own listing and
// https://github.com/binance/binance-public-data:
//   <base>/data/futures/um/daily/<kind>/<SYMBOL>/<SYMBOL>-<kind>-<YYYY-MM-DD>.zip   (+ ".CHECKSUM" beside it)
// where the CHECKSUM file is one line "<sha256 hex>  <file name>" (sha256sum's format). Binance publishes a
// day's file after the day ends; a day it never published answers 404.
import { DAY_MS } from "../metrics/time";

export const BINANCE_VISION_URL = "https://data.binance.vision";

/** The daily archive kinds the backfill downloads, by our data kind. */
export const VISION_DAILY_KIND = { depth: "bookDepth" } as const;
export type VisionKind = (typeof VISION_DAILY_KIND)[keyof typeof VISION_DAILY_KIND];

/** "um" = USD-M futures, "cm" = COIN-M futures. */
export type VisionMarket = "um" | "cm";

export function visionDailyPath(market: VisionMarket, kind: VisionKind, symbol: string, day: string): string {
  if (!/^[A-Z0-9_]+$/.test(symbol)) throw new Error(`not a Binance symbol: ${JSON.stringify(symbol)}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`not a day: ${JSON.stringify(day)}`);
  return `data/futures/${market}/daily/${kind}/${symbol}/${symbol}-${kind}-${day}.zip`;
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
