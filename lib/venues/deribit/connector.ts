// Deribit perpetuals. ccxt (`deribit`) fetches every REST endpoint used here and normalises instruments;
// the parsers validate the raw JSON-RPC bodies with zod and also read the WebSocket subscription messages
// (book, ticker, trades) that recorders such as tardis.dev keep.
//
// Units (https://docs.deribit.com/#public-get_order_book, "amount"): for inverse perpetuals
// (BTC-PERPETUAL, ETH-PERPETUAL; settled in the coin) every amount and open interest is in USD; the
// instrument's contract_size (10 USD for BTC, 1 USD for ETH) is only the USD step an order must be a
// multiple of. Our market row therefore says sizeUnit "usd" with 1 USD per unit (contractSize 1), so that
// base = USD / price. For linear USDC/USDT perpetuals (SOL_USDC-PERPETUAL) amounts are already in the base
// coin: sizeUnit "base", contractSize 1 (contract_size is the coin step there).
// Funding is continuous: public/get_funding_rate_history gives one settled record per hour (interest_1h);
// tickers publish funding_8h, the rate over an 8-hour window, which we store as a predicted 8h rate.
import type { FeeRow, MarketRow, ParseContext, ParseResult, VenueConnector } from "../types";
import { checkBook, mapEach, RecordError, requireMarket, parserTable } from "../parse-helpers";
import { fetchCcxtMarkets, marketRowFromCcxt, parseCcxtMarkets, type CcxtMarket } from "../ccxt-markets";
import { sizeToBase, sizeToUsd } from "../units";
import { FundingHistoryRecord, Instrument, OrderBookResult, TickerLike, Trade, WsBookData } from "./schemas";
import { DAY_MS, HOUR_MS } from "../../metrics/time";
import { pageWindows, warnIncomplete } from "../paging";

/**
 * Span of one public/get_funding_rate_history request. The method takes both ends (start_timestamp,
 * end_timestamp) and answers one record per hour, but long spans come back cut: ccxt pages it by 744 hourly
 * records ("seems exchange returns max 744 items per request", ccxt deribit.fetchFundingRateHistory), so a
 * window is cut into 31-day spans, each asked for whole. Empty spans (before a listing) do not end the walk.
 */
export const FUNDING_SPAN_MS = 744 * HOUR_MS;

const VENUE = "deribit";
/** Depths public/get_order_book accepts; a side with exactly that many levels was cut there. */
export const DEPTH_LIMITS = [1, 5, 10, 20, 50, 100, 1000, 10000];
/** Deepest book Deribit serves; the default for live fetches (slippage at size needs the whole ladder). */
export const MAX_DEPTH = 10000;

type Msg = { channel: string | null; data: unknown };

/** A JSON-RPC answer ({result}) or a subscription message ({params:{channel,data}}); null otherwise. */
function unwrap(message: unknown): Msg | null {
  if (!message || typeof message !== "object") return null;
  const m = message as Record<string, any>;
  if (m.params && typeof m.params === "object" && "data" in m.params) return { channel: typeof m.params.channel === "string" ? m.params.channel : null, data: m.params.data };
  if ("result" in m) return { channel: null, data: m.result };
  return null;
}

/** Bodies are one message or an array of messages (a recorder's capture of a WebSocket session). */
function messagesOf(body: unknown): { msgs: (Msg | null)[]; single: boolean } {
  if (Array.isArray(body) && body.some((x) => unwrap(x) !== null)) return { msgs: body.map(unwrap), single: false };
  return { msgs: [unwrap(body)], single: true };
}

/** Inverse `<COIN>-PERPETUAL` (USD amounts) or linear `<COIN>_<USDC|USDT>-PERPETUAL` (coin amounts). */
export function inferDeribitMarket(symbol: string): MarketRow | null {
  const linear = /^([A-Z0-9]+)_(USDC|USDT)-PERPETUAL$/.exec(symbol);
  if (linear) {
    return { symbol, base: linear[1], quote: linear[2], settle: linear[2], contractType: "linear", sizeUnit: "base", contractSize: 1, tickSize: null, maxLeverage: null, fundingIntervalHours: null, active: true };
  }
  const inverse = /^([A-Z0-9]+)-PERPETUAL$/.exec(symbol);
  if (inverse) {
    return { symbol, base: inverse[1], quote: "USD", settle: inverse[1], contractType: "inverse", sizeUnit: "usd", contractSize: 1, tickSize: null, maxLeverage: null, fundingIntervalHours: null, active: true };
  }
  return null;
}

function marketFor(ctx: ParseContext, symbol: string): MarketRow {
  return ctx.markets.get(symbol) ?? inferDeribitMarket(symbol) ?? requireMarket(ctx.markets, symbol, ctx.venue);
}

/** Validated perpetual instruments of a get_instruments (array) or get_instrument (object) body, through ccxt. */
async function parseInstruments(body: unknown, ctx: ParseContext): Promise<{ markets: { m: CcxtMarket; raw: Record<string, any> }[]; rejected: ParseResult<"markets">["rejected"] }> {
  const msg = unwrap(body);
  const result = msg?.data;
  const records = Array.isArray(result) ? result : result && typeof result === "object" ? [result] : null;
  if (!records) return { markets: [], rejected: [{ venue: ctx.venue, symbol: null, field: "result", message: "not a public/get_instruments body (no result)", index: null }] };
  const valid = mapEach(records, ctx, (r: any) => r?.instrument_name ?? null, (r: any) => {
    // Options and dated futures share the listing; they are not scored, so they are skipped, not validated.
    if (r && typeof r === "object" && typeof r.kind === "string" && typeof r.settlement_period === "string" && !(r.kind === "future" && r.settlement_period === "perpetual")) return null;
    const inst = Instrument.parse(r);
    if (inst.settlement_currency !== undefined) return r as Record<string, any>;
    // Older listings omit settlement_currency. Deribit's USD-quoted perpetuals are inverse and settle in the
    // base coin (BTC-PERPETUAL: USD contracts, BTC margin); a coin-quoted one (USDC linear) settles in its quote.
    // ccxt would otherwise call BTC-PERPETUAL linear.
    if (!inst.quote_currency) throw new RecordError("settlement_currency", "neither settlement_currency nor quote_currency: cannot tell linear from inverse");
    return { ...r, settlement_currency: inst.quote_currency === "USD" ? inst.base_currency : inst.quote_currency } as Record<string, any>;
  });
  const perps = valid.rows.filter((r) => r.settlement_period === "perpetual" && r.kind === "future");
  const parsed = await parseCcxtMarkets("deribit", { ...(body as object), result: perps });
  const byId = new Map(perps.map((r) => [r.instrument_name as string, r]));
  return { markets: parsed.filter((m) => m.swap).map((m) => ({ m, raw: byId.get(m.id)! })), rejected: valid.rejected };
}

function bookRow(symbol: string, ts: number, bids: [number, number][], asks: [number, number][], ctx: ParseContext, levelLimit: number | null) {
  const market = marketFor(ctx, symbol);
  // Deribit amounts -> base coin: USD / price for inverse perpetuals, unchanged for linear ones.
  const toBase = (l: [number, number]): [number, number] => [l[0], sizeToBase(l[1], l[0], market)];
  const book = checkBook(bids.map(toBase), asks.map(toBase));
  return {
    symbol,
    exchangeTs: ts,
    receivedTs: ctx.receivedTs,
    ...book,
    levelLimit,
    truncated: levelLimit !== null && (bids.length >= levelLimit || asks.length >= levelLimit),
  };
}

function parseDepth(body: unknown, ctx: ParseContext): ParseResult<"depth"> {
  const { msgs, single } = messagesOf(body);
  return mapEach(msgs, ctx, (m: any) => m?.data?.instrument_name ?? ctx.symbol, (m) => {
    const data = m?.data as any;
    const isBook = data && typeof data === "object" && Array.isArray(data.bids) && Array.isArray(data.asks);
    if (!isBook) {
      if (single) throw new RecordError("result", "not an order book body (no bids/asks)");
      return null; // another channel in a recorded session
    }
    const first = data.bids[0] ?? data.asks[0];
    if (Array.isArray(first) && typeof first[0] === "string") {
      const d = WsBookData.parse(data);
      // A "change" message only makes sense on top of the preceding snapshot; it is not a book.
      const snapshot = d.type === "snapshot" || (d.type === undefined && (d.prev_change_id === undefined || d.prev_change_id === null));
      if (!snapshot) return null;
      // book.{instrument}.{group}.{depth}.{interval} is a grouped top-N book; the plain channel is the full book.
      const grouped = m?.channel ? /^book\.[^.]+\.[^.]+\.(\d+)\./.exec(m.channel) : null;
      const limit = grouped ? Number(grouped[1]) : null;
      return bookRow(d.instrument_name, d.timestamp, d.bids.map((l) => [l[1], l[2]]), d.asks.map((l) => [l[1], l[2]]), ctx, limit);
    }
    const d = OrderBookResult.parse(data);
    const levels = Math.max(d.bids.length, d.asks.length);
    const limit = ctx.levelLimit ?? (DEPTH_LIMITS.includes(levels) ? levels : null);
    return bookRow(d.instrument_name, d.timestamp, d.bids.map((l) => [l[0], l[1]]), d.asks.map((l) => [l[0], l[1]]), ctx, limit);
  });
}

function parseFunding(body: unknown, ctx: ParseContext): ParseResult<"funding"> {
  const { msgs, single } = messagesOf(body);
  // public/get_funding_rate_history: hourly settled records; the body does not name the instrument.
  if (single && Array.isArray(msgs[0]?.data)) {
    const records = msgs[0]!.data as unknown[];
    return mapEach(records, ctx, () => ctx.symbol, (raw) => {
      if (!ctx.symbol) throw new RecordError("symbol", `${ctx.venue}: a funding history body does not name its instrument; pass --symbol`);
      const r = FundingHistoryRecord.parse(raw);
      return { symbol: ctx.symbol, fundingTime: r.timestamp, rate: r.interest_1h, intervalHours: 1, premium: null, markPrice: null, indexPrice: r.index_price ?? null, predicted: false };
    });
  }
  return mapEach(msgs, ctx, (m: any) => m?.data?.instrument_name ?? ctx.symbol, (m) => {
    const data = m?.data as any;
    if (!data || typeof data !== "object" || !("funding_8h" in data)) {
      if (single) throw new RecordError("funding_8h", "not a perpetual ticker or funding history body");
      return null;
    }
    const t = TickerLike.parse(data);
    const index = t.index_price ?? null;
    // funding_8h: the 8-hour rate Deribit publishes on the ticker (tardis.dev maps it to fundingRate too);
    // funding accrues continuously, so this is an estimate, not a settled period.
    return {
      symbol: t.instrument_name,
      fundingTime: t.timestamp,
      rate: t.funding_8h!,
      intervalHours: 8,
      premium: index ? (t.mark_price - index) / index : null,
      markPrice: t.mark_price,
      indexPrice: index,
      predicted: true,
    };
  });
}

function parseOi(body: unknown, ctx: ParseContext): ParseResult<"oi"> {
  const { msgs, single } = messagesOf(body);
  return mapEach(msgs, ctx, (m: any) => m?.data?.instrument_name ?? ctx.symbol, (m) => {
    const data = m?.data as any;
    if (!data || typeof data !== "object" || !("open_interest" in data) || !("mark_price" in data)) {
      if (single) throw new RecordError("open_interest", "not a ticker/order book body with open_interest");
      return null;
    }
    const t = TickerLike.parse(data);
    const oi = t.open_interest!;
    if (oi < 0) throw new RecordError("open_interest", `negative open interest ${oi}`);
    const market = marketFor(ctx, t.instrument_name);
    // Inverse: open_interest is USD (base = USD / mark); linear: it is in the coin (USD = coin * mark).
    return { symbol: t.instrument_name, ts: t.timestamp, sizeBase: sizeToBase(oi, t.mark_price, market), valueUsd: sizeToUsd(oi, t.mark_price, market) };
  });
}

function parseLiquidations(body: unknown, ctx: ParseContext): ParseResult<"liquidations"> {
  const { msgs, single } = messagesOf(body);
  const trades: unknown[] = [];
  for (const m of msgs) {
    const d = m?.data as any;
    if (Array.isArray(d)) trades.push(...d); // WS trades.{instrument}
    else if (d && Array.isArray(d.trades)) trades.push(...d.trades); // REST get_last_trades_by_instrument
    else if (single) return mapEach([body], ctx, () => ctx.symbol, () => { throw new RecordError("result.trades", "not a trades body"); });
  }
  return mapEach(trades, ctx, (t: any) => t?.instrument_name ?? null, (raw) => {
    const t = Trade.parse(raw);
    if (!t.liquidation) return null;
    if (!(t.amount > 0)) throw new RecordError("amount", `non-positive amount ${t.amount}`);
    const market = marketFor(ctx, t.instrument_name);
    // direction is the taker's side. T: the taker was liquidated (its order side = direction);
    // M: the maker was (opposite side); MT: both sides were liquidation orders.
    const opposite = t.direction === "buy" ? "sell" : "buy";
    const sides: ("buy" | "sell")[] = t.liquidation === "T" ? [t.direction] : t.liquidation === "M" ? [opposite] : [t.direction, opposite];
    const sizeBase = sizeToBase(t.amount, t.price, market);
    const notionalUsd = sizeToUsd(t.amount, t.price, market);
    return sides.map((side) => ({ symbol: t.instrument_name, ts: t.timestamp, side, price: t.price, sizeBase, notionalUsd }));
  });
}

async function parseMarketsBody(body: unknown, ctx: ParseContext): Promise<ParseResult<"markets">> {
  const { markets, rejected } = await parseInstruments(body, ctx);
  const out = mapEach(markets, ctx, (x) => x.m.id, ({ m, raw }) =>
    marketRowFromCcxt(m, m.inverse ? "usd" : "base", {
      // See the header: amounts are USD (inverse) or coin (linear), one unit each.
      contractSize: 1,
      quote: m.quote ?? raw.counter_currency ?? raw.quote_currency,
      maxLeverage: typeof raw.max_leverage === "number" ? raw.max_leverage : null,
    }),
  );
  return { rows: out.rows, rejected: [...rejected, ...out.rejected] };
}

async function parseFeesBody(body: unknown, ctx: ParseContext): Promise<ParseResult<"fees">> {
  // Base maker/taker commissions are published per instrument by public/get_instruments.
  const { markets, rejected } = await parseInstruments(body, ctx);
  const perp = markets.find((x) => x.m.id === "BTC-PERPETUAL") ?? markets[0];
  if (!perp || perp.m.maker === undefined || perp.m.taker === undefined) {
    return { rows: [], rejected: [...rejected, { venue: ctx.venue, symbol: null, field: "result", message: "no perpetual with maker/taker commission", index: null }] };
  }
  const row: FeeRow = { scope: "perp", tier: "base", makerRate: perp.m.maker, takerRate: perp.m.taker, effectiveFrom: ctx.receivedTs, source: `deribit public/get_instruments maker_commission/taker_commission (${perp.m.id})` };
  return { rows: [row], rejected };
}

export const parseDeribit = parserTable("Deribit", { markets: parseMarketsBody, fees: parseFeesBody, depth: parseDepth, funding: parseFunding, oi: parseOi, liquidations: parseLiquidations });

function depthFor(requested: number | undefined): number {
  if (requested === undefined) return MAX_DEPTH;
  return DEPTH_LIMITS.find((d) => d >= requested) ?? MAX_DEPTH;
}

export const deribit: VenueConnector = {
  info: {
    slug: VENUE,
    name: "Deribit",
    kind: "cex",
    chain: null,
    websiteUrl: "https://www.deribit.com",
    docsUrl: "https://support.deribit.com/hc/en-us/articles/25944756247837-Perpetual",
    apiDocsUrl: "https://docs.deribit.com/",
  },
  ccxtId: "deribit",
  has: { markets: true, depth: true, funding: true, fees: true, liquidations: true, oi: true, insurance: false, margin: false },
  notes: {
    margin: "Not stored: public/get_instruments carries no margin table, and Deribit publishes its futures margin as a formula that grows continuously with position size rather than as tiers by notional; no tier table can state it exactly, and the formula was not turned into one.",
    liquidations: "Public trades carry a liquidation flag (M/T/MT); live fetch reads the latest 1000 trades per instrument, so it sees only recent liquidations.",
    insurance: "Deribit publishes no insurance fund balance through its public API.",
    fees: "Base maker/taker commission per instrument from public/get_instruments; volume tiers are on the website.",
    funding: "Funding accrues continuously: history is hourly (interest_1h); tickers give funding_8h, stored as a predicted 8-hour rate.",
  },
  defaultBases: ["BTC", "ETH", "SOL"],
  // BTC and ETH have coin-settled (inverse) perpetuals; other coins trade as USDC linear perpetuals.
  symbolFor: (base) => (base === "BTC" || base === "ETH" ? `${base}-PERPETUAL` : `${base}_USDC-PERPETUAL`),
  inferMarket: inferDeribitMarket,
  async fetch(kind, http, req) {
    switch (kind) {
      case "markets":
      case "fees":
        await fetchCcxtMarkets(http, kind, (ex) => ex.fetchMarkets({ currency: "any", kind: "future" }));
        return;
      case "depth":
        for (const symbol of req.symbols) {
          const depth = depthFor(req.levelLimit);
          await http.ccxtCall("publicGetGetOrderBook", { instrument_name: symbol, depth }, { kind, symbol, levelLimit: depth });
        }
        return;
      case "funding": {
        const end = req.until ?? Date.now();
        for (const symbol of req.symbols) {
          const meta = { kind, symbol };
          const span = (from: number, to: number) => http.ccxtCall("publicGetGetFundingRateHistory", { instrument_name: symbol, start_timestamp: from, end_timestamp: to }, meta);
          // Without a window: the last 30 days, one request.
          if (req.since === undefined) await span(end - 30 * DAY_MS, end);
          else {
            const w = { since: req.since, until: end };
            warnIncomplete(http, VENUE, symbol, "funding history", w, await pageWindows({ ...w, spanMs: FUNDING_SPAN_MS, maxPages: req.maxPages }, span));
          }
          await http.ccxtCall("publicGetTicker", { instrument_name: symbol }, meta);
        }
        return;
      }
      case "oi":
        for (const symbol of req.symbols) await http.ccxtCall("publicGetTicker", { instrument_name: symbol }, { kind, symbol });
        return;
      case "liquidations":
        for (const symbol of req.symbols) {
          await http.ccxtCall("publicGetGetLastTradesByInstrument", { instrument_name: symbol, count: 1000, ...(req.since ? { start_timestamp: req.since, sorting: "asc" } : {}) }, { kind, symbol });
        }
        return;
      default:
        throw new Error(`${VENUE}: ${kind} not supported`);
    }
  },
  parse: (kind, body, ctx) => parseDeribit(kind, body, ctx),
};
