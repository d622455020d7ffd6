// Binance COIN-M dated (quarterly) futures from /dapi/v1/premiumIndex?pair=<PAIR>: each contract's mark, the
// pair's index and the quote time, with the expiry read from the symbol (<PAIR>_<YYMMDD>) at 08:00:00 UTC —
// "Quarterly futures contracts deliver/settle at the expiration date, i.e. the last Friday of each calendar
// quarter at 08:00:00 UTC" (https://www.binance.com/en/support/faq/a3401595e1734084959c61491bc0dbe3).
// Behind the registry in lib/venues/dated-futures.ts; stored by lib/ingest/term-quotes.ts.
import { z } from "zod";
import { zEpochMs, zNum } from "../parse-helpers";
import type { DatedFutureQuote, PerpQuote } from "../../metrics/term-structure";
import type { TermQuoteSet } from "../dated-futures-kit";

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

/** Base asset of a Binance COIN-M symbol: the pair before "USD" (BTCUSD_201225, BTCUSD_PERP → BTC). */
export const binanceCoinmBase = (symbol: string) => symbol.replace(/USD_.*$/, "");

/**
 * The registry's form. A quarter already delivered at its own quote time (the stale BTCUSD_200925 entry of the
 * recorded body) is kept as recorded: the curve leaves it out as expired at snapshot time.
 */
export function binanceCoinmTermQuoteSet(body: unknown): TermQuoteSet {
  let q: BinanceTermQuotes;
  try {
    q = parseBinanceCoinmTermQuotes(body);
  } catch (err) {
    const issue = err instanceof z.ZodError ? err.issues[0] : null;
    throw new Error(`term quotes binance-coinm: ${issue ? `${issue.path.map(String).join(".") || "body"}: ${issue.message}` : String(err)}`);
  }
  const leftOut = z
    .array(z.object({ symbol: z.string() }).loose())
    .parse(body)
    .filter((e) => !e.symbol.endsWith("_PERP") && binanceDeliveryTs(e.symbol) === null)
    .map((e) => ({ symbol: e.symbol, reason: "no delivery date in the symbol (<PAIR>_<YYMMDD>)" }));
  return {
    futures: q.futures.map((f) => ({ ...f, base: binanceCoinmBase(f.symbol) })),
    perps: q.perp ? [{ ...q.perp, base: binanceCoinmBase(q.perp.symbol) }] : [],
    leftOut,
  };
}
