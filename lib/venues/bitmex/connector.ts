// BitMEX perpetual swaps, through a native adapter: the installed ccxt (4.5.84) no longer ships a `bitmex`
// exchange, so every call goes through http.json against https://www.bitmex.com/api/v1 and markets are
// normalised here from the instrument records. The parsers also read the WebSocket tables recorders keep
// ({"table","action","data"}).
//
// Contract sizes come from each instrument's multipliers (https://www.bitmex.com/app/contract):
//  - inverse (isInverse, e.g. XBTUSD): one contract is |multiplier / underlyingToSettleMultiplier| USD
//    (1e8 / 1e8 = 1 USD for XBTUSD); base = contracts * USD per contract / price;
//  - linear (e.g. XBTUSDT): one contract is 1 / underlyingToPositionMultiplier of the base coin
//    (XBTUSDT: 1e-6 XBT, so 1,000,000 contracts = 1 XBT), or multiplier / quoteToSettleMultiplier;
//  - quanto (isQuanto, e.g. ETHUSD, SOLUSD) pays a fixed XBt amount per USD of price move: its size is not a
//    fixed amount of the base coin, so quanto markets are left out (as are markets not quoted in USD).
import type { FeeRow, FetchRequest, MarketRow, ParseContext, ParseResult, Rejection, VenueConnector, VenueHttp } from "../types";
import type { RateLimit } from "../rate-limit";
import { pageBackward, spanOf, warnIncomplete } from "../paging";
import { checkBook, mapEach, RecordError, requireMarket, zEpochMs, zNum, parserTable } from "../parse-helpers";
import { sizeToBase, sizeToUsd } from "../units";
import { Book10Row, FundingRow, InsuranceRecord, Instrument, L2Row, LiquidationRow, WsMessage, type InstrumentRecord } from "./schemas";
import { z } from "zod";
import { HOUR_MS } from "../../metrics/time";

const VENUE = "bitmex";
export const API = "https://www.bitmex.com/api/v1";
/** BitMEX's code for perpetual swaps (futures are FFCCSX). */
const PERPETUAL = "FFWCSX";
const USD_QUOTES = new Set(["USD", "USDT", "USDC"]);

const coin = (c: string) => (c === "XBT" || c === "XBt" ? "BTC" : c === "USDt" ? "USDT" : c.toUpperCase());

/** "2000-01-01T08:00:00.000Z" is BitMEX's way of writing an 8-hour interval. */
export function intervalHours(fundingInterval: string | null | undefined): number | null {
  if (!fundingInterval) return null;
  const ms = Date.parse(fundingInterval) - Date.UTC(2000, 0, 1);
  return Number.isFinite(ms) && ms > 0 ? ms / HOUR_MS : null;
}

/** Our market row for a perpetual instrument record; null when out of scope (dated, quanto, non-USD quote). */
export function marketFromInstrument(r: InstrumentRecord): MarketRow | null {
  if (r.typ !== PERPETUAL || r.isQuanto || !USD_QUOTES.has(r.quoteCurrency)) return null;
  let contractSize: number;
  if (r.isInverse) {
    if (!r.underlyingToSettleMultiplier) throw new RecordError("underlyingToSettleMultiplier", `${r.symbol}: inverse contract without underlyingToSettleMultiplier`);
    contractSize = Math.abs(r.multiplier / r.underlyingToSettleMultiplier);
  } else if (r.underlyingToPositionMultiplier) {
    contractSize = 1 / r.underlyingToPositionMultiplier;
  } else if (r.quoteToSettleMultiplier) {
    contractSize = r.multiplier / r.quoteToSettleMultiplier;
  } else {
    throw new RecordError("underlyingToPositionMultiplier", `${r.symbol}: linear contract without a position or settle multiplier`);
  }
  if (!(contractSize > 0)) throw new RecordError("multiplier", `${r.symbol}: contract size ${contractSize} is not positive`);
  return {
    symbol: r.symbol,
    base: coin(r.underlying),
    quote: r.quoteCurrency,
    settle: r.settlCurrency ? coin(r.settlCurrency) : r.quoteCurrency,
    contractType: r.isInverse ? "inverse" : "linear",
    sizeUnit: "contracts",
    contractSize,
    tickSize: r.tickSize,
    maxLeverage: r.initMargin && r.initMargin > 0 ? Math.round(1 / r.initMargin) : null,
    fundingIntervalHours: intervalHours(r.fundingInterval),
    active: r.state === "Open",
  };
}

const isWs = (x: unknown): boolean => !!x && typeof x === "object" && !Array.isArray(x) && "table" in x && "data" in x;

/**
 * The records of a body: a REST array, one WS table message, or a recorder's array of WS messages.
 * Each record keeps the table and action it came with (null for REST).
 */
function recordsOf(body: unknown, tables: string[], actions: string[] = ["partial", "insert", "update"]): { table: string | null; action: string | null; data: unknown }[] | null {
  const messages = isWs(body) ? [body] : Array.isArray(body) && body.length > 0 && body.every(isWs) ? body : null;
  if (!messages) return Array.isArray(body) ? body.map((data) => ({ table: null, action: null, data })) : null;
  const out: { table: string | null; action: string | null; data: unknown }[] = [];
  for (const raw of messages) {
    const m = WsMessage.safeParse(raw);
    if (!m.success || !tables.includes(m.data.table) || !actions.includes(m.data.action)) continue;
    for (const data of m.data.data) out.push({ table: m.data.table, action: m.data.action, data });
  }
  return out;
}

const notAnArray = (ctx: ParseContext, what: string): { rows: never[]; rejected: Rejection[] } => ({
  rows: [],
  rejected: [{ venue: ctx.venue, symbol: ctx.symbol, field: "(body)", message: `${what} body must be a JSON array or a WebSocket table message`, index: null }],
});

function parseInstruments(body: unknown, ctx: ParseContext) {
  // /instrument/active is an array; a single instrument object (one record saved alone) is accepted too.
  const list = body && typeof body === "object" && !Array.isArray(body) && !isWs(body) ? [{ table: null, action: null, data: body }] : recordsOf(body, ["instrument"], ["partial"]);
  if (!list) return null;
  return mapEach(list, ctx, (x: any) => x.data?.symbol ?? null, (x) => {
    const r = Instrument.parse(x.data);
    return marketFromInstrument(r) ? r : null;
  });
}

function bookRow(symbol: string, ts: number | null, bids: [number, number][], asks: [number, number][], levelLimit: number | null, ctx: ParseContext) {
  const market = requireMarket(ctx.markets, symbol, ctx.venue);
  // Contracts -> base coin with the instrument's contract size (inverse: USD per contract / price).
  const toBase = (l: [number, number]): [number, number] => [l[0], sizeToBase(l[1], l[0], market)];
  const book = checkBook(bids.map(toBase), asks.map(toBase));
  return { symbol, exchangeTs: ts, receivedTs: ctx.receivedTs, ...book, levelLimit, truncated: levelLimit !== null && (bids.length >= levelLimit || asks.length >= levelLimit) };
}

function l2Book(rows: z.infer<typeof L2Row>[], levelLimit: number | null, ctx: ParseContext) {
  const symbol = rows[0]?.symbol ?? ctx.symbol;
  if (!symbol) throw new RecordError("symbol", "empty order book without a symbol");
  const other = rows.find((r) => r.symbol !== symbol);
  if (other) throw new RecordError("symbol", `order book mixes ${symbol} and ${other.symbol}`);
  const stamps = rows.map((r) => r.timestamp).filter((t): t is number => t !== undefined);
  return bookRow(
    symbol,
    stamps.length ? Math.max(...stamps) : null,
    rows.filter((r) => r.side === "Buy").map((r) => [r.price, r.size]),
    rows.filter((r) => r.side === "Sell").map((r) => [r.price, r.size]),
    levelLimit,
    ctx,
  );
}

function parseDepth(body: unknown, ctx: ParseContext): ParseResult<"depth"> {
  if (Array.isArray(body) && (body.length === 0 || !body.every(isWs))) {
    // GET /orderBook/L2: one array of levels; depth=0 (levelLimit null) is the whole book.
    return mapEach([body], ctx, (b: any[]) => b[0]?.symbol ?? ctx.symbol, (b) => {
      const rows = z.array(L2Row).parse(b);
      return l2Book(rows, ctx.levelLimit || null, ctx);
    });
  }
  const messages = isWs(body) ? [body] : Array.isArray(body) ? body : null;
  if (!messages) return notAnArray(ctx, "orderBook");
  const books: { table: string; data: unknown }[] = [];
  for (const raw of messages) {
    const m = WsMessage.safeParse(raw);
    if (!m.success) continue;
    const { table, action, data } = m.data;
    // A partial of orderBookL2(_25) is a snapshot; inserts/updates/deletes only patch it.
    if ((table === "orderBookL2" || table === "orderBookL2_25") && action === "partial") books.push({ table, data });
    // orderBook10 resends the whole top 10 on every change.
    else if (table === "orderBook10") for (const row of data) books.push({ table, data: row });
  }
  return mapEach(books, ctx, (b: any) => (b.table === "orderBook10" ? b.data?.symbol : b.data?.[0]?.symbol) ?? ctx.symbol, (b) => {
    if (b.table === "orderBook10") {
      const r = Book10Row.parse(b.data);
      return bookRow(r.symbol, r.timestamp, r.bids, r.asks, 10, ctx);
    }
    return l2Book(z.array(L2Row).parse(b.data), b.table === "orderBookL2_25" ? 25 : null, ctx);
  });
}

/** The funding fields of an instrument record (WS updates carry only the fields that changed). */
const InstrumentFunding = z.object({
  symbol: z.string().min(1),
  fundingTimestamp: zEpochMs,
  fundingRate: zNum,
  fundingInterval: z.string().nullable().optional(),
  markPrice: zNum.nullable().optional(),
  indexPrice: zNum.nullable().optional(),
});

function parseFunding(body: unknown, ctx: ParseContext): ParseResult<"funding"> {
  const list = recordsOf(body, ["funding", "instrument"]);
  if (!list) return notAnArray(ctx, "funding");
  return mapEach(list, ctx, (x: any) => x.data?.symbol ?? null, (x) => {
    const d = x.data as any;
    const isInstrument = x.table === "instrument" || (d && typeof d === "object" && ("typ" in d || "fundingTimestamp" in d));
    if (!isInstrument) {
      const r = FundingRow.parse(d);
      return { symbol: r.symbol, fundingTime: r.timestamp, rate: r.fundingRate, intervalHours: intervalHours(r.fundingInterval), premium: null, markPrice: null, indexPrice: null, predicted: false };
    }
    // Instrument: fundingRate is the rate fixed for the coming fundingTimestamp (not yet settled).
    if (d?.fundingRate === null || d?.fundingRate === undefined || !d?.fundingTimestamp) return null; // dated futures, partial updates
    if ("typ" in d && !marketFromInstrument(Instrument.parse(d))) return null; // quanto or not USD-quoted
    const r = InstrumentFunding.parse(d);
    const mark = r.markPrice ?? null;
    const index = r.indexPrice ?? null;
    return { symbol: r.symbol, fundingTime: r.fundingTimestamp, rate: r.fundingRate, intervalHours: intervalHours(r.fundingInterval), premium: mark !== null && index ? (mark - index) / index : null, markPrice: mark, indexPrice: index, predicted: true };
  });
}

function parseOi(body: unknown, ctx: ParseContext): ParseResult<"oi"> {
  const list = body && typeof body === "object" && !Array.isArray(body) && !isWs(body) ? [{ table: null, action: null, data: body }] : recordsOf(body, ["instrument"]);
  if (!list) return notAnArray(ctx, "instrument");
  return mapEach(list, ctx, (x: any) => x.data?.symbol ?? null, (x) => {
    const d = x.data as any;
    if (d?.openInterest === undefined || d?.markPrice === undefined || d?.markPrice === null) {
      if (x.table === null) throw new RecordError("openInterest", "instrument record without openInterest and markPrice");
      return null; // a WS update that did not touch open interest
    }
    let market: MarketRow | null;
    let symbol: string;
    let ts: number;
    let oi: number;
    let mark: number;
    if ("typ" in d) {
      const r = Instrument.parse(d);
      market = marketFromInstrument(r); // the record carries its own multipliers
      if (!market) return null;
      symbol = r.symbol;
      ts = r.timestamp;
      oi = r.openInterest ?? NaN;
      mark = r.markPrice ?? NaN;
    } else {
      const r = z.object({ symbol: z.string().min(1), openInterest: zNum, markPrice: zNum, timestamp: zEpochMs }).parse(d);
      market = requireMarket(ctx.markets, r.symbol, ctx.venue);
      ({ symbol, timestamp: ts, openInterest: oi, markPrice: mark } = r);
    }
    if (!(oi >= 0)) throw new RecordError("openInterest", `open interest ${oi} is not a non-negative number`);
    // Contracts -> coin and USD at the mark price (XBTUSD: 1 USD per contract; XBTUSDT: 1e-6 XBT).
    return { symbol, ts, sizeBase: sizeToBase(oi, mark, market), valueUsd: sizeToUsd(oi, mark, market) };
  });
}

function parseLiquidations(body: unknown, ctx: ParseContext): ParseResult<"liquidations"> {
  // Inserts (and a partial) announce liquidation orders; updates/deletes only track their fills.
  const list = recordsOf(body, ["liquidation"], ["partial", "insert"]);
  if (!list) return notAnArray(ctx, "liquidation");
  return mapEach(list, ctx, (x: any) => x.data?.symbol ?? null, (x) => {
    const r = LiquidationRow.parse(x.data);
    if (!(r.leavesQty > 0)) throw new RecordError("leavesQty", `non-positive quantity ${r.leavesQty}`);
    const market = requireMarket(ctx.markets, r.symbol, ctx.venue);
    // The body has no time: the order was open when it was received.
    return { symbol: r.symbol, ts: ctx.receivedTs, side: r.side === "Buy" ? "buy" : "sell", price: r.price, sizeBase: sizeToBase(r.leavesQty, r.price, market), notionalUsd: sizeToUsd(r.leavesQty, r.price, market) };
  });
}

function parseInsurance(body: unknown, ctx: ParseContext): ParseResult<"insurance"> {
  if (!Array.isArray(body)) return notAnArray(ctx, "insurance");
  return mapEach(body, ctx, () => null, (raw) => {
    const r = InsuranceRecord.parse(raw);
    // USDt is micro-USDT (1e6 per USDT), valued 1:1 in USD. The XBt fund is in satoshis and the body
    // carries no BTC price to value it with.
    if (r.currency !== "USDt") throw new RecordError("currency", `${r.currency} balance has no USD value in the body (only the USDt fund is stored)`);
    return { ts: r.timestamp, asset: "USDT", balanceUsd: r.walletBalance / 1e6 };
  });
}

async function parseMarketsBody(body: unknown, ctx: ParseContext): Promise<ParseResult<"markets">> {
  const r = parseInstruments(body, ctx);
  if (!r) return notAnArray(ctx, "instrument");
  return { rows: r.rows.map((x) => marketFromInstrument(x)!), rejected: r.rejected };
}

async function parseFeesBody(body: unknown, ctx: ParseContext): Promise<ParseResult<"fees">> {
  const r = parseInstruments(body, ctx);
  if (!r) return notAnArray(ctx, "instrument");
  const pick = r.rows.find((x) => x.symbol === "XBTUSD") ?? r.rows.find((x) => x.makerFee !== null && x.makerFee !== undefined);
  if (!pick || pick.makerFee === null || pick.makerFee === undefined || pick.takerFee === null || pick.takerFee === undefined) {
    return { rows: [], rejected: [...r.rejected, { venue: ctx.venue, symbol: null, field: "makerFee", message: "no perpetual with makerFee/takerFee", index: null }] };
  }
  const row: FeeRow = { scope: "perp", tier: "base", makerRate: pick.makerFee, takerRate: pick.takerFee, effectiveFrom: ctx.receivedTs, source: `bitmex /api/v1/instrument makerFee/takerFee (${pick.symbol})` };
  return { rows: [row], rejected: r.rejected };
}

export const parseBitmex = parserTable("BitMEX", { markets: parseMarketsBody, fees: parseFeesBody, depth: parseDepth, funding: parseFunding, oi: parseOi, liquidations: parseLiquidations, insurance: parseInsurance });

const url = (path: string, params: Record<string, string | number | boolean> = {}) => {
  const q = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
  return `${API}${path}${q ? `?${q}` : ""}`;
};

/**
 * Every call here is native, so ccxt's limiter does not pace it. BitMEX: "Unauthenticated limit remains 30
 * requests per minute" (https://blog.bitmex.com/api_announcement/updates-to-rate-limits/; a token bucket
 * refilled at that rate), so unauthenticated calls are spaced 2 s apart.
 */
export const REST_LIMIT: RateLimit = { key: "bitmex:rest", requests: 30, perMs: 60_000, source: "https://blog.bitmex.com/api_announcement/updates-to-rate-limits/" };
/** Rows per /funding page (the `count` used since the connector was written; BitMEX's swagger states no maximum). */
export const FUNDING_PAGE = 500;

const get = (http: VenueHttp, path: string, params: Record<string, string | number | boolean>, meta: Parameters<VenueHttp["json"]>[2]) =>
  http.json(url(path, params), { rateLimit: REST_LIMIT }, meta);

/**
 * Funding history of one symbol: `reverse=true` sorts newest first ("If true, will sort results newest first"),
 * so a window is walked back by `endTime` (oldest record − 1 ms) with `startTime` fixed at `since`.
 */
async function fetchFundingHistory(http: VenueHttp, symbol: string, req: FetchRequest): Promise<void> {
  const meta = { kind: "funding" as const, symbol };
  const iso = (t: number) => new Date(t).toISOString();
  if (req.since === undefined) {
    await get(http, "/funding", { symbol, reverse: true, count: FUNDING_PAGE, ...(req.until !== undefined ? { endTime: iso(req.until) } : {}) }, meta);
    return;
  }
  const w = { since: req.since, until: req.until ?? Date.now(), pageSize: FUNDING_PAGE, maxPages: req.maxPages };
  const result = await pageBackward(w, async (to) => {
    const body = await get(http, "/funding", { symbol, reverse: true, count: FUNDING_PAGE, startTime: iso(w.since), endTime: iso(to) }, meta);
    return spanOf(Array.isArray(body) ? body.map((r) => Date.parse(String((r as { timestamp?: unknown })?.timestamp))) : []);
  });
  warnIncomplete(http, VENUE, symbol, "funding history", w, result);
}

export const bitmex: VenueConnector = {
  info: {
    slug: VENUE,
    name: "BitMEX",
    kind: "cex",
    chain: null,
    websiteUrl: "https://www.bitmex.com",
    docsUrl: "https://www.bitmex.com/app/perpetualContractsGuide",
    apiDocsUrl: "https://www.bitmex.com/api/explorer/",
  },
  // ccxt 4.5.84 (installed) has no bitmex exchange: native adapter.
  ccxtId: null,
  has: { markets: true, depth: true, funding: true, fees: true, liquidations: true, oi: true, insurance: true, margin: false },
  notes: {
    margin: "Not stored: instrument/active carries initMargin, maintMargin, riskLimit and riskStep, but the risk limit is set in the settlement currency (XBt for XBT-settled contracts) and needs a price to value in USD, and BitMEX's rule for how margin rises per riskStep was not confirmed against its current docs; no tier table is derived rather than a guessed one.",
    markets: "Perpetual swaps quoted in USD/USDT/USDC; quanto contracts (ETHUSD, SOLUSD, ...) are left out: their size is not a fixed amount of the base coin.",
    liquidations: "GET /liquidation lists liquidation orders open when polled (no timestamp: stored at the time received); the WebSocket liquidation table can be imported.",
    insurance: "GET /insurance: only the USDt fund is stored; the XBt fund is published in satoshis without a USD price.",
    fees: "Base maker/taker from the instrument record (XBTUSD); volume tiers are on the website.",
  },
  defaultBases: ["BTC", "ETH", "SOL"],
  // XBTUSD is the flagship inverse perpetual; ETHUSD/SOLUSD are quanto, so ETH and SOL use the USDT linear swaps.
  symbolFor: (base) => (base === "BTC" ? "XBTUSD" : `${base}USDT`),
  async fetch(kind, http, req) {
    switch (kind) {
      case "markets":
      case "fees":
        await get(http, "/instrument/active", {}, { kind, symbol: null });
        return;
      case "depth":
        for (const symbol of req.symbols) {
          // depth=0 asks for the whole book.
          const depth = req.levelLimit ?? 0;
          await get(http, "/orderBook/L2", { symbol, depth }, { kind, symbol, levelLimit: depth || null });
        }
        return;
      case "funding":
        for (const symbol of req.symbols) {
          await fetchFundingHistory(http, symbol, req);
          await get(http, "/instrument", { symbol }, { kind, symbol });
        }
        return;
      case "oi":
        for (const symbol of req.symbols) await get(http, "/instrument", { symbol }, { kind, symbol });
        return;
      case "liquidations":
        for (const symbol of req.symbols) await get(http, "/liquidation", { symbol }, { kind, symbol });
        return;
      case "insurance":
        // The documented way to select a column value is the generic table filter (the swagger lists no
        // `currency` parameter for /insurance): "Send JSON key/value pairs, such as {"key": "value"}".
        await get(http, "/insurance", { filter: JSON.stringify({ currency: "USDt" }), reverse: true, count: 100 }, { kind, symbol: null });
        return;
    }
  },
  parse: (kind, body, ctx) => parseBitmex(kind, body, ctx),
};
