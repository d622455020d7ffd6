// OKX open-interest history of a swap: GET /api/v5/rubik/stat/contracts/open-interest-history
// (https://www.okx.com/docs-v5/en/#trading-statistics-rest-api-get-contract-open-interest-history), walked back
// to `since` when the `oi` kind is fetched with a window (the backfill), and the parser of its rows.
//
// What the docs say: rows are arrays [ts, oi (contracts), oiCcy (coin), oiUsd (USD)], newest first; `end`
// "return[s] records earlier than the requested ts" and `begin` "newer than" (both exclusive); `limit` "The
// maximum is 100. The default is 100"; "This endpoint can retrieve the latest 1,440 data entries. For
// period=1D, the data time range is up to January 1, 2024"; "Rate limit: 10 requests per 2 seconds", per IP and
// instrument (ccxt's cost 2 for it keeps to that). Daily bars (`1D`) open at midnight UTC+8, so they are
// stamped 16:00 UTC; the recorded 1D body shows it.
//
// The docs do not say whether a period's figure is the open interest at the stamped start of the period or its
// latest reading; rows are stored at the time OKX stamps them (as ccxt reads it), and the period still in
// progress is not asked for, so a figure that may still move is never stored.
import { z } from "zod";
import type { FetchRequest, OiRow, ParseContext, ParseResult, VenueHttp } from "../types";
import { pageBackward, spanOf, warnIncomplete } from "../paging";
import { mapEach, parseWhole, RecordError, requireMarket, zEpochMs, zNum } from "../parse-helpers";
import { DAY_MS, HOUR_MS } from "../../metrics/time";
import { zOptNum } from "./schemas";

/** ccxt's implicit method for the endpoint (okx.js api map: 'rubik/stat/contracts/open-interest-history', cost 2). */
export const OI_HISTORY_METHOD = "publicGetRubikStatContractsOpenInterestHistory";
/** "Number of results per request. The maximum is 100." A shorter page means the history ran out. */
export const OI_HISTORY_PAGE = 100;
/** "This endpoint can retrieve the latest 1,440 data entries" (per period). */
export const OI_HISTORY_KEPT = 1440;

export interface OkxOiHistoryPeriod {
  period: "1H" | "1D";
  ms: number;
}

/**
 * The finest period whose kept readings reach back to `since`: hourly readings when the window starts within
 * the latest 59 days (1,440 hours are 60 days; a day's margin for the clock and the hour in progress), daily
 * ones (kept back to 2024-01-01) otherwise. 5-minute readings (5 days kept) are not used: a backfill stores
 * hourly open interest like Binance's, and 12 times the rows would add nothing the scores read.
 */
export function okxOiHistoryPeriod(since: number, now: number): OkxOiHistoryPeriod {
  if (since >= now - (OI_HISTORY_KEPT - 24) * HOUR_MS) return { period: "1H", ms: HOUR_MS };
  return { period: "1D", ms: DAY_MS };
}

/**
 * Walk one swap's open-interest history back over [since, until] (`req.since` is required). Pages ask
 * end = to + 1 and begin = since − 1 (OKX's bounds are exclusive), 100 readings a page; the walk stops when a
 * page reaches `since`, comes back short (OKX keeps no more), or at the page cap, which is reported through
 * `http.warn` so a truncated backfill is never silent. A window older than OKX keeps comes back empty.
 */
export async function fetchOkxOiHistory(http: VenueHttp, instId: string, req: FetchRequest, now = Date.now()): Promise<void> {
  if (req.since === undefined) throw new Error("okx: open-interest history needs a window (since)");
  const since = req.since;
  const { period, ms } = okxOiHistoryPeriod(since, now);
  // A period that started less than one period ago is still in progress: leave it out.
  const until = Math.min(req.until ?? now, now - ms);
  if (until < since) return;
  const w = { since, until, pageSize: OI_HISTORY_PAGE, maxPages: req.maxPages };
  const meta = { kind: "oi" as const, symbol: instId };
  const result = await pageBackward(w, async (to) => {
    const body = await http.ccxtCall(OI_HISTORY_METHOD, { instId, period, limit: OI_HISTORY_PAGE, end: to + 1, begin: since - 1 }, meta);
    return spanOf(rowTimes(body));
  });
  warnIncomplete(http, "okx", instId, `open-interest history (${period})`, w, result);
}

const PageRows = z.object({ data: z.array(z.array(z.unknown()).min(1)) }).passthrough();

/** The reading times of one page (an unreadable page counts as empty and ends the walk). */
function rowTimes(body: unknown): number[] {
  const page = PageRows.safeParse(body);
  return page.success ? page.data.data.map((r) => Number(r[0])) : [];
}

/** One row [ts, oi, oiCcy, oiUsd], named so a rejection says which field was bad. */
const HistoryRow = z
  .array(z.unknown())
  .min(2)
  .transform((a) => ({ ts: a[0], oi: a[1], oiCcy: a[2], oiUsd: a[3] }))
  .pipe(z.object({ ts: zEpochMs, oi: zNum, oiCcy: zOptNum, oiUsd: zOptNum }));

/** True when an envelope's `data` holds history rows (arrays), not /public/open-interest records (objects). */
export function isOkxOiHistoryData(data: unknown[]): boolean {
  return data.length > 0 && data.every(Array.isArray);
}

/**
 * One OiRow per history row of `ctx.symbol` (the body does not name its instrument; the capture does).
 * sizeBase is oiCcy, open interest "in the unit of crypto": the base coin for linear swaps (BTC-USDT-SWAP: BTC)
 * and for inverse ones (BTC-USD-SWAP: BTC, contracts of 100 USD converted by OKX); valueUsd is oiUsd. A row
 * without oiCcy converts contracts × ctVal for a linear swap whose market is known; an inverse one is refused
 * (its contracts are USD and need a price).
 */
export function parseOkxOiHistory(data: unknown[], ctx: ParseContext): ParseResult<"oi"> {
  const symbol = ctx.symbol;
  if (!symbol) return parseWhole(ctx, () => { throw new RecordError("symbol", `${ctx.venue}: an open-interest-history body does not name its instrument; pass --symbol`); });
  return mapEach(data, ctx, () => symbol, (raw): OiRow => {
    const r = HistoryRow.parse(raw);
    if (r.oi < 0) throw new RecordError("oi", `negative open interest ${r.oi}`);
    if (r.oiCcy !== null && r.oiCcy < 0) throw new RecordError("oiCcy", `negative open interest ${r.oiCcy}`);
    if (r.oiUsd !== null && r.oiUsd < 0) throw new RecordError("oiUsd", `negative open interest value ${r.oiUsd}`);
    let sizeBase = r.oiCcy;
    if (sizeBase === null) {
      const market = requireMarket(ctx.markets, symbol, ctx.venue);
      if (market.contractType !== "linear") throw new RecordError("oiCcy", `${symbol}: no oiCcy and inverse contracts need a price to convert`);
      sizeBase = r.oi * market.contractSize;
    }
    return { symbol, ts: r.ts, sizeBase, valueUsd: r.oiUsd };
  });
}
