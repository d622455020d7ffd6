// Live requests for each venue's term quotes (dated futures beside the perpetual sharing their index), through the
// venue's HTTP layer (ccxt's implicit API methods, its rate limiter and our retries). A fetcher only requests: every
// capture it leaves is one body the venue's parser in lib/venues/dated-futures.ts reads, so a live fetch and a replay
// of its recorded captures (`ingest --kinds term --record`, then `import <dir>`) go through the same parse.
//
// Requests per venue (one call each unless said), chosen so one fetch gives a whole curve at one time:
// - binance-coinm: GET /dapi/v1/premiumIndex?pair=<BASE>USD per base — the pair's perpetual and every quarterly.
// - bybit: GET /v5/market/tickers?category=linear and ?category=inverse — USDC futures beside <BASE>PERP, inverse
//   futures beside <BASE>USD, each row with its deliveryTime.
// - deribit: GET public/get_book_summary_by_currency?currency=<BASE>&kind=future per base — every future and the
//   perpetual with mark, estimated delivery price (the index) and funding_8h.
// - okx: GET /api/v5/public/mark-price?instType=FUTURES and ?instType=SWAP, /api/v5/market/index-tickers?quoteCcy=USD
//   and ?quoteCcy=USDT, /api/v5/public/funding-rate for <BASE>-USD-SWAP and <BASE>-USDT-SWAP per base — bundled into
//   one capture, because a mark row finds its index in the index rows of the same body.
import type { VenueHttp } from "./types";
import { bundleCaptures } from "./http";
import type { TermQuoteVenue } from "./dated-futures";

export type TermQuoteFetcher = (http: VenueHttp, bases: string[]) => Promise<void>;

const meta = (symbol: string | null) => ({ kind: "term" as const, symbol });
const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 300);

export const TERM_QUOTE_FETCHERS = {
  "binance-coinm": async (http, bases) => {
    for (const base of bases) await http.ccxtCall("dapiPublicGetPremiumIndex", { pair: `${base}USD` }, meta(`${base}USD`));
  },
  bybit: async (http) => {
    // Two independent curves: one category failing leaves the other's (the run is then "partial", naming it).
    const failures: unknown[] = [];
    for (const category of ["linear", "inverse"]) await http.ccxtCall("publicGetV5MarketTickers", { category }, meta(null)).catch((err: unknown) => {
      failures.push(err);
      http.warn({ venue: "bybit", symbol: null, field: category, message: `${category} tickers not fetched: ${errorText(err)}`, index: null });
    });
    if (failures.length === 2) throw failures[0];
  },
  deribit: async (http, bases) => {
    for (const currency of bases) await http.ccxtCall("publicGetGetBookSummaryByCurrency", { currency, kind: "future" }, meta(currency));
  },
  okx: async (http, bases) => {
    const from = http.captures.length;
    for (const instType of ["FUTURES", "SWAP"]) await http.ccxtCall("publicGetPublicMarkPrice", { instType }, meta(null));
    for (const quoteCcy of ["USD", "USDT"]) await http.ccxtCall("publicGetMarketIndexTickers", { quoteCcy }, meta(null));
    for (const base of bases)
      for (const quote of ["USD", "USDT"]) {
        const instId = `${base}-${quote}-SWAP`;
        // A base without this swap (OKX answers code 51001) leaves its perpetual without funding, not the curve unfetched.
        await http.ccxtCall("publicGetPublicFundingRate", { instId }, meta(instId)).catch((err: unknown) => http.warn({ venue: "okx", symbol: instId, field: "fundingRate", message: `funding rate not fetched: ${errorText(err)}`, index: null }));
      }
    bundleCaptures(http, from);
  },
} as const satisfies Record<TermQuoteVenue, TermQuoteFetcher>;

export function termQuoteFetcherFor(venue: string): TermQuoteFetcher {
  if (!Object.hasOwn(TERM_QUOTE_FETCHERS, venue)) throw new Error(`term quotes: ${venue} has no live fetch (supported: ${Object.keys(TERM_QUOTE_FETCHERS).join(", ")})`);
  return TERM_QUOTE_FETCHERS[venue as TermQuoteVenue];
}
