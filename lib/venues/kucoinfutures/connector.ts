// KuCoin Futures perpetuals: USDT-margined linear (<BASE>USDTM, `multiplier` base units a lot) and coin-
// margined inverse (<BASE>USDM, 1 USD a contract: multiplier −1). ccxt (`kucoinfutures`) sends every public
// request (futuresPublicGet… implicit methods); bodies are validated and mapped here. Books and trades are
// stamped in epoch NANOseconds; the funding period is per contract (8 h for BTC). One contracts body carries
// each contract's spec, current funding rate, time to the next settlement, mark and open interest (lots), so
// it feeds markets, funding (predicted) and oi. API: https://www.kucoin.com/docs-new/
import type { DataKind, FetchRequest, MarketRow, ParseContext, ParseResult, VenueConnector, VenueHttp } from "../types";
import { checkBook, mapEach, parseBody, parseWhole, RecordError, requireMarket } from "../parse-helpers";
import { sizeToBase, sizeToUsd } from "../units";
import { pageBackward, spanOf, warnIncomplete } from "../paging";
import { HOUR_MS } from "../../metrics/time";
import { BookData, Contract, CurrentFunding, Envelope } from "./schemas";
import { z } from "zod";

const SLUG = "kucoinfutures";
/** /api/v1/level2/depth100: the deepest partial book served without the full snapshot. */
export const DEPTH_LEVELS = 100;
/** /api/v1/contract/funding-rates answers at most 100 records a call (docs). */
export const FUNDING_PAGE = 100;

type ContractRec = z.infer<typeof Contract>;

/** Funding period in hours: the granularity field when present, else the "…FPI<h>H" index name. */
export function fundingHoursOf(c: Pick<ContractRec, "fundingRateGranularity" | "fundingRateSymbol">): number | null {
  if (c.fundingRateGranularity !== undefined && c.fundingRateGranularity > 0) return c.fundingRateGranularity / HOUR_MS;
  const m = /FPI(\d+)H$/.exec(c.fundingRateSymbol ?? "");
  return m ? Number(m[1]) : null;
}

function marketRow(c: ContractRec): MarketRow {
  if (c.multiplier === 0) throw new RecordError("multiplier", "zero contract multiplier");
  const inverse = c.isInverse;
  return {
    symbol: c.symbol,
    base: c.baseCurrency === "XBT" ? "BTC" : c.baseCurrency,
    quote: c.quoteCurrency,
    settle: c.settleCurrency === "XBT" ? "BTC" : c.settleCurrency,
    contractType: inverse ? "inverse" : "linear",
    sizeUnit: "contracts",
    // Linear: multiplier base units a lot; inverse: |multiplier| USD a contract (units.ts).
    contractSize: Math.abs(c.multiplier),
    tickSize: c.tickSize,
    maxLeverage: c.maxLeverage ?? null,
    fundingIntervalHours: fundingHoursOf(c),
    active: c.status === "Open",
  };
}

function contracts(body: unknown, ctx: ParseContext): { list: unknown[] } | { rejection: ParseResult<any> } {
  const env = parseBody(Envelope, body, ctx, "contracts");
  if (!env.ok) return { rejection: { rows: [], rejected: [env.rejection] } };
  const data = env.value.data;
  return { list: Array.isArray(data) ? data : [data] };
}

function parseFromContracts(kind: "markets" | "funding" | "oi", body: unknown, ctx: ParseContext): ParseResult<any> {
  const l = contracts(body, ctx);
  if ("rejection" in l) return l.rejection;
  return mapEach(l.list, ctx, (r: any) => r?.symbol ?? null, (raw) => {
    const c = Contract.parse(raw);
    if (c.type !== "FFWCSX") return null; // FFICSX = dated futures; only perpetuals are scored
    const market = marketRow(c);
    if (kind === "markets") return market;
    if (kind === "funding") {
      if (c.fundingFeeRate == null || c.nextFundingRateTime == null) return null;
      // nextFundingRateTime is a duration from the body's time: the settlement lands at receivedTs + it.
      return { symbol: c.symbol, fundingTime: ctx.receivedTs + c.nextFundingRateTime, rate: c.fundingFeeRate, intervalHours: market.fundingIntervalHours, premium: c.markPrice && c.indexPrice ? (c.markPrice - c.indexPrice) / c.indexPrice : null, markPrice: c.markPrice ?? null, indexPrice: c.indexPrice ?? null, predicted: true };
    }
    if (c.openInterest == null || !c.markPrice) return null;
    // openInterest is lots: linear × multiplier base; inverse × 1 USD / mark (units.ts).
    return { symbol: c.symbol, ts: ctx.receivedTs, sizeBase: sizeToBase(c.openInterest, c.markPrice, market), valueUsd: sizeToUsd(c.openInterest, c.markPrice, market) };
  });
}

function parseDepth(body: unknown, ctx: ParseContext): ParseResult<"depth"> {
  const named = typeof (body as any)?.data?.symbol === "string" ? (body as any).data.symbol : null;
  return parseWhole(ctx, () => {
    const env = parseBody(Envelope, body, ctx, "orderbook");
    if (!env.ok) return { rows: [], rejected: [env.rejection] };
    const b = BookData.parse(env.value.data);
    if (ctx.symbol && ctx.symbol !== b.symbol) throw new RecordError("data.symbol", `book is for ${b.symbol}, expected ${ctx.symbol}`);
    const market = requireMarket(ctx.markets, b.symbol, ctx.venue);
    const toBase = (levels: [number, number][]) => levels.map(([p, q]) => [p, sizeToBase(q, p, market)] as [number, number]);
    const book = checkBook(toBase(b.bids), toBase(b.asks));
    const n = Math.max(b.bids.length, b.asks.length);
    const limit = ctx.levelLimit;
    return { rows: [{ symbol: b.symbol, exchangeTs: b.ts, receivedTs: ctx.receivedTs, ...book, levelLimit: limit, truncated: limit !== null && n >= limit }], rejected: [] };
  }, named);
}

const FundingHistoryRecord = z.object({ symbol: z.string().min(1), fundingRate: z.number(), timepoint: z.number().int().positive() });

function parseFunding(body: unknown, ctx: ParseContext): ParseResult<"funding"> {
  const env = parseBody(Envelope, body, ctx, "funding");
  if (!env.ok) return { rows: [], rejected: [env.rejection] };
  const data = env.value.data;
  if (Array.isArray(data) && data.length > 0 && typeof data[0] === "object" && data[0] !== null && "multiplier" in data[0]) return parseFromContracts("funding", body, ctx);
  if (Array.isArray(data)) {
    // /api/v1/contract/funding-rates: settled history (response shape of the API docs).
    return mapEach(data, ctx, (r: any) => r?.symbol ?? null, (raw) => {
      const f = FundingHistoryRecord.parse(raw);
      return { symbol: f.symbol, fundingTime: f.timepoint, rate: f.fundingRate, intervalHours: ctx.markets.get(f.symbol)?.fundingIntervalHours ?? null, premium: null, markPrice: null, indexPrice: null, predicted: false };
    });
  }
  return parseWhole(ctx, () => {
    // /api/v1/funding-rate/{symbol}/current: the index ".XBTUSDTMFPI8H" names the contract XBTUSDTM.
    const f = CurrentFunding.parse(data);
    const symbol = ctx.symbol ?? /^\.(.+)FPI\d+H$/.exec(f.symbol)?.[1];
    if (!symbol) throw new RecordError("data.symbol", `cannot tell the contract of funding index ${f.symbol}; pass --symbol`);
    // Stored as the venue's published current rate at timePoint (not as a settled record): the endpoint
    // does not say whether timePoint closes the period the value applies to.
    return { rows: [{ symbol, fundingTime: f.timePoint, rate: f.value, intervalHours: f.granularity / HOUR_MS, premium: null, markPrice: null, indexPrice: null, predicted: true }], rejected: [] };
  });
}

async function parse(kind: DataKind, body: unknown, ctx: ParseContext): Promise<ParseResult<any>> {
  switch (kind) {
    case "markets":
    case "oi":
      return parseFromContracts(kind, body, ctx);
    case "funding":
      return parseFunding(body, ctx);
    case "depth":
      return parseDepth(body, ctx);
    default:
      return parseWhole(ctx, () => { throw new RecordError("kind", `${SLUG}: ${kind} is not parsed (see the connector's notes)`); });
  }
}

async function fetchFundingHistory(http: VenueHttp, symbol: string, req: FetchRequest): Promise<void> {
  const meta = { kind: "funding" as const, symbol };
  const until = req.until ?? Date.now();
  if (req.since === undefined) {
    await http.ccxtCall("futuresPublicGetContractFundingRates", { symbol, from: until - FUNDING_PAGE * 8 * HOUR_MS, to: until }, meta);
    return;
  }
  const w = { since: req.since, until, pageSize: FUNDING_PAGE, maxPages: req.maxPages };
  const result = await pageBackward(w, async (to) => {
    const body = await http.ccxtCall("futuresPublicGetContractFundingRates", { symbol, from: w.since, to }, meta);
    const data = (body as any)?.data;
    return spanOf(Array.isArray(data) ? data.map((r) => FundingHistoryRecord.safeParse(r)).filter((p) => p.success).map((p) => p.data!.timepoint) : []);
  });
  warnIncomplete(http, SLUG, symbol, "funding history", w, result);
}

export const kucoinFutures: VenueConnector = {
  info: {
    slug: SLUG,
    name: "KuCoin Futures",
    kind: "cex",
    chain: null,
    websiteUrl: "https://www.kucoin.com/futures",
    docsUrl: "https://www.kucoin.com/support",
    apiDocsUrl: "https://www.kucoin.com/docs-new/",
  },
  ccxtId: "kucoinfutures",
  has: { markets: true, depth: true, funding: true, fees: false, liquidations: false, oi: true, insurance: false, margin: false },
  notes: {
    markets: "Perpetuals (type FFWCSX) from /api/v1/contracts/active: USDT-margined linear (multiplier base units a lot) and coin-margined inverse (1 USD a contract), with each contract's funding period.",
    depth: "/api/v1/level2/depth100 (100 levels a side; lots converted with the contract multiplier), timestamps in epoch nanoseconds.",
    funding: "Settled history from /api/v1/contract/funding-rates (from/to in ms, paged back); the current rate and time to the next settlement from the contracts body.",
    oi: "openInterest (lots) of each contract record, valued at its mark; the body has no timestamp, so the reading takes the fetch time.",
    fees: "Fee rates on the contract records are the base tier only; tiers are account data. Not stored.",
    liquidations: "No public liquidation feed read.",
    insurance: "The insurance-fund history endpoint is not read yet (no recorded body).",
    margin: "Risk-limit tiers (/api/v1/contracts/risk-limit/{symbol}) not parsed yet.",
  },
  defaultBases: ["BTC", "ETH", "SOL"],
  symbolFor: (base) => `${base === "BTC" ? "XBT" : base}USDTM`,
  inferMarket: () => null,
  async fetch(kind, http, req) {
    switch (kind) {
      case "markets":
      case "oi":
        await http.ccxtCall("futuresPublicGetContractsActive", {}, { kind, symbol: null });
        return;
      case "depth":
        for (const symbol of req.symbols) await http.ccxtCall("futuresPublicGetLevel2Depth100", { symbol }, { kind, symbol, levelLimit: DEPTH_LEVELS });
        return;
      case "funding":
        for (const symbol of req.symbols) await fetchFundingHistory(http, symbol, req);
        await http.ccxtCall("futuresPublicGetContractsActive", {}, { kind, symbol: null });
        return;
      default:
        throw new Error(`${SLUG}: ${kind} not supported`);
    }
  },
  parse,
};
