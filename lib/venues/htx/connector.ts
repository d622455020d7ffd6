// HTX (Huobi) perpetual swaps: coin-margined inverse (<BASE>-USD, contract_size USD a contract: 100 for
// BTC, 10 for the others) and USDT-margined linear (<BASE>-USDT, contract_size base units a contract).
// ccxt (`htx`) sends every request through its contractPublic implicit methods; the bodies are validated
// with zod and mapped here (ccxt's market loader asks a dozen endpoints at once, so contract_info is read
// directly). API: https://www.htx.com/en-us/opend/newApiPages/
import type { DataKind, FetchRequest, MarketRow, ParseContext, ParseResult, VenueConnector, VenueHttp } from "../types";
import { checkBook, mapEach, parseBody, parseWhole, RecordError, requireMarket } from "../parse-helpers";
import { sizeToBase } from "../units";
import { pageByCursor, spanOf, warnIncomplete } from "../paging";
import { ContractInfo, ContractInfoBody, DepthMessage, FundingRecord, InverseFundingPage, LinearFundingList } from "./schemas";
import { fetchHtxInsurance, parseHtxInsurance } from "./insurance";

const SLUG = "htx";
/** step0 depth serves up to 150 levels a side (no aggregation). */
export const DEPTH_LEVELS = 150;
/** Inverse swap_historical_funding_rate page size ("page_size" max 50, as ccxt uses it). */
export const FUNDING_PAGE = 50;
/** Linear funding list size (ccxt: "max 100"). */
export const LINEAR_FUNDING_LIMIT = 100;

export const isInverse = (code: string) => code.endsWith("-USD");

function parseMarkets(body: unknown, ctx: ParseContext): ParseResult<"markets"> {
  const env = parseBody(ContractInfoBody, body, ctx, "swap_contract_info");
  if (!env.ok) return { rows: [], rejected: [env.rejection] };
  return mapEach(env.value.data, ctx, (r: any) => r?.contract_code ?? null, (raw): MarketRow | null => {
    const c = ContractInfo.parse(raw);
    // Perpetual swaps only (the linear list can carry dated futures with business_type "futures").
    if (c.business_type !== undefined && c.business_type !== "swap") return null;
    if (!(c.contract_size > 0)) throw new RecordError("contract_size", `non-positive contract size ${c.contract_size}`);
    const [base, quote] = c.contract_code.split("-");
    const inverse = quote === "USD";
    return {
      symbol: c.contract_code,
      base,
      quote,
      settle: inverse ? base : quote,
      contractType: inverse ? "inverse" : "linear",
      sizeUnit: "contracts",
      // Inverse: USD per contract; linear: base units per contract (units.ts).
      contractSize: c.contract_size,
      tickSize: c.price_tick,
      maxLeverage: null,
      fundingIntervalHours: null,
      // contract_status 1 = listed and trading.
      active: c.contract_status === 1,
    };
  });
}

function parseDepth(body: unknown, ctx: ParseContext): ParseResult<"depth"> {
  const named = typeof (body as any)?.ch === "string" ? String((body as any).ch).split(".")[1] ?? null : null;
  return parseWhole(ctx, () => {
    const parsed = parseBody(DepthMessage, body, ctx, "depth");
    if (!parsed.ok) return { rows: [], rejected: [parsed.rejection] };
    const m = parsed.value;
    const symbol = m.ch.split(".")[1];
    if (ctx.symbol && ctx.symbol !== symbol) throw new RecordError("ch", `book is for ${symbol}, expected ${ctx.symbol}`);
    const market = requireMarket(ctx.markets, symbol, ctx.venue);
    // vol is contracts: inverse → contracts × contract_size USD / price; linear → × contract_size base.
    const toBase = (levels: typeof m.tick.bids) => levels.map((l) => [l[0], sizeToBase(l[1], l[0], market)] as [number, number]);
    const book = checkBook(toBase(m.tick.bids), toBase(m.tick.asks));
    const n = Math.max(m.tick.bids.length, m.tick.asks.length);
    const limit = ctx.levelLimit ?? DEPTH_LEVELS;
    return {
      rows: [{ symbol, exchangeTs: m.tick.ts ?? m.ts, receivedTs: ctx.receivedTs, ...book, levelLimit: limit, truncated: n >= limit }],
      rejected: [],
    };
  }, named);
}

function parseFunding(body: unknown, ctx: ParseContext): ParseResult<"funding"> {
  const inv = InverseFundingPage.safeParse(body);
  const list = inv.success ? inv.data.data.data : LinearFundingList.safeParse(body).data?.data;
  if (!list) return parseWhole(ctx, () => { throw new RecordError("data", "expected a swap_historical_funding_rate page or a funding_rate_history list"); });
  return mapEach(list, ctx, (r: any) => r?.contract_code ?? null, (raw) => {
    const r = FundingRecord.parse(raw);
    return { symbol: r.contract_code, fundingTime: r.funding_time, rate: r.funding_rate, intervalHours: null, premium: null, markPrice: null, indexPrice: null, predicted: false };
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
    case "insurance":
      return parseHtxInsurance(body, ctx);
    default:
      return parseWhole(ctx, () => { throw new RecordError("kind", `${SLUG}: ${kind} is not parsed (see the connector's notes)`); });
  }
}

async function fetchFunding(http: VenueHttp, symbol: string, req: FetchRequest): Promise<void> {
  const meta = { kind: "funding" as const, symbol };
  if (!isInverse(symbol)) {
    // One list of the latest records; this endpoint's window paging was not verified, so no backfill.
    await http.ccxtCall("contractPublicGetV5MarketFundingRateHistory", { contract_code: symbol, limit: LINEAR_FUNDING_LIMIT }, meta);
    return;
  }
  if (req.since === undefined) {
    await http.ccxtCall("contractPublicGetSwapApiV1SwapHistoricalFundingRate", { contract_code: symbol, page_index: 1, page_size: FUNDING_PAGE }, meta);
    return;
  }
  // Pages are numbered from the newest records (page 1) back; walk until `since` is reached.
  const w = { since: req.since, until: req.until ?? Date.now(), pageSize: FUNDING_PAGE, maxPages: req.maxPages, order: "newest-first" as const };
  const result = await pageByCursor<number>(w, async (cursor) => {
    const page = cursor ?? 1;
    const body = await http.ccxtCall("contractPublicGetSwapApiV1SwapHistoricalFundingRate", { contract_code: symbol, page_index: page, page_size: FUNDING_PAGE }, meta);
    const p = InverseFundingPage.safeParse(body);
    if (!p.success) return { ...spanOf([]), next: null };
    const times = p.data.data.data.map((r) => Number((r as { funding_time?: unknown })?.funding_time));
    return { ...spanOf(times), next: page < p.data.data.total_page ? page + 1 : null };
  });
  warnIncomplete(http, SLUG, symbol, "funding history", w, result);
}

export const htx: VenueConnector = {
  info: {
    slug: SLUG,
    name: "HTX Futures",
    kind: "cex",
    chain: null,
    websiteUrl: "https://www.htx.com/futures/exchange/",
    docsUrl: "https://www.htx.com/support/",
    apiDocsUrl: "https://www.htx.com/en-us/opend/newApiPages/",
  },
  ccxtId: "htx",
  has: { markets: true, depth: true, funding: true, fees: false, liquidations: false, oi: false, insurance: true, margin: false },
  notes: {
    markets: "Coin-margined (<BASE>-USD, contract_size USD) and USDT-margined (<BASE>-USDT, contract_size base units) swaps from swap_contract_info; no funding interval in that body.",
    depth: "step0 depth (no aggregation), up to 150 levels a side; the recorded body is a WebSocket depth.step0 push with the same tick shape.",
    funding: "Settled history: coin-margined pages back through swap_historical_funding_rate (page_index, 50 a page); USDT-margined: one list of the latest 100 (v5 funding_rate_history), not backfilled.",
    fees: "Fee rates come from the account endpoints (API key); not fetched.",
    oi: "swap_open_interest is public but not parsed yet (no recorded body).",
    liquidations: "swap_liquidation_orders is public but not parsed yet (no recorded body).",
    insurance: "Daily balance history of each USDT-margined swap's pool from /linear-swap-api/v1/swap_insurance_fund (native: ccxt's path for it is malformed), paged back by page_index, USDT as USD 1:1, one asset per contract. Coin-margined pools (/swap-api/v1/swap_insurance_fund) are in the coin and need a price at each reading: not fetched.",
    margin: "Tier tables (swap_adjustfactor) not parsed yet.",
  },
  defaultBases: ["BTC", "ETH", "SOL"],
  symbolFor: (base) => `${base}-USDT`,
  inferMarket: () => null,
  async fetch(kind, http, req) {
    switch (kind) {
      case "markets":
        await http.ccxtCall("contractPublicGetSwapApiV1SwapContractInfo", {}, { kind, symbol: null });
        await http.ccxtCall("contractPublicGetLinearSwapApiV1SwapContractInfo", { business_type: "swap" }, { kind, symbol: null });
        return;
      case "depth":
        for (const symbol of req.symbols) {
          const method = isInverse(symbol) ? "contractPublicGetSwapExMarketDepth" : "contractPublicGetLinearSwapExMarketDepth";
          await http.ccxtCall(method, { contract_code: symbol, type: "step0" }, { kind, symbol, levelLimit: DEPTH_LEVELS });
        }
        return;
      case "funding":
        for (const symbol of req.symbols) await fetchFunding(http, symbol, req);
        return;
      case "insurance":
        await fetchHtxInsurance(http, new Set(req.symbols.filter((s) => !isInverse(s))), req);
        return;
      default:
        throw new Error(`${SLUG}: ${kind} not supported`);
    }
  },
  parse,
};
