// GRVT perpetuals (ZKsync validium; order book off-chain). ccxt (`grvt`) sends every public request (its
// publicMarketPost… implicit methods on market-data.grvt.io); the bodies are validated and mapped here,
// natively, because ccxt leaves GRVT markets neither linear nor inverse. Sizes are base-asset quantities,
// quoted in USDT. Timestamps on the wire are epoch NANOSECONDS (strings), converted to ms at the schema.
// Funding: each instrument carries its own funding_interval_hours; /full/v1/funding's funding_rate is in
// percentage points. API: https://api-docs.grvt.io/market_data_api/
import type { DataKind, FetchRequest, MarketRow, ParseContext, ParseResult, VenueConnector, VenueHttp } from "../types";
import { checkBook, mapEach, parseBody, parseWhole, RecordError } from "../parse-helpers";
import { pageBackward, spanOf, warnIncomplete } from "../paging";
import { BookBody, FundingPoint, Instrument, ResultList } from "./schemas";

const SLUG = "grvt";
/** /full/v1/book serves depth 10, 50, 100 or 500 a side (ccxt: nearest ceiling of [10, 50, 100, 500]). */
export const MAX_DEPTH = 500;
/** /full/v1/funding page size (ccxt caps `limit` at 1000). */
export const FUNDING_PAGE = 1000;
const PERP = /^([A-Z0-9]+)_(USDT)_Perp$/;

function parseMarkets(body: unknown, ctx: ParseContext): ParseResult<"markets"> {
  const env = parseBody(ResultList, body, ctx, "all_instruments");
  if (!env.ok) return { rows: [], rejected: [env.rejection] };
  return mapEach(env.value.result, ctx, (r: any) => r?.instrument ?? null, (raw): MarketRow | null => {
    const i = Instrument.parse(raw);
    if (i.kind !== "PERPETUAL") return null; // futures and options are not scored
    const hours = i.funding_interval_hours !== undefined && i.funding_interval_hours > 0 ? i.funding_interval_hours : null;
    return {
      symbol: i.instrument,
      base: i.base,
      quote: i.quote,
      settle: i.quote,
      contractType: "linear",
      sizeUnit: "base",
      contractSize: 1,
      tickSize: i.tick_size,
      maxLeverage: null,
      fundingIntervalHours: hours,
      // adjusted_funding_rate_cap/floor ("0.75") are not stored: their unit (fraction or percentage points,
      // per interval or per 8 h) is not stated in a source we have read; no data rather than a guess.
      fundingCapRate: null,
      fundingFloorRate: null,
      active: true,
    };
  });
}

function parseDepth(body: unknown, ctx: ParseContext): ParseResult<"depth"> {
  const named = typeof (body as any)?.result?.instrument === "string" ? (body as any).result.instrument : null;
  return parseWhole(ctx, () => {
    const parsed = parseBody(BookBody, body, ctx, "book");
    if (!parsed.ok) return { rows: [], rejected: [parsed.rejection] };
    const b = parsed.value.result;
    if (ctx.symbol && ctx.symbol !== b.instrument) throw new RecordError("result.instrument", `book is for ${b.instrument}, expected ${ctx.symbol}`);
    // Sizes are base units already.
    const book = checkBook(b.bids.map((l) => [l.price, l.size]), b.asks.map((l) => [l.price, l.size]));
    const n = Math.max(b.bids.length, b.asks.length);
    const limit = ctx.levelLimit;
    return { rows: [{ symbol: b.instrument, exchangeTs: b.event_time, receivedTs: ctx.receivedTs, ...book, levelLimit: limit, truncated: limit !== null && n >= limit }], rejected: [] };
  }, named);
}

function parseFunding(body: unknown, ctx: ParseContext): ParseResult<"funding"> {
  const env = parseBody(ResultList, body, ctx, "funding");
  if (!env.ok) return { rows: [], rejected: [env.rejection] };
  return mapEach(env.value.result, ctx, (r: any) => r?.instrument ?? null, (raw) => {
    const f = FundingPoint.parse(raw);
    const hours = f.funding_interval_hours !== undefined && f.funding_interval_hours > 0 ? f.funding_interval_hours : ctx.markets.get(f.instrument)?.fundingIntervalHours ?? null;
    // funding_rate is in percentage points: "-0.0034" is −0.0034 % = −0.000034.
    return { symbol: f.instrument, fundingTime: f.funding_time, rate: f.funding_rate / 100, intervalHours: hours, premium: null, markPrice: f.mark_price ?? null, indexPrice: null, predicted: false };
  });
}

async function parse(kind: DataKind, body: unknown, ctx: ParseContext): Promise<ParseResult<any>> {
  switch (kind) {
    case "markets":
      return parseMarkets(body, ctx);
    case "depth":
      return parseDepth(body, ctx);
    case "funding":
      return parseFunding(body, ctx);
    default:
      return parseWhole(ctx, () => { throw new RecordError("kind", `${SLUG}: ${kind} is not parsed (see the connector's notes)`); });
  }
}

const NS_PER_MS = 1_000_000n;
const ns = (ms: number) => (BigInt(Math.trunc(ms)) * NS_PER_MS).toString();

/** Funding history of one instrument: the latest page, or pages back from `until` to `since` (ns bounds on the wire). */
async function fetchFunding(http: VenueHttp, symbol: string, req: FetchRequest): Promise<void> {
  const meta = { kind: "funding" as const, symbol };
  if (req.since === undefined) {
    await http.ccxtCall("publicMarketPostFullV1Funding", { instrument: symbol, limit: FUNDING_PAGE }, meta);
    return;
  }
  const w = { since: req.since, until: req.until ?? Date.now(), pageSize: FUNDING_PAGE, maxPages: req.maxPages };
  const result = await pageBackward(w, async (to) => {
    const body = await http.ccxtCall("publicMarketPostFullV1Funding", { instrument: symbol, limit: FUNDING_PAGE, start_time: ns(w.since), end_time: ns(to) }, meta);
    const list = ResultList.safeParse(body);
    const times = list.success ? list.data.result.map((r) => FundingPoint.safeParse(r)).filter((p) => p.success).map((p) => p.data!.funding_time) : [];
    return spanOf(times);
  });
  warnIncomplete(http, SLUG, symbol, "funding history", w, result);
}

export const grvt: VenueConnector = {
  info: {
    slug: SLUG,
    name: "GRVT",
    kind: "dex",
    chain: "ZKsync (GRVT validium)",
    websiteUrl: "https://grvt.io",
    docsUrl: "https://help.grvt.io/",
    apiDocsUrl: "https://api-docs.grvt.io/",
  },
  ccxtId: "grvt",
  has: { markets: true, depth: true, funding: true, fees: false, liquidations: false, oi: false, insurance: false, margin: false },
  notes: {
    markets: "Perpetuals from /full/v1/all_instruments (kind PERPETUAL), base-sized, with each instrument's funding_interval_hours (the adjusted funding cap/floor are not stored: unit not sourced).",
    depth: "/full/v1/book, up to 500 levels a side; event_time is epoch nanoseconds.",
    funding: "Settled history from /full/v1/funding (funding_rate in percentage points, funding_time in ns), paged back with start_time/end_time in ns.",
    fees: "Fee schedule is published on the help centre, not in a public API body; not fetched.",
    oi: "Open interest appears only in the ticker body (not parsed yet; no recorded body).",
    liquidations: "No public liquidation feed.",
    insurance: "No public insurance-fund endpoint.",
    margin: "/full/v1/margin_rules is public but not parsed yet (no recorded body).",
  },
  defaultBases: ["BTC", "ETH", "SOL"],
  symbolFor: (base) => `${base}_USDT_Perp`,
  inferMarket(symbol) {
    const m = PERP.exec(symbol);
    if (!m) return null;
    return { symbol, base: m[1], quote: m[2], settle: m[2], contractType: "linear", sizeUnit: "base", contractSize: 1, tickSize: null, maxLeverage: null, fundingIntervalHours: null, active: true };
  },
  async fetch(kind, http, req) {
    switch (kind) {
      case "markets":
        await http.ccxtCall("publicMarketPostFullV1AllInstruments", { kind: ["PERPETUAL"], is_active: true }, { kind, symbol: null });
        return;
      case "depth":
        for (const symbol of req.symbols) {
          const asked = Math.min(req.levelLimit ?? MAX_DEPTH, MAX_DEPTH);
          const depth = [10, 50, 100, 500].find((d) => d >= asked) ?? MAX_DEPTH;
          await http.ccxtCall("publicMarketPostFullV1Book", { instrument: symbol, depth }, { kind, symbol, levelLimit: depth });
        }
        return;
      case "funding":
        for (const symbol of req.symbols) await fetchFunding(http, symbol, req);
        return;
      default:
        throw new Error(`${SLUG}: ${kind} not supported`);
    }
  },
  parse,
};
