// Lighter perpetuals (zk rollup on Ethereum; order book and matching proven in zk circuits). ccxt
// (`lighter`) sends every request through its implicit methods (publicGet…): orderBookDetails for markets
// and open interest, orderBookOrders for the book (served ORDER BY ORDER, up to 100 a side: we aggregate by
// price), and the raw `fundings` endpoint for settled funding history, which no unified ccxt method reads.
// Markets are named by their base ("ETH") and addressed by a numeric market_id; sizes are base units,
// quoted and settled in USDC. Funding settles every hour. API: https://apidocs.lighter.xyz/
import type { DataKind, FetchRequest, MarketRow, ParseContext, ParseResult, VenueConnector, VenueHttp } from "../types";
import { checkBook, mapEach, parseBody, parseWhole, RecordError } from "../parse-helpers";
import { pageBackward, spanOf, warnIncomplete } from "../paging";
import { HOUR_MS } from "../../metrics/time";
import { FundingSettlement, FundingsBody, OrderBookDetail, OrderBookDetailsBody, OrderBookOrdersBody } from "./schemas";
import type { Level } from "../../metrics/types";

const SLUG = "lighter";
/** orderBookOrders serves at most 100 orders a side (ccxt caps `limit` at 100). */
export const MAX_ORDERS = 100;
/** Settlements one /fundings call answers at most (~750, per third-party measurement; we ask 500). */
export const FUNDINGS_PAGE = 500;
export const FUNDING_INTERVAL_HOURS = 1;

function details(body: unknown, ctx: ParseContext): { list: unknown[] } | { rejection: ParseResult<any> } {
  const env = parseBody(OrderBookDetailsBody, body, ctx, "orderBookDetails");
  return env.ok ? { list: env.value.order_book_details } : { rejection: { rows: [], rejected: [env.rejection] } };
}

function parseMarkets(body: unknown, ctx: ParseContext): ParseResult<"markets"> {
  const d = details(body, ctx);
  if ("rejection" in d) return d.rejection;
  return mapEach(d.list, ctx, (r: any) => r?.symbol ?? null, (raw): MarketRow | null => {
    const m = OrderBookDetail.parse(raw);
    if (m.market_type !== undefined && m.market_type !== "perp") return null;
    return {
      symbol: m.symbol,
      base: m.symbol,
      quote: "USDC",
      settle: "USDC",
      contractType: "linear",
      sizeUnit: "base",
      contractSize: 1,
      tickSize: 10 ** -m.price_decimals,
      // The margin fractions (default/min initial 500/200, maintenance 120 for ETH) are not mapped to a
      // leverage: their scale is not stated in a source we have read.
      maxLeverage: null,
      fundingIntervalHours: FUNDING_INTERVAL_HOURS,
      active: m.status === "active",
    };
  });
}

function parseOi(body: unknown, ctx: ParseContext): ParseResult<"oi"> {
  const d = details(body, ctx);
  if ("rejection" in d) return d.rejection;
  return mapEach(d.list, ctx, (r: any) => r?.symbol ?? null, (raw) => {
    const m = OrderBookDetail.parse(raw);
    if ((m.market_type !== undefined && m.market_type !== "perp") || m.open_interest === undefined) return null;
    // open_interest is base units; the body has no mark, so the writer values it at a stored price.
    return { symbol: m.symbol, ts: ctx.receivedTs, sizeBase: m.open_interest, valueUsd: null };
  });
}

/** Sum resting orders into price levels (orders at one price become one level). */
function aggregate(orders: { price: number; remaining_base_amount: number }[]): Level[] {
  const byPrice = new Map<number, number>();
  for (const o of orders) byPrice.set(o.price, (byPrice.get(o.price) ?? 0) + o.remaining_base_amount);
  return [...byPrice.entries()];
}

function parseDepth(body: unknown, ctx: ParseContext): ParseResult<"depth"> {
  return parseWhole(ctx, () => {
    if (!ctx.symbol) throw new RecordError("symbol", `${ctx.venue}: an orderBookOrders body does not name its market; pass --symbol`);
    const parsed = parseBody(OrderBookOrdersBody, body, ctx, "orderBookOrders");
    if (!parsed.ok) return { rows: [], rejected: [parsed.rejection] };
    const b = parsed.value;
    const book = checkBook(aggregate(b.bids), aggregate(b.asks));
    // The limit counts orders, not levels: a side that returned `limit` orders may have been cut.
    const limit = ctx.levelLimit;
    const cut = limit !== null && Math.max(b.bids.length, b.asks.length) >= limit;
    return { rows: [{ symbol: ctx.symbol, exchangeTs: null, receivedTs: ctx.receivedTs, ...book, levelLimit: limit, truncated: cut }], rejected: [] };
  });
}

function parseFunding(body: unknown, ctx: ParseContext): ParseResult<"funding"> {
  const env = parseBody(FundingsBody, body, ctx, "fundings");
  if (!env.ok) return { rows: [], rejected: [env.rejection] };
  return mapEach(env.value.fundings, ctx, () => ctx.symbol, (raw) => {
    if (!ctx.symbol) throw new RecordError("symbol", `${ctx.venue}: a fundings body does not name its market; pass --symbol`);
    const f = FundingSettlement.parse(raw);
    // rate is percent and unsigned; "long" = longs paid = a positive rate in our convention.
    const rate = (f.direction === "long" ? 1 : -1) * (f.rate / 100);
    return { symbol: ctx.symbol, fundingTime: f.timestamp * 1000, rate, intervalHours: FUNDING_INTERVAL_HOURS, premium: null, markPrice: null, indexPrice: null, predicted: false };
  });
}

async function parse(kind: DataKind, body: unknown, ctx: ParseContext): Promise<ParseResult<any>> {
  switch (kind) {
    case "markets":
      return parseMarkets(body, ctx);
    case "oi":
      return parseOi(body, ctx);
    case "depth":
      return parseDepth(body, ctx);
    case "funding":
      return parseFunding(body, ctx);
    default:
      return parseWhole(ctx, () => { throw new RecordError("kind", `${SLUG}: ${kind} is not parsed (see the connector's notes)`); });
  }
}

/** Market ids by symbol, from a fresh orderBookDetails body (captured as a markets body of the run). */
async function marketIds(http: VenueHttp): Promise<Map<string, number>> {
  const body = await http.ccxtCall("publicGetOrderBookDetails", {}, { kind: "markets", symbol: null });
  const list = OrderBookDetailsBody.safeParse(body);
  const ids = new Map<string, number>();
  if (list.success) for (const r of list.data.order_book_details) {
    const m = OrderBookDetail.safeParse(r);
    if (m.success) ids.set(m.data.symbol, m.data.market_id);
  }
  return ids;
}

function idOf(ids: Map<string, number>, symbol: string): number {
  const id = ids.get(symbol);
  if (id === undefined) throw new Error(`${SLUG}: unknown market ${symbol} (not in orderBookDetails)`);
  return id;
}

async function fetchFunding(http: VenueHttp, symbol: string, marketId: number, req: FetchRequest): Promise<void> {
  const meta = { kind: "funding" as const, symbol };
  const until = req.until ?? Date.now();
  const call = (fromMs: number, toMs: number) =>
    http.ccxtCall("publicGetFundings", { market_id: marketId, resolution: "1h", start_timestamp: Math.floor(fromMs / 1000), end_timestamp: Math.floor(toMs / 1000), count_back: FUNDINGS_PAGE }, meta);
  if (req.since === undefined) {
    await call(until - FUNDINGS_PAGE * HOUR_MS, until);
    return;
  }
  const w = { since: req.since, until, pageSize: FUNDINGS_PAGE, maxPages: req.maxPages };
  const result = await pageBackward(w, async (to) => {
    const body = await call(w.since, to);
    const p = FundingsBody.safeParse(body);
    return spanOf(p.success ? p.data.fundings.map((r) => FundingSettlement.safeParse(r)).filter((x) => x.success).map((x) => x.data!.timestamp * 1000) : []);
  });
  warnIncomplete(http, SLUG, symbol, "funding history", w, result);
}

export const lighter: VenueConnector = {
  info: {
    slug: SLUG,
    name: "Lighter",
    kind: "dex",
    chain: "Ethereum (zk rollup)",
    websiteUrl: "https://lighter.xyz",
    docsUrl: "https://docs.lighter.xyz/",
    apiDocsUrl: "https://apidocs.lighter.xyz/",
  },
  ccxtId: "lighter",
  has: { markets: true, depth: true, funding: true, fees: false, liquidations: false, oi: true, insurance: false, margin: false },
  notes: {
    markets: "Perpetuals from orderBookDetails (named by base, addressed by market_id), base-sized in USDC; funding settles hourly.",
    depth: "orderBookOrders serves resting orders one by one, up to 100 a side; we sum them by price. No timestamp in the body.",
    funding: "Settled hourly history from the raw /fundings endpoint (timestamp in seconds, unsigned rate in percent with the paying side), paged back; the funding-rates body (current rates of several venues) is not read.",
    oi: "open_interest (base units) of each orderBookDetails record at the fetch time, valued later at a stored price.",
    fees: "The fee fields of orderBookDetails are per-market settings, not a schedule; not stored.",
    liquidations: "No public liquidation feed read.",
    insurance: "The insurance fund is an on-chain public pool account (insurance_fund_account_index); not read yet.",
    margin: "Per-market margin fractions ride in orderBookDetails but are not parsed (their scale is not sourced).",
  },
  defaultBases: ["BTC", "ETH", "SOL"],
  symbolFor: (base) => base,
  inferMarket(symbol) {
    if (!/^[A-Z0-9]{1,20}$/.test(symbol)) return null;
    return { symbol, base: symbol, quote: "USDC", settle: "USDC", contractType: "linear", sizeUnit: "base", contractSize: 1, tickSize: null, maxLeverage: null, fundingIntervalHours: FUNDING_INTERVAL_HOURS, active: true };
  },
  async fetch(kind, http, req) {
    switch (kind) {
      case "markets":
        await http.ccxtCall("publicGetOrderBookDetails", {}, { kind, symbol: null });
        return;
      case "oi":
        await http.ccxtCall("publicGetOrderBookDetails", {}, { kind, symbol: null });
        return;
      case "depth": {
        const ids = await marketIds(http);
        const limit = Math.min(req.levelLimit ?? MAX_ORDERS, MAX_ORDERS);
        for (const symbol of req.symbols) await http.ccxtCall("publicGetOrderBookOrders", { market_id: idOf(ids, symbol), limit }, { kind, symbol, levelLimit: limit });
        return;
      }
      case "funding": {
        const ids = await marketIds(http);
        for (const symbol of req.symbols) await fetchFunding(http, symbol, idOf(ids, symbol), req);
        return;
      }
      default:
        throw new Error(`${SLUG}: ${kind} not supported`);
    }
  },
  parse,
};
