// Backpack Exchange perpetuals (<BASE>_USDC_PERP, base-sized, USDC-margined). ccxt (`backpack`) sends every
// public request (publicGetApiV1… implicit methods); bodies are validated and mapped here. Funding settles
// every hour since 2025-08-20 08:00 UTC (8-hourly before); /fundingRates writes the interval end as a UTC date-time WITHOUT a zone suffix, /depth its
// timestamp in microseconds, /markPrices and /openInterest in milliseconds. API: https://docs.backpack.exchange/
import type { DataKind, FetchRequest, ParseContext, ParseResult, VenueConnector, VenueHttp } from "../types";
import { checkBook, mapEach, parseBody, parseWhole, RecordError } from "../parse-helpers";
import { pageByCursor, spanOf, warnIncomplete } from "../paging";
import { marketRowFromCcxt, parseCcxtMarkets } from "../ccxt-markets";
import { DepthBody, FundingRateRecord, MarkPriceRecord, OpenInterestRecord } from "./schemas";
import { HOUR_MS } from "../../metrics/time";

const SLUG = "backpack";
export const FUNDING_INTERVAL_HOURS = 1;
/**
 * Backpack moved from 8-hour to hourly funding "Starting August 20th, 2025 at 08:00 UTC"
 * (learn.backpack.exchange/articles/hourly-funding-and-real-time-yield): a settlement ending at or before
 * that instant closed an 8-hour interval, one after it a 1-hour interval.
 */
export const HOURLY_FUNDING_FROM = Date.UTC(2025, 7, 20, 8);
export const intervalHoursAt = (fundingTime: number) => (fundingTime > HOURLY_FUNDING_FROM ? 1 : 8);
/** /fundingRates page size (ccxt: "api maximum 1000"); pages by `offset`, newest first. */
export const FUNDING_PAGE = 1000;
const PERP = /^([A-Z0-9]+)_USDC_PERP$/;

const listOf = (body: unknown, ctx: ParseContext, what: string): unknown[] | ParseResult<any> =>
  Array.isArray(body) ? body : parseWhole(ctx, () => { throw new RecordError("(body)", `${what}: expected an array`); });

function parseFunding(body: unknown, ctx: ParseContext): ParseResult<"funding"> {
  const list = listOf(body, ctx, "funding");
  if (!Array.isArray(list)) return list;
  const first = list[0] as Record<string, unknown> | undefined;
  if (first && typeof first === "object" && "markPrice" in first) {
    // /markPrices: the current hourly rate, applied at nextFundingTimestamp.
    return mapEach(list, ctx, (r: any) => r?.symbol ?? null, (raw) => {
      const m = MarkPriceRecord.parse(raw);
      if (!PERP.test(m.symbol)) return null; // spot marks carry no funding
      return { symbol: m.symbol, fundingTime: m.nextFundingTimestamp, rate: m.fundingRate, intervalHours: intervalHoursAt(m.nextFundingTimestamp), premium: (m.markPrice - m.indexPrice) / m.indexPrice, markPrice: m.markPrice, indexPrice: m.indexPrice, predicted: true };
    });
  }
  return mapEach(list, ctx, (r: any) => r?.symbol ?? null, (raw) => {
    const f = FundingRateRecord.parse(raw);
    return { symbol: f.symbol, fundingTime: f.intervalEndTimestamp, rate: f.fundingRate, intervalHours: intervalHoursAt(f.intervalEndTimestamp), premium: null, markPrice: null, indexPrice: null, predicted: false };
  });
}

function parseOi(body: unknown, ctx: ParseContext): ParseResult<"oi"> {
  const list = listOf(body, ctx, "openInterest");
  if (!Array.isArray(list)) return list;
  // openInterest is base units (ETH 27,481.6232 on 2025-08-12); no price in the body.
  return mapEach(list, ctx, (r: any) => r?.symbol ?? null, (raw) => {
    const o = OpenInterestRecord.parse(raw);
    return { symbol: o.symbol, ts: o.timestamp, sizeBase: o.openInterest, valueUsd: null };
  });
}

function parseDepth(body: unknown, ctx: ParseContext): ParseResult<"depth"> {
  return parseWhole(ctx, () => {
    if (!ctx.symbol) throw new RecordError("symbol", `${ctx.venue}: a depth body does not name its market; pass --symbol`);
    const parsed = parseBody(DepthBody, body, ctx, "depth");
    if (!parsed.ok) return { rows: [], rejected: [parsed.rejection] };
    const d = parsed.value;
    const book = checkBook(d.bids, d.asks);
    // The whole book is served (no depth parameter): never cut by our request.
    return { rows: [{ symbol: ctx.symbol, exchangeTs: Math.floor(d.timestamp / 1000), receivedTs: ctx.receivedTs, ...book, levelLimit: null, truncated: false }], rejected: [] };
  });
}

/** /api/v1/markets through ccxt's own market parser; perpetuals only, base-sized, with their funding interval. */
async function parseMarkets(body: unknown, ctx: ParseContext): Promise<ParseResult<"markets">> {
  if (!Array.isArray(body)) return parseWhole(ctx, () => { throw new RecordError("(body)", "markets: expected an array"); });
  const markets = await parseCcxtMarkets("backpack", body);
  const byId = new Map(markets.map((m) => [m.id, m]));
  return mapEach(body, ctx, (r: any) => r?.symbol ?? null, (raw: any) => {
    if (typeof raw?.symbol !== "string" || !PERP.test(raw.symbol)) return null;
    const m = byId.get(raw.symbol);
    if (!m) throw new RecordError("symbol", `ccxt did not parse market ${raw.symbol}`);
    const intervalMs = Number(raw.fundingInterval);
    return marketRowFromCcxt(m, "base", { fundingIntervalHours: Number.isFinite(intervalMs) && intervalMs > 0 ? intervalMs / HOUR_MS : FUNDING_INTERVAL_HOURS });
  });
}

async function parse(kind: DataKind, body: unknown, ctx: ParseContext): Promise<ParseResult<any>> {
  switch (kind) {
    case "markets":
      return parseMarkets(body, ctx);
    case "funding":
      return parseFunding(body, ctx);
    case "oi":
      return parseOi(body, ctx);
    case "depth":
      return parseDepth(body, ctx);
    default:
      return parseWhole(ctx, () => { throw new RecordError("kind", `${SLUG}: ${kind} is not parsed (see the connector's notes)`); });
  }
}

/** Settled funding of one market: the latest page, or pages by offset (newest first) back to `since`. */
async function fetchFunding(http: VenueHttp, symbol: string, req: FetchRequest): Promise<void> {
  const meta = { kind: "funding" as const, symbol };
  if (req.since === undefined) {
    await http.ccxtCall("publicGetApiV1FundingRates", { symbol, limit: FUNDING_PAGE }, meta);
    return;
  }
  const w = { since: req.since, until: req.until ?? Date.now(), pageSize: FUNDING_PAGE, maxPages: req.maxPages, order: "newest-first" as const };
  const result = await pageByCursor<number>(w, async (cursor) => {
    const offset = cursor ?? 0;
    const body = await http.ccxtCall("publicGetApiV1FundingRates", { symbol, limit: FUNDING_PAGE, offset }, meta);
    const times = Array.isArray(body) ? body.map((r) => FundingRateRecord.safeParse(r)).filter((p) => p.success).map((p) => p.data!.intervalEndTimestamp) : [];
    return { ...spanOf(times), next: times.length === FUNDING_PAGE ? offset + FUNDING_PAGE : null };
  });
  warnIncomplete(http, SLUG, symbol, "funding history", w, result);
}

export const backpack: VenueConnector = {
  info: {
    slug: SLUG,
    name: "Backpack Exchange",
    kind: "cex",
    chain: null,
    websiteUrl: "https://backpack.exchange",
    docsUrl: "https://support.backpack.exchange/",
    apiDocsUrl: "https://docs.backpack.exchange/",
  },
  ccxtId: "backpack",
  has: { markets: true, depth: true, funding: true, fees: false, liquidations: false, oi: true, insurance: false, margin: false },
  notes: {
    markets: "/api/v1/markets through ccxt's market parser, perpetuals only (<BASE>_USDC_PERP, base-sized, USDC) with each fundingInterval (ms); no recorded body yet, so this path is pinned only by the LIVE test.",
    depth: "/api/v1/depth serves the whole book with a microsecond timestamp (no recorded body yet: parser pinned on the documented shape).",
    funding: "Settled hourly history from /api/v1/fundingRates (interval end as a zone-less UTC date-time), paged by offset newest first; the current rate with mark, index and next funding time from /api/v1/markPrices.",
    oi: "/api/v1/openInterest: base units with a ms timestamp; valued later at a stored price.",
    fees: "Fee tiers are account data; not fetched.",
    liquidations: "No public liquidation feed read.",
    insurance: "No public insurance-fund endpoint read.",
    margin: "IMF/MMF functions ride in /api/v1/markets but are not parsed yet.",
  },
  defaultBases: ["BTC", "ETH", "SOL"],
  symbolFor: (base) => `${base}_USDC_PERP`,
  inferMarket(symbol) {
    const m = PERP.exec(symbol);
    if (!m) return null;
    return { symbol, base: m[1], quote: "USDC", settle: "USDC", contractType: "linear", sizeUnit: "base", contractSize: 1, tickSize: null, maxLeverage: null, fundingIntervalHours: FUNDING_INTERVAL_HOURS, active: true };
  },
  async fetch(kind, http, req) {
    switch (kind) {
      case "markets":
        await http.ccxtCall("publicGetApiV1Markets", {}, { kind, symbol: null });
        return;
      case "depth":
        for (const symbol of req.symbols) await http.ccxtCall("publicGetApiV1Depth", { symbol }, { kind, symbol, levelLimit: null });
        return;
      case "oi":
        for (const symbol of req.symbols) await http.ccxtCall("publicGetApiV1OpenInterest", { symbol }, { kind, symbol });
        return;
      case "funding":
        for (const symbol of req.symbols) await fetchFunding(http, symbol, req);
        for (const symbol of req.symbols) await http.ccxtCall("publicGetApiV1MarkPrices", { symbol }, { kind, symbol });
        return;
      default:
        throw new Error(`${SLUG}: ${kind} not supported`);
    }
  },
  parse,
};
