// Tardis.dev's downloadable CSV datasets: which Tardis exchange holds a venue's markets, the URL of a day's
// file and what a request without an API key may fetch. Pure. From Tardis's documentation
// (https://docs.tardis.dev/downloadable-csv-files):
//   <base>/v1/<exchange>/<dataType>/<YYYY>/<MM>/<DD>/<SYMBOL>.csv.gz     (base https://datasets.tardis.dev)
//   - one gzip CSV per UTC day (split by local_timestamp), exchange, data type and symbol;
//   - the API key goes in `Authorization: Bearer <key>`; without one only the first day of each month is served;
//   - a day without data is an empty gzip file, not a 404; a day is published about 06:00 UTC the next day;
//   - no checksum file is published (the premium network's x-md5 header is documented as unreliable for
//     chunked uploads), so integrity rests on the transfer's length and a clean gunzip.
// Timestamps in every dataset are epoch microseconds; sizes are in the venue's own contract units.
import type { ArchiveFormat } from "./formats";

export const TARDIS_DATASETS_URL = "https://datasets.tardis.dev";

/** Tardis exchange ids → venue slugs (one Tardis exchange may hold several segments of one venue). */
export const TARDIS_EXCHANGES: Record<string, string> = {
  "binance-futures": "binance-usdm",
  "binance-delivery": "binance-coinm",
  bybit: "bybit",
  "okex-swap": "okx",
  deribit: "deribit",
  bitmex: "bitmex",
  "bitget-futures": "bitget",
  cryptofacilities: "krakenfutures",
  hyperliquid: "hyperliquid",
  "dydx-v4": "dydx-v4",
  "gate-io-futures": "gate",
  "huobi-dm-linear-swap": "htx",
  "huobi-dm-swap": "htx",
  "kucoin-futures": "kucoinfutures",
};

/** The Tardis exchange that holds a venue's perpetuals (HTX's inverse swaps sit in huobi-dm-swap). */
export function tardisExchangeFor(venue: string, symbol: string): string | null {
  if (venue === "htx" && /-USD$/.test(symbol)) return "huobi-dm-swap";
  for (const [exchange, slug] of Object.entries(TARDIS_EXCHANGES)) if (slug === venue) return exchange;
  return null;
}

/** The Tardis data type each backfill kind is read from, and the import format that reads it. */
export const TARDIS_DATA_TYPES = {
  trades: { dataType: "trades", format: "tardis-trades-csv" },
  liquidations: { dataType: "liquidations", format: "tardis-liquidations-csv" },
  depth: { dataType: "book_snapshot_25", format: "tardis-book-snapshot-csv" },
  funding: { dataType: "derivative_ticker", format: "tardis-derivative-ticker-csv" },
  oi: { dataType: "derivative_ticker", format: "tardis-derivative-ticker-csv" },
} as const satisfies Record<string, { dataType: string; format: ArchiveFormat }>;
export type TardisKind = keyof typeof TARDIS_DATA_TYPES;

/** The path of one day's file under the datasets base URL. */
export function tardisDatasetPath(exchange: string, dataType: string, day: string, symbol: string): string {
  if (!/^[a-z0-9-]+$/.test(exchange)) throw new Error(`not a Tardis exchange id: ${JSON.stringify(exchange)}`);
  if (!/^[a-z0-9_A-Z]+$/.test(dataType)) throw new Error(`not a Tardis data type: ${JSON.stringify(dataType)}`);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new Error(`not a day: ${JSON.stringify(day)}`);
  // Tardis writes symbols upper-case in file names; "/" and ":" (spot pairs, HIP-3 coins) are not path-safe.
  const file = symbol.toUpperCase().replace(/[/:]/g, "-");
  if (!/^[A-Z0-9_.-]+$/.test(file)) throw new Error(`not a symbol Tardis names a file by: ${JSON.stringify(symbol)}`);
  return `v1/${exchange}/${dataType}/${m[1]}/${m[2]}/${m[3]}/${file}.csv.gz`;
}

/** Without an API key Tardis serves the first day of each month only. */
export function tardisFreeDay(day: string): boolean {
  return day.endsWith("-01");
}
