// Binance COIN-M dated (quarterly) futures from /dapi/v1/premiumIndex?pair=<PAIR>: each contract's mark, the
// pair's index and the quote time, with the expiry read from the symbol (<PAIR>_<YYMMDD>) at 08:00:00 UTC —
// "Quarterly futures contracts deliver/settle at the expiration date, i.e. the last Friday of each calendar
// quarter at 08:00:00 UTC" (https://www.binance.com/en/support/faq/a3401595e1734084959c61491bc0dbe3).
// Parses only; storing is not wired yet (see the carry branch notes).
import { z } from "zod";
import { zEpochMs, zNum } from "../parse-helpers";
import type { DatedFutureQuote, PerpQuote } from "../../metrics/term-structure";

const Entry = z.object({
  symbol: z.string(),
  pair: z.string(),
  markPrice: zNum,
  indexPrice: zNum,
  // Empty string on delivery contracts (no funding).
  lastFundingRate: z.string(),
  nextFundingTime: z.number(),
  time: zEpochMs,
});

/** Delivery time of a Binance COIN-M quarterly symbol (BTCUSD_201225 → 2020-12-25 08:00 UTC); null when not dated. */
export function binanceDeliveryTs(symbol: string): number | null {
  const m = /_(\d{2})(\d{2})(\d{2})$/.exec(symbol);
  if (!m) return null;
  const [y, mo, d] = [2000 + Number(m[1]), Number(m[2]), Number(m[3])];
  const ts = Date.UTC(y, mo - 1, d, 8);
  // Reject impossible dates (Date.UTC rolls 2021-02-30 over to March).
  return new Date(ts).getUTCMonth() === mo - 1 && new Date(ts).getUTCDate() === d ? ts : null;
}

export interface BinanceTermQuotes {
  futures: DatedFutureQuote[];
  perp: PerpQuote | null;
}

/** The pair's perpetual (funding per 8 h, Binance COIN-M's interval unless fundingInfo says otherwise) and quarterlies. */
export function parseBinanceCoinmTermQuotes(body: unknown, perpIntervalHours = 8): BinanceTermQuotes {
  const entries = z.array(Entry).parse(body);
  const futures: DatedFutureQuote[] = [];
  let perp: PerpQuote | null = null;
  for (const e of entries) {
    if (e.symbol.endsWith("_PERP")) {
      const rate = e.lastFundingRate.trim() === "" ? null : Number(e.lastFundingRate);
      perp = { symbol: e.symbol, ts: e.time, markPrice: e.markPrice, indexPrice: e.indexPrice, fundingRate: rate !== null && Number.isFinite(rate) ? rate : null, intervalHours: perpIntervalHours };
      continue;
    }
    const expiry = binanceDeliveryTs(e.symbol);
    if (expiry === null) continue;
    futures.push({ symbol: e.symbol, expiryTs: expiry, ts: e.time, markPrice: e.markPrice, indexPrice: e.indexPrice });
  }
  return { futures, perp };
}
