// Kraken Futures perpetuals. ccxt (`krakenfutures`) fetches every REST endpoint used here and normalises
// instruments; the parsers validate raw bodies with zod and also read the WebSocket feeds (book_snapshot,
// ticker, trade, trade_snapshot) that recorders keep.
//
// Units (https://docs.kraken.com/api/docs/futures-api/trading/get-instruments): PF_ multi-collateral
// perpetuals are linear and sized in the base coin (contractSize 1 coin); PI_ perpetuals are inverse, one
// contract = contractSize USD (1), settled in the coin, so base = contracts * 1 USD / price.
// Funding: tickers and history publish an absolute rate per contract (USD for PF_, coin for PI_) and,
// in history and the WebSocket ticker, the relative rate (fraction of price) we store. From a REST ticker the
// relative rate is absolute / mark for PF_ and absolute * mark for PI_ (a coin amount per 1-USD contract;
// checked on a recorded body, see relativeRate). The funding period changed over the years (4h, then 1h),
// so intervalHours is left null. /historicalfundingrates takes only `symbol` and answers the instrument's
// whole history in one body: there is nothing to page, and a --since/--until window does not narrow it.
import type { MarketRow, ParseContext, ParseResult, VenueConnector } from "../types";
import { checkBook, mapEach, parseBody, RecordError, requireMarket, parserTable } from "../parse-helpers";
import { ccxtBaseFeeRow, fetchCcxtMarkets, marketRowFromCcxt, parseCcxtMarkets } from "../ccxt-markets";
import { sizeToBase, sizeToUsd } from "../units";
import { parseKrakenMargin } from "./margin";
import { FundingRateRecord, Instrument, InstrumentsBody, OrderbookBody, RestTicker, RestTrade, TickersBody, WsBookSnapshot, WsTicker, WsTrade } from "./schemas";

const VENUE = "krakenfutures";
const CCXT_ID = "krakenfutures";

/** PF_<BASE>USD: linear, base-sized; PI_<BASE>USD: inverse, 1 USD per contract. Kraken spells BTC "XBT". */
export function inferKrakenMarket(symbol: string): MarketRow | null {
  const m = /^(PF|PI)_([A-Z0-9]+?)(USD)$/i.exec(symbol);
  if (!m) return null;
  const base = m[2].toUpperCase() === "XBT" ? "BTC" : m[2].toUpperCase();
  if (m[1].toUpperCase() === "PF") {
    return { symbol, base, quote: "USD", settle: "USD", contractType: "linear", sizeUnit: "base", contractSize: 1, tickSize: null, maxLeverage: null, fundingIntervalHours: null, active: true };
  }
  return { symbol, base, quote: "USD", settle: base, contractType: "inverse", sizeUnit: "contracts", contractSize: 1, tickSize: null, maxLeverage: null, fundingIntervalHours: null, active: true };
}

function marketFor(ctx: ParseContext, symbol: string): MarketRow {
  return ctx.markets.get(symbol) ?? inferKrakenMarket(symbol) ?? requireMarket(ctx.markets, symbol, ctx.venue);
}

function needSymbol(ctx: ParseContext, what: string): string {
  if (!ctx.symbol) throw new RecordError("symbol", `${ctx.venue}: a ${what} body does not name its market; pass --symbol`);
  return ctx.symbol;
}

/** One body, or a recorder's array of WebSocket messages. */
function messagesOf(body: unknown): { msgs: unknown[]; single: boolean } {
  if (Array.isArray(body) && body.every((m) => m && typeof m === "object" && "feed" in m)) return { msgs: body, single: false };
  return { msgs: [body], single: true };
}

const feedOf = (m: unknown): string | null => (m && typeof m === "object" && typeof (m as any).feed === "string" ? (m as any).feed : null);

async function parseInstruments(body: unknown, ctx: ParseContext) {
  const shape = parseBody(InstrumentsBody, body, ctx, "instruments");
  if (!shape.ok) return { markets: [], raws: new Map<string, any>(), rejected: [shape.rejection] };
  const valid = mapEach(shape.value.instruments, ctx, (r: any) => r?.symbol ?? null, (r) => {
    Instrument.parse(r);
    return r as Record<string, any>;
  });
  const parsed = await parseCcxtMarkets(CCXT_ID, { ...(body as object), instruments: valid.rows });
  return { markets: parsed.filter((m) => m.swap), raws: new Map(valid.rows.map((r) => [r.symbol as string, r])), rejected: valid.rejected };
}

function parseDepth(body: unknown, ctx: ParseContext): ParseResult<"depth"> {
  const { msgs, single } = messagesOf(body);
  return mapEach(msgs, ctx, (m: any) => m?.product_id ?? ctx.symbol, (m: any) => {
    const feed = feedOf(m);
    let symbol: string;
    let ts: number | null;
    let bids: [number, number][];
    let asks: [number, number][];
    if (feed === "book_snapshot") {
      const b = WsBookSnapshot.parse(m);
      symbol = b.product_id;
      ts = b.timestamp;
      bids = b.bids.map((l) => [l.price, l.qty]);
      asks = b.asks.map((l) => [l.price, l.qty]);
    } else if (feed !== null) {
      return null; // "book" deltas and other feeds in a recorded session
    } else {
      if (!single) return null;
      symbol = needSymbol(ctx, "orderbook");
      const b = OrderbookBody.parse(m);
      ts = b.serverTime ?? null;
      bids = b.orderBook.bids.map((l) => [l[0], l[1]]);
      asks = b.orderBook.asks.map((l) => [l[0], l[1]]);
    }
    const market = marketFor(ctx, symbol);
    // PI_: contracts of 1 USD -> coin = qty * 1 / price; PF_: qty is already in the coin.
    const toBase = (l: [number, number]): [number, number] => [l[0], sizeToBase(l[1], l[0], market)];
    // Both the REST book and book_snapshot are the venue's whole book: nothing cut.
    return { symbol, exchangeTs: ts, receivedTs: ctx.receivedTs, ...checkBook(bids.map(toBase), asks.map(toBase)), levelLimit: null, truncated: false };
  });
}

/**
 * Relative funding rate (fraction of price per period) from a REST ticker's absolute rate.
 *
 * Checked for issue #22 (ccxt's krakenfutures.parseFundingRate divides by the mark price for every
 * perpetual): the absolute rate is per contract in the settlement unit. A PF_ contract is one coin settled in
 * USD, so absolute (USD) = relative × price; a PI_ contract is 1 USD settled in the coin, so absolute (coin)
 * = relative × 1 USD / price, i.e. relative = absolute × price. Kraken's API reference names the fields
 * ("fundingRate", "relativeFundingRate") without the units, so this was settled on a recorded body that carries
 * both: the WebSocket ticker of PI_XBTUSD on 2022-06-02 (tests/fixtures/krakenfutures/ws_ticker_PI_XBTUSD_2022-06-02.json)
 * has funding_rate 3.216424e-12, relative_funding_rate 9.6321875e-08 and markPrice 29919.75:
 * 3.216424e-12 × 29919.75 = 9.62346e-08 (within 0.1 % of the published relative rate; the rate is fixed at a
 * slightly different price), while 3.216424e-12 / 29919.75 = 1.08e-16 is nine orders of magnitude off.
 * ccxt's ÷ mark is right for PF_ only (and its ±25 % clamp hides nothing here: PI_ values come out near zero).
 */
export function relativeRate(absolute: number, mark: number, market: MarketRow): number {
  return market.contractType === "inverse" ? absolute * mark : absolute / mark;
}

function parseFunding(body: unknown, ctx: ParseContext): ParseResult<"funding"> {
  const b = body as any;
  if (b && typeof b === "object" && Array.isArray(b.rates)) {
    return mapEach(b.rates as unknown[], ctx, () => ctx.symbol, (raw) => {
      const symbol = needSymbol(ctx, "historicalfundingrates");
      const r = FundingRateRecord.parse(raw);
      return { symbol, fundingTime: r.timestamp, rate: r.relativeFundingRate, intervalHours: null, premium: null, markPrice: null, indexPrice: null, predicted: false };
    });
  }
  if (b && typeof b === "object" && Array.isArray(b.tickers)) {
    const t = TickersBody.parse(b);
    const at = t.serverTime ?? ctx.receivedTs;
    return mapEach(t.tickers, ctx, (x: any) => x?.symbol ?? null, (raw: any) => {
      if (!raw || raw.tag !== "perpetual") return null; // dated futures, indices
      const x = RestTicker.parse(raw);
      if (x.fundingRate === undefined) throw new RecordError("fundingRate", "perpetual ticker without fundingRate");
      const market = marketFor(ctx, x.symbol);
      const index = x.indexPrice ?? null;
      return { symbol: x.symbol, fundingTime: at, rate: relativeRate(x.fundingRate, x.markPrice, market), intervalHours: null, premium: index ? (x.markPrice - index) / index : null, markPrice: x.markPrice, indexPrice: index, predicted: true };
    });
  }
  const { msgs, single } = messagesOf(body);
  return mapEach(msgs, ctx, (m: any) => m?.product_id ?? null, (m) => {
    const feed = feedOf(m);
    if (feed !== "ticker" && feed !== "ticker_snapshot") {
      if (single) throw new RecordError("feed", "not a funding history, tickers or ticker body");
      return null;
    }
    const x = WsTicker.parse(m);
    if (x.relative_funding_rate === undefined) {
      if (x.tag !== undefined && x.tag !== "perpetual") return null; // dated futures have no funding
      throw new RecordError("relative_funding_rate", "perpetual ticker without relative_funding_rate");
    }
    const index = x.index ?? null;
    // The current period's rate, due at next_funding_rate_time: an estimate until settled.
    return { symbol: x.product_id, fundingTime: x.next_funding_rate_time ?? x.time, rate: x.relative_funding_rate, intervalHours: null, premium: index ? (x.markPrice - index) / index : null, markPrice: x.markPrice, indexPrice: index, predicted: true };
  });
}

function oiRow(symbol: string, ts: number, oi: number, mark: number, ctx: ParseContext) {
  if (oi < 0) throw new RecordError("openInterest", `negative open interest ${oi}`);
  const market = marketFor(ctx, symbol);
  // PI_: USD contracts -> coin = oi / mark, USD = oi; PF_: coin, USD = oi * mark.
  return { symbol, ts, sizeBase: sizeToBase(oi, mark, market), valueUsd: sizeToUsd(oi, mark, market) };
}

function parseOi(body: unknown, ctx: ParseContext): ParseResult<"oi"> {
  const b = body as any;
  if (b && typeof b === "object" && Array.isArray(b.tickers)) {
    const t = TickersBody.parse(b);
    const at = t.serverTime ?? ctx.receivedTs;
    return mapEach(t.tickers, ctx, (x: any) => x?.symbol ?? null, (raw: any) => {
      if (!raw || raw.tag !== "perpetual") return null;
      const x = RestTicker.parse(raw);
      if (x.openInterest === undefined) throw new RecordError("openInterest", "perpetual ticker without openInterest");
      return oiRow(x.symbol, at, x.openInterest, x.markPrice, ctx);
    });
  }
  const { msgs, single } = messagesOf(body);
  return mapEach(msgs, ctx, (m: any) => m?.product_id ?? null, (m) => {
    const feed = feedOf(m);
    if (feed !== "ticker" && feed !== "ticker_snapshot") {
      if (single) throw new RecordError("feed", "not a tickers or ticker body");
      return null;
    }
    const x = WsTicker.parse(m);
    if (x.openInterest === undefined) throw new RecordError("openInterest", "ticker without openInterest");
    return oiRow(x.product_id, x.time, x.openInterest, x.markPrice, ctx);
  });
}

function liquidationRow(symbol: string, ts: number, side: "buy" | "sell", price: number, qty: number, ctx: ParseContext) {
  if (!(qty > 0)) throw new RecordError("qty", `non-positive size ${qty}`);
  const market = marketFor(ctx, symbol);
  // side is the taker's; a liquidation is executed as the liquidated account's taker order.
  return { symbol, ts, side, price, sizeBase: sizeToBase(qty, price, market), notionalUsd: sizeToUsd(qty, price, market) };
}

function parseLiquidations(body: unknown, ctx: ParseContext): ParseResult<"liquidations"> {
  const b = body as any;
  if (b && typeof b === "object" && Array.isArray(b.history)) {
    return mapEach(b.history as unknown[], ctx, () => ctx.symbol, (raw) => {
      const t = RestTrade.parse(raw);
      if (t.type !== "liquidation") return null;
      return liquidationRow(needSymbol(ctx, "history"), t.time, t.side, t.price, t.size, ctx);
    });
  }
  const { msgs, single } = messagesOf(body);
  const trades: unknown[] = [];
  for (const m of msgs) {
    const feed = feedOf(m);
    if (feed === "trade_snapshot" && Array.isArray((m as any).trades)) trades.push(...(m as any).trades);
    else if (feed === "trade") trades.push(m);
    else if (single) return { rows: [], rejected: [{ venue: ctx.venue, symbol: ctx.symbol, field: "feed", message: "not a history, trade or trade_snapshot body", index: null }] };
  }
  return mapEach(trades, ctx, (t: any) => t?.product_id ?? null, (raw) => {
    const t = WsTrade.parse(raw);
    if (t.type !== "liquidation") return null;
    return liquidationRow(t.product_id, t.time, t.side, t.price, t.qty, ctx);
  });
}

async function parseMarketsBody(body: unknown, ctx: ParseContext): Promise<ParseResult<"markets">> {
  const { markets, raws, rejected } = await parseInstruments(body, ctx);
  const out = mapEach(markets, ctx, (m) => m.id, (m) => {
    const raw = raws.get(m.id);
    const im = raw?.marginLevels?.[0]?.initialMargin;
    return marketRowFromCcxt(m, m.inverse ? "contracts" : "base", {
      base: m.base === "XBT" ? "BTC" : m.base,
      settle: m.inverse ? (m.base === "XBT" ? "BTC" : m.base) : m.settle ?? "USD",
      // Leverage allowed by the first margin tier: 1 / initial margin.
      maxLeverage: typeof im === "number" && im > 0 ? Math.round(1 / im) : null,
    });
  });
  return { rows: out.rows, rejected: [...rejected, ...out.rejected] };
}

async function parseFeesBody(body: unknown, ctx: ParseContext): Promise<ParseResult<"fees">> {
  // ccxt carries Kraken's base (lowest-volume) tier; the instruments body only names fee schedules.
  const { markets, rejected } = await parseInstruments(body, ctx);
  return ccxtBaseFeeRow(ctx, async () => markets, {
    field: "instruments",
    accept: () => true,
    rejected,
    source: "ccxt krakenfutures fee schedule (base tier, https://www.kraken.com/features/fee-schedule)",
  });
}

export const parseKrakenFutures = parserTable("Kraken Futures", { markets: parseMarketsBody, fees: parseFeesBody, depth: parseDepth, funding: parseFunding, oi: parseOi, liquidations: parseLiquidations, margin: parseKrakenMargin });

export const krakenFutures: VenueConnector = {
  info: {
    slug: VENUE,
    name: "Kraken Futures",
    kind: "cex",
    chain: null,
    websiteUrl: "https://futures.kraken.com",
    docsUrl: "https://support.kraken.com/hc/en-us/sections/360012894412-Futures-trading",
    apiDocsUrl: "https://docs.kraken.com/api/docs/futures-api/trading/market-data/",
  },
  ccxtId: CCXT_ID,
  has: { markets: true, depth: true, funding: true, fees: true, liquidations: true, oi: true, insurance: false, margin: true },
  notes: {
    margin: "Margin levels of PI_/PF_ perpetuals from /derivatives/api/v3/instruments (marginLevels, the professional-client schedule): PI_ levels in 1-USD contracts and PF_ levels in USD (numNonContractUnits) are exact USD bounds; max leverage = 1 / initial margin. Retail margin levels, collateral haircuts and the liquidation policy are not stored.",
    liquidations: "Public trade history marks liquidation fills (type \"liquidation\"); live fetch reads the latest trades per market (v3/history), so it sees only recent ones.",
    insurance: "Kraken publishes no insurance fund balance through its public API.",
    fees: "Base maker/taker tier from ccxt's copy of Kraken's fee schedule; volume tiers are on the website.",
    funding: "Relative funding rate per period; the period length is not in the bodies (it was 4h, now 1h), so intervalHours is null.",
  },
  defaultBases: ["BTC", "ETH", "SOL"],
  symbolFor: (base) => `PF_${base === "BTC" ? "XBT" : base}USD`,
  inferMarket: inferKrakenMarket,
  async fetch(kind, http, req) {
    switch (kind) {
      case "markets":
      case "fees":
        await fetchCcxtMarkets(http, kind);
        return;
      case "depth":
        // The orderbook endpoint has no depth parameter: it always returns the whole book.
        for (const symbol of req.symbols) await http.ccxtCall("publicGetOrderbook", { symbol }, { kind, symbol, levelLimit: null });
        return;
      case "funding":
        for (const symbol of req.symbols) await http.ccxtCall("publicGetHistoricalfundingrates", { symbol }, { kind, symbol });
        await http.ccxtCall("publicGetTickers", {}, { kind, symbol: null });
        return;
      case "oi":
        await http.ccxtCall("publicGetTickers", {}, { kind, symbol: null });
        return;
      case "margin":
        // Every instrument's marginLevels in one body (see margin.ts).
        await http.ccxtCall("publicGetInstruments", {}, { kind, symbol: null });
        return;
      case "liquidations":
        for (const symbol of req.symbols) {
          // v3/history returns the latest trades; its lastTime parameter pages backwards, not from `since`.
          await http.ccxtCall("publicGetHistory", { symbol }, { kind, symbol });
        }
        return;
      default:
        throw new Error(`${VENUE}: ${kind} not supported`);
    }
  },
  parse: (kind, body, ctx) => parseKrakenFutures(kind, body, ctx),
};
