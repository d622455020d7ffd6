// Bitget USDT-M perpetual futures (productType USDT-FUTURES), sized in the base asset. ccxt (`bitget`) makes
// every REST request through its implicit API (publicMixGetV2MixMarket* for the classic v2 API,
// publicUtaGetV3Market* for the unified-account v3 API) and normalises contracts; the parsers below validate
// the raw bodies with zod and accept both API generations where they carry the same data.
// Bitget publishes no public liquidation feed (REST or WebSocket).
import type { FetchRequest, InsuranceRow, OiRow, ParseContext, ParseResult, VenueConnector, VenueHttp } from "../types";
import { pageByCursor, spanOf, warnIncomplete } from "../paging";
import { checkBook, digitCountRejections, mapEach, parseBody, RecordError } from "../parse-helpers";
import { parserTable, parseWhole } from "../parse-helpers";
import { ccxtBaseFeeRow, marketRowFromCcxt, offlineExchange, type CcxtMarket } from "../ccxt-markets";
import {
  BookWsMessage,
  ContractRecord,
  CurrentFundRate,
  Envelope,
  HistoryFundRate,
  RiskReserve,
  RiskReserveAll,
  TickerRecord,
  V2Book,
  V2OpenInterest,
  V3Book,
  V3OpenInterest,
} from "./schemas";
import { parseBitgetMargin } from "./margin";

import { inferBitgetMarket } from "./symbols";

export { inferBitgetMarket };

const VENUE = "bitget";
export const PRODUCT_TYPE = "USDT-FUTURES";
/** merge-depth `limit`: "max" asks for the deepest book the venue serves. */
export const DEPTH_LIMIT = "max";
/** Levels per side of the WS book channels. */
const WS_CHANNEL_DEPTH: Record<string, number> = { books1: 1, books5: 5, books15: 15 };

/** `data` of a REST envelope, refusing venue errors; a bare payload (already unwrapped) passes through. */
function dataOf(body: unknown): unknown {
  if (body && typeof body === "object" && !Array.isArray(body) && "code" in body && "data" in body) {
    const e = Envelope.parse(body);
    if (String(e.code) !== "00000") throw new RecordError("code", `venue error ${e.code}: ${e.msg ?? ""}`);
    return e.data;
  }
  return body;
}

function requestTime(body: unknown): number | null {
  const t = Number((body as { requestTime?: unknown } | null)?.requestTime);
  return Number.isFinite(t) && t > 0 ? t : null;
}

// ---------------------------------------------------------------------------------------------- markets

/** Run ccxt's bitget contract parser offline over one /api/v2/mix/market/contracts body. */
async function ccxtSwapMarkets(records: unknown[]): Promise<CcxtMarket[]> {
  const page = { code: "00000", msg: "success", data: records };
  const empty = { code: "00000", msg: "success", data: [] };
  // ccxt asks for every product type; the body we hold is one of them, so answer it once.
  let served = false;
  const ex = await offlineExchange("bitget", (url) => {
    if (!served && url.includes("/api/v2/mix/market/contracts")) {
      served = true;
      return page;
    }
    return empty;
  }, { fetchMarkets: { types: ["swap"] } });
  return ex.fetchMarkets();
}

async function contractRecords(body: unknown): Promise<unknown[]> {
  const data = dataOf(body);
  if (!Array.isArray(data)) throw new RecordError("data", "contracts body must hold an array of contracts");
  return data;
}

async function parseMarkets(body: unknown, ctx: ParseContext): Promise<ParseResult<"markets">> {
  let records: unknown[];
  try {
    records = await contractRecords(body);
  } catch (err) {
    return parseWhole(ctx, () => {
      throw err;
    });
  }
  const markets = await ccxtSwapMarkets(records);
  const mapped = mapEach(markets.filter((m) => m.swap), ctx, (m) => m.id, (m) => {
    const c = ContractRecord.parse(m.info);
    return marketRowFromCcxt(m, "base", {
      contractSize: 1,
      fundingIntervalHours: c.fundInterval ?? null,
      fundingCapRate: c.maxFundingRate ?? null,
      fundingFloorRate: c.minFundingRate ?? null,
    });
  });
  return { rows: mapped.rows, rejected: [...digitCountRejections(records, ctx), ...mapped.rejected] };
}

function parseFees(body: unknown, ctx: ParseContext): Promise<ParseResult<"fees">> {
  return ccxtBaseFeeRow(ctx, async () => ccxtSwapMarkets(await contractRecords(body)), {
    field: "data",
    accept: (m) => m.swap === true && m.linear === true,
    missing: "no USDT-M perpetual with fee metadata",
    source: (m) => `bitget /api/v2/mix/market/contracts makerFeeRate/takerFeeRate (${m.id})`,
  });
}

// ------------------------------------------------------------------------------------------------ depth

function parseDepth(body: unknown, ctx: ParseContext): ParseResult<"depth"> {
  const named: string | null = (body as any)?.arg?.instId ?? null;
  return parseWhole(ctx, () => {
    let symbol = ctx.symbol;
    let payload: unknown;
    let channelDepth: number | null = null;
    if (body && typeof body === "object" && "arg" in body && "action" in body) {
      const msg = BookWsMessage.parse(body);
      if (msg.action !== "snapshot") throw new RecordError("action", "books update message is not a whole book; only snapshots import");
      symbol = msg.arg.instId;
      channelDepth = WS_CHANNEL_DEPTH[msg.arg.channel] ?? null;
      if (msg.data.length !== 1) throw new RecordError("data", `expected one book, got ${msg.data.length}`);
      payload = msg.data[0];
    } else {
      payload = dataOf(body);
    }
    if (!symbol) throw new RecordError("symbol", `${ctx.venue}: a depth body does not name its market; pass --symbol`);
    if (ctx.symbol && ctx.symbol !== symbol) throw new RecordError("arg.instId", `book is for ${symbol}, expected ${ctx.symbol}`);
    let bids: [number, number][];
    let asks: [number, number][];
    let ts: number | undefined;
    if (payload && typeof payload === "object" && "a" in payload) {
      const parsed = parseBody(V3Book, payload, { ...ctx, symbol }, "orderbook");
      if (!parsed.ok) return { rows: [], rejected: [parsed.rejection] };
      bids = parsed.value.b.map((l) => [l[0], l[1]]);
      asks = parsed.value.a.map((l) => [l[0], l[1]]);
      ts = parsed.value.ts;
    } else {
      const parsed = parseBody(V2Book, payload, { ...ctx, symbol }, "merge-depth");
      if (!parsed.ok) return { rows: [], rejected: [parsed.rejection] };
      bids = parsed.value.bids.map((l) => [l[0], l[1]]);
      asks = parsed.value.asks.map((l) => [l[0], l[1]]);
      ts = parsed.value.ts;
    }
    // USDT-M sizes are already base-asset quantities.
    const book = checkBook(bids, asks);
    const n = Math.max(bids.length, asks.length);
    const limit = ctx.levelLimit ?? channelDepth;
    return {
      rows: [{ symbol, exchangeTs: ts ?? null, receivedTs: ctx.receivedTs, ...book, levelLimit: limit, truncated: limit !== null && n >= limit }],
      rejected: [],
    };
  }, named);
}

// ---------------------------------------------------------------------------------------------- funding

function parseFunding(body: unknown, ctx: ParseContext): ParseResult<"funding"> {
  let data: unknown;
  try {
    data = dataOf(body);
  } catch (err) {
    return parseWhole(ctx, () => {
      throw err;
    });
  }
  // v3 history wraps its records: {resultList: [...]}.
  const list = Array.isArray(data) ? data : (data as { resultList?: unknown } | null)?.resultList;
  if (!Array.isArray(list)) return parseWhole(ctx, () => { throw new RecordError("data", "funding body holds no list of records"); });
  return mapEach(list, ctx, (r: any) => r?.symbol ?? null, (raw: any) => {
    if (raw && typeof raw === "object" && "nextUpdate" in raw) {
      const r = CurrentFundRate.parse(raw);
      return { symbol: r.symbol, fundingTime: r.nextUpdate, rate: r.fundingRate, intervalHours: r.fundingRateInterval ?? null, premium: null, markPrice: null, indexPrice: null, predicted: true };
    }
    if (raw && typeof raw === "object" && "markPrice" in raw) {
      // Ticker: a funding row needs the settlement time, which only some ticker versions carry.
      const t = TickerRecord.parse(raw);
      if (t.fundingRate === null) throw new RecordError("fundingRate", "ticker has no funding rate");
      if (typeof t.nextFundingTime !== "number") throw new RecordError("nextFundingTime", "ticker carries no next funding time");
      return {
        symbol: t.symbol,
        fundingTime: t.nextFundingTime,
        rate: t.fundingRate,
        intervalHours: null,
        premium: t.indexPrice ? (t.markPrice - t.indexPrice) / t.indexPrice : null,
        markPrice: t.markPrice,
        indexPrice: t.indexPrice,
        predicted: true,
      };
    }
    const r = HistoryFundRate.parse(raw);
    const time = r.fundingTime ?? r.fundingRateTimestamp;
    if (time === undefined) throw new RecordError("fundingTime", "settled funding record has no time");
    return { symbol: r.symbol, fundingTime: time, rate: r.fundingRate, intervalHours: null, premium: null, markPrice: null, indexPrice: null, predicted: false };
  });
}

// --------------------------------------------------------------------------------------------------- oi

function parseOi(body: unknown, ctx: ParseContext): ParseResult<"oi"> {
  let data: any;
  try {
    data = dataOf(body);
  } catch (err) {
    return parseWhole(ctx, () => {
      throw err;
    });
  }
  if (data && typeof data === "object" && !Array.isArray(data) && "openInterestList" in data) {
    const p = parseBody(V2OpenInterest, data, ctx, "open-interest");
    if (!p.ok) return { rows: [], rejected: [p.rejection] };
    return mapEach(p.value.openInterestList, ctx, (r) => r.symbol, (r): OiRow => {
      if (r.size < 0) throw new RecordError("size", `negative open interest ${r.size}`);
      return { symbol: r.symbol, ts: p.value.ts, sizeBase: r.size, valueUsd: null };
    });
  }
  if (data && typeof data === "object" && !Array.isArray(data) && "list" in data) {
    const p = parseBody(V3OpenInterest, data, ctx, "open-interest");
    if (!p.ok) return { rows: [], rejected: [p.rejection] };
    return mapEach(p.value.list, ctx, (r) => r.symbol, (r): OiRow => {
      if (r.openInterest < 0) throw new RecordError("openInterest", `negative open interest ${r.openInterest}`);
      return { symbol: r.symbol, ts: p.value.ts, sizeBase: r.openInterest, valueUsd: null };
    });
  }
  if (!Array.isArray(data)) return parseWhole(ctx, () => { throw new RecordError("data", "open-interest body holds neither a list nor tickers"); });
  // Tickers: open interest in base units (v2 holdingAmount, v3 openInterest) valued at the mark price.
  return mapEach(data, ctx, (t: any) => t?.symbol ?? null, (raw): OiRow => {
    const t = TickerRecord.parse(raw);
    const oi = t.openInterest ?? t.holdingAmount ?? null;
    if (oi === null) throw new RecordError("holdingAmount", "ticker has no open interest");
    if (oi < 0) throw new RecordError("holdingAmount", `negative open interest ${oi}`);
    return { symbol: t.symbol, ts: t.ts, sizeBase: oi, valueUsd: oi * t.markPrice };
  });
}

// -------------------------------------------------------------------------------------------- insurance

/**
 * Risk reserve (insurance) balances. Checked for issue #22: the reserve is kept per pool of symbols, not per
 * venue. GET /api/v3/market/risk-reserve takes `symbol` as a required parameter ("symbol | String | Yes |
 * Symbol name", Bitget UTA docs "Get Risk Reserve") and answers the pool covering that symbol ("balance: The
 * balance of the risk reserve fund"; BTCUSDT's was 95,815.68 USDT in the docs' example), which was stored as
 * the venue's whole fund. GET /api/v3/market/risk-reserve-all lists every pool of the category with its
 * `symbols`, so the venue's fund is stored pool by pool, keyed "<coin>:<first symbol>+<others>" (pools are
 * disjoint, as with Binance), and the per-symbol answer is keyed by its symbol when the capture names it.
 * Only USDT/USDC pools are valued (1:1); a coin pool needs a price the body lacks.
 */
function parseInsurance(body: unknown, ctx: ParseContext): ParseResult<"insurance"> {
  return parseWhole(ctx, () => {
    const data = dataOf(body);
    if (data && typeof data === "object" && "list" in data) {
      const p = parseBody(RiskReserveAll, data, ctx, "risk-reserve-all");
      if (!p.ok) return { rows: [], rejected: [p.rejection] };
      const ts = requestTime(body) ?? ctx.receivedTs;
      return mapEach(p.value.list, ctx, (pool) => pool.symbols[0] ?? null, (pool): InsuranceRow | null => {
        if (!["USDT", "USDC"].includes(pool.coin)) return null;
        if (pool.balance < 0) throw new RecordError("balance", `negative balance ${pool.balance}`);
        const symbols = [...pool.symbols].sort();
        const name = symbols.length === 0 ? "all" : `${symbols[0]}${symbols.length > 1 ? `+${symbols.length - 1}` : ""}`;
        return { ts, asset: `${pool.coin}:${name}`, balanceUsd: pool.balance };
      });
    }
    const p = parseBody(RiskReserve, data, ctx, "risk-reserve");
    if (!p.ok) return { rows: [], rejected: [p.rejection] };
    const r = p.value;
    if (!["USDT", "USDC"].includes(r.coin)) throw new RecordError("coin", `${r.coin} reserve needs a price to value in USD`);
    const asset = ctx.symbol ? `${r.coin}:${ctx.symbol}` : r.coin;
    const records = r.riskReserveRecords.filter((x) => x.balance !== null && x.balance !== undefined);
    if (records.length > 0) {
      const latest = records.reduce((a, b) => (b.ts > a.ts ? b : a));
      return { rows: [{ ts: latest.ts, asset, balanceUsd: latest.balance! }], rejected: [] };
    }
    // Older answers carry only totalBalance (now deprecated) with records of in/out amounts.
    if (r.totalBalance === null || r.totalBalance === undefined) throw new RecordError("riskReserveRecords", "no balance in the body");
    const ts = r.riskReserveRecords.reduce((a, b) => Math.max(a, b.ts), 0) || requestTime(body) || ctx.receivedTs;
    return { rows: [{ ts, asset, balanceUsd: r.totalBalance }], rejected: [] };
  });
}

/** history-fund-rate: "pageSize ... Default: 20, maximum: 100", newest first, pages by `pageNo`. */
export const FUNDING_PAGE = 100;

/** Funding history of one symbol: one page of the latest 100, or pageNo 1, 2, ... until a page reaches `since`. */
async function fetchFundingHistory(http: VenueHttp, symbol: string, req: FetchRequest): Promise<void> {
  const meta = { kind: "funding" as const, symbol };
  const call = (pageNo: number) => http.ccxtCall("publicMixGetV2MixMarketHistoryFundRate", { symbol, productType: PRODUCT_TYPE, pageSize: FUNDING_PAGE, ...(pageNo > 1 ? { pageNo } : {}) }, meta);
  if (req.since === undefined) {
    await call(1);
    return;
  }
  const w = { since: req.since, until: req.until ?? Date.now(), pageSize: FUNDING_PAGE, maxPages: req.maxPages, order: "newest-first" as const };
  const result = await pageByCursor<number>(w, async (page) => {
    const pageNo = page ?? 1;
    const data = (await call(pageNo)) as { data?: { fundingTime?: unknown }[] };
    const span = spanOf(Array.isArray(data?.data) ? data.data.map((r) => Number(r?.fundingTime)) : []);
    return { ...span, next: pageNo + 1 };
  });
  warnIncomplete(http, VENUE, symbol, "funding history", w, result);
}

// ------------------------------------------------------------------------------------------- connector

export const parseBitget = parserTable("Bitget", { markets: parseMarkets, fees: parseFees, depth: parseDepth, funding: parseFunding, oi: parseOi, insurance: parseInsurance, margin: parseBitgetMargin });

export const bitget: VenueConnector = {
  info: {
    slug: VENUE,
    name: "Bitget USDT-M Futures",
    kind: "cex",
    chain: null,
    websiteUrl: "https://www.bitget.com/futures/usdt/BTCUSDT",
    docsUrl: "https://www.bitget.com/support/articles/12560603791239",
    apiDocsUrl: "https://www.bitget.com/api-doc/contract/intro",
  },
  ccxtId: "bitget",
  has: { markets: true, depth: true, funding: true, fees: true, liquidations: false, oi: true, insurance: true, margin: true },
  notes: {
    margin: "Position tiers of USDT-M contracts from /api/v2/mix/market/query-position-lever (position value in USDT, max leverage, maintenance margin rate; initial margin rate = 1 / leverage; no maintenance deduction published). Collateral and the liquidation policy are not stored.",
    liquidations: "Bitget publishes no public liquidation feed (neither REST nor public WebSocket).",
    fees: "Base maker/taker from the contracts endpoint (makerFeeRate/takerFeeRate); VIP tiers need an account.",
    depth: "merge-depth with limit=max: the venue's deepest public book; the level cap is not stated, so truncation is not flagged.",
    insurance: "GET /api/v3/market/risk-reserve-all: every USDT-M risk reserve pool with the symbols it covers, stored pool by pool (the per-symbol /risk-reserve answers one pool, not the venue's fund).",
  },
  defaultBases: ["BTC", "ETH", "SOL"],
  symbolFor: (base) => `${base}USDT`,
  inferMarket: inferBitgetMarket,
  async fetch(kind, http, req) {
    switch (kind) {
      case "markets":
      case "fees":
        await http.ccxtCall("publicMixGetV2MixMarketContracts", { productType: PRODUCT_TYPE }, { kind, symbol: null });
        return;
      case "depth":
        for (const symbol of req.symbols) {
          // Fixed gears are 1/5/15/50/max; a requested level count maps to the smallest gear covering it.
          const gear = req.levelLimit === undefined ? DEPTH_LIMIT : ([1, 5, 15, 50].find((g) => g >= req.levelLimit!) ?? DEPTH_LIMIT);
          await http.ccxtCall(
            "publicMixGetV2MixMarketMergeDepth",
            { symbol, productType: PRODUCT_TYPE, limit: String(gear), precision: "scale0" },
            { kind, symbol, levelLimit: typeof gear === "number" ? gear : null },
          );
        }
        return;
      case "funding":
        for (const symbol of req.symbols) {
          await fetchFundingHistory(http, symbol, req);
          await http.ccxtCall("publicMixGetV2MixMarketCurrentFundRate", { symbol, productType: PRODUCT_TYPE }, { kind, symbol });
        }
        return;
      case "oi":
        for (const symbol of req.symbols) await http.ccxtCall("publicMixGetV2MixMarketTicker", { symbol, productType: PRODUCT_TYPE }, { kind, symbol });
        return;
      case "margin":
        for (const symbol of req.symbols) await http.ccxtCall("publicMixGetV2MixMarketQueryPositionLever", { symbol, productType: PRODUCT_TYPE }, { kind, symbol });
        return;
      case "insurance":
        await http.ccxtCall("publicUtaGetV3MarketRiskReserveAll", { category: PRODUCT_TYPE }, { kind, symbol: null });
        return;
      default:
        throw new Error(`${VENUE}: ${kind} not supported`);
    }
  },
  parse: (kind, body, ctx) => parseBitget(kind, body, ctx),
};
