// edgeX V2 perpetuals (order-book DEX; "an app-specific execution layer" in its docs, V1 ran on StarkEx). Not in ccxt:
// every request is native JSON over the public V2 REST API. Contracts are named `<BASE>USDC`
// ("BTCUSDC", "1000PEPEUSDC") and addressed by a numeric contractId; sizes are base units, quoted and settled
// in USDC. The funding interval rides per contract in the metadata (`fundingRateIntervalMin`, 240 on every
// recorded contract). API: https://edgex-1.gitbook.io/edgeX-documentation/api-v2/public-api
import type { DataKind, FeeRow, FetchRequest, FundingRow, MarketRow, OiRow, ParseContext, ParseResult, RateLimit, VenueConnector, VenueHttp } from "../types";
import { checkBook, mapEach, parseBody, parseWhole, RecordError } from "../parse-helpers";
import { pageByCursor, spanOf, warnIncomplete } from "../paging";
import { HOUR_MS, MINUTE_MS } from "../../metrics/time";
import { Contract, DepthRecord, Envelope, FundingPage, FundingRecord, MetaData, Ticker } from "./schemas";

const SLUG = "edgex";
export const API = "https://edgex-prod-v2.edgex.exchange/api/v2/public";
/** Settlement rows asked a getFundingRatePage call ("greater than 0 and less than or equal to 100"). */
export const FUNDING_PAGE = 100;
/** getDepth serves two book sizes: "Depth level. Currently 15 and 200 levels available". */
export const DEPTH_LEVELS = [15, 200] as const;
/**
 * No request budget is published ("Rate Limits Apply" without numbers); a third party's 80 sequential
 * getTicker calls at ~4.4/s all answered (2026-09-13), so 2 a second leaves headroom.
 */
export const REST_LIMIT: RateLimit = { key: "edgex:rest", requests: 2, perMs: 1000, source: "no published budget; conservative 2/s" };


function envelopeData(body: unknown, ctx: ParseContext, what: string): { data: unknown; responseTime: number | null } | { rejection: ParseResult<any> } {
  const env = parseBody(Envelope, body, ctx, what);
  if (!env.ok) return { rejection: { rows: [], rejected: [env.rejection] } };
  return { data: env.value.data, responseTime: env.value.responseTime ?? null };
}

/** Contracts of a metadata body, each with its base and quote coin names resolved through coinList. */
function contractsOf(body: unknown, ctx: ParseContext): { list: unknown[]; coins: Map<string, string> } | { rejection: ParseResult<any> } {
  const env = envelopeData(body, ctx, "getMetaData");
  if ("rejection" in env) return env;
  const meta = parseBody(MetaData, env.data, ctx, "getMetaData data");
  if (!meta.ok) return { rejection: { rows: [], rejected: [meta.rejection] } };
  return { list: meta.value.contractList, coins: new Map(meta.value.coinList.map((c) => [c.coinId, c.coinName])) };
}

function coin(coins: Map<string, string>, id: string, field: string): string {
  const name = coins.get(id);
  if (!name) throw new RecordError(field, `coin ${id} is not in coinList`);
  return name;
}

function marketRow(c: Contract, coins: Map<string, string>): MarketRow {
  const quote = coin(coins, c.quoteCoinId, "quoteCoinId");
  return {
    symbol: c.contractName,
    // The declared base coin, not a reading of the name: 哈基米USDC declares HAJIMI, 1000PEPEUSDC 1000PEPE.
    base: coin(coins, c.baseCoinId, "baseCoinId"),
    quote,
    settle: quote,
    contractType: "linear",
    sizeUnit: "base",
    contractSize: 1,
    tickSize: c.tickSize,
    maxLeverage: c.displayMaxLeverage ?? null,
    fundingIntervalHours: (c.fundingRateIntervalMin * MINUTE_MS) / HOUR_MS,
    fundingCapRate: c.fundingMaxRate ?? null,
    fundingFloorRate: c.fundingMinRate ?? null,
    // Tradeable, open to new positions and listed in the app (hidden contracts, e.g. ZROUSDC, are not offered).
    active: c.enableTrade && c.enableOpenPosition && c.enableDisplay,
  };
}

function parseMarkets(body: unknown, ctx: ParseContext): ParseResult<"markets"> {
  const m = contractsOf(body, ctx);
  if ("rejection" in m) return m.rejection;
  return mapEach(m.list, ctx, (r: any) => (typeof r?.contractName === "string" ? r.contractName : null), (raw) => marketRow(Contract.parse(raw), m.coins));
}

/** The public default maker/taker rates, one row when every contract carries the same pair (as recorded). */
function parseFees(body: unknown, ctx: ParseContext): ParseResult<"fees"> {
  const m = contractsOf(body, ctx);
  if ("rejection" in m) return m.rejection;
  return parseWhole(ctx, () => {
    const contracts = m.list.map((raw) => Contract.parse(raw));
    if (contracts.length === 0) throw new RecordError("contractList", "no contracts to read default fee rates from");
    const pairs = new Set(contracts.map((c) => `${c.defaultMakerFeeRate}/${c.defaultTakerFeeRate}`));
    if (pairs.size > 1) throw new RecordError("defaultTakerFeeRate", `contracts carry ${pairs.size} different default fee pairs (${[...pairs].join(", ")}); no single base tier`);
    const c = contracts[0];
    const row: FeeRow = { scope: "perp", tier: "default", makerRate: c.defaultMakerFeeRate, takerRate: c.defaultTakerFeeRate, effectiveFrom: ctx.receivedTs, source: "edgeX getMetaData defaultMakerFeeRate/defaultTakerFeeRate" };
    return { rows: [row], rejected: [] };
  });
}

/** Ticker records (one per getTicker call): the predicted funding rate and open interest. */
function parseTicker(kind: "funding" | "oi", body: unknown, ctx: ParseContext): ParseResult<"funding" | "oi"> {
  const env = envelopeData(body, ctx, "getTicker");
  if ("rejection" in env) return env.rejection;
  if (!Array.isArray(env.data)) return parseWhole(ctx, () => { throw new RecordError("data", "getTicker: expected a list"); });
  return mapEach(env.data, ctx, (r: any) => (typeof r?.contractName === "string" ? r.contractName : ctx.symbol), (raw): FundingRow | OiRow => {
    const t = Ticker.parse(raw);
    if (kind === "funding") {
      // `fundingRate` is the running estimate for the settlement at nextFundingTime; the interval is the
      // gap between the last settlement and the next one (4 h as recorded).
      if (t.nextFundingTime <= t.fundingTime) throw new RecordError("nextFundingTime", `next funding ${t.nextFundingTime} is not after the last ${t.fundingTime}`);
      return { symbol: t.contractName, fundingTime: t.nextFundingTime, rate: t.fundingRate, intervalHours: (t.nextFundingTime - t.fundingTime) / HOUR_MS, premium: (t.markPrice - t.indexPrice) / t.indexPrice, markPrice: t.markPrice, indexPrice: t.indexPrice, predicted: true };
    }
    // openInterest is base units; valued at the body's mark (USDC counted as USD). The record has no time of
    // its own: the envelope's responseTime is the venue's, the fetch time the fallback.
    return { symbol: t.contractName, ts: env.responseTime ?? ctx.receivedTs, sizeBase: t.openInterest, valueUsd: t.openInterest * t.markPrice };
  }) as ParseResult<"funding" | "oi">;
}

/** One getFundingRatePage body of one contract: the settlement rows, the running estimates skipped. */
function parseFundingPage(body: unknown, ctx: ParseContext): ParseResult<"funding"> {
  const env = envelopeData(body, ctx, "getFundingRatePage");
  if ("rejection" in env) return env.rejection;
  const page = parseBody(FundingPage, env.data, ctx, "getFundingRatePage data");
  if (!page.ok) return { rows: [], rejected: [page.rejection] };
  const ids = new Set(page.value.dataList.map((r: any) => r?.contractId));
  return parseWhole(ctx, () => {
    // The rows name a contractId, not the contract: the fetch asked one contract, named in ctx.symbol.
    if (!ctx.symbol) throw new RecordError("symbol", `${ctx.venue}: a getFundingRatePage body names contract ids, not contracts; pass --symbol`);
    if (ids.size > 1) throw new RecordError("contractId", `one page holds ${ids.size} contracts (${[...ids].join(", ")}); expected one`);
    const symbol = ctx.symbol;
    const fallbackHours = ctx.markets.get(symbol)?.fundingIntervalHours ?? null;
    return mapEach(page.value.dataList, ctx, () => symbol, (raw): FundingRow | null => {
      const f = FundingRecord.parse(raw);
      if (!f.isSettlement) return null; // a per-minute running estimate, not a settlement
      const intervalHours = f.fundingRateIntervalMin !== undefined ? (f.fundingRateIntervalMin * MINUTE_MS) / HOUR_MS : fallbackHours;
      return { symbol, fundingTime: f.fundingTime, rate: f.fundingRate, intervalHours, premium: null, markPrice: f.markPrice ?? null, indexPrice: f.indexPrice ?? null, predicted: false };
    });
  });
}

/**
 * One getDepth body: the contract's book, sizes in base units (contractSize 1), prices in USDC. The body has no
 * book time: the envelope's responseTime (server send time) stands for it, the fetch time when absent.
 */
function parseDepth(body: unknown, ctx: ParseContext): ParseResult<"depth"> {
  const env = envelopeData(body, ctx, "getDepth");
  if ("rejection" in env) return env.rejection;
  return parseWhole(ctx, () => {
    if (!Array.isArray(env.data) || env.data.length !== 1) throw new RecordError("data", `getDepth: expected one book, got ${Array.isArray(env.data) ? env.data.length : typeof env.data}`);
    const parsed = parseBody(DepthRecord, env.data[0], ctx, "getDepth data[0]");
    if (!parsed.ok) return { rows: [], rejected: [{ ...parsed.rejection, field: `data[0].${parsed.rejection.field}` }] };
    const d = parsed.value;
    if (d.depthType !== undefined && d.depthType !== "SNAPSHOT") throw new RecordError("data[0].depthType", `${d.depthType} is an incremental update, not a whole book`);
    const symbol = ctx.symbol ?? d.contractName ?? null;
    if (!symbol) throw new RecordError("symbol", `${ctx.venue}: a getDepth body without contractName does not name its contract; pass --symbol`);
    if (d.contractName !== undefined && d.contractName !== symbol) throw new RecordError("data[0].contractName", `book is for ${d.contractName}, expected ${symbol}`);
    const side = (levels: typeof d.bids) => levels.map((l) => [l.price, l.size] as [number, number]);
    const book = checkBook(side(d.bids), side(d.asks));
    const limit = ctx.levelLimit ?? d.level;
    const n = Math.max(d.bids.length, d.asks.length);
    return { rows: [{ symbol, exchangeTs: env.responseTime, receivedTs: ctx.receivedTs, ...book, levelLimit: limit, truncated: n >= limit }], rejected: [] };
  }, (env.data as any)?.[0]?.contractName ?? ctx.symbol);
}

const isFundingPage = (body: unknown) => {
  const d = (body as any)?.data;
  return !!d && typeof d === "object" && !Array.isArray(d) && "dataList" in d;
};

async function parse(kind: DataKind, body: unknown, ctx: ParseContext): Promise<ParseResult<any>> {
  switch (kind) {
    case "markets":
      return parseMarkets(body, ctx);
    case "fees":
      return parseFees(body, ctx);
    case "oi":
      return parseTicker("oi", body, ctx);
    case "depth":
      return parseDepth(body, ctx);
    case "funding":
      return isFundingPage(body) ? parseFundingPage(body, ctx) : parseTicker("funding", body, ctx);
    default:
      return parseWhole(ctx, () => { throw new RecordError("kind", `${SLUG}: ${kind} is not parsed (see the connector's notes)`); });
  }
}

const url = (path: string, params: Record<string, string | number> = {}) => {
  const q = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
  return `${API}${path}${q ? `?${q}` : ""}`;
};
const get = (http: VenueHttp, path: string, params: Record<string, string | number>, meta: Parameters<VenueHttp["json"]>[2]) => http.json(url(path, params), { rateLimit: REST_LIMIT }, meta);

/** Contract ids by name, from a fresh metadata body (captured as a markets body of the run). */
async function contractIds(http: VenueHttp): Promise<Map<string, string>> {
  const body = await get(http, "/meta/getMetaData", {}, { kind: "markets", symbol: null });
  const ids = new Map<string, string>();
  const list = (body as any)?.data?.contractList;
  if (Array.isArray(list)) for (const r of list) {
    const c = Contract.safeParse(r);
    if (c.success) ids.set(c.data.contractName, c.data.contractId);
  }
  return ids;
}

function idOf(ids: Map<string, string>, symbol: string): string {
  const id = ids.get(symbol);
  if (id === undefined) throw new Error(`${SLUG}: unknown contract ${symbol} (not in getMetaData)`);
  return id;
}

/** Settlements of one contract: the latest page, or pages through [since, until] by the venue's offset cursor. */
async function fetchFundingHistory(http: VenueHttp, symbol: string, contractId: string, req: FetchRequest): Promise<void> {
  const meta = { kind: "funding" as const, symbol };
  const base = { contractId, size: FUNDING_PAGE, filterSettlementFundingRate: "true" };
  if (req.since === undefined) {
    await get(http, "/funding/getFundingRatePage", base, meta);
    return;
  }
  const until = req.until ?? Date.now();
  // The window rides in the request (inclusive begin, exclusive end), newest first; the cursor walks it.
  const w = { since: req.since, until, pageSize: FUNDING_PAGE, maxPages: req.maxPages, order: "bounded" as const };
  const result = await pageByCursor<string>(w, async (cursor) => {
    const body = await get(http, "/funding/getFundingRatePage", { ...base, filterBeginTimeInclusive: w.since, filterEndTimeExclusive: until + 1, ...(cursor ? { offsetData: cursor } : {}) }, meta);
    const page = FundingPage.safeParse((body as any)?.data);
    const rows = page.success ? page.data.dataList.map((r) => FundingRecord.safeParse(r)).filter((p) => p.success).map((p) => p.data!.fundingTime) : [];
    const next = page.success && page.data.nextPageOffsetData ? page.data.nextPageOffsetData : null;
    return { ...spanOf(rows), next };
  });
  warnIncomplete(http, SLUG, symbol, "funding history", w, result);
}

export const edgex: VenueConnector = {
  info: {
    slug: SLUG,
    name: "edgeX",
    kind: "dex",
    chain: "edgeX app-specific layer (V1: StarkEx)",
    websiteUrl: "https://www.edgex.exchange",
    docsUrl: "https://edgex-1.gitbook.io/edgeX-documentation",
    apiDocsUrl: "https://edgex-1.gitbook.io/edgeX-documentation/api-v2/public-api",
  },
  ccxtId: null,
  has: { markets: true, depth: true, funding: true, fees: true, liquidations: false, oi: true, insurance: false, margin: false },
  notes: {
    markets: "V2 contracts from /meta/getMetaData (named <BASE>USDC, base coin declared by id in coinList), base-sized in USDC, with each contract's funding interval (fundingRateIntervalMin) and per-interval cap/floor. V1 (pro.edgex.exchange/api/v1, *USD contracts) answered empty data in 2026 and is not read.",
    depth: "GET /quote/getDepth, 15 or 200 levels a side (the deeper asked unless --levels is 15 or fewer), sizes in base units; stamped with the envelope's responseTime (the book carries no time). Parsed on the API reference's example (no recorded body was found).",
    funding: "Settled history from /funding/getFundingRatePage (filterSettlementFundingRate=true, window in ms, offsetData cursor, 100 a page); the running estimate for the next settlement from /quote/getTicker (fundingRate against nextFundingTime).",
    oi: "openInterest (base units) of /quote/getTicker, one contract a call, valued at the body's mark; stamped with the envelope's responseTime.",
    fees: "defaultMakerFeeRate/defaultTakerFeeRate of the metadata (the public default; account tiers are not public).",
    liquidations: "No public liquidation feed in the V2 public API.",
    insurance: "No public insurance-fund endpoint in the V2 public API.",
    margin: "riskTierList (position-value bounds, max leverage, maintenance rate) rides in the full metadata, but the recorded body is trimmed of it: not parsed until a full body is recorded.",
  },
  defaultBases: ["BTC", "ETH"],
  symbolFor: (base) => `${base}USDC`,
  inferMarket(symbol) {
    const m = /^([A-Z0-9]+)USDC$/.exec(symbol);
    if (!m) return null;
    // The interval is per contract and only the metadata says it: left unknown here.
    return { symbol, base: m[1], quote: "USDC", settle: "USDC", contractType: "linear", sizeUnit: "base", contractSize: 1, tickSize: null, maxLeverage: null, fundingIntervalHours: null, active: true };
  },
  async fetch(kind, http, req) {
    switch (kind) {
      case "markets":
      case "fees":
        await get(http, "/meta/getMetaData", {}, { kind, symbol: null });
        return;
      case "oi": {
        const ids = await contractIds(http);
        for (const symbol of req.symbols) await get(http, "/quote/getTicker", { contractId: idOf(ids, symbol) }, { kind, symbol });
        return;
      }
      case "depth": {
        const ids = await contractIds(http);
        // Only 15 or 200 levels are served: the smallest that covers the request.
        const level = (req.levelLimit ?? DEPTH_LEVELS[1]) <= DEPTH_LEVELS[0] ? DEPTH_LEVELS[0] : DEPTH_LEVELS[1];
        for (const symbol of req.symbols) await get(http, "/quote/getDepth", { contractId: idOf(ids, symbol), level }, { kind, symbol, levelLimit: level });
        return;
      }
      case "funding": {
        const ids = await contractIds(http);
        for (const symbol of req.symbols) await fetchFundingHistory(http, symbol, idOf(ids, symbol), req);
        if (!req.historyOnly) for (const symbol of req.symbols) await get(http, "/quote/getTicker", { contractId: idOf(ids, symbol) }, { kind, symbol });
        return;
      }
      default:
        throw new Error(`${SLUG}: ${kind} not supported`);
    }
  },
  parse,
};
