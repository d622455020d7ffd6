// Bybit's public archives: the URL layout of its daily trade and order-book files. Pure. Bybit's API docs do not
// describe these hosts; the layout is the one their directory listings serve, as public downloaders use it
// (yasstake/rbot tests the trading URL; several projects fetch the orderbook one):
//   https://public.bybit.com/trading/<SYMBOL>/<SYMBOL><YYYY-MM-DD>.csv.gz                          (bybit-trades-csv)
//   https://quote-saver.bycsi.com/orderbook/<linear|inverse|spot>/<SYMBOL>/<YYYY-MM-DD>_<SYMBOL>_ob<depth>.data.zip  (bybit-ob500)
// Order-book files were published as ob500 and, from 2025 by those projects' notes, as ob200 (the depth is in the
// name and in each message's topic, orderbook.<depth>.<SYMBOL>); no checksum file is known beside either. A day
// not published should answer 404 (not verified here: no network).
import type { Category } from "../venues/bybit/symbols";

export const BYBIT_TRADES_URL = "https://public.bybit.com";
export const BYBIT_ORDERBOOK_URL = "https://quote-saver.bycsi.com";
/** Depths the order-book archive has used, newest first: a backfill tries them in this order for a day. */
export const BYBIT_ORDERBOOK_DEPTHS = [200, 500] as const;

const checkSymbol = (symbol: string) => {
  if (!/^[A-Z0-9]+$/.test(symbol)) throw new Error(`not a Bybit symbol: ${JSON.stringify(symbol)}`);
};
const checkDay = (day: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`not a day: ${JSON.stringify(day)}`);
};

/** trading/BTCUSDT/BTCUSDT2024-12-01.csv.gz */
export function bybitTradesPath(symbol: string, day: string): string {
  checkSymbol(symbol);
  checkDay(day);
  return `trading/${symbol}/${symbol}${day}.csv.gz`;
}

/** orderbook/linear/XRPUSDT/2024-12-01_XRPUSDT_ob500.data.zip */
export function bybitOrderbookPath(category: Category | "spot", symbol: string, day: string, depth: number): string {
  checkSymbol(symbol);
  checkDay(day);
  if (!Number.isInteger(depth) || depth <= 0) throw new Error(`not a book depth: ${depth}`);
  return `orderbook/${category}/${symbol}/${day}_${symbol}_ob${depth}.data.zip`;
}
