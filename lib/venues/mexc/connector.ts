// MEXC futures (contract API), USDT-margined linear perpetuals (<BASE>_USDT, contractSize base units a
// contract). ccxt (`mexc`) sends every request (contractPublicGet… implicit methods); bodies are validated
// and mapped here. Sizes on the wire are contracts. The funding cycle is per contract (collectCycle, hours).
// API: https://www.mexc.com/api-docs/futures/market-endpoints
import type { DataKind, FetchRequest, MarketRow, ParseContext, ParseResult, VenueConnector, VenueHttp } from "../types";
import { checkBook, mapEach, parseBody, parseWhole, RecordError, requireMarket } from "../parse-helpers";
import { sizeToBase } from "../units";
import { pageByCursor, spanOf, warnIncomplete } from "../paging";
import { ContractDetail, DepthData, Envelope, FundingCurrent, FundingHistoryPage, FundingSettled } from "./schemas";

const SLUG = "mexc";
/** /contract/depth/{symbol}?limit= : ccxt asks up to 1000 levels (the recorded body was asked with limit=1000). */
export const MAX_DEPTH = 1000;
/** /contract/funding_rate/history page size (docs: max 100). */
export const FUNDING_PAGE = 100;

function parseMarkets(body: unknown, ctx: ParseContext): ParseResult<"markets"> {
  const env = parseBody(Envelope, body, ctx, "contract/detail");
  if (!env.ok) return { rows: [], rejected: [env.rejection] };
  const list = Array.isArray(env.value.data) ? env.value.data : [env.value.data];
  return mapEach(list, ctx, (r: any) => r?.symbol ?? null, (raw): MarketRow | null => {
    const c = ContractDetail.parse(raw);
    if (c.futureType !== undefined && c.futureType !== 1) return null;
    if (!(c.contractSize > 0)) throw new RecordError("contractSize", `non-positive contract size ${c.contractSize}`);
    return {
      symbol: c.symbol,
      base: c.baseCoin,
      quote: c.quoteCoin,
      settle: c.settleCoin,
      contractType: "linear",
      sizeUnit: "contracts",
      // contractSize base units a contract (units.ts).
      contractSize: c.contractSize,
      tickSize: c.priceUnit,
      maxLeverage: c.maxLeverage ?? null,
      fundingIntervalHours: null,
      active: c.state === 0,
    };
  });
}

function parseDepth(body: unknown, ctx: ParseContext): ParseResult<"depth"> {
  return parseWhole(ctx, () => {
    if (!ctx.symbol) throw new RecordError("symbol", `${ctx.venue}: a depth body does not name its contract; pass --symbol`);
    const env = parseBody(Envelope, body, ctx, "depth");
    if (!env.ok) return { rows: [], rejected: [env.rejection] };
    const d = DepthData.parse(env.value.data);
    const market = requireMarket(ctx.markets, ctx.symbol, ctx.venue);
    // vol is contracts: × contractSize base units.
    const toBase = (levels: typeof d.bids) => levels.map((l) => [l[0], sizeToBase(l[1], l[0], market)] as [number, number]);
    const book = checkBook(toBase(d.bids), toBase(d.asks));
    const n = Math.max(d.bids.length, d.asks.length);
    const limit = ctx.levelLimit;
    return { rows: [{ symbol: ctx.symbol, exchangeTs: d.timestamp, receivedTs: ctx.receivedTs, ...book, levelLimit: limit, truncated: limit !== null && n >= limit }], rejected: [] };
  });
}

function parseFunding(body: unknown, ctx: ParseContext): ParseResult<"funding"> {
  const env = parseBody(Envelope, body, ctx, "funding_rate");
  if (!env.ok) return { rows: [], rejected: [env.rejection] };
  const page = FundingHistoryPage.safeParse(env.value.data);
  if (page.success) {
    return mapEach(page.data.resultList, ctx, (r: any) => r?.symbol ?? null, (raw) => {
      const f = FundingSettled.parse(raw);
      return { symbol: f.symbol, fundingTime: f.settleTime, rate: f.fundingRate, intervalHours: ctx.markets.get(f.symbol)?.fundingIntervalHours ?? null, premium: null, markPrice: null, indexPrice: null, predicted: false };
    });
  }
  return parseWhole(ctx, () => {
    const f = FundingCurrent.parse(env.value.data);
    return { rows: [{ symbol: f.symbol, fundingTime: f.nextSettleTime, rate: f.fundingRate, intervalHours: f.collectCycle > 0 ? f.collectCycle : null, premium: null, markPrice: null, indexPrice: null, predicted: true }], rejected: [] };
  });
}

async function parse(kind: DataKind, body: unknown, ctx: ParseContext): Promise<ParseResult<any>> {
  switch (kind) {
    case "markets":
      return parseMarkets(body, ctx);
    case "depth":
      return parseDepth(body, ctx);
    case "funding":
      return parseFunding(body, ctx);
    default:
      return parseWhole(ctx, () => { throw new RecordError("kind", `${SLUG}: ${kind} is not parsed (see the connector's notes)`); });
  }
}

/** Settled funding of one contract: page 1 (newest), or pages back until `since`. */
async function fetchFunding(http: VenueHttp, symbol: string, req: FetchRequest): Promise<void> {
  const meta = { kind: "funding" as const, symbol };
  if (req.since === undefined) {
    await http.ccxtCall("contractPublicGetFundingRateHistory", { symbol, page_num: 1, page_size: FUNDING_PAGE }, meta);
    return;
  }
  const w = { since: req.since, until: req.until ?? Date.now(), pageSize: FUNDING_PAGE, maxPages: req.maxPages, order: "newest-first" as const };
  const result = await pageByCursor<number>(w, async (cursor) => {
    const pageNum = cursor ?? 1;
    const body = await http.ccxtCall("contractPublicGetFundingRateHistory", { symbol, page_num: pageNum, page_size: FUNDING_PAGE }, meta);
    const page = FundingHistoryPage.safeParse((body as any)?.data);
    if (!page.success) return { ...spanOf([]), next: null };
    const times = page.data.resultList.map((r) => FundingSettled.safeParse(r)).filter((p) => p.success).map((p) => p.data!.settleTime);
    return { ...spanOf(times), next: pageNum < page.data.totalPage ? pageNum + 1 : null };
  });
  warnIncomplete(http, SLUG, symbol, "funding history", w, result);
}

export const mexc: VenueConnector = {
  info: {
    slug: SLUG,
    name: "MEXC Futures",
    kind: "cex",
    chain: null,
    websiteUrl: "https://futures.mexc.com/",
    docsUrl: "https://www.mexc.com/support",
    apiDocsUrl: "https://www.mexc.com/api-docs/futures/market-endpoints",
  },
  ccxtId: "mexc",
  has: { markets: true, depth: true, funding: true, fees: false, liquidations: false, oi: false, insurance: false, margin: false },
  notes: {
    markets: "USDT-margined perpetuals from /contract/detail (futureType 1), contractSize base units a contract; the funding cycle comes with the current-rate body, not the contract.",
    depth: "/contract/depth/{symbol}?limit=1000: [price, contracts, orders] levels converted with contractSize; ms timestamp.",
    funding: "Settled history from /contract/funding_rate/history (page_num from 1 = newest, 100 a page); the current rate, its cycle (hours) and next settlement from /contract/funding_rate/{symbol}.",
    fees: "Contract records carry base-tier maker/taker rates; account tiers are private. Not stored.",
    oi: "Open interest appears only in the ticker body (holdVol); not parsed yet (no recorded body).",
    liquidations: "No public liquidation feed.",
    insurance: "/contract/risk_reverse/history (insurance-fund balance history) is public but not parsed yet (no recorded body).",
    margin: "riskLimitCustom tiers (contract-sized maxVol) ride in /contract/detail but are not parsed: their bounds need a recorded price.",
  },
  defaultBases: ["BTC", "ETH", "SOL"],
  symbolFor: (base) => `${base}_USDT`,
  inferMarket: () => null,
  async fetch(kind, http, req) {
    switch (kind) {
      case "markets":
        await http.ccxtCall("contractPublicGetDetail", {}, { kind, symbol: null });
        return;
      case "depth":
        for (const symbol of req.symbols) {
          const limit = Math.min(req.levelLimit ?? MAX_DEPTH, MAX_DEPTH);
          await http.ccxtCall("contractPublicGetDepthSymbol", { symbol, limit }, { kind, symbol, levelLimit: limit });
        }
        return;
      case "funding":
        for (const symbol of req.symbols) await fetchFunding(http, symbol, req);
        for (const symbol of req.symbols) await http.ccxtCall("contractPublicGetFundingRateSymbol", { symbol }, { kind, symbol });
        return;
      default:
        throw new Error(`${SLUG}: ${kind} not supported`);
    }
  },
  parse,
};
