// Gate perpetual futures (API v4), USDT-settled linear (<BASE>_USDT) and BTC-settled inverse (<BASE>_USD)
// contracts. ccxt (`gate`) sends every request (publicFutures implicit methods) and parses each contract
// record (its parseContractMarket); zod checks the raw bodies. One contracts body carries each market's
// spec, its funding interval (seconds), the current funding rate with its next settlement, mark and index,
// and open interest (position_size, in contracts), so it feeds the markets, fees, funding and oi kinds.
// API: https://www.gate.com/docs/developers/apiv4/#futures
import type { DataKind, FetchRequest, MarketRow, ParseContext, ParseResult, VenueConnector, VenueHttp } from "../types";
import { checkBook, mapEach, parseBody, parseWhole, RecordError, requireMarket } from "../parse-helpers";
import { ccxtBaseFeeRow, marketRowFromCcxt, type CcxtMarket } from "../ccxt-markets";
import { newExchange } from "../ccxt-lib";
import { sizeToBase, sizeToUsd } from "../units";
import { pageBackward, spanOf, warnIncomplete } from "../paging";
import { ContractRecord, FundingRateRecord, InsuranceRecord, OrderBookBody } from "./schemas";
import { z } from "zod";

const SLUG = "gate";
const CCXT_ID = "gate";
/** ccxt caps futures order_book requests at 300 levels a side (gate.js fetchOrderBook). */
export const MAX_DEPTH = 300;
/** GET /futures/{settle}/funding_rate page size asked for. */
export const FUNDING_PAGE = 1000;
/** GET /futures/{settle}/insurance: the largest `limit` the docs allow; the endpoint takes no time bounds. */
export const INSURANCE_LIMIT = 1000;

/** "usdt" for <BASE>_USDT contracts, "btc" for the BTC-settled inverse <BASE>_USD ones. */
export function settleOf(symbol: string): "usdt" | "btc" {
  if (symbol.endsWith("_USDT")) return "usdt";
  if (symbol.endsWith("_USD")) return "btc";
  throw new RecordError("symbol", `${symbol}: not a Gate perpetual (<BASE>_USDT or <BASE>_USD)`);
}

let parser: Promise<any> | null = null;
/** ccxt's gate instance, used offline for its contract parser only. */
const gateParser = () => (parser ??= newExchange(CCXT_ID, { enableRateLimit: false }));

/** Each contract record through ccxt's parser, keeping the raw record beside it. */
async function parseContracts(body: unknown, ctx: ParseContext): Promise<{ items: { raw: unknown; rec: ContractRecord | null; market: CcxtMarket | null; error: unknown }[] } | { rejection: ParseResult<any> }> {
  const list = Array.isArray(body) ? body : body && typeof body === "object" ? [body] : null;
  if (!list) return { rejection: parseWhole(ctx, () => { throw new RecordError("(body)", "contracts body must be an array of contract records or one record"); }) };
  const ex = await gateParser();
  return {
    items: list.map((raw) => {
      try {
        const rec = ContractRecord.parse(raw);
        return { raw, rec, market: ex.parseContractMarket(raw, settleOf(rec.name)) as CcxtMarket, error: null };
      } catch (error) {
        return { raw, rec: null, market: null, error };
      }
    }),
  };
}

function marketRow(rec: ContractRecord, m: CcxtMarket): MarketRow {
  // Contract size: quanto_multiplier base units (linear); ccxt maps the inverse contract's 0 to 1 USD.
  return marketRowFromCcxt(m, "contracts", { fundingIntervalHours: rec.funding_interval / 3600, active: m.active !== false && rec.in_delisting !== true });
}

async function parseFromContracts(kind: "markets" | "funding" | "oi", body: unknown, ctx: ParseContext): Promise<ParseResult<any>> {
  const parsed = await parseContracts(body, ctx);
  if ("rejection" in parsed) return parsed.rejection;
  return mapEach(parsed.items, ctx, (it: any) => it.rec?.name ?? it.raw?.name ?? null, (it) => {
    if (it.error) throw it.error;
    const rec = it.rec!;
    const m = it.market!;
    if (!m.swap) return null;
    const market = marketRow(rec, m);
    if (kind === "markets") return market;
    if (kind === "funding") {
      return { symbol: rec.name, fundingTime: rec.funding_next_apply * 1000, rate: rec.funding_rate, intervalHours: market.fundingIntervalHours, premium: (rec.mark_price - rec.index_price) / rec.index_price, markPrice: rec.mark_price, indexPrice: rec.index_price, predicted: true };
    }
    // Open interest: position_size contracts valued at the mark price (units.ts).
    return { symbol: rec.name, ts: ctx.receivedTs, sizeBase: sizeToBase(rec.position_size, rec.mark_price, market), valueUsd: sizeToUsd(rec.position_size, rec.mark_price, market) };
  });
}

function parseDepth(body: unknown, ctx: ParseContext): ParseResult<"depth"> {
  return parseWhole(ctx, () => {
    const symbol = ctx.symbol;
    if (!symbol) throw new RecordError("symbol", `${ctx.venue}: an order_book body does not name its contract; pass --symbol`);
    const parsed = parseBody(OrderBookBody, body, ctx, "order_book");
    if (!parsed.ok) return { rows: [], rejected: [parsed.rejection] };
    const b = parsed.value;
    const market = requireMarket(ctx.markets, symbol, ctx.venue);
    // Sizes are contracts: linear → contracts × quanto_multiplier base; inverse → contracts × 1 USD / price.
    const toBase = (levels: typeof b.bids) => levels.map((l) => [l.p, sizeToBase(l.s, l.p, market)] as [number, number]);
    const book = checkBook(toBase(b.bids), toBase(b.asks));
    const n = Math.max(b.bids.length, b.asks.length);
    const limit = ctx.levelLimit;
    return {
      rows: [{ symbol, exchangeTs: Math.round(b.current * 1000), receivedTs: ctx.receivedTs, ...book, levelLimit: limit, truncated: limit !== null && n >= limit }],
      rejected: [],
    };
  });
}

const isContractsBody = (body: unknown) => {
  const first = Array.isArray(body) ? body[0] : body;
  return !!first && typeof first === "object" && "quanto_multiplier" in first;
};

function parseFundingHistory(body: unknown, ctx: ParseContext): ParseResult<"funding"> {
  if (!Array.isArray(body)) return parseWhole(ctx, () => { throw new RecordError("(body)", "funding_rate body must be an array of {t, r}"); });
  return mapEach(body, ctx, () => ctx.symbol, (raw) => {
    if (!ctx.symbol) throw new RecordError("symbol", `${ctx.venue}: a funding_rate body does not name its contract; pass --symbol`);
    const r = FundingRateRecord.parse(raw);
    return { symbol: ctx.symbol, fundingTime: r.t * 1000, rate: r.r, intervalHours: ctx.markets.get(ctx.symbol)?.fundingIntervalHours ?? null, premium: null, markPrice: null, indexPrice: null, predicted: false };
  });
}

/**
 * Insurance balance history of the USDT-settled futures: one reading per record, USDT counted 1:1 as USD.
 * (The BTC-settled fund is in BTC and would need a price at each reading: not fetched.)
 */
function parseInsurance(body: unknown, ctx: ParseContext): ParseResult<"insurance"> {
  if (!Array.isArray(body)) return parseWhole(ctx, () => { throw new RecordError("(body)", "insurance body must be an array of {t, b}"); });
  return mapEach(body, ctx, () => null, (raw) => {
    const r = InsuranceRecord.parse(raw);
    if (r.b < 0) throw new RecordError("b", `negative insurance balance ${r.b}`);
    return { ts: r.t * 1000, asset: "USDT", balanceUsd: r.b };
  });
}

async function parse(kind: DataKind, body: unknown, ctx: ParseContext): Promise<ParseResult<any>> {
  switch (kind) {
    case "markets":
    case "oi":
      return parseFromContracts(kind, body, ctx);
    case "funding":
      return isContractsBody(body) ? parseFromContracts("funding", body, ctx) : parseFundingHistory(body, ctx);
    case "fees": {
      const parsed = await parseContracts(body, ctx);
      if ("rejection" in parsed) return parsed.rejection;
      // ccxt sets Gate's public VIP 0 rates on every contract market (the body's own maker/taker fields are not
      // a regular user's rates, per ccxt).
      return ccxtBaseFeeRow(ctx, async () => parsed.items.filter((i) => i.market).map((i) => i.market!), { field: "(body)", tier: "VIP 0", source: `ccxt ${CCXT_ID} market metadata (public VIP 0 tier)` });
    }
    case "depth":
      return parseDepth(body, ctx);
    case "insurance":
      return parseInsurance(body, ctx);
    default:
      return parseWhole(ctx, () => { throw new RecordError("kind", `${SLUG}: ${kind} is not parsed (see the connector's notes)`); });
  }
}

const FundingPage = z.array(z.object({ t: z.union([z.number(), z.string()]) }).passthrough());

/** Funding history of one contract: one page of the latest, or pages back from `until` to `since` (seconds on the wire). */
async function fetchFundingHistory(http: VenueHttp, symbol: string, req: FetchRequest): Promise<void> {
  const meta = { kind: "funding" as const, symbol };
  const settle = settleOf(symbol);
  if (req.since === undefined) {
    await http.ccxtCall("publicFuturesGetSettleFundingRate", { settle, contract: symbol, limit: FUNDING_PAGE }, meta);
    return;
  }
  const w = { since: req.since, until: req.until ?? Date.now(), pageSize: FUNDING_PAGE, maxPages: req.maxPages };
  const result = await pageBackward(w, async (to) => {
    const body = await http.ccxtCall("publicFuturesGetSettleFundingRate", { settle, contract: symbol, limit: FUNDING_PAGE, from: Math.ceil(w.since / 1000), to: Math.floor(to / 1000) }, meta);
    const page = FundingPage.safeParse(body);
    return spanOf(page.success ? page.data.map((r) => Number(r.t) * 1000) : []);
  });
  warnIncomplete(http, SLUG, symbol, "funding history", w, result);
}

export const gate: VenueConnector = {
  info: {
    slug: SLUG,
    name: "Gate Futures",
    kind: "cex",
    chain: null,
    websiteUrl: "https://www.gate.com/futures/USDT/BTC_USDT",
    docsUrl: "https://www.gate.com/help/futures/futures",
    apiDocsUrl: "https://www.gate.com/docs/developers/apiv4/#futures",
  },
  ccxtId: CCXT_ID,
  has: { markets: true, depth: true, funding: true, fees: true, liquidations: false, oi: true, insurance: true, margin: false },
  notes: {
    markets: "USDT-settled linear (<BASE>_USDT, quanto_multiplier base units a contract) and BTC-settled inverse (<BASE>_USD, 1 USD a contract) perpetuals from /futures/{settle}/contracts, with each contract's funding_interval.",
    funding: "Settled history from /futures/{settle}/funding_rate (paged back with from/to in seconds); the current rate and next settlement from the contracts body.",
    oi: "position_size (contracts) of each contract record, valued at its mark price; the body has no timestamp, so the reading takes the fetch time.",
    fees: "Public VIP 0 maker/taker as ccxt records them for every contract; the body's own fee fields are not a regular user's rates.",
    liquidations: "GET /futures/{settle}/liq_orders is public but not parsed yet (no recorded body).",
    insurance: "Balance history of the USDT-settled fund from GET /futures/usdt/insurance (one reading a day, `t` in seconds, USDT as USD 1:1). The endpoint takes no time bounds, only `limit` (1,000 asked for), so a backfill reaches only as far back as Gate serves; the BTC-settled fund (in BTC) is not read.",
    margin: "Risk-limit tiers (/futures/{settle}/risk_limit_tiers) not parsed yet.",
  },
  defaultBases: ["BTC", "ETH", "SOL"],
  symbolFor: (base) => `${base}_USDT`,
  inferMarket: () => null,
  async fetch(kind, http, req) {
    switch (kind) {
      case "markets":
      case "fees":
        for (const settle of kind === "fees" ? ["usdt"] : ["usdt", "btc"]) await http.ccxtCall("publicFuturesGetSettleContracts", { settle }, { kind, symbol: null });
        return;
      case "oi":
        for (const symbol of req.symbols) await http.ccxtCall("publicFuturesGetSettleContractsContract", { settle: settleOf(symbol), contract: symbol }, { kind, symbol });
        return;
      case "depth":
        for (const symbol of req.symbols) {
          const limit = Math.min(req.levelLimit ?? MAX_DEPTH, MAX_DEPTH);
          await http.ccxtCall("publicFuturesGetSettleOrderBook", { settle: settleOf(symbol), contract: symbol, limit, with_id: true }, { kind, symbol, levelLimit: limit });
        }
        return;
      case "insurance":
        // No paging: the endpoint has no from/to, so one call with the largest limit is the whole history served.
        await http.ccxtCall("publicFuturesGetSettleInsurance", { settle: "usdt", limit: INSURANCE_LIMIT }, { kind, symbol: null });
        return;
      case "funding":
        for (const symbol of req.symbols) await fetchFundingHistory(http, symbol, req);
        for (const symbol of req.symbols) await http.ccxtCall("publicFuturesGetSettleContractsContract", { settle: settleOf(symbol), contract: symbol }, { kind, symbol });
        return;
      default:
        throw new Error(`${SLUG}: ${kind} not supported`);
    }
  },
  parse,
};
