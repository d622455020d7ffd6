// The info-endpoint requests the main perp dex and the builder (HIP-3) dexes share: a coin's l2Book as one bundled
// capture of passes, and a coin's funding history walked page by page. Coins of a builder dex carry its prefix
// ("xyz:NVDA"); the requests are the same.
import type { FetchRequest, VenueHttp } from "../types";
import { HOUR_MS } from "../../metrics/time";
import { bundleCaptures } from "../http";
import { pageForward, spanOf, warnIncomplete } from "../paging";

/** l2Book returns at most 20 levels per side (https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint#l2-book-snapshot). */
export const L2_BOOK_MAX_LEVELS = 20;
/**
 * Significant figures of the coarser passes asked for after the full-precision book, finest first
 * ("nSigFigs: Optional field to aggregate levels to nSigFigs significant figures. Valid values are 2, 3, 4, 5,
 * and null, which means full precision", info endpoint, L2 book snapshot). Each pass returns 20 buckets a side,
 * reaching further from mid: at BTC ~90k, 5 figures are $10 buckets, 2 figures $1,000 buckets.
 */
export const COARSE_PASSES = [5, 4, 3, 2] as const;
/**
 * Funding-history pages hold at most 500 records ("Responses that take a time range will only return 500
 * elements or distinct blocks of data. To query larger ranges, use the last returned timestamp as the next
 * startTime for pagination", info endpoint docs); without `since` ask for the last 500 hours.
 */
const FUNDING_PAGE = 500;
const FUNDING_HISTORY_WINDOW_MS = FUNDING_PAGE * HOUR_MS;

/** l2Book has no level parameter: the full-precision book, then the coarser passes, bundled into one capture that parses as one merged, labelled book. */
export async function fetchL2Book(http: VenueHttp, coin: string): Promise<void> {
  const from = http.captures.length;
  await http.ccxtCall("publicPostInfo", { type: "l2Book", coin }, { kind: "depth", symbol: coin, levelLimit: L2_BOOK_MAX_LEVELS });
  for (const nSigFigs of COARSE_PASSES) await http.ccxtCall("publicPostInfo", { type: "l2Book", coin, nSigFigs }, { kind: "depth", symbol: coin, levelLimit: L2_BOOK_MAX_LEVELS });
  bundleCaptures(http, from);
}

/** A coin's funding history: without `since` one page (the last 500 hours); with it, pages walked forward until `until`. */
export async function fetchFundingHistory(http: VenueHttp, slug: string, coin: string, req: Pick<FetchRequest, "since" | "until" | "maxPages">): Promise<void> {
  const meta = { kind: "funding" as const, symbol: coin };
  if (req.since === undefined) {
    const end = req.until ?? Date.now();
    await http.ccxtCall("publicPostInfo", { type: "fundingHistory", coin, startTime: end - FUNDING_HISTORY_WINDOW_MS, ...(req.until !== undefined ? { endTime: req.until } : {}) }, meta);
    return;
  }
  // Ascending from startTime (inclusive): the next page starts 1 ms after the last record.
  const w = { since: req.since, until: req.until ?? Date.now(), pageSize: FUNDING_PAGE, maxPages: req.maxPages };
  const result = await pageForward(w, async (from) => {
    const body = await http.ccxtCall("publicPostInfo", { type: "fundingHistory", coin, startTime: from, endTime: w.until }, meta);
    return spanOf(Array.isArray(body) ? body.map((r) => Number((r as { time?: unknown })?.time)) : []);
  });
  warnIncomplete(http, slug, coin, "funding history", w, result);
}
