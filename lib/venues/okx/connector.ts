// OKX v5 perpetual swaps (instType SWAP). Sizes are in contracts: a linear contract (BTC-USDT-SWAP) is ctVal
// units of the base asset, an inverse one (BTC-USD-SWAP) is ctVal USD, so every size needs the market's
// contract value from /api/v5/public/instruments (parsed by ccxt's okx market code). ccxt (`okx`) makes the
// REST requests through its implicit API; /api/v5/public/liquidation-orders is missing from ccxt's API map,
// so liquidations use a native request. The parsers below validate the raw bodies with zod.
import type { FetchRequest, LiquidationRow, MarketRow, ParseContext, ParseResult, Rejection, VenueConnector, VenueHttp } from "../types";
import type { RateLimit } from "../rate-limit";
import { pageBackward, spanOf, warnIncomplete } from "../paging";
import { checkBook, mapEach, parseBody, RecordError, requireMarket } from "../parse-helpers";
import { parserTable, parseWhole } from "../parse-helpers";
import { ccxtBaseFeeRow, marketRowFromCcxt, offlineExchange, type CcxtMarket } from "../ccxt-markets";
import { sizeToBase, sizeToUsd } from "../units";
import { bundleCaptures } from "../http";
import { parseOkxMargin } from "./margin";
import { fetchOkxInsurance, parseOkxInsurance } from "./insurance";
import { fetchOkxOiHistory, isOkxOiHistoryData, parseOkxOiHistory } from "./oi-history";
import {
  BookRecord,
  BookWsMessage,
  Envelope,
  FundingHistoryRecord,
  FundingRateRecord,
  InstrumentRecord,
  LiquidationDetail,
  LiquidationGroup,
  OpenInterestRecord,
} from "./schemas";
import { HOUR_MS } from "../../metrics/time";

const VENUE = "okx";
const REST = "https://www.okx.com";
/** GET /api/v5/market/books-full returns up to 5000 levels per side. */
export const MAX_DEPTH = 5000;
/**
 * GET /api/v5/public/liquidation-orders goes around ccxt (no method for it), so around ccxt's limiter too.
 * OKX docs, "Get liquidation orders": "Rate Limit: 40 requests per 2 seconds. Rate limit rule: IP".
 */
export const LIQUIDATION_LIMIT: RateLimit = { key: "okx:liquidation-orders", requests: 40, perMs: 2000, source: "https://www.okx.com/docs-v5/en/#public-data-rest-api-get-liquidation-orders" };
/**
 * Funding-rate-history rows per request. The docs' maximum has been 100 and is now 400 ("Number of results
 * per request. The maximum is 400; The default is 400"); 100 is accepted under both, and a page shorter
 * than the size asked for is how the walk knows the history ran out, so the size must not exceed the cap.
 */
export const FUNDING_PAGE = 100;
/** Levels per side of the WS book channels. */
const WS_CHANNEL_DEPTH: Record<string, number> = { books: 400, "books-l2-tbt": 400, "books50-l2-tbt": 50, books5: 5, "bbo-tbt": 1 };

/** "BTC-USDT-SWAP" -> "BTC-USDT": the instrument family OKX wants for family-wide public endpoints. */
export function instFamilyOf(instId: string): string {
  return instId.split("-").slice(0, 2).join("-");
}

/** The `data` array of a REST envelope, refusing venue errors. */
function envelopeData(body: unknown): unknown[] {
  const e = Envelope.parse(body);
  if (e.code !== undefined && String(e.code) !== "0") throw new RecordError("code", `venue error ${e.code}: ${e.msg ?? ""}`);
  return e.data;
}

/** The envelope's `data`, or the whole body rejected with the reason (bad shape or a venue error code). */
function envelopeOrRejection(body: unknown, ctx: ParseContext): unknown[] | { rows: never[]; rejected: Rejection[] } {
  try {
    return envelopeData(body);
  } catch (err) {
    return parseWhole<never>(ctx, () => {
      throw err;
    });
  }
}

// ---------------------------------------------------------------------------------------------- markets

async function ccxtSwapMarkets(body: unknown): Promise<CcxtMarket[]> {
  const ex = await offlineExchange("okx", () => body, { fetchMarkets: { types: ["swap"] } });
  return ex.fetchMarkets();
}

async function parseMarkets(body: unknown, ctx: ParseContext): Promise<ParseResult<"markets">> {
  const env = envelopeOrRejection(body, ctx);
  if (!Array.isArray(env)) return env;
  const data = env;
  const markets = await ccxtSwapMarkets(body);
  const byId = new Map(data.map((raw: any) => [raw?.instId, raw]));
  return mapEach(markets.filter((m) => m.swap), ctx, (m) => m.id, (m): MarketRow => {
    const inst = InstrumentRecord.parse(byId.get(m.id) ?? m.info);
    // Contract value = ctVal x ctMult: base units for linear swaps, USD for inverse ones.
    const contractSize = inst.ctVal * (inst.ctMult ?? 1);
    if (!(contractSize > 0)) throw new RecordError("ctVal", `non-positive contract value ${contractSize}`);
    return marketRowFromCcxt(m, "contracts", { contractSize });
  });
}

function parseFees(body: unknown, ctx: ParseContext): Promise<ParseResult<"fees">> {
  return ccxtBaseFeeRow(
    ctx,
    () => {
      envelopeData(body);
      return ccxtSwapMarkets(body);
    },
    { field: "data", missing: "no perpetual swap with fee metadata", source: "ccxt okx swap fee schedule (public regular-user tier; VIP tiers need an account)" },
  );
}

// ------------------------------------------------------------------------------------------------ depth

function parseDepth(body: unknown, ctx: ParseContext): ParseResult<"depth"> {
  const named: string | null = (body as any)?.arg?.instId ?? null;
  return parseWhole(ctx, () => {
    let symbol = ctx.symbol;
    let channelDepth: number | null = null;
    let records: unknown[];
    if (body && typeof body === "object" && "arg" in body) {
      const msg = BookWsMessage.parse(body);
      if (msg.action === "update") throw new RecordError("action", "books update message is not a whole book; only snapshots import");
      symbol = msg.arg.instId;
      channelDepth = WS_CHANNEL_DEPTH[msg.arg.channel] ?? null;
      records = msg.data;
    } else {
      records = envelopeData(body);
    }
    if (!symbol) throw new RecordError("symbol", `${ctx.venue}: a books body does not name its market; pass --symbol`);
    if (ctx.symbol && ctx.symbol !== symbol) throw new RecordError("arg.instId", `book is for ${symbol}, expected ${ctx.symbol}`);
    if (records.length !== 1) throw new RecordError("data", `expected one book, got ${records.length}`);
    const parsed = parseBody(BookRecord, records[0], { ...ctx, symbol }, "books");
    if (!parsed.ok) return { rows: [], rejected: [{ ...parsed.rejection, field: `data[0].${parsed.rejection.field}` }] };
    const b = parsed.value;
    const market = requireMarket(ctx.markets, symbol, ctx.venue);
    // Sizes are contracts: linear -> contracts x ctVal base units; inverse -> contracts x ctVal USD / price.
    const toBase = (levels: typeof b.bids) => levels.map((l) => [l[0], sizeToBase(l[1], l[0], market)] as [number, number]);
    const book = checkBook(toBase(b.bids), toBase(b.asks));
    const n = Math.max(b.bids.length, b.asks.length);
    const limit = ctx.levelLimit ?? channelDepth;
    return {
      rows: [{ symbol, exchangeTs: b.ts, receivedTs: ctx.receivedTs, ...book, levelLimit: limit, truncated: limit !== null && n >= limit }],
      rejected: [],
    };
  }, named);
}

// ---------------------------------------------------------------------------------------------- funding

function parseFunding(body: unknown, ctx: ParseContext): ParseResult<"funding"> {
  const env = envelopeOrRejection(body, ctx);
  if (!Array.isArray(env)) return env;
  const data = env;
  return mapEach(data, ctx, (r: any) => r?.instId ?? null, (raw: any) => {
    if (raw && typeof raw === "object" && "nextFundingTime" in raw) {
      // public/funding-rate: the rate published for the settlement at fundingTime.
      const r = FundingRateRecord.parse(raw);
      const next = typeof r.nextFundingTime === "number" ? r.nextFundingTime : null;
      return {
        symbol: r.instId,
        fundingTime: r.fundingTime,
        rate: r.fundingRate,
        // The venue states both settlement times; their distance is the interval.
        intervalHours: next !== null && next > r.fundingTime ? (next - r.fundingTime) / HOUR_MS : null,
        premium: r.premium ?? null,
        markPrice: null,
        indexPrice: null,
        predicted: true,
      };
    }
    const r = FundingHistoryRecord.parse(raw);
    return { symbol: r.instId, fundingTime: r.fundingTime, rate: r.realizedRate ?? r.fundingRate, intervalHours: null, premium: null, markPrice: null, indexPrice: null, predicted: false };
  });
}

// --------------------------------------------------------------------------------------------------- oi

function parseOi(body: unknown, ctx: ParseContext): ParseResult<"oi"> {
  const env = envelopeOrRejection(body, ctx);
  if (!Array.isArray(env)) return env;
  const data = env;
  // Rows as arrays: the open-interest history (oi-history.ts).
  if (isOkxOiHistoryData(data)) return parseOkxOiHistory(data, ctx);
  return mapEach(data, ctx, (r: any) => r?.instId ?? null, (raw) => {
    const r = OpenInterestRecord.parse(raw);
    if (r.oi < 0) throw new RecordError("oi", `negative open interest ${r.oi}`);
    let sizeBase = r.oiCcy ?? null;
    if (sizeBase === null) {
      // Without oiCcy, contracts convert to base only for linear swaps (inverse needs a price).
      const market = requireMarket(ctx.markets, r.instId, ctx.venue);
      if (market.contractType !== "linear") throw new RecordError("oiCcy", `${r.instId}: no oiCcy and inverse contracts need a price to convert`);
      sizeBase = r.oi * market.contractSize;
    }
    return { symbol: r.instId, ts: r.ts, sizeBase, valueUsd: r.oiUsd ?? null };
  });
}

// ------------------------------------------------------------------------------------------ liquidations

interface LiqItem {
  instId: string | null;
  detail: unknown;
  index: number;
}

/** Flatten REST bodies, WS liquidation-orders pushes and tardis "liquidations" messages into details. */
function liquidationItems(body: unknown): { items: LiqItem[]; bad: { index: number; error: unknown }[] } {
  const messages = Array.isArray(body) ? body : [body];
  const items: LiqItem[] = [];
  const bad: { index: number; error: unknown }[] = [];
  messages.forEach((msg: any, index) => {
    try {
      const arg = msg?.arg;
      if (arg && typeof arg === "object" && arg.channel === "liquidations") {
        // tardis-polled REST: arg names the instrument, data holds the details.
        if (typeof arg.instId !== "string") throw new RecordError("arg.instId", "liquidations message names no instrument");
        if (!Array.isArray(msg.data)) throw new RecordError("data", "liquidations message has no data array");
        for (const detail of msg.data) items.push({ instId: arg.instId, detail, index });
        return;
      }
      const groups = arg ? msg.data : envelopeData(msg);
      if (!Array.isArray(groups)) throw new RecordError("data", "liquidation-orders message has no data array");
      for (const g of groups) {
        const group = LiquidationGroup.parse(g);
        for (const detail of group.details) items.push({ instId: group.instId, detail, index });
      }
    } catch (error) {
      bad.push({ index, error });
    }
  });
  return { items, bad };
}

function parseLiquidations(body: unknown, ctx: ParseContext): ParseResult<"liquidations"> {
  const { items, bad } = liquidationItems(body);
  const out = mapEach(items, ctx, (it) => it.instId, (it): LiquidationRow => {
    const d = LiquidationDetail.parse(it.detail);
    const market = requireMarket(ctx.markets, it.instId!, ctx.venue);
    if (!(d.sz > 0)) throw new RecordError("sz", `non-positive size ${d.sz}`);
    if (!(d.bkPx > 0)) throw new RecordError("bkPx", `non-positive price ${d.bkPx}`);
    // `side` is the liquidation order's side (buy closes a short); sz is in contracts, bkPx the bankruptcy price.
    return { symbol: it.instId!, ts: d.ts, side: d.side, price: d.bkPx, sizeBase: sizeToBase(d.sz, d.bkPx, market), notionalUsd: sizeToUsd(d.sz, d.bkPx, market) };
  });
  const rejected = out.rejected.map((x) => ({ ...x, index: x.index === null ? null : items[x.index].index }));
  for (const b of bad) rejected.push(mapEach([null], ctx, () => null, () => { throw b.error; }).rejected.map((x) => ({ ...x, index: b.index }))[0]);
  return { rows: out.rows, rejected };
}

// ------------------------------------------------------------------------------------------- connector

export const parseOkx = parserTable("OKX", { markets: parseMarkets, fees: parseFees, depth: parseDepth, funding: parseFunding, oi: parseOi, liquidations: parseLiquidations, insurance: parseOkxInsurance, margin: parseOkxMargin });

/**
 * Funding history of one instrument, newest first. OKX's bounds are exclusive: `after` "return[s] records
 * earlier than the requested fundingTime", `before` "newer than the requested fundingTime" (so `before=since`,
 * as sent before, dropped the record at `since`). The walk pages `after` back from until + 1 to the oldest
 * record of each page, with `before = since − 1` keeping the pages inside the window. OKX serves about three
 * months of history.
 */
async function fetchFundingHistory(http: VenueHttp, instId: string, req: FetchRequest): Promise<void> {
  const meta = { kind: "funding" as const, symbol: instId };
  if (req.since === undefined) {
    await http.ccxtCall("publicGetPublicFundingRateHistory", { instId, limit: FUNDING_PAGE, ...(req.until !== undefined ? { after: req.until + 1 } : {}) }, meta);
    return;
  }
  const w = { since: req.since, until: req.until ?? Date.now(), pageSize: FUNDING_PAGE, maxPages: req.maxPages };
  const result = await pageBackward(w, async (to) => {
    const body = (await http.ccxtCall("publicGetPublicFundingRateHistory", { instId, limit: FUNDING_PAGE, after: to + 1, before: w.since - 1 }, meta)) as { data?: { fundingTime?: unknown }[] };
    return spanOf(Array.isArray(body?.data) ? body.data.map((r) => Number(r?.fundingTime)) : []);
  });
  warnIncomplete(http, VENUE, instId, "funding history", w, result);
}

export const okx: VenueConnector = {
  info: {
    slug: VENUE,
    name: "OKX Perpetual Swaps",
    kind: "cex",
    chain: null,
    websiteUrl: "https://www.okx.com/trade-swap/btc-usdt-swap",
    docsUrl: "https://www.okx.com/help/iv-introduction-to-perpetual-swap-funding-fee",
    apiDocsUrl: "https://www.okx.com/docs-v5/en/",
  },
  ccxtId: "okx",
  has: { markets: true, depth: true, funding: true, fees: true, liquidations: true, oi: true, insurance: true, margin: true },
  notes: {
    fees: "Base (regular-user) maker/taker from ccxt's OKX swap fee schedule; VIP tiers need an account.",
    oi: "Current reading from GET /api/v5/public/open-interest; with a window (--since, backfill), the history from GET /api/v5/rubik/stat/contracts/open-interest-history: hourly over the latest ~60 days (OKX keeps 1,440 readings a period), daily (bars stamped 16:00 UTC, midnight UTC+8) back to 2024-01-01; the period in progress is left out.",
    liquidations: "GET /api/v5/public/liquidation-orders (recent filled liquidations per instrument family); sizes need the instruments' contract values.",
    insurance: "Security-fund history per instrument family from GET /api/v5/public/insurance-fund (a reading about once a minute; paged back with after/before, 100 a page, so a long window needs --max-pages). USDT/USDC pools are stored 1:1 as USD, one asset per family; coin-margined pools (BTC-USD: BTC) need a price at each reading and are left out, and the body's `total` (the whole fund across OKX's pools) is not stored.",
    margin: "Cross-margin position tiers of swaps from /api/v5/public/position-tiers, set in contracts: inverse tiers are exact in USD; linear tiers are valued at the mark price fetched with them (exact at that price only). Needs the markets' contract values. Liquidation fee rate and collateral discounts are not published as numbers in the sources read.",
  },
  defaultBases: ["BTC", "ETH", "SOL"],
  symbolFor: (base) => `${base}-USDT-SWAP`,
  async fetch(kind, http, req) {
    switch (kind) {
      case "markets":
      case "fees":
        await http.ccxtCall("publicGetPublicInstruments", { instType: "SWAP" }, { kind, symbol: null });
        return;
      case "depth":
        for (const symbol of req.symbols) {
          const sz = Math.min(req.levelLimit ?? MAX_DEPTH, MAX_DEPTH);
          await http.ccxtCall("publicGetMarketBooksFull", { instId: symbol, sz }, { kind, symbol, levelLimit: sz });
        }
        return;
      case "funding":
        for (const symbol of req.symbols) {
          await fetchFundingHistory(http, symbol, req);
          if (req.historyOnly) continue;
          await http.ccxtCall("publicGetPublicFundingRate", { instId: symbol }, { kind, symbol });
        }
        return;
      case "oi":
        for (const symbol of req.symbols) {
          // With a window: the history walked back to `since` (oi-history.ts), then the live reading unless historyOnly.
          if (req.since !== undefined) await fetchOkxOiHistory(http, symbol, req);
          if (req.since !== undefined && req.historyOnly) continue;
          await http.ccxtCall("publicGetPublicOpenInterest", { instType: "SWAP", instId: symbol }, { kind, symbol });
        }
        return;
      case "liquidations":
        // Native: ccxt has no method for /api/v5/public/liquidation-orders.
        for (const symbol of req.symbols) {
          const q = new URLSearchParams({ instType: "SWAP", instFamily: instFamilyOf(symbol), state: "filled", limit: "100" });
          // `before` is exclusive ("newer than"): since − 1 keeps a liquidation at `since`.
          if (req.since !== undefined) q.set("before", String(req.since - 1));
          await http.json(`${REST}/api/v5/public/liquidation-orders?${q}`, { rateLimit: LIQUIDATION_LIMIT }, { kind, symbol });
        }
        return;
      case "insurance":
        await fetchOkxInsurance(http, new Set(req.symbols.map(instFamilyOf)), req);
        return;
      case "margin":
        for (const symbol of req.symbols) {
          // Tiers and the mark price that values them go into one capture (see margin.ts).
          const from = http.captures.length;
          await http.ccxtCall("publicGetPublicPositionTiers", { instType: "SWAP", tdMode: "cross", instFamily: instFamilyOf(symbol) }, { kind, symbol });
          await http.ccxtCall("publicGetPublicMarkPrice", { instType: "SWAP", instId: symbol }, { kind, symbol });
          bundleCaptures(http, from);
        }
        return;
      default:
        throw new Error(`${VENUE}: ${kind} not supported`);
    }
  },
  parse: (kind, body, ctx) => parseOkx(kind, body, ctx),
};
