// The archive formats `venuescope import` recognises, detected from the file name and the first line of
// its (decompressed) content. Pure: reading the bytes is lib/archives/read.ts.
import { z } from "zod";

export const ARCHIVE_FORMATS = ["binance-bookdepth", "binance-funding-rate", "binance-metrics", "binance-ws-recording", "hyperliquid-ws-recording", "hyperliquid-liquidations-csv", "hyperliquid-trades-csv", "tardis-trades-csv", "tardis-liquidations-csv", "tardis-book-snapshot-csv", "tardis-derivative-ticker-csv", "bybit-trades-csv", "bybit-ob500", "hyperliquid-s3-l2book", "tardis-incremental-l2-csv", "hyperliquid-s3-asset-ctxs"] as const;
export const ArchiveFormat = z.enum(ARCHIVE_FORMATS);
export type ArchiveFormat = z.infer<typeof ArchiveFormat>;

export interface FormatInfo {
  id: ArchiveFormat;
  venue: string;
  description: string;
  /** What import does with it: store band rows, replay a book (and store its trades), store trades, funding or open interest, or only recognise it. */
  handling: "bands" | "replay" | "trades" | "liquidations" | "funding" | "oi" | "books" | "ticker" | "recognised";
}

export const FORMAT_INFO: Record<ArchiveFormat, FormatInfo> = {
  "binance-bookdepth": { id: "binance-bookdepth", venue: "binance-usdm", description: "Binance Vision bookDepth CSV (timestamp,percentage,depth,notional)", handling: "bands" },
  // Venue: binance-usdm unless the symbol is a COIN-M one (BTCUSD_PERP, BTCUSD_240628): binanceVenueFor.
  "binance-funding-rate": { id: "binance-funding-rate", venue: "binance-usdm", description: "Binance Vision fundingRate CSV (calc_time,funding_interval_hours,last_funding_rate)", handling: "funding" },
  "binance-metrics": { id: "binance-metrics", venue: "binance-usdm", description: "Binance Vision metrics CSV (create_time,symbol,sum_open_interest,sum_open_interest_value,…; 5-minute rows)", handling: "oi" },
  "binance-ws-recording": { id: "binance-ws-recording", venue: "binance-usdm", description: "Binance USD-M WebSocket recording (<ns> <combined-stream JSON>: depth diffs U/u/pu, bookTicker, trade)", handling: "replay" },
  "hyperliquid-ws-recording": { id: "hyperliquid-ws-recording", venue: "hyperliquid", description: "Hyperliquid WebSocket recording (<ns> <JSON>: l2Book snapshots, trades)", handling: "replay" },
  "hyperliquid-s3-l2book": { id: "hyperliquid-s3-l2book", venue: "hyperliquid", description: "Hyperliquid S3 archive l2Book file (market_data/<YYYYMMDD>/<H>/l2Book/<coin>.lz4: JSON lines {time, ver_num, raw: <the WebSocket l2Book message>})", handling: "replay" },
  "hyperliquid-s3-asset-ctxs": { id: "hyperliquid-s3-asset-ctxs", venue: "hyperliquid", description: "Hyperliquid S3 archive asset_ctxs file (asset_ctxs/<YYYYMMDD>.csv.lz4: every perp's context once a minute), open interest every 5 min", handling: "oi" },
  "hyperliquid-liquidations-csv": { id: "hyperliquid-liquidations-csv", venue: "hyperliquid", description: "Hyperliquid historical_data liquidations.csv (per account: no coin, side or price, so not market liquidations)", handling: "recognised" },
  "hyperliquid-trades-csv": { id: "hyperliquid-trades-csv", venue: "hyperliquid", description: "Hyperliquid historical_data non_mm_trades.csv", handling: "trades" },
  "tardis-trades-csv": { id: "tardis-trades-csv", venue: "(exchange column)", description: "Tardis trades CSV (exchange,symbol,timestamp,local_timestamp,id,side,price,amount)", handling: "trades" },
  "tardis-liquidations-csv": { id: "tardis-liquidations-csv", venue: "(exchange column)", description: "Tardis liquidations CSV (exchange,symbol,timestamp,local_timestamp,id,side,price,amount)", handling: "liquidations" },
  // Venue bybit; the symbol is in every row / message. https://public.bybit.com/trading/<SYMBOL>/<SYMBOL><YYYY-MM-DD>.csv.gz
  "bybit-trades-csv": { id: "bybit-trades-csv", venue: "bybit", description: "Bybit public trade archive CSV (timestamp,symbol,side,size,price,tickDirection,trdMatchID,grossValue,homeNotional,foreignNotional[,RPI]; taker side, epoch seconds)", handling: "trades" },
  // https://quote-saver.bycsi.com/orderbook/linear/<SYMBOL>/<YYYY-MM-DD>_<SYMBOL>_ob500.data.zip
  "bybit-ob500": { id: "bybit-ob500", venue: "bybit", description: "Bybit order-book archive (ob500/ob200 .data: orderbook.<depth>.<SYMBOL> snapshot + delta JSON lines)", handling: "replay" },
  "tardis-book-snapshot-csv": { id: "tardis-book-snapshot-csv", venue: "(exchange column)", description: "Tardis book_snapshot_25/5 CSV (exchange,symbol,timestamp,local_timestamp,asks[0].price,asks[0].amount,bids[0].price,…), sampled into level books", handling: "books" },
  "tardis-incremental-l2-csv": { id: "tardis-incremental-l2-csv", venue: "(exchange column)", description: "Tardis incremental_book_L2 CSV (exchange,symbol,timestamp,local_timestamp,is_snapshot,side,price,amount), replayed into level books", handling: "books" },
  "tardis-derivative-ticker-csv": { id: "tardis-derivative-ticker-csv", venue: "(exchange column)", description: "Tardis derivative_ticker CSV (…,funding_timestamp,funding_rate,predicted_funding_rate,open_interest,last_price,index_price,mark_price): open interest every 5 min and funding settlements", handling: "ticker" },
};

/** Strip compression suffixes: BTCUSDT-bookDepth-2023-10-16.zip → BTCUSDT-bookDepth-2023-10-16. */
export function baseName(name: string): string {
  return name.replace(/^.*[\\/]/, "").replace(/\.(zip|gz)$/i, "");
}

/** The format of a file from its name and first decompressed line; null when none matches. */
export function detectFormat(name: string, firstLine: string): ArchiveFormat | null {
  const line = firstLine.replace(/^\uFEFF/, "").trim();
  const header = line.toLowerCase().replace(/\s/g, "");
  if (header === "timestamp,percentage,depth,notional") return "binance-bookdepth";
  if (header === "calc_time,funding_interval_hours,last_funding_rate") return "binance-funding-rate";
  if (header.startsWith("create_time,symbol,sum_open_interest,sum_open_interest_value")) return "binance-metrics";
  if (header === "time,user,liquidated_ntl_pos,liquidated_account_value,leverage_type") return "hyperliquid-liquidations-csv";
  if (header === "time,user,coin,side,px,sz,crossed") return "hyperliquid-trades-csv";
  // Tardis trades and liquidations files share their columns; the file name says which (<exchange>_liquidations_<date>_<symbol>.csv.gz)
  if (header === "exchange,symbol,timestamp,local_timestamp,id,side,price,amount") return /liquidation/i.test(baseName(name)) ? "tardis-liquidations-csv" : "tardis-trades-csv";
  // Bybit's trade archive (BitMEX's archive shares the header; its "2019-05-01D00:00:07" times are rejected by row)
  if (header.startsWith("timestamp,symbol,side,size,price,tickdirection,trdmatchid,grossvalue,homenotional,foreignnotional")) return "bybit-trades-csv";
  if (/^\{"topic":"orderbook\.\d+\.[A-Z0-9]+","type":"(snapshot|delta)"/.test(line)) return "bybit-ob500";
  if (header === "exchange,symbol,timestamp,local_timestamp,funding_timestamp,funding_rate,predicted_funding_rate,open_interest,last_price,index_price,mark_price") return "tardis-derivative-ticker-csv";
  if (header === "time,coin,funding,open_interest,prev_day_px,day_ntl_vlm,premium,oracle_px,mark_px,mid_px,impact_bid_px,impact_ask_px") return "hyperliquid-s3-asset-ctxs";
  if (header === "exchange,symbol,timestamp,local_timestamp,is_snapshot,side,price,amount") return "tardis-incremental-l2-csv";
  if (/^exchange,symbol,timestamp,local_timestamp,asks\[0\]\.price,asks\[0\]\.amount,bids\[0\]\.price,bids\[0\]\.amount(,|$)/.test(header)) return "tardis-book-snapshot-csv";
  if (/^\{"time":\s*"[^"]*",\s*"ver_num":\s*\d+,\s*"raw":\s*\{"channel":\s*"l2Book"/.test(line)) return "hyperliquid-s3-l2book";
  const rec = /^\d{15,20} (\{.*)$/.exec(line);
  if (rec) {
    if (/^\{"stream":"[a-z0-9]+@(depth|bookTicker|trade|aggTrade)/.test(rec[1])) return "binance-ws-recording";
    if (/^\{"channel":"(l2Book|trades)"/.test(rec[1])) return "hyperliquid-ws-recording";
  }
  // A headerless bookDepth file still names itself.
  if (/-bookDepth-\d{4}-\d{2}(-\d{2})?$/.test(baseName(name)) && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},/.test(line)) return "binance-bookdepth";
  if (/-fundingRate-\d{4}-\d{2}(-\d{2})?(\.csv)?$/i.test(baseName(name)) && /^\d{13},\d+,/.test(line)) return "binance-funding-rate";
  if (/-metrics-\d{4}-\d{2}-\d{2}(\.csv)?$/i.test(baseName(name)) && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},[A-Z0-9_]+,/.test(line)) return "binance-metrics";
  return null;
}

/** The symbol a Binance Vision file name carries (BTCUSDT-bookDepth-2023-10-16.zip → BTCUSDT, BTCUSD_PERP-metrics-… → BTCUSD_PERP). */
export function symbolFromName(name: string): string | null {
  const m = /^([A-Z0-9_]+)-(bookDepth|bookTicker|metrics|fundingRate|aggTrades|trades)-/.exec(baseName(name));
  return m ? m[1] : null;
}

/**
 * The Binance venue a symbol belongs to: COIN-M symbols end in _PERP or a delivery date (BTCUSD_PERP,
 * BTCUSD_240628); USD-M perpetuals carry no suffix (BTCUSDT).
 */
export function binanceVenueFor(symbol: string): "binance-usdm" | "binance-coinm" {
  return /_(PERP|\d{6})$/.test(symbol) ? "binance-coinm" : "binance-usdm";
}
