// dYdX v4 (dYdX Chain, Cosmos app-chain) perpetuals through the public indexer
// (https://indexer.dydx.trade/v4). ccxt ("dydx") covers every indexer endpoint used here through its
// implicit methods (indexerGet...) and parses markets; parsers validate the raw bodies with zod. Sizes
// are base-asset quantities. Funding is paid every hour (https://docs.dydx.xyz/concepts/trading/funding).
// Liquidations are public: indexer trades of type LIQUIDATED. Bodies may come raw, wrapped in a
// recorder's {"result": ...} envelope (nautilus fixtures), or as indexer WebSocket messages.
import { newExchange } from "../ccxt-lib";
import type { FetchRequest, FundingRow, ParseContext, ParseResult, VenueConnector, VenueHttp } from "../types";
import { pageBackward, spanOf, warnIncomplete } from "../paging";
import { checkBook, mapEach, parseBody, RecordError, rejectionFromError } from "../parse-helpers";
import { parserTable } from "../parse-helpers";
import { fetchCcxtMarkets, marketRowFromCcxt, parseCcxtMarkets } from "../ccxt-markets";
import { singleTier, tierTable } from "../margin-tiers";
import { HistoricalFundingBody, HistoricalFundingRecord, MarketsBody, OrderbookBody, PerpetualMarket, Trade } from "./schemas";
import { HOUR_MS } from "../../metrics/time";

const SLUG = "dydx-v4";
const FUNDING_INTERVAL_HOURS = 1;
/** Records per indexer page (historicalFunding and trades). */
const PAGE_LIMIT = 100;

const isObject = (b: unknown): b is Record<string, unknown> => !!b && typeof b === "object" && !Array.isArray(b);
const nextHour = (ts: number) => Math.floor(ts / HOUR_MS) * HOUR_MS + HOUR_MS;

/** The indexer body inside a recorder envelope such as nautilus's {requestId, status, result}. */
export function unwrap(body: unknown): unknown {
  return isObject(body) && "result" in body && !("markets" in body) ? body.result : body;
}

/** Markets from the REST body, a v4_markets "subscribed" message, or a recorded array of them. */
function marketsPayloads(body: unknown): unknown[] {
  const items = Array.isArray(body) ? body : [body];
  return items.map((item) => {
    const b = unwrap(item);
    if (isObject(b) && b.channel === "v4_markets") {
      if (b.type !== "subscribed") return { invalid: `v4_markets ${String(b.type)} messages carry partial updates; only the "subscribed" snapshot is read` };
      return (b.contents as unknown) ?? { invalid: "v4_markets message without contents" };
    }
    return b;
  });
}

/** ticker -> raw market object, with per-body rejections. */
function marketEntries(body: unknown, ctx: ParseContext) {
  const entries: [string, unknown][] = [];
  const rejected: ReturnType<typeof rejectionFromError>[] = [];
  marketsPayloads(body).forEach((p, index) => {
    if (isObject(p) && typeof p.invalid === "string") {
      rejected.push({ venue: ctx.venue, symbol: null, field: "type", message: p.invalid, index });
      return;
    }
    const parsed = parseBody(MarketsBody, p, ctx, "perpetualMarkets");
    if (!parsed.ok) rejected.push({ ...parsed.rejection, index });
    else entries.push(...Object.entries(parsed.value.markets));
  });
  return { entries, rejected };
}

/** maxLeverage = 1 / initialMarginFraction (IMF 0.05 -> 20x). */
const leverageFromImf = (imf: number) => (imf > 0 ? 1 / imf : null);

async function parseMarkets(body: unknown, ctx: ParseContext): Promise<ParseResult<"markets">> {
  const { entries, rejected } = marketEntries(body, ctx);
  const out = mapEach(entries, ctx, ([ticker]) => ticker, ([, raw]) => ({ raw, m: PerpetualMarket.parse(raw) }));
  // ccxt's dydx market parser (tick = tickSize, amount step = stepSize, linear, contractSize 1), run
  // offline on the raw objects that passed validation; IMF gives the leverage ccxt leaves empty.
  const valid = out.rows;
  const ccxtMarkets = valid.length ? await parseCcxtMarkets("dydx", { markets: Object.fromEntries(valid.map((v) => [v.m.ticker, v.raw])) }) : [];
  const byId = new Map(ccxtMarkets.map((m) => [m.id, m]));
  const rows = mapEach(valid.map((v) => v.m), ctx, (m) => m.ticker, (m) => {
    const cm = byId.get(m.ticker);
    if (!cm) throw new RecordError("ticker", `ccxt did not parse market ${m.ticker}`);
    return marketRowFromCcxt(cm, "base", { maxLeverage: leverageFromImf(m.initialMarginFraction), fundingIntervalHours: FUNDING_INTERVAL_HOURS, active: m.status === "ACTIVE" });
  });
  return { rows: rows.rows, rejected: [...rejected, ...out.rejected, ...rows.rejected] };
}

/**
 * Levels per side GET /v4/orderbooks/perpetualMarket/{ticker} returns at most: the indexer reads its book with
 * `limitPerSide: config.API_ORDERBOOK_LEVELS_PER_SIDE_LIMIT`, default 100, and takes no depth parameter
 * (dydxprotocol/v4-chain, indexer/services/comlink/src/config.ts and
 * src/controllers/api/v4/orderbook-controller.ts).
 */
export const INDEXER_BOOK_LEVELS = 100;

function parseDepth(body: unknown, ctx: ParseContext): ParseResult<"depth"> {
  const symbol = ctx.symbol;
  return mapEach([unwrap(body)], ctx, () => symbol, (raw) => {
    if (!symbol) throw new RecordError("symbol", `${ctx.venue}: an orderbook body does not name its market; pass --symbol`);
    const b = OrderbookBody.parse(raw);
    const book = checkBook(b.bids.map((l) => [l.price, l.size] as const), b.asks.map((l) => [l.price, l.size] as const));
    // The indexer cuts each side at INDEXER_BOOK_LEVELS; a capture (or a manifest entry for a body a recorder
    // trimmed) may name a smaller cut. A side holding exactly that many levels is cut there.
    const limit = ctx.levelLimit ?? INDEXER_BOOK_LEVELS;
    return { symbol, exchangeTs: null, receivedTs: ctx.receivedTs, ...book, levelLimit: limit, truncated: b.bids.length >= limit || b.asks.length >= limit };
  });
}

function parseFunding(body: unknown, ctx: ParseContext): ParseResult<"funding"> {
  const items = Array.isArray(body) ? body : [body];
  const history = items.map(unwrap).filter((b) => isObject(b) && "historicalFunding" in b);
  if (history.length === items.length) {
    const records: unknown[] = [];
    for (const h of history) records.push(...HistoricalFundingBody.parse(h).historicalFunding);
    // Settled hourly funding; price is the oracle (index) price used for the payment.
    return mapEach(records, ctx, (r: any) => r?.ticker ?? null, (raw) => {
      const r = HistoricalFundingRecord.parse(raw);
      return { symbol: r.ticker, fundingTime: r.effectiveAt, rate: r.rate, intervalHours: FUNDING_INTERVAL_HOURS, premium: null, markPrice: null, indexPrice: r.price ?? null, predicted: false } satisfies FundingRow;
    });
  }
  // Markets body: nextFundingRate is the predicted rate of the coming hourly payment.
  const { entries, rejected } = marketEntries(body, ctx);
  const fundingTime = nextHour(ctx.receivedTs);
  const out = mapEach(entries, ctx, ([t]) => t, ([, raw]) => {
    const m = PerpetualMarket.parse(raw);
    return { symbol: m.ticker, fundingTime, rate: m.nextFundingRate, intervalHours: FUNDING_INTERVAL_HOURS, premium: null, markPrice: null, indexPrice: m.oraclePrice, predicted: true } satisfies FundingRow;
  });
  return { rows: out.rows, rejected: [...rejected, ...out.rejected] };
}

function parseOi(body: unknown, ctx: ParseContext): ParseResult<"oi"> {
  const { entries, rejected } = marketEntries(body, ctx);
  const out = mapEach(entries, ctx, ([t]) => t, ([, raw]) => {
    const m = PerpetualMarket.parse(raw);
    if (m.openInterest < 0) throw new RecordError("openInterest", `negative open interest ${m.openInterest}`);
    // openInterest is base units; valued at the oracle price in the same body.
    return { symbol: m.ticker, ts: ctx.receivedTs, sizeBase: m.openInterest, valueUsd: m.oraclePrice === null ? null : m.openInterest * m.oraclePrice };
  });
  return { rows: out.rows, rejected: [...rejected, ...out.rejected] };
}

/** Trades of type LIQUIDATED from the REST trades body or v4_trades messages; other trades are skipped. */
function parseLiquidations(body: unknown, ctx: ParseContext): ParseResult<"liquidations"> {
  const trades: { symbol: string | null; raw: unknown }[] = [];
  for (const item of (Array.isArray(body) ? body : [body]).map(unwrap)) {
    if (isObject(item) && item.channel === "v4_trades") {
      const list = (item.contents as { trades?: unknown } | undefined)?.trades;
      const symbol = typeof item.id === "string" ? item.id : null;
      if (Array.isArray(list)) list.forEach((raw) => trades.push({ symbol, raw }));
      else trades.push({ symbol, raw: item });
    } else if (isObject(item) && Array.isArray(item.trades)) {
      item.trades.forEach((raw) => trades.push({ symbol: ctx.symbol, raw }));
    } else trades.push({ symbol: ctx.symbol, raw: item });
  }
  return mapEach(trades, ctx, (t) => t.symbol, ({ symbol, raw }) => {
    if (isObject(raw) && raw.type !== undefined && raw.type !== "LIQUIDATED") return null;
    const t = Trade.parse(raw);
    if (!symbol) throw new RecordError("symbol", `${ctx.venue}: a trades body does not name its market; pass --symbol`);
    if (!(t.size > 0)) throw new RecordError("size", `non-positive size ${t.size}`);
    // The taker of a LIQUIDATED trade is the liquidation order: its side closes the liquidated position.
    return { symbol, ts: t.createdAt, side: t.side === "BUY" ? "buy" : "sell", price: t.price, sizeBase: t.size, notionalUsd: t.price * t.size };
  });
}

/**
 * One tier per market from its margin fractions (https://github.com/dydxprotocol/v4-documentation/blob/main/docs/pages/concepts/trading/margin.mdx): initial
 * margin = notional × IMF, maintenance = notional × MMF, max leverage = 1 / IMF. When open-interest caps are
 * set (openInterestLowerCap < openInterestUpperCap) the protocol raises the IMF with open interest; the
 * indexer's initialMarginFraction is stored as published.
 */
function parseMargin(body: unknown, ctx: ParseContext): ParseResult<"margin"> {
  const { entries, rejected } = marketEntries(body, ctx);
  const out = mapEach(entries, ctx, ([t]) => t, ([, raw]) => {
    const m = PerpetualMarket.parse(raw);
    if (m.maintenanceMarginFraction === undefined) throw new RecordError("maintenanceMarginFraction", `${m.ticker}: market has no maintenanceMarginFraction`);
    if (!(m.initialMarginFraction > 0)) throw new RecordError("initialMarginFraction", `${m.ticker}: initialMarginFraction ${m.initialMarginFraction} is not positive`);
    const caps = raw as { openInterestLowerCap?: unknown; openInterestUpperCap?: unknown };
    const scaled = Number(caps.openInterestUpperCap ?? 0) > Number(caps.openInterestLowerCap ?? 0);
    const source = `dYdX indexer perpetualMarkets (initial/maintenanceMarginFraction)${scaled ? "; IMF scales with open interest between openInterestLowerCap and openInterestUpperCap" : ""}`;
    return tierTable(m.ticker, singleTier(1 / m.initialMarginFraction, m.initialMarginFraction, m.maintenanceMarginFraction), source, ctx.receivedTs);
  });
  return { rows: out.rows, rejected: [...rejected, ...out.rejected] };
}

async function parseFees(body: unknown, ctx: ParseContext): Promise<ParseResult<"fees">> {
  const { entries, rejected } = marketEntries(body, ctx);
  if (entries.length === 0) return { rows: [], rejected: rejected.length ? rejected : [{ venue: ctx.venue, symbol: null, field: "markets", message: "no markets in body", index: null }] };
  // dYdX fee tiers are chain parameters, not indexer data; ccxt carries the first (< $1M 30-day volume) tier.
  const trading = ((await newExchange("dydx")) as { fees: { trading: { maker: number; taker: number } } }).fees.trading;
  return { rows: [{ scope: "perp", tier: "base", makerRate: trading.maker, takerRate: trading.taker, effectiveFrom: ctx.receivedTs, source: "ccxt dydx fee metadata (tier 1; dYdX trading fees docs)" }], rejected: [] };
}

/**
 * Settled hourly funding of one market, newest first: `effectiveBeforeOrAt` is inclusive, so a window is
 * walked back to the oldest record − 1 ms until a page reaches `since`.
 *
 * Rate interval (checked, issue #22): `rate` is a 1-hour rate. The indexer writes it as
 * `fundingValuePpm × 10^-6 / FUNDING_RATE_FROM_PROTOCOL_IN_HOURS` with that constant = 8
 * (dydxprotocol/v4-chain indexer/services/ender/src/scripts/handlers/dydx_funding_handler.sql): the protocol
 * keeps an 8-hour value and the indexer divides it into the hourly rate, the one paid every hour ("We charge
 * funding rates every hour on our platform", docs concepts/trading/funding). The predicted
 * `nextFundingRate` goes through `funding8HourValuePpmTo1HourRate` (ender funding-handler.ts): hourly too.
 */
async function fetchFundingHistory(http: VenueHttp, symbol: string, req: FetchRequest) {
  const meta = { kind: "funding" as const, symbol };
  const call = (before: number | undefined) =>
    http.ccxtCall("indexerGetHistoricalFundingMarket", { market: symbol, limit: PAGE_LIMIT, ...(before !== undefined ? { effectiveBeforeOrAt: new Date(before).toISOString() } : {}) }, meta);
  if (req.since === undefined) {
    await call(req.until);
    return;
  }
  const w = { since: req.since, until: req.until ?? Date.now(), pageSize: PAGE_LIMIT, maxPages: req.maxPages };
  const result = await pageBackward(w, async (to) => {
    const list = HistoricalFundingBody.safeParse(await call(to));
    return spanOf(list.success ? list.data.historicalFunding.map((r) => Date.parse(String((r as { effectiveAt?: unknown }).effectiveAt))) : []);
  });
  warnIncomplete(http, SLUG, symbol, "funding history", w, result);
}

export const dydxV4: VenueConnector = {
  info: {
    slug: SLUG,
    name: "dYdX v4",
    kind: "dex",
    chain: "dYdX Chain (Cosmos)",
    websiteUrl: "https://dydx.trade",
    docsUrl: "https://docs.dydx.xyz",
    apiDocsUrl: "https://docs.dydx.xyz/indexer-client/http",
  },
  ccxtId: "dydx",
  has: { markets: true, depth: true, funding: true, fees: true, liquidations: true, oi: true, insurance: false, margin: true },
  notes: {
    depth: "The indexer takes no depth parameter and returns at most 100 levels per side (its API_ORDERBOOK_LEVELS_PER_SIDE_LIMIT default); a side with 100 levels is cut there (depth unknown beyond it).",
    funding: "Settled hourly history from /v4/historicalFunding; the predicted next rate (nextFundingRate) from /v4/perpetualMarkets.",
    liquidations: "Indexer trades of type LIQUIDATED (most recent page per market).",
    insurance: "The insurance fund is an on-chain module account; the indexer does not publish its balance.",
    fees: "First (base) tier from ccxt metadata; the tier table is a chain parameter (x/feetiers), not served by the indexer.",
    margin: "One tier per market from /v4/perpetualMarkets (initialMarginFraction, maintenanceMarginFraction); collateral (USDC) and the liquidation penalty are curated in data/margin/dydx-v4.json.",
  },
  defaultBases: ["BTC", "ETH", "SOL"],
  symbolFor: (base) => `${base}-USD`,
  inferMarket(symbol) {
    const m = /^([A-Z0-9]+)-USD$/.exec(symbol);
    if (!m) return null;
    return { symbol, base: m[1], quote: "USDC", settle: "USDC", contractType: "linear", sizeUnit: "base", contractSize: 1, tickSize: null, maxLeverage: null, fundingIntervalHours: FUNDING_INTERVAL_HOURS, active: true };
  },
  async fetch(kind, http, req) {
    switch (kind) {
      case "markets":
      case "fees":
        await fetchCcxtMarkets(http, kind);
        return;
      case "depth":
        for (const symbol of req.symbols) {
          await http.ccxtCall("indexerGetOrderbooksPerpetualMarketMarket", { market: symbol }, { kind, symbol, levelLimit: INDEXER_BOOK_LEVELS });
        }
        return;
      case "funding":
        for (const symbol of req.symbols) await fetchFundingHistory(http, symbol, req);
        if (req.historyOnly) return;
        await http.ccxtCall("indexerGetPerpetualMarkets", {}, { kind, symbol: null });
        return;
      case "oi":
      case "margin":
        await http.ccxtCall("indexerGetPerpetualMarkets", {}, { kind, symbol: null });
        return;
      case "liquidations":
        for (const symbol of req.symbols) {
          await http.ccxtCall("indexerGetTradesPerpetualMarketMarket", { market: symbol, limit: PAGE_LIMIT }, { kind, symbol });
        }
        return;
      default:
        throw new Error(`${SLUG}: ${kind} not supported`);
    }
  },
  parse: parserTable("dYdX", { markets: parseMarkets, depth: parseDepth, funding: parseFunding, oi: parseOi, liquidations: parseLiquidations, fees: parseFees, margin: parseMargin }),
};
