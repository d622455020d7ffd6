// Bybit v5 perpetuals: linear USDT/USDC contracts sized in the base asset, inverse contracts (BTCUSD, ETHUSD,
// ...) sized in USD (1 USD per contract). ccxt (`bybit`) makes every REST request through its implicit API
// (publicGetV5Market*) and normalises instruments; the parsers below validate the raw bodies with zod.
// Bybit retired its public REST liquidation feed (v2 /public/liq-records): liquidations are WebSocket-only
// (liquidation.{symbol}, allLiquidation.{symbol}), so live fetch does not offer them; recorded messages
// (tardis arrays, legacy and v5 formats) import through the same parser.
import type { FetchRequest, VenueConnector, VenueHttp } from "../types";
import { MAX_DEPTH, parseBybit, VENUE } from "./parsers";
import { categoryOf, inferBybitMarket } from "./symbols";
import { pageBackward, pageByCursor, spanOf, warnIncomplete } from "../paging";

/** /v5/market/funding/history: "Limit for data size per page. [1, 200]", newest first. */
export const FUNDING_PAGE = 200;

/**
 * Funding history of one symbol. The docs (https://bybit-exchange.github.io/docs/v5/market/history-fund-rate):
 * "Passing startTime only, it returns error. Passing endTime only, it returns 200 records till endTime. Both
 * are not passed, it returns 200 records till current time." So a window is walked backward by endTime alone
 * (oldest record − 1 ms) until a page reaches `since`.
 */
async function fetchFundingHistory(http: VenueHttp, symbol: string, req: FetchRequest): Promise<void> {
  const meta = { kind: "funding" as const, symbol };
  const base = { category: categoryOf(symbol), symbol, limit: FUNDING_PAGE };
  if (req.since === undefined) {
    await http.ccxtCall("publicGetV5MarketFundingHistory", { ...base, ...(req.until !== undefined ? { endTime: req.until } : {}) }, meta);
    return;
  }
  const w = { since: req.since, until: req.until ?? Date.now(), pageSize: FUNDING_PAGE, maxPages: req.maxPages };
  const result = await pageBackward(w, async (to) => {
    const body = (await http.ccxtCall("publicGetV5MarketFundingHistory", { ...base, endTime: to }, meta)) as { result?: { list?: { fundingRateTimestamp?: unknown }[] } };
    const list = Array.isArray(body?.result?.list) ? body.result.list : [];
    return spanOf(list.map((r) => Number(r?.fundingRateTimestamp)));
  });
  warnIncomplete(http, VENUE, symbol, "funding history", w, result);
}

/** /v5/market/open-interest: "Limit for data size per page. [1, 200]", newest first. */
export const OI_HIST_PAGE = 200;
/** One reading an hour (the endpoint offers 5min, 15min, 30min, 1h, 4h, 1d): 200 readings ≈ 8.3 days a page. */
export const OI_HIST_INTERVAL = "1h";

/**
 * Open-interest history of one symbol over [since, until] (https://bybit-exchange.github.io/docs/v5/market/open-interest).
 * The window goes in every request (startTime/endTime); the venue answers newest first and hands back
 * `nextPageCursor` for the next, older page, so the walk follows the cursor until a page reaches `since`, comes
 * back short, or the cursor ends ("").
 */
export async function fetchOpenInterestHistory(http: VenueHttp, symbol: string, req: FetchRequest): Promise<void> {
  const meta = { kind: "oi" as const, symbol };
  const w = { since: req.since!, until: req.until ?? Date.now(), pageSize: OI_HIST_PAGE, maxPages: req.maxPages, order: "newest-first" as const };
  const base = { category: categoryOf(symbol), symbol, intervalTime: OI_HIST_INTERVAL, startTime: w.since, endTime: w.until, limit: OI_HIST_PAGE };
  const result = await pageByCursor<string>(w, async (cursor) => {
    const body = (await http.ccxtCall("publicGetV5MarketOpenInterest", { ...base, ...(cursor ? { cursor } : {}) }, meta)) as { result?: { list?: { timestamp?: unknown }[]; nextPageCursor?: unknown } };
    const list = Array.isArray(body?.result?.list) ? body.result.list : [];
    const next = body?.result?.nextPageCursor;
    return { ...spanOf(list.map((r) => Number(r?.timestamp))), next: typeof next === "string" && next !== "" ? next : null };
  });
  warnIncomplete(http, VENUE, symbol, "open-interest history", w, result);
}

export { categoryOf, inferBybitMarket, MAX_DEPTH, parseBybit };

export const bybit: VenueConnector = {
  info: {
    slug: VENUE,
    name: "Bybit Derivatives",
    kind: "cex",
    chain: null,
    websiteUrl: "https://www.bybit.com/en/trade/usdt/BTCUSDT",
    docsUrl: "https://www.bybit.com/en/help-center/article/Introduction-to-Funding-Rate",
    apiDocsUrl: "https://bybit-exchange.github.io/docs/v5/intro",
  },
  ccxtId: "bybit",
  has: { markets: true, depth: true, funding: true, fees: true, liquidations: false, oi: true, insurance: true, margin: true },
  notes: {
    liquidations: "Published only over WebSocket (allLiquidation.{symbol}); recorded messages can be imported.",
    fees: "Base maker/taker from ccxt market metadata; VIP tiers need an account.",
    margin: "Risk-limit tiers of linear contracts from /v5/market/risk-limit (USDT/USDC position value, with mmDeduction). Inverse limits are in the base coin and are not stored; collateral value ratios and the liquidation policy are curated in data/margin/bybit.json.",
    oi: "Live readings come from /v5/market/tickers (open interest with its USD value); with a window, /v5/market/open-interest history at 1-hour readings, walked by cursor (linear in the base coin, valued at a stored mark/mid; inverse in USD, its base size from a stored mark/mid). The single side is stored (singleOpenInterest where the body has it).",
  },
  defaultBases: ["BTC", "ETH", "SOL"],
  symbolFor: (base) => `${base}USDT`,
  inferMarket: inferBybitMarket,
  async fetch(kind, http, req) {
    switch (kind) {
      case "markets":
      case "fees":
        for (const category of kind === "fees" ? (["linear"] as const) : (["linear", "inverse"] as const)) {
          let cursor: string | undefined;
          for (let page = 0; page < 20; page++) {
            const body = (await http.ccxtCall("publicGetV5MarketInstrumentsInfo", { category, limit: 1000, ...(cursor ? { cursor } : {}) }, { kind, symbol: null })) as {
              result?: { nextPageCursor?: string };
            };
            cursor = body?.result?.nextPageCursor || undefined;
            if (!cursor || kind === "fees") break;
          }
        }
        return;
      case "depth":
        for (const symbol of req.symbols) {
          const limit = Math.min(req.levelLimit ?? MAX_DEPTH, MAX_DEPTH);
          await http.ccxtCall("publicGetV5MarketOrderbook", { category: categoryOf(symbol), symbol, limit }, { kind, symbol, levelLimit: limit });
        }
        return;
      case "funding":
        for (const symbol of req.symbols) {
          await fetchFundingHistory(http, symbol, req);
          if (req.historyOnly) continue;
          await http.ccxtCall("publicGetV5MarketTickers", { category: categoryOf(symbol), symbol }, { kind, symbol });
        }
        return;
      case "oi":
        for (const symbol of req.symbols) {
          // With a window: the /v5/market/open-interest history; historyOnly (backfill) skips the live reading.
          if (req.since !== undefined) await fetchOpenInterestHistory(http, symbol, req);
          if (req.historyOnly) continue;
          await http.ccxtCall("publicGetV5MarketTickers", { category: categoryOf(symbol), symbol }, { kind, symbol });
        }
        return;
      case "insurance":
        await http.ccxtCall("publicGetV5MarketInsurance", {}, { kind, symbol: null });
        return;
      case "margin":
        // Linear only: inverse risk limits are set in the base coin (see margin.ts).
        for (const symbol of req.symbols.filter((s) => categoryOf(s) === "linear")) {
          await http.ccxtCall("publicGetV5MarketRiskLimit", { category: "linear", symbol }, { kind, symbol });
        }
        return;
      default:
        throw new Error(`${VENUE}: ${kind} not supported`);
    }
  },
  parse: (kind, body, ctx) => parseBybit(kind, body, ctx),
};
