// Paradex perpetuals (Starknet app-chain). ccxt ("paradex") covers every public endpoint used here
// through its implicit methods (publicGet...) and parses markets; parsers validate raw bodies with zod.
// Sizes are base-asset quantities. Funding accrues continuously against a funding index; the rate
// published in /markets/summary is quoted per funding period (funding_period_hours of the market), so it
// is stored as a current estimate (predicted) at its timestamp; /funding/data serves the history of those
// estimates. The insurance fund balance is public.
import type { FetchRequest, FundingRow, LiquidationRow, MarketRow, ParseContext, ParseResult, VenueConnector, VenueHttp } from "../types";
import { pageByCursor, spanOf, warnIncomplete } from "../paging";
import { checkBook, mapEach, parseBody, RecordError } from "../parse-helpers";
import { parserTable } from "../parse-helpers";
import { fetchCcxtMarkets, marketRowFromCcxt, parseCcxtMarkets } from "../ccxt-markets";
import { FundingData, InsuranceBody, Market, MarketSummary, OrderbookBody, ResultsBody, Trade } from "./schemas";

const SLUG = "paradex";
/**
 * Deepest book /v1/orderbook/{market} serves. Checked for issue #22: the API reference gives only the default
 * ("depth (integer, optional, default: 20) — Depth", docs.paradex.trade/api/prod/markets/get-orderbook) and
 * ccxt passes `depth` through uncapped. The venue's own answer to a deeper request is a refusal of the whole
 * call, not a shorter book: HTTP 400 {"error":"INVALID_REQUEST_PARAMETER","message":"Depth: must be no greater
 * than 100."} (quoted by a public scanner that measured it, 2026-09; no recorded body of ours). So requests are
 * capped at 100 and a side with 100 levels is cut there.
 */
export const MAX_DEPTH = 100;
const DEFAULT_DEPTH = MAX_DEPTH;
const DOCUMENTED_DEFAULT_DEPTH = 20;
/** /v1/funding/data rows per page (ccxt: "api maximum 5000"). */
export const FUNDING_DATA_PAGE = 5000;
/** Public trades per request (the page size ccxt allows). */
const TRADES_PAGE = 1000;


function results(body: unknown, ctx: ParseContext, what: string) {
  const parsed = parseBody(ResultsBody, body, ctx, what);
  return parsed.ok ? { list: parsed.value.results, rejected: [] } : { list: [], rejected: [parsed.rejection] };
}

async function parseMarkets(body: unknown, ctx: ParseContext): Promise<ParseResult<"markets">> {
  const { list, rejected } = results(body, ctx, "markets");
  if (rejected.length) return { rows: [], rejected };
  const ccxtMarkets = await parseCcxtMarkets("paradex", body);
  const byId = new Map(ccxtMarkets.map((m) => [m.id, m]));
  const out = mapEach(list, ctx, (m: any) => m?.symbol ?? null, (raw) => {
    const m = Market.parse(raw);
    if (m.asset_kind !== "PERP") return null; // options and perpetual options are not perpetual futures
    const cm = byId.get(m.symbol);
    if (!cm) throw new RecordError("symbol", `ccxt did not parse market ${m.symbol}`);
    const imf = m.delta1_cross_margin_params?.imf_base;
    const period = m.funding_period_hours !== undefined && m.funding_period_hours > 0 ? m.funding_period_hours : null;
    return marketRowFromCcxt(cm, "base", {
      // Base initial margin fraction: 0.02 -> 50x.
      maxLeverage: imf && imf > 0 ? 1 / imf : null,
      fundingIntervalHours: period,
      fundingCapRate: m.max_funding_rate ?? null,
      fundingFloorRate: m.max_funding_rate !== undefined ? -m.max_funding_rate : null,
    } satisfies Partial<MarketRow>);
  });
  return out;
}

function parseDepth(body: unknown, ctx: ParseContext): ParseResult<"depth"> {
  return mapEach([body], ctx, (b: any) => b?.market ?? ctx.symbol, (raw) => {
    const b = OrderbookBody.parse(raw);
    const book = checkBook(b.bids, b.asks);
    // A capture knows the depth it asked for; a bare body was cut at the documented default of 20.
    const limit = ctx.levelLimit ?? DOCUMENTED_DEFAULT_DEPTH;
    return { symbol: b.market, exchangeTs: b.last_updated_at ?? null, receivedTs: ctx.receivedTs, ...book, levelLimit: limit, truncated: b.bids.length >= limit || b.asks.length >= limit };
  });
}

/** Rows of /markets/summary that are not perpetuals: options carry an empty funding_rate. */
const isOptionSummary = (raw: unknown) => !!raw && typeof raw === "object" && ((raw as { funding_rate?: unknown }).funding_rate === "" || (raw as { funding_rate?: unknown }).funding_rate === undefined);

function parseFunding(body: unknown, ctx: ParseContext): ParseResult<"funding"> {
  const { list, rejected } = results(body, ctx, "markets/summary");
  const out = mapEach(list, ctx, (r: any) => r?.symbol ?? r?.market ?? null, (raw: any) => {
    if (raw && typeof raw === "object" && "funding_index" in raw) {
      // /funding/data: one observation of the rate quoted for a whole funding period. Paradex accrues
      // funding continuously into funding_index; there is no settlement, so every row is an estimate.
      const r = FundingData.parse(raw);
      const period = r.funding_period_hours !== undefined && r.funding_period_hours > 0 ? r.funding_period_hours : null;
      return { symbol: r.market, fundingTime: r.created_at, rate: r.funding_rate, intervalHours: period ?? ctx.markets.get(r.market)?.fundingIntervalHours ?? null, premium: null, markPrice: null, indexPrice: null, predicted: true } satisfies FundingRow;
    }
    if (isOptionSummary(raw)) return null; // options carry no funding
    const r = MarketSummary.parse(raw);
    const index = r.underlying_price ?? null;
    return {
      symbol: r.symbol,
      fundingTime: r.created_at,
      rate: r.funding_rate,
      // The market's funding period, when its metadata said so.
      intervalHours: ctx.markets.get(r.symbol)?.fundingIntervalHours ?? null,
      // premium = (mark − underlying spot) / underlying spot
      premium: index ? (r.mark_price - index) / index : null,
      markPrice: r.mark_price,
      indexPrice: index,
      predicted: true,
    } satisfies FundingRow;
  });
  return { rows: out.rows, rejected: [...rejected, ...out.rejected] };
}

function parseOi(body: unknown, ctx: ParseContext): ParseResult<"oi"> {
  const { list, rejected } = results(body, ctx, "markets/summary");
  const out = mapEach(list, ctx, (r: any) => r?.symbol ?? null, (raw) => {
    // Option rows (empty funding_rate) are not perpetuals: skipped here as the funding parser skips them,
    // instead of failing MarketSummary on funding_rate and turning every run "partial".
    if (isOptionSummary(raw)) return null;
    const r = MarketSummary.parse(raw);
    if (r.open_interest < 0) throw new RecordError("open_interest", `negative open interest ${r.open_interest}`);
    // open_interest is base units; valued at the mark price of the same row.
    return { symbol: r.symbol, ts: r.created_at, sizeBase: r.open_interest, valueUsd: r.open_interest * r.mark_price };
  });
  return { rows: out.rows, rejected: [...rejected, ...out.rejected] };
}

function parseLiquidations(body: unknown, ctx: ParseContext): ParseResult<"liquidations"> {
  const { list, rejected } = results(body, ctx, "trades");
  const out = mapEach(list, ctx, (t: any) => t?.market ?? null, (raw: any) => {
    if (raw && typeof raw === "object" && raw.trade_type !== undefined && raw.trade_type !== "LIQUIDATION") return null;
    const t = Trade.parse(raw);
    if (!(t.size > 0)) throw new RecordError("size", `non-positive size ${t.size}`);
    // The taker of a liquidation trade is the liquidation order.
    return { symbol: t.market, ts: t.created_at, side: t.side === "BUY" ? "buy" : "sell", price: t.price, sizeBase: t.size, notionalUsd: t.price * t.size } satisfies LiquidationRow;
  });
  return { rows: out.rows, rejected: [...rejected, ...out.rejected] };
}

async function parseFees(body: unknown, ctx: ParseContext): Promise<ParseResult<"fees">> {
  const { list, rejected } = results(body, ctx, "markets");
  if (rejected.length) return { rows: [], rejected };
  const perp = (await parseCcxtMarkets("paradex", body)).find((m) => m.swap && m.taker !== undefined);
  if (!perp) return { rows: [], rejected: [{ venue: ctx.venue, symbol: null, field: "results", message: "no perpetual market in body", index: null }] };
  // Newer /markets rows carry the API fee schedule (fee_config.api_fee); otherwise ccxt's market metadata.
  const info = list.find((m: any) => m?.symbol === perp.id) as { fee_config?: { api_fee?: { maker_fee?: { fee?: string }; taker_fee?: { fee?: string } } } } | undefined;
  const api = info?.fee_config?.api_fee;
  const maker = api?.maker_fee?.fee !== undefined ? Number(api.maker_fee.fee) : perp.maker!;
  const taker = api?.taker_fee?.fee !== undefined ? Number(api.taker_fee.fee) : perp.taker!;
  const source = api ? "Paradex /v1/markets fee_config.api_fee" : "ccxt paradex market metadata (API perp base rates)";
  return { rows: [{ scope: "perp", tier: "base", makerRate: maker, takerRate: taker, effectiveFrom: ctx.receivedTs, source }], rejected: [] };
}

function parseInsurance(body: unknown, ctx: ParseContext): ParseResult<"insurance"> {
  return mapEach([body], ctx, () => null, (raw) => {
    const b = InsuranceBody.parse(raw);
    // account_value is in the settlement asset (USDC), counted 1:1 as USD.
    return { ts: b.updated_at, asset: b.settlement_asset, balanceUsd: b.account_value };
  });
}

/**
 * History of the funding estimate of one market, GET /v1/funding/data ("List historical funding data by
 * market": market, start_at, end_at, page_size, cursor — "Returns the 'next' paginated page"). The window is
 * in the request, so the walk follows `next` until it is null or the page cap stops it. Asked only with a
 * window: the venue recomputes the estimate every few seconds, so the history is long (ccxt: "paradex
 * recomputes it each second"), and the current estimate already comes from /markets/summary.
 */
async function fetchFundingData(http: VenueHttp, market: string, req: FetchRequest & { since: number }): Promise<void> {
  const w = { since: req.since, until: req.until ?? Date.now(), pageSize: null, maxPages: req.maxPages, order: "bounded" as const };
  const result = await pageByCursor<string>(w, async (cursor) => {
    const body = (await http.ccxtCall("publicGetFundingData", { market, start_at: w.since, end_at: w.until, page_size: FUNDING_DATA_PAGE, ...(cursor ? { cursor } : {}) }, { kind: "funding", symbol: market })) as { next?: unknown; results?: { created_at?: unknown }[] };
    const list = Array.isArray(body?.results) ? body.results : [];
    return { ...spanOf(list.map((r) => Number(r?.created_at))), next: typeof body?.next === "string" && body.next !== "" ? body.next : null };
  });
  warnIncomplete(http, SLUG, market, "funding history", w, result);
}

export const paradex: VenueConnector = {
  info: {
    slug: SLUG,
    name: "Paradex",
    kind: "dex",
    chain: "Paradex Chain (Starknet appchain)",
    websiteUrl: "https://www.paradex.trade",
    docsUrl: "https://docs.paradex.trade",
    apiDocsUrl: "https://docs.paradex.trade/api/prod",
  },
  ccxtId: "paradex",
  has: { markets: true, depth: true, funding: true, fees: true, liquidations: true, oi: true, insurance: true, margin: false },
  notes: {
    margin: "Not stored: /v1/markets carries delta1_cross_margin_params (imf_base, imf_factor, imf_shift, mmf_factor), inputs to a formula (https://docs.paradex.trade/risk/cross-margin-requirement) in which the margin fraction can grow continuously with position size; that is not a tier table, and the formula's exact form was not confirmed, so no rules are stored (max leverage = 1 / imf_base is kept with the markets).",
    funding: "Funding accrues continuously; /markets/summary gives the current rate per funding period (stored as an estimate at its timestamp). With --since, /funding/data adds the history of that estimate (also stored as estimates: there are no settlements).",
    liquidations: "Public trades with trade_type LIQUIDATION (most recent page per market).",
    depth: "depth=100 requested, the deepest the venue serves (a deeper request is refused with HTTP 400 \"Depth: must be no greater than 100\"; the docs state only the default of 20).",
    insurance: "Insurance fund account value from /v1/insurance (USDC, counted as USD).",
    fees: "API base maker/taker from /markets fee_config when present, else ccxt market metadata.",
  },
  defaultBases: ["BTC", "ETH", "SOL"],
  symbolFor: (base) => `${base}-USD-PERP`,
  inferMarket(symbol) {
    const m = /^([A-Z0-9]+)-USD-PERP$/.exec(symbol);
    if (!m) return null;
    return { symbol, base: m[1], quote: "USD", settle: "USDC", contractType: "linear", sizeUnit: "base", contractSize: 1, tickSize: null, maxLeverage: null, fundingIntervalHours: null, active: true };
  },
  async fetch(kind, http, req) {
    switch (kind) {
      case "markets":
      case "fees":
        await fetchCcxtMarkets(http, kind);
        return;
      case "depth":
        for (const market of req.symbols) {
          const depth = Math.min(req.levelLimit ?? DEFAULT_DEPTH, MAX_DEPTH);
          await http.ccxtCall("publicGetOrderbookMarket", { market, depth }, { kind, symbol: market, levelLimit: depth });
        }
        return;
      case "funding":
        if (req.since !== undefined) for (const market of req.symbols) await fetchFundingData(http, market, { ...req, since: req.since });
        await http.ccxtCall("publicGetMarketsSummary", { market: "ALL" }, { kind, symbol: null });
        return;
      case "oi":
        await http.ccxtCall("publicGetMarketsSummary", { market: "ALL" }, { kind, symbol: null });
        return;
      case "liquidations":
        for (const market of req.symbols) {
          await http.ccxtCall("publicGetTrades", { market, page_size: TRADES_PAGE, ...(req.since ? { start_at: req.since } : {}) }, { kind, symbol: market });
        }
        return;
      case "insurance":
        await http.ccxtCall("publicGetInsurance", {}, { kind, symbol: null });
        return;
      default:
        throw new Error(`${SLUG}: ${kind} not supported`);
    }
  },
  parse: parserTable("Paradex", { markets: parseMarkets, depth: parseDepth, funding: parseFunding, oi: parseOi, liquidations: parseLiquidations, fees: parseFees, insurance: parseInsurance }),
};
