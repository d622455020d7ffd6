// Extended (formerly X10) perpetuals, StarkEx/Starknet settlement. ccxt (`extended`) sends every public
// request (v1PublicGet… implicit methods); bodies are validated and mapped here. Sizes are base-asset
// quantities; markets are quoted in USD and collateralised in USDC. Funding is charged every hour
// (docs.x10.exchange, Funding Payments). One /info/markets body carries each market's spec, its current
// hourly rate with the next funding time, mark and index, and open interest in base and USD, so it feeds
// the markets, funding (predicted) and oi kinds. API: https://api.docs.extended.exchange/
import type { DataKind, FetchRequest, MarketRow, ParseContext, ParseResult, VenueConnector, VenueHttp } from "../types";
import { checkBook, mapEach, parseBody, parseWhole, RecordError } from "../parse-helpers";
import { pageBackward, spanOf, warnIncomplete } from "../paging";
import { Envelope, FundingRecord, MarketRecord, OrderbookData } from "./schemas";
import { HOUR_MS } from "../../metrics/time";
import { z } from "zod";

const SLUG = "extended";
/** Funding is charged hourly on every market (docs.x10.exchange/extended-resources/trading/funding-payments). */
export const FUNDING_INTERVAL_HOURS = 1;
/** /info/{market}/funding records asked a page (ccxt's default page). */
export const FUNDING_PAGE = 100;

function listOf(body: unknown, ctx: ParseContext, what: string): { list: unknown[] } | { rejection: ParseResult<any> } {
  const env = parseBody(Envelope, body, ctx, what);
  if (!env.ok) return { rejection: { rows: [], rejected: [env.rejection] } };
  if (!Array.isArray(env.value.data)) return { rejection: parseWhole(ctx, () => { throw new RecordError("data", `${what}: expected a list`); }) };
  return { list: env.value.data };
}

function marketRow(m: MarketRecord): MarketRow {
  return {
    symbol: m.name,
    base: m.assetName,
    quote: "USD",
    settle: m.collateralAssetName === "USD" ? "USDC" : m.collateralAssetName,
    contractType: "linear",
    sizeUnit: "base",
    contractSize: 1,
    tickSize: m.tradingConfig.minPriceChange,
    maxLeverage: m.tradingConfig.maxLeverage,
    fundingIntervalHours: FUNDING_INTERVAL_HOURS,
    active: m.active && m.status === "ACTIVE",
  };
}
type MarketRecord = z.infer<typeof MarketRecord>;

function parseFromMarkets(kind: "markets" | "funding" | "oi", body: unknown, ctx: ParseContext): ParseResult<any> {
  const l = listOf(body, ctx, "info/markets");
  if ("rejection" in l) return l.rejection;
  return mapEach(l.list, ctx, (r: any) => r?.name ?? null, (raw) => {
    const m = MarketRecord.parse(raw);
    if (kind === "markets") return marketRow(m);
    const s = m.marketStats;
    if (!s) return null; // a market without statistics has no current rate or open interest to report
    if (kind === "funding") {
      return { symbol: m.name, fundingTime: s.nextFundingRate, rate: s.fundingRate, intervalHours: FUNDING_INTERVAL_HOURS, premium: (s.markPrice - s.indexPrice) / s.indexPrice, markPrice: s.markPrice, indexPrice: s.indexPrice, predicted: true };
    }
    // Open interest in base units and its USD value as the venue states it; the body has no timestamp.
    return { symbol: m.name, ts: ctx.receivedTs, sizeBase: s.openInterestBase, valueUsd: s.openInterest };
  });
}

function parseDepth(body: unknown, ctx: ParseContext): ParseResult<"depth"> {
  const named = typeof (body as any)?.data?.market === "string" ? (body as any).data.market : null;
  return parseWhole(ctx, () => {
    const env = parseBody(Envelope, body, ctx, "orderbook");
    if (!env.ok) return { rows: [], rejected: [env.rejection] };
    const d = OrderbookData.parse(env.value.data);
    if (ctx.symbol && ctx.symbol !== d.market) throw new RecordError("data.market", `book is for ${d.market}, expected ${ctx.symbol}`);
    const book = checkBook(d.bid.map((l) => [l.price, l.qty]), d.ask.map((l) => [l.price, l.qty]));
    // The venue serves the whole book (no depth parameter): never truncated by our request.
    return { rows: [{ symbol: d.market, exchangeTs: null, receivedTs: ctx.receivedTs, ...book, levelLimit: null, truncated: false }], rejected: [] };
  }, named);
}

function parseFundingHistory(body: unknown, ctx: ParseContext): ParseResult<"funding"> {
  const l = listOf(body, ctx, "funding");
  if ("rejection" in l) return l.rejection;
  return mapEach(l.list, ctx, (r: any) => r?.m ?? null, (raw) => {
    const f = FundingRecord.parse(raw);
    return { symbol: f.m, fundingTime: f.T, rate: f.f, intervalHours: FUNDING_INTERVAL_HOURS, premium: null, markPrice: null, indexPrice: null, predicted: false };
  });
}

const isMarketsBody = (body: unknown) => {
  const d = (body as any)?.data;
  return Array.isArray(d) && d.length > 0 && typeof d[0] === "object" && d[0] !== null && "tradingConfig" in d[0];
};

async function parse(kind: DataKind, body: unknown, ctx: ParseContext): Promise<ParseResult<any>> {
  switch (kind) {
    case "markets":
    case "oi":
      return parseFromMarkets(kind, body, ctx);
    case "funding":
      return isMarketsBody(body) ? parseFromMarkets("funding", body, ctx) : parseFundingHistory(body, ctx);
    case "depth":
      return parseDepth(body, ctx);
    default:
      return parseWhole(ctx, () => { throw new RecordError("kind", `${SLUG}: ${kind} is not parsed (see the connector's notes)`); });
  }
}

/** Settled hourly funding of one market: the latest page, or pages back from `until` to `since` (ms bounds). */
async function fetchFundingHistory(http: VenueHttp, symbol: string, req: FetchRequest): Promise<void> {
  const meta = { kind: "funding" as const, symbol };
  const until = req.until ?? Date.now();
  if (req.since === undefined) {
    await http.ccxtCall("v1PublicGetInfoMarketFunding", { market: symbol, startTime: until - FUNDING_PAGE * HOUR_MS, endTime: until, limit: FUNDING_PAGE }, meta);
    return;
  }
  const w = { since: req.since, until, pageSize: FUNDING_PAGE, maxPages: req.maxPages };
  const result = await pageBackward(w, async (to) => {
    const body = await http.ccxtCall("v1PublicGetInfoMarketFunding", { market: symbol, startTime: w.since, endTime: to, limit: FUNDING_PAGE }, meta);
    const data = (body as any)?.data;
    return spanOf(Array.isArray(data) ? data.map((r) => FundingRecord.safeParse(r)).filter((p) => p.success).map((p) => p.data!.T) : []);
  });
  warnIncomplete(http, SLUG, symbol, "funding history", w, result);
}

export const extended: VenueConnector = {
  info: {
    slug: SLUG,
    name: "Extended",
    kind: "dex",
    chain: "Starknet",
    websiteUrl: "https://extended.exchange",
    docsUrl: "https://docs.extended.exchange/",
    apiDocsUrl: "https://api.docs.extended.exchange/",
  },
  ccxtId: "extended",
  has: { markets: true, depth: true, funding: true, fees: false, liquidations: false, oi: true, insurance: false, margin: false },
  notes: {
    markets: "Perpetuals from /info/markets (base-sized, quoted in USD, USDC collateral), with max leverage and tick; funding is hourly on every market.",
    depth: "/info/markets/{market}/orderbook serves the whole book (no depth parameter) and no timestamp: the fetch time stands in.",
    funding: "The current hourly rate and next funding time from /info/markets (predicted); settled history from /info/{market}/funding (startTime/endTime in ms), paged back.",
    oi: "openInterestBase (base) and openInterest (USD) of each /info/markets record, at the fetch time.",
    fees: "Fee schedule is published in the docs, not in a public API body; not fetched.",
    liquidations: "No public liquidation feed.",
    insurance: "No public insurance-fund endpoint.",
    margin: "riskFactorConfig tiers ride in /info/markets but are not parsed yet (the risk factor's role, initial or maintenance, is not sourced).",
  },
  defaultBases: ["BTC", "ETH", "SOL"],
  symbolFor: (base) => `${base}-USD`,
  inferMarket(symbol) {
    const m = /^([A-Z0-9]+)-USD$/.exec(symbol);
    if (!m) return null;
    return { symbol, base: m[1], quote: "USD", settle: "USDC", contractType: "linear", sizeUnit: "base", contractSize: 1, tickSize: null, maxLeverage: null, fundingIntervalHours: FUNDING_INTERVAL_HOURS, active: true };
  },
  async fetch(kind, http, req) {
    switch (kind) {
      case "markets":
      case "oi":
        await http.ccxtCall("v1PublicGetInfoMarkets", {}, { kind, symbol: null });
        return;
      case "depth":
        for (const symbol of req.symbols) await http.ccxtCall("v1PublicGetInfoMarketsMarketOrderbook", { market: symbol }, { kind, symbol, levelLimit: null });
        return;
      case "funding":
        for (const symbol of req.symbols) await fetchFundingHistory(http, symbol, req);
        await http.ccxtCall("v1PublicGetInfoMarkets", {}, { kind, symbol: null });
        return;
      default:
        throw new Error(`${SLUG}: ${kind} not supported`);
    }
  },
  parse,
};
