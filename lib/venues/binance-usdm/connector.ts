// Binance USD-M perpetual futures. ccxt (`binanceusdm`) fetches every REST endpoint and normalises
// markets; the parsers below validate the raw bodies with zod. Liquidations are WebSocket-only since
// Binance retired /fapi/v1/allForceOrders, so live fetch does not offer them; recorded forceOrder
// messages import through the same parser. Requests follow the USD-M docs
// (https://developers.binance.com/docs/derivatives/usds-margined-futures): depth limits from the allowed set,
// funding history paged forward from `since`, premiumIndex per symbol (weight 1; 10 without a symbol),
// fundingInfo with the markets, and the public insurance fund snapshot.
import type { DataKind, MarketRow, ParseContext, ParseResult, VenueConnector } from "../types";
import { checkBook, digitCountRejections, mapEach, parseBody, RecordError } from "../parse-helpers";
import { ccxtBaseFeeRow, fetchCcxtMarkets, marketRowFromCcxt, parseCcxtMarkets } from "../ccxt-markets";
import { DepthBody, ForceOrder, FundingInfoRecord, FundingRecord, InsuranceBalanceGroup, OpenInterestBody, OpenInterestHistRecord, PremiumIndexRecord, RestForceOrder } from "./schemas";
import { z } from "zod";
import { parseLeverageBrackets } from "./margin";
import { HOUR_MS } from "../../metrics/time";
import type { InsuranceRow, VenueHttp, FetchRequest } from "../types";
import { pageForward, pageWindows, spanOf, warnIncomplete } from "../paging";

/**
 * Limits /fapi/v1/depth accepts ("Default 500; Valid limits:[5, 10, 20, 50, 100, 500, 1000]"); a book with
 * exactly this many levels is cut there (truncated).
 */
export const DEPTH_LIMITS = [5, 10, 20, 50, 100, 500, 1000];
/** /fapi/v1/fundingRate: "Default 100; max 1000", ascending from startTime. */
export const FUNDING_PAGE = 1000;

/** The smallest allowed depth limit holding `requested` levels (the deepest when none does); 1000 by default. */
export function depthLimitFor(requested: number | undefined): number {
  if (requested === undefined) return DEPTH_LIMITS[DEPTH_LIMITS.length - 1];
  return DEPTH_LIMITS.find((d) => d >= requested) ?? DEPTH_LIMITS[DEPTH_LIMITS.length - 1];
}

/** Insurance assets counted as USD 1:1; other assets of a pool (BTC, BNFCR, ...) need a price the body lacks. */
const USD_STABLE = new Set(["USDT", "USDC"]);

export interface BinanceLikeOptions {
  slug: string;
  ccxtId: string;
  /** ccxt implicit-API method prefix: "fapiPublic" for Binance and Aster. */
  api: string;
  /**
   * Path version inside ccxt's implicit method names: "" for Binance (fapiPublicGetDepth), "V1" for
   * Aster, whose ccxt API map keys paths as "v1/depth" (fapiPublicGetV1Depth).
   */
  version?: string;
  /** Implicit method that returns the perpetuals exchangeInfo alone; unset = ccxt's fetchMarkets. */
  marketsMethod?: string;
  /** Fetch /fapi/v1/fundingInfo with the markets (per-symbol interval, cap and floor). */
  fundingInfo?: boolean;
  /** Fetch the public insurance fund snapshot (/fapi/v1/insuranceBalance). */
  insuranceBalance?: boolean;
  /** Open-interest history from /futures/data/openInterestHist when a window is asked for (Binance only). */
  openInterestHist?: boolean;
}

/** The part of /fapi/v1/exchangeInfo checked before ccxt parses it (ccxt assumes a well-formed body). */
const ExchangeInfoShape = z.object({ symbols: z.array(z.object({ symbol: z.string() }).passthrough()) }).passthrough();

function needSymbol(ctx: ParseContext, what: string): string {
  if (!ctx.symbol) throw new RecordError("symbol", `${ctx.venue}: a ${what} body does not name its market; pass --symbol`);
  return ctx.symbol;
}

/** USD-M symbols are <BASE><QUOTE> with USDT/USDC/BUSD quotes and base-asset sizes. */
export function inferUsdmMarket(symbol: string): MarketRow | null {
  const m = /^([A-Z0-9]+?)(USDT|USDC|BUSD|FDUSD|USD1)$/.exec(symbol);
  if (!m) return null;
  return { symbol, base: m[1], quote: m[2], settle: m[2], contractType: "linear", sizeUnit: "base", contractSize: 1, tickSize: null, maxLeverage: null, fundingIntervalHours: null, active: true };
}

export async function parseBinanceLike(ccxtId: string, kind: DataKind, body: unknown, ctx: ParseContext): Promise<ParseResult<any>> {
  switch (kind) {
    case "markets": {
      if (Array.isArray(body)) {
        // /fapi/v1/fundingInfo: interval and cap/floor for symbols that differ from the default.
        return mapEach(body, ctx, (r: any) => r?.symbol ?? null, (raw) => {
          const r = FundingInfoRecord.parse(raw);
          const base = ctx.markets.get(r.symbol) ?? inferUsdmMarket(r.symbol);
          if (!base) throw new RecordError("symbol", `unknown market ${r.symbol}`);
          return { ...base, fundingIntervalHours: r.fundingIntervalHours, fundingCapRate: r.adjustedFundingRateCap, fundingFloorRate: r.adjustedFundingRateFloor };
        });
      }
      const shape = parseBody(ExchangeInfoShape, body, ctx, "exchangeInfo");
      if (!shape.ok) return { rows: [], rejected: [shape.rejection] };
      const markets = await parseCcxtMarkets(ccxtId, body);
      // ccxt's fetchMarkets may request several bodies (Aster: spot and futures exchangeInfo); offline each
      // request is answered with this one body, so the same market can come back twice: keep the first.
      const seen = new Set<string>();
      const swaps = markets.filter((m) => m.swap && !seen.has(m.id) && (seen.add(m.id), true));
      const mapped = mapEach(swaps, ctx, (m) => m.id, (m) => marketRowFromCcxt(m, "base"));
      return { rows: mapped.rows, rejected: [...digitCountRejections(body, ctx), ...mapped.rejected] };
    }
    case "fees": {
      // Public base rates: ccxt's market metadata (Binance's regular-user tier); VIP tiers need an account.
      const shape = parseBody(ExchangeInfoShape, body, ctx, "exchangeInfo");
      if (!shape.ok) return { rows: [], rejected: [shape.rejection] };
      return ccxtBaseFeeRow(ctx, () => parseCcxtMarkets(ccxtId, body), { field: "symbols", tier: "regular", source: `ccxt ${ccxtId} market metadata (public base tier)` });
    }
    case "depth": {
      try {
        const symbol = needSymbol(ctx, "depth");
        const parsed = parseBody(DepthBody, body, ctx, "depth");
        if (!parsed.ok) return { rows: [], rejected: [parsed.rejection] };
        const b = parsed.value;
        const book = checkBook(b.bids, b.asks);
        const limit = ctx.levelLimit ?? (DEPTH_LIMITS.includes(Math.max(b.bids.length, b.asks.length)) ? Math.max(b.bids.length, b.asks.length) : null);
        return {
          rows: [{ symbol, exchangeTs: b.T ?? b.E ?? null, receivedTs: ctx.receivedTs, ...book, levelLimit: limit, truncated: limit !== null && (b.bids.length >= limit || b.asks.length >= limit) }],
          rejected: [],
        };
      } catch (err) {
        return mapEach([body], ctx, () => ctx.symbol, () => { throw err; });
      }
    }
    case "funding": {
      // premiumIndex with a symbol answers one object; without one, and fundingRate always, an array.
      const isPremiumObject = !!body && typeof body === "object" && !Array.isArray(body) && "lastFundingRate" in body;
      if (!Array.isArray(body) && !isPremiumObject) {
        return mapEach([body], ctx, () => ctx.symbol, () => { throw new RecordError("(body)", "funding body must be an array of records or one premiumIndex record"); });
      }
      return mapEach(isPremiumObject ? [body] : (body as unknown[]), ctx, (r: any) => r?.symbol ?? null, (raw: any) => {
        if (raw && typeof raw === "object" && "lastFundingRate" in raw) {
          const r = PremiumIndexRecord.parse(raw);
          return { symbol: r.symbol, fundingTime: r.nextFundingTime, rate: r.lastFundingRate, intervalHours: null, premium: (r.markPrice - r.indexPrice) / r.indexPrice, markPrice: r.markPrice, indexPrice: r.indexPrice, predicted: true };
        }
        const r = FundingRecord.parse(raw);
        const mark = typeof r.markPrice === "number" ? r.markPrice : null;
        return { symbol: r.symbol, fundingTime: r.fundingTime, rate: r.fundingRate, intervalHours: null, premium: null, markPrice: mark, indexPrice: null, predicted: false };
      });
    }
    case "oi": {
      if (Array.isArray(body)) {
        // /futures/data/openInterestHist: readings in base units with their USD value.
        return mapEach(body, ctx, (r: any) => r?.symbol ?? ctx.symbol, (raw) => {
          const r = OpenInterestHistRecord.parse(raw);
          if (r.sumOpenInterest < 0) throw new RecordError("sumOpenInterest", `negative open interest ${r.sumOpenInterest}`);
          return { symbol: r.symbol, ts: r.timestamp, sizeBase: r.sumOpenInterest, valueUsd: r.sumOpenInterestValue };
        });
      }
      return mapEach([body], ctx, (r: any) => r?.symbol ?? ctx.symbol, (raw) => {
        const r = OpenInterestBody.parse(raw);
        if (r.openInterest < 0) throw new RecordError("openInterest", `negative open interest ${r.openInterest}`);
        return { symbol: r.symbol, ts: r.time, sizeBase: r.openInterest, valueUsd: null };
      });
    }
    case "liquidations": {
      const list = Array.isArray(body) ? body : [body];
      return mapEach(list, ctx, (m: any) => m?.data?.o?.s ?? m?.o?.s ?? m?.symbol ?? null, (m: any) => {
        if (m && typeof m === "object" && "symbol" in m) {
          const r = RestForceOrder.parse(m);
          const price = r.averagePrice && r.averagePrice > 0 ? r.averagePrice : r.price;
          const size = r.executedQty && r.executedQty > 0 ? r.executedQty : r.origQty;
          if (!(size > 0)) throw new RecordError("origQty", `non-positive size ${size}`);
          return { symbol: r.symbol, ts: r.time, side: r.side === "BUY" ? "buy" : "sell", price, sizeBase: size, notionalUsd: price * size };
        }
        const o = ForceOrder.parse(m?.data?.o ?? m?.o);
        // ap = average fill price, z = filled quantity: what was actually liquidated.
        const price = o.ap && o.ap > 0 ? o.ap : o.p;
        const size = o.z && o.z > 0 ? o.z : o.q;
        if (!(size > 0)) throw new RecordError("o.q", `non-positive size ${size}`);
        return { symbol: o.s, ts: o.T, side: o.S === "BUY" ? "buy" : "sell", price, sizeBase: size, notionalUsd: price * size };
      });
    }
    case "insurance":
      return parseInsuranceBalance(body, ctx);
    case "margin":
      return parseLeverageBrackets(body, ctx);
  }
}

/**
 * GET /fapi/v1/insuranceBalance: one {symbols, assets} pool (with a symbol) or an array of pools (without).
 * Each pool's USD-stable assets become one row each, keyed "<asset>:<pool>" (the pool named by its
 * alphabetically first symbol and the count of the others: pools are disjoint, so the name is unique), at
 * the snapshot's updateTime. BTC, BNFCR and other assets are left out for want of a price in the body, so the
 * stored venue total is a lower bound of the fund.
 */
function parseInsuranceBalance(body: unknown, ctx: ParseContext): ParseResult<"insurance"> {
  return mapEach(Array.isArray(body) ? body : [body], ctx, () => null, (raw) => {
    const pool = InsuranceBalanceGroup.parse(raw);
    const symbols = [...pool.symbols].sort();
    const name = symbols.length === 0 ? "all" : `${symbols[0]}${symbols.length > 1 ? `+${symbols.length - 1}` : ""}`;
    return pool.assets.filter((a) => USD_STABLE.has(a.asset)).map((a): InsuranceRow => {
      if (a.marginBalance < 0) throw new RecordError("marginBalance", `negative balance ${a.marginBalance}`);
      return { ts: a.updateTime, asset: `${a.asset}:${name}`, balanceUsd: a.marginBalance };
    });
  });
}

/** Funding history of one symbol: one page of the latest records, or pages forward over [since, until]. */
export async function fetchFundingHistory(http: VenueHttp, method: string, venue: string, symbol: string, req: FetchRequest): Promise<void> {
  const meta = { kind: "funding" as const, symbol };
  if (req.since === undefined) {
    await http.ccxtCall(method, { symbol, limit: FUNDING_PAGE }, meta);
    return;
  }
  // "If the number of data between startTime and endTime is larger than limit, return as startTime + limit.
  // In ascending order": a long window is walked forward from the newest record + 1 ms.
  const w = { since: req.since, until: req.until ?? Date.now(), pageSize: FUNDING_PAGE, maxPages: req.maxPages };
  const result = await pageForward(w, async (from) => {
    const body = await http.ccxtCall(method, { symbol, startTime: from, endTime: w.until, limit: FUNDING_PAGE }, meta);
    return spanOf(Array.isArray(body) ? body.map((r) => Number((r as { fundingTime?: unknown })?.fundingTime)) : []);
  });
  warnIncomplete(http, venue, symbol, "funding history", w, result);
}

/** /futures/data/openInterestHist: "limit: default 30, max 500"; periods 5m..1d; only the latest 30 days are served. */
export const OI_HIST_PAGE = 500;
export const OI_HIST_PERIOD = "1h";
const OI_HIST_PERIOD_MS = HOUR_MS;

/**
 * Open-interest history of one symbol over [since, until] at 1-hour readings. The window is cut into spans
 * of one full page (500 readings), so each request is answered whole whatever order the venue returns it
 * in; Binance serves only the latest 30 days, so an older window comes back empty (reported by the caller).
 */
export async function fetchOpenInterestHistory(http: VenueHttp, venue: string, symbol: string, req: FetchRequest): Promise<void> {
  const meta = { kind: "oi" as const, symbol };
  const w = { since: req.since!, until: req.until ?? Date.now(), maxPages: req.maxPages };
  const result = await pageWindows({ ...w, spanMs: OI_HIST_PAGE * OI_HIST_PERIOD_MS }, async (from, to) => {
    await http.ccxtCall("fapiDataGetOpenInterestHist", { symbol, period: OI_HIST_PERIOD, startTime: from, endTime: to, limit: OI_HIST_PAGE }, meta);
  });
  warnIncomplete(http, venue, symbol, "open-interest history", w, result);
}

export function binanceLikeConnector(info: VenueConnector["info"], opts: BinanceLikeOptions, extra: Partial<VenueConnector> = {}): VenueConnector {
  const api = `${opts.api}Get${opts.version ?? ""}`;
  return {
    info,
    ccxtId: opts.ccxtId,
    has: { markets: true, depth: true, funding: true, fees: true, liquidations: false, oi: true, insurance: opts.insuranceBalance === true, margin: false },
    notes: {
      liquidations: "Published only over WebSocket (<symbol>@forceOrder); recorded messages can be imported.",
      insurance: opts.insuranceBalance
        ? "GET /fapi/v1/insuranceBalance: the periodic snapshot of each insurance pool; USDT and USDC balances are stored (USD 1:1), other assets of a pool (BTC, BNFCR) need a price and are left out, so the total is a lower bound."
        : "No public API for the insurance fund balance.",
      fees: "Base (regular-user) maker/taker from ccxt market metadata; VIP tiers are on the venue's website.",
      margin: "Leverage brackets (/fapi/v1/leverageBracket) are a signed (API-key) endpoint, so they are not fetched live; a recorded body imports with --kind margin, and sourced brackets can be curated in data/margin/<venue>.json.",
    },
    defaultBases: ["BTC", "ETH", "SOL"],
    symbolFor: (base) => `${base}USDT`,
    inferMarket: inferUsdmMarket,
    async fetch(kind, http, req) {
      switch (kind) {
        case "markets":
        case "fees":
          if (opts.marketsMethod) await http.ccxtCall(opts.marketsMethod, {}, { kind, symbol: null });
          else await fetchCcxtMarkets(http, kind);
          // Intervals, caps and floors of the symbols that differ from the default (parsed after the markets).
          if (kind === "markets" && opts.fundingInfo) await http.ccxtCall(`${api}FundingInfo`, {}, { kind, symbol: null });
          return;
        case "depth":
          for (const symbol of req.symbols) {
            const limit = depthLimitFor(req.levelLimit);
            await http.ccxtCall(`${api}Depth`, { symbol, limit }, { kind, symbol, levelLimit: limit });
          }
          return;
        case "funding":
          for (const symbol of req.symbols) await fetchFundingHistory(http, `${api}FundingRate`, info.slug, symbol, req);
          if (req.historyOnly) return;
          // Per symbol: weight 1 each, where the all-symbols call weighs 10 (ccxt counts it as 1).
          for (const symbol of req.symbols) await http.ccxtCall(`${api}PremiumIndex`, { symbol }, { kind, symbol });
          return;
        case "insurance":
          if (!opts.insuranceBalance) throw new Error(`${info.slug}: insurance not supported`);
          await http.ccxtCall(`${api}InsuranceBalance`, {}, { kind, symbol: null });
          return;
        case "oi":
          if (opts.openInterestHist && req.since !== undefined) {
            for (const symbol of req.symbols) await fetchOpenInterestHistory(http, info.slug, symbol, req);
            if (req.historyOnly) return;
          }
          for (const symbol of req.symbols) await http.ccxtCall(`${api}OpenInterest`, { symbol }, { kind, symbol });
          return;
        default:
          throw new Error(`${info.slug}: ${kind} not supported`);
      }
    },
    parse: (kind, body, ctx) => parseBinanceLike(opts.ccxtId, kind, body, ctx),
    ...extra,
  };
}

export const binanceUsdm = binanceLikeConnector(
  {
    slug: "binance-usdm",
    name: "Binance USD-M Futures",
    kind: "cex",
    chain: null,
    websiteUrl: "https://www.binance.com/en/futures",
    docsUrl: "https://www.binance.com/en/support/faq/introduction-to-binance-futures-funding-rates-360033525031",
    apiDocsUrl: "https://developers.binance.com/docs/derivatives/usds-margined-futures/general-info",
  },
  { slug: "binance-usdm", ccxtId: "binanceusdm", api: "fapiPublic", fundingInfo: true, insuranceBalance: true, openInterestHist: true },
);
