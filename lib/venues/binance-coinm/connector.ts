// Binance COIN-M futures: inverse (coin-margined) perpetuals, sized in contracts of a fixed USD face value
// (exchangeInfo `contractSize`: 100 USD for BTCUSD_PERP, 10 USD for the others). ccxt (`binancecoinm`)
// sends every request (dapiPublic implicit methods) and normalises exchangeInfo; zod checks the raw bodies.
// API: https://developers.binance.com/docs/derivatives/coin-margined-futures/general-info
// Quarterly (delivery) contracts are listed in the same exchangeInfo; they are skipped, like every
// connector's non-perpetual instruments, because the app scores perpetuals only.
import { z } from "zod";
import type { DataKind, FetchRequest, ParseContext, ParseResult, VenueConnector, VenueHttp } from "../types";
import { checkBook, mapEach, parseBody, parseWhole, RecordError, requireMarket } from "../parse-helpers";
import { ccxtBaseFeeRow, marketRowFromCcxt, parseCcxtMarkets } from "../ccxt-markets";
import { DepthBody, FundingInfoRecord, FundingRecord, PremiumIndexRecord } from "../binance-usdm/schemas";
import { depthLimitFor, DEPTH_LIMITS, fetchFundingHistory } from "../binance-usdm/connector";
import { sizeToBase } from "../units";

const SLUG = "binance-coinm";
const CCXT_ID = "binancecoinm";

/** The part of /dapi/v1/exchangeInfo checked before ccxt parses it. */
const ExchangeInfoShape = z.object({ symbols: z.array(z.object({ symbol: z.string(), contractSize: z.number().positive() }).passthrough()) }).passthrough();

/** Perpetuals are <BASE>USD_PERP; quarterlies <BASE>USD_<YYMMDD>. */
export const isPerpetualSymbol = (symbol: string) => symbol.endsWith("_PERP");

async function parseMarkets(body: unknown, ctx: ParseContext): Promise<ParseResult<"markets">> {
  // /dapi/v1/fundingInfo has been recorded answering `null` (no adjusted symbol): nothing to update.
  if (body === null) return { rows: [], rejected: [] };
  if (Array.isArray(body)) {
    // /dapi/v1/fundingInfo: interval and cap/floor of the symbols that differ from the default.
    return mapEach(body, ctx, (r: any) => r?.symbol ?? null, (raw) => {
      const r = FundingInfoRecord.parse(raw);
      const base = requireMarket(ctx.markets, r.symbol, ctx.venue);
      return { ...base, fundingIntervalHours: r.fundingIntervalHours, fundingCapRate: r.adjustedFundingRateCap, fundingFloorRate: r.adjustedFundingRateFloor };
    });
  }
  const shape = parseBody(ExchangeInfoShape, body, ctx, "exchangeInfo");
  if (!shape.ok) return { rows: [], rejected: [shape.rejection] };
  const markets = await parseCcxtMarkets(CCXT_ID, body);
  const seen = new Set<string>();
  const perps = markets.filter((m) => m.swap && isPerpetualSymbol(m.id) && !seen.has(m.id) && (seen.add(m.id), true));
  // ccxt's contractSize for an inverse market is USD per contract: exchangeInfo's contractSize (100 / 10).
  return mapEach(perps, ctx, (m) => m.id, (m) => {
    const row = marketRowFromCcxt(m, "contracts");
    if (row.contractType !== "inverse") throw new RecordError("symbols", `${m.id}: expected an inverse contract`);
    return row;
  });
}

function parseDepth(body: unknown, ctx: ParseContext): ParseResult<"depth"> {
  const named = typeof (body as any)?.symbol === "string" ? (body as any).symbol : null;
  return parseWhole(ctx, () => {
    const symbol = ctx.symbol ?? named;
    if (!symbol) throw new RecordError("symbol", `${ctx.venue}: a depth body does not name its market; pass --symbol`);
    if (named && named !== symbol) throw new RecordError("symbol", `book is for ${named}, expected ${symbol}`);
    const parsed = parseBody(DepthBody, body, { ...ctx, symbol }, "depth");
    if (!parsed.ok) return { rows: [], rejected: [parsed.rejection] };
    const b = parsed.value;
    const market = requireMarket(ctx.markets, symbol, ctx.venue);
    // Quantities are contracts of contractSize USD: base = contracts × contractSize / price (units.ts).
    const toBase = (levels: typeof b.bids) => levels.map((l) => [l[0], sizeToBase(l[1], l[0], market)] as [number, number]);
    const book = checkBook(toBase(b.bids), toBase(b.asks));
    const n = Math.max(b.bids.length, b.asks.length);
    const limit = ctx.levelLimit ?? (DEPTH_LIMITS.includes(n) ? n : null);
    return {
      rows: [{ symbol, exchangeTs: b.T ?? b.E ?? null, receivedTs: ctx.receivedTs, ...book, levelLimit: limit, truncated: limit !== null && n >= limit }],
      rejected: [],
    };
  }, named);
}

function parseFunding(body: unknown, ctx: ParseContext): ParseResult<"funding"> {
  if (!Array.isArray(body)) {
    return mapEach([body], ctx, () => ctx.symbol, () => {
      throw new RecordError("(body)", "funding body must be an array (fundingRate records or premiumIndex entries)");
    });
  }
  return mapEach(body, ctx, (r: any) => r?.symbol ?? null, (raw: any) => {
    if (raw && typeof raw === "object" && "lastFundingRate" in raw) {
      // /dapi/v1/premiumIndex answers an array even for one symbol, quarterlies of the pair included; they
      // carry no funding ("lastFundingRate": "", "nextFundingTime": 0) and are skipped.
      if (typeof raw.symbol === "string" && !isPerpetualSymbol(raw.symbol)) return null;
      const r = PremiumIndexRecord.parse(raw);
      return { symbol: r.symbol, fundingTime: r.nextFundingTime, rate: r.lastFundingRate, intervalHours: null, premium: (r.markPrice - r.indexPrice) / r.indexPrice, markPrice: r.markPrice, indexPrice: r.indexPrice, predicted: true };
    }
    const r = FundingRecord.parse(raw);
    return { symbol: r.symbol, fundingTime: r.fundingTime, rate: r.fundingRate, intervalHours: null, premium: null, markPrice: typeof r.markPrice === "number" ? r.markPrice : null, indexPrice: null, predicted: false };
  });
}

async function parse(kind: DataKind, body: unknown, ctx: ParseContext): Promise<ParseResult<any>> {
  switch (kind) {
    case "markets":
      return parseMarkets(body, ctx);
    case "fees": {
      const shape = parseBody(ExchangeInfoShape, body, ctx, "exchangeInfo");
      if (!shape.ok) return { rows: [], rejected: [shape.rejection] };
      return ccxtBaseFeeRow(ctx, () => parseCcxtMarkets(CCXT_ID, body), { field: "symbols", tier: "regular", source: `ccxt ${CCXT_ID} market metadata (public base tier)` });
    }
    case "depth":
      return parseDepth(body, ctx);
    case "funding":
      return parseFunding(body, ctx);
    default:
      return parseWhole(ctx, () => {
        throw new RecordError("kind", `${SLUG}: ${kind} is not parsed (see the connector's notes)`);
      });
  }
}

const api = "dapiPublicGet";

export const binanceCoinm: VenueConnector = {
  info: {
    slug: SLUG,
    name: "Binance COIN-M Futures",
    kind: "cex",
    chain: null,
    websiteUrl: "https://www.binance.com/en/delivery/btcusd_perpetual",
    docsUrl: "https://www.binance.com/en/support/faq/a4470430e3164c13932be8967961aede",
    apiDocsUrl: "https://developers.binance.com/docs/derivatives/coin-margined-futures/general-info",
  },
  ccxtId: CCXT_ID,
  has: { markets: true, depth: true, funding: true, fees: true, liquidations: false, oi: false, insurance: false, margin: false },
  notes: {
    markets: "Inverse perpetuals (<BASE>USD_PERP) from /dapi/v1/exchangeInfo, sized in contracts of contractSize USD (100 for BTC, 10 for the others); quarterlies are listed but not scored.",
    fees: "Base (regular-user) maker/taker from ccxt market metadata; VIP tiers are on the venue's website.",
    oi: "GET /dapi/v1/openInterest counts contracts (a USD face value) with no price in the body; the row contract stores a base size, so it is not ingested yet. History comes from Binance Vision's daily metrics files instead (`backfill --source archive --kinds oi`, `import`), which carry the base-coin value beside the contracts.",
    liquidations: "Published only over WebSocket (<symbol>@forceOrder on dstream); not parsed.",
    insurance: "No public COIN-M insurance-fund endpoint in the API.",
    margin: "Leverage brackets (/dapi/v2/leverageBracket) need an API key; not fetched.",
  },
  defaultBases: ["BTC", "ETH", "SOL"],
  symbolFor: (base) => `${base}USD_PERP`,
  // Contract size comes from exchangeInfo, never from the symbol.
  inferMarket: () => null,
  async fetch(kind: DataKind, http: VenueHttp, req: FetchRequest) {
    switch (kind) {
      case "markets":
      case "fees":
        await http.ccxtCall(`${api}ExchangeInfo`, {}, { kind, symbol: null });
        if (kind === "markets") await http.ccxtCall(`${api}FundingInfo`, {}, { kind, symbol: null });
        return;
      case "depth":
        for (const symbol of req.symbols) {
          const limit = depthLimitFor(req.levelLimit);
          await http.ccxtCall(`${api}Depth`, { symbol, limit }, { kind, symbol, levelLimit: limit });
        }
        return;
      case "funding":
        for (const symbol of req.symbols) await fetchFundingHistory(http, `${api}FundingRate`, SLUG, symbol, req);
        for (const symbol of req.symbols) await http.ccxtCall(`${api}PremiumIndex`, { symbol }, { kind, symbol });
        return;
      default:
        throw new Error(`${SLUG}: ${kind} not supported`);
    }
  },
  parse,
};
