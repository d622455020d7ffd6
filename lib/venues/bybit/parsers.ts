// Bybit v5 parsers: raw REST/WS bodies (zod schemas in schemas.ts) to rows in base units and USD. Linear
// contracts are sized in the base asset, inverse ones (BTCUSD, ...) in USD (1 USD per contract).
import type { LiquidationRow, MarketRow, OiRow, ParseContext, ParseResult } from "../types";
import { checkBook, mapEach, parseBody, RecordError } from "../parse-helpers";
import { parserTable, parseWhole } from "../parse-helpers";
import { ccxtBaseFeeRow, marketRowFromCcxt, offlineExchange, type CcxtMarket } from "../ccxt-markets";
import { sizeToBase, sizeToUsd } from "../units";
import {
  AllLiquidation,
  BookData,
  BookWsMessage,
  FundingHistoryRecord,
  InsuranceRecord,
  InsuranceResult,
  LegacyPolledLiquidation,
  ListResult,
  OpenInterestRecord,
  OpenInterestResult,
  TickerRecord,
  WsLiquidation,
} from "./schemas";
import { z } from "zod";
import { parseBybitMargin } from "./margin";
import { marketFor } from "./symbols";

export const VENUE = "bybit";
/** GET /v5/market/orderbook accepts limit 1..500 for linear and inverse contracts. */
export const MAX_DEPTH = 500;
/** Depths of the WS orderbook.{depth}.{symbol} topics for contracts. */
const WS_DEPTHS = [1, 50, 200, 500, 1000];


/** The payload of a REST body ({retCode, result}), a nautilus {result} wrapper, or the body itself. */
function unwrapResult(body: unknown): unknown {
  if (body && typeof body === "object" && !Array.isArray(body) && "result" in body) {
    const b = body as { retCode?: unknown; retMsg?: unknown; result: unknown };
    if (typeof b.retCode === "number" && b.retCode !== 0) throw new RecordError("retCode", `venue error ${b.retCode}: ${String(b.retMsg ?? "")}`);
    return b.result;
  }
  return body;
}

// ---------------------------------------------------------------------------------------------- markets

/** Run ccxt's bybit instrument parser offline over one instruments-info body (one category). */
async function ccxtMarketsFromInstruments(body: unknown): Promise<CcxtMarket[]> {
  const result = unwrapResult(body) as { category?: string; list?: unknown[] };
  const category = result?.category === "inverse" ? "inverse" : "linear";
  // Pagination and the PreLaunch listing are separate requests ccxt makes: answer them empty so each
  // record is parsed once (the body handed to us is one page already).
  const page = { retCode: 0, retMsg: "OK", result: { ...result, nextPageCursor: undefined } };
  const empty = { retCode: 0, retMsg: "OK", result: { category, list: [] } };
  const ex = await offlineExchange("bybit", (url) => (url.includes("status=PreLaunch") ? empty : page));
  return ex.fetchFutureMarkets({ category });
}

async function parseMarkets(body: unknown, ctx: ParseContext): Promise<ParseResult<"markets">> {
  let list: unknown[];
  try {
    const r = ListResult.parse(unwrapResult(body));
    list = r.list;
  } catch (err) {
    return parseWhole(ctx, () => {
      throw err;
    });
  }
  const markets = await ccxtMarketsFromInstruments(body);
  const byId = new Map(list.map((raw: any) => [raw?.symbol, raw]));
  return mapEach(markets.filter((m) => m.swap), ctx, (m) => m.id, (m) => {
    const info = (byId.get(m.id) ?? m.info) as Record<string, unknown>;
    const interval = Number(info?.fundingInterval);
    const cap = info?.upperFundingRate === undefined || info.upperFundingRate === "" ? null : Number(info.upperFundingRate);
    const floor = info?.lowerFundingRate === undefined || info.lowerFundingRate === "" ? null : Number(info.lowerFundingRate);
    const extra: Partial<MarketRow> = {
      // instruments-info states the interval in minutes.
      fundingIntervalHours: Number.isFinite(interval) && interval > 0 ? interval / 60 : null,
      fundingCapRate: Number.isFinite(cap) ? cap : null,
      fundingFloorRate: Number.isFinite(floor) ? floor : null,
    };
    // Inverse contracts are quoted in USD, one USD each (ccxt reports minOrderQty as the contract size).
    if (m.inverse) return marketRowFromCcxt(m, "usd", { ...extra, contractSize: 1 });
    return marketRowFromCcxt(m, "base", { ...extra, contractSize: 1 });
  });
}

function parseFees(body: unknown, ctx: ParseContext): Promise<ParseResult<"fees">> {
  return ccxtBaseFeeRow(
    ctx,
    () => {
      ListResult.parse(unwrapResult(body));
      return ccxtMarketsFromInstruments(body);
    },
    { field: "result.list", source: "ccxt built-in fee table for bybit (public base tier; may lag the venue's published schedule)" },
  );
}

// ------------------------------------------------------------------------------------------------ depth

function parseDepth(body: unknown, ctx: ParseContext): ParseResult<"depth"> {
  const named: string | null = (body as any)?.data?.s ?? (body as any)?.result?.s ?? null;
  return parseWhole(ctx, () => {
    let payload: unknown = unwrapResult(body);
    let exchangeTs: number | null = null;
    let topicDepth: number | null = null;
    if (body && typeof body === "object" && "topic" in body) {
      const msg = BookWsMessage.parse(body);
      if (msg.type !== "snapshot") throw new RecordError("type", `orderbook ${msg.type} message is not a whole book; only snapshots import`);
      payload = msg.data;
      exchangeTs = msg.ts;
      const d = Number(/^orderbook\.(\d+)\./.exec(msg.topic)?.[1]);
      topicDepth = Number.isFinite(d) ? d : null;
    }
    const parsed = parseBody(BookData, payload, ctx, "orderbook");
    if (!parsed.ok) return { rows: [], rejected: [parsed.rejection] };
    const b = parsed.value;
    if (ctx.symbol && ctx.symbol !== b.s) throw new RecordError("s", `book is for ${b.s}, expected ${ctx.symbol}`);
    const market = marketFor(ctx, b.s);
    const toBase = (levels: typeof b.b) => levels.map((l) => [l[0], sizeToBase(l[1], l[0], market)] as [number, number]);
    const book = checkBook(toBase(b.b), toBase(b.a));
    const n = Math.max(b.b.length, b.a.length);
    const limit = ctx.levelLimit ?? topicDepth ?? (WS_DEPTHS.includes(n) ? n : null);
    return {
      rows: [{ symbol: b.s, exchangeTs: exchangeTs ?? b.ts ?? null, receivedTs: ctx.receivedTs, ...book, levelLimit: limit, truncated: limit !== null && n >= limit }],
      rejected: [],
    };
  }, named);
}

// ---------------------------------------------------------------------------------------------- funding

function listOf(body: unknown, ctx: ParseContext): { list: unknown[]; category: string | null; symbol?: string } {
  const result = unwrapResult(body);
  const r = ListResult.passthrough().parse(result);
  return { list: r.list, category: r.category ?? null, symbol: (r as { symbol?: string }).symbol ?? ctx.symbol ?? undefined };
}

function isTickerList(list: unknown[]): boolean {
  const first = list[0] as Record<string, unknown> | undefined;
  return !!first && typeof first === "object" && "markPrice" in first;
}

function parseFunding(body: unknown, ctx: ParseContext): ParseResult<"funding"> {
  let list: unknown[];
  try {
    list = listOf(body, ctx).list;
  } catch (err) {
    return parseWhole(ctx, () => {
      throw err;
    });
  }
  if (isTickerList(list)) {
    // Tickers: fundingRate is the rate published for the coming settlement at nextFundingTime.
    return mapEach(list, ctx, (r: any) => r?.symbol ?? null, (raw) => {
      const r = TickerRecord.parse(raw);
      if (r.deliveryTime && r.deliveryTime !== "0") return null; // dated future, not a perpetual
      if (r.fundingRate === null) throw new RecordError("fundingRate", "ticker has no funding rate");
      if (typeof r.nextFundingTime !== "number") throw new RecordError("nextFundingTime", `no next funding time (${JSON.stringify(r.nextFundingTime)})`);
      const premium = r.indexPrice ? (r.markPrice - r.indexPrice) / r.indexPrice : null;
      return {
        symbol: r.symbol,
        fundingTime: r.nextFundingTime,
        rate: r.fundingRate,
        intervalHours: r.fundingIntervalHour ?? null,
        premium,
        markPrice: r.markPrice,
        indexPrice: r.indexPrice,
        predicted: true,
      };
    });
  }
  return mapEach(list, ctx, (r: any) => r?.symbol ?? null, (raw) => {
    const r = FundingHistoryRecord.parse(raw);
    return { symbol: r.symbol, fundingTime: r.fundingRateTimestamp, rate: r.fundingRate, intervalHours: null, premium: null, markPrice: null, indexPrice: null, predicted: false };
  });
}

// --------------------------------------------------------------------------------------------------- oi

function parseOi(body: unknown, ctx: ParseContext): ParseResult<"oi"> {
  let result: unknown;
  try {
    result = unwrapResult(body);
  } catch (err) {
    return parseWhole(ctx, () => {
      throw err;
    });
  }
  const r = result as Record<string, unknown> | null;
  if (r && typeof r === "object" && "symbol" in r) {
    // GET /v5/market/open-interest: one symbol, a series of readings, no price in the body.
    const shape = parseBody(OpenInterestResult, result, ctx, "open-interest");
    if (!shape.ok) return { rows: [], rejected: [shape.rejection] };
    const symbol = shape.value.symbol;
    return mapEach(shape.value.list, ctx, () => symbol, (raw): OiRow => {
      const o = OpenInterestRecord.parse(raw);
      const market = marketFor(ctx, symbol);
      // Stored single-sided: singleOpenInterest when the body has it, else openInterest (older bodies: one side).
      const field = o.singleOpenInterest != null ? "singleOpenInterest" : "openInterest";
      const oi = o.singleOpenInterest ?? o.openInterest;
      if (oi < 0) throw new RecordError(field, `negative open interest ${oi}`);
      // Linear: base coin, valued by the writer at a stored mark/mid. Inverse: USD contracts ("BTCUSD(inverse)
      // is USD"), contractSize USD each: the USD value is exact and the writer derives the base size from it.
      if (market.sizeUnit === "base") return { symbol, ts: o.timestamp, sizeBase: oi * market.contractSize, valueUsd: null };
      if (market.sizeUnit === "usd") return { symbol, ts: o.timestamp, sizeBase: null, valueUsd: oi * market.contractSize };
      throw new RecordError(field, `${symbol}: open interest in ${market.sizeUnit} is not a Bybit unit (linear: base coin, inverse: USD)`);
    });
  }
  let list: unknown[];
  try {
    list = listOf(body, ctx).list;
  } catch (err) {
    return parseWhole(ctx, () => {
      throw err;
    });
  }
  // Tickers: openInterest (base units for linear, USD contracts for inverse) with the mark price. Since 2026
  // openInterest is both sides and singleOpenInterest(Value) one side: the single side is stored when present.
  return mapEach(list, ctx, (t: any) => t?.symbol ?? null, (raw): OiRow | null => {
    const t = TickerRecord.parse(raw);
    if (t.deliveryTime && t.deliveryTime !== "0") return null;
    const single = t.singleOpenInterest != null;
    const field = single ? "singleOpenInterest" : "openInterest";
    const oi = single ? t.singleOpenInterest! : t.openInterest;
    const oiValue = (single ? t.singleOpenInterestValue : t.openInterestValue) ?? null;
    if (oi === null) throw new RecordError(field, "ticker has no open interest");
    if (oi < 0) throw new RecordError(field, `negative open interest ${oi}`);
    const market = marketFor(ctx, t.symbol);
    const ts = bodyTime(body) ?? ctx.receivedTs;
    if (market.sizeUnit === "base") {
      // Linear: openInterestValue is the USDT value the venue computed at its mark price.
      return { symbol: t.symbol, ts, sizeBase: oi, valueUsd: oiValue ?? oi * t.markPrice };
    }
    return { symbol: t.symbol, ts, sizeBase: sizeToBase(oi, t.markPrice, market), valueUsd: sizeToUsd(oi, t.markPrice, market) };
  });
}

function bodyTime(body: unknown): number | null {
  const t = (body as { time?: unknown } | null)?.time;
  return typeof t === "number" && t > 0 ? t : null;
}

// ------------------------------------------------------------------------------------------ liquidations

/**
 * Bybit's `side` on liquidation messages is the side of the position that was liquidated ("Buy" = a long
 * was liquidated, per Bybit's docs); our row records the side of the liquidation order, as Binance's
 * forceOrder does, so a liquidated long is a "sell".
 */
const orderSide = (positionSide: "Buy" | "Sell"): LiquidationRow["side"] => (positionSide === "Buy" ? "sell" : "buy");

function liquidationRow(ctx: ParseContext, symbol: string, positionSide: "Buy" | "Sell", price: number, qty: number, ts: number): LiquidationRow {
  if (!(qty > 0)) throw new RecordError("size", `non-positive size ${qty}`);
  if (!(price > 0)) throw new RecordError("price", `non-positive price ${price}`);
  const market = marketFor(ctx, symbol);
  // Linear: qty in base units. Inverse (BTCUSD...): qty in USD contracts of 1 USD each.
  return { symbol, ts, side: orderSide(positionSide), price, sizeBase: sizeToBase(qty, price, market), notionalUsd: sizeToUsd(qty, price, market) };
}

function parseLiquidations(body: unknown, ctx: ParseContext): ParseResult<"liquidations"> {
  const messages = Array.isArray(body) ? body : [body];
  // One item per liquidation, remembering which message it came from.
  const items: { msg: any; rec: any; index: number }[] = [];
  messages.forEach((msg: any, index) => {
    const data = msg?.data;
    if (Array.isArray(data)) data.forEach((rec) => items.push({ msg, rec, index }));
    else items.push({ msg, rec: data, index });
  });
  const out = mapEach(items, ctx, ({ rec }) => rec?.symbol ?? rec?.s ?? null, ({ msg, rec }) => {
    const topic = typeof msg?.topic === "string" ? msg.topic : "";
    if (!topic.startsWith("liquidation.") && !topic.startsWith("allLiquidation.")) {
      throw new RecordError("topic", `not a Bybit liquidation message (topic ${JSON.stringify(msg?.topic ?? null)})`);
    }
    if (rec && typeof rec === "object" && "S" in rec) {
      const r = AllLiquidation.parse(rec);
      return liquidationRow(ctx, r.s, r.S, r.p, r.v, r.T);
    }
    if (msg.generated === true) {
      const r = LegacyPolledLiquidation.parse(rec);
      return liquidationRow(ctx, r.symbol, r.side, r.price, r.qty, r.time);
    }
    const r = WsLiquidation.parse(rec);
    const qty = r.size ?? r.qty;
    if (qty === undefined) throw new RecordError("size", "liquidation has neither size nor qty");
    const ts = r.updatedTime ?? r.time ?? (typeof msg.ts === "number" ? msg.ts : undefined);
    if (ts === undefined) throw new RecordError("updatedTime", "liquidation has no time");
    return liquidationRow(ctx, r.symbol, r.side, r.price, qty, ts);
  });
  // Report the message index rather than the flattened item index.
  out.rejected = out.rejected.map((x) => ({ ...x, index: x.index === null ? null : items[x.index].index }));
  return out;
}

// -------------------------------------------------------------------------------------------- insurance

function parseInsurance(body: unknown, ctx: ParseContext): ParseResult<"insurance"> {
  let r: z.infer<typeof InsuranceResult>;
  try {
    r = InsuranceResult.parse(unwrapResult(body));
  } catch (err) {
    return parseWhole(ctx, () => {
      throw err;
    });
  }
  const ts = r.updatedTime ?? r.updateTime ?? bodyTime(body) ?? ctx.receivedTs;
  return mapEach(r.list, ctx, () => null, (raw) => {
    const p = InsuranceRecord.parse(raw);
    if (p.value < 0) throw new RecordError("value", `negative balance value ${p.value}`);
    // `value` is the pool's USD value; isolated pools name the contracts they cover.
    return { ts, asset: p.symbols ? `${p.coin}:${p.symbols}` : p.coin, balanceUsd: p.value };
  });
}

// ------------------------------------------------------------------------------------------- connector

export const parseBybit = parserTable("Bybit", { markets: parseMarkets, fees: parseFees, depth: parseDepth, funding: parseFunding, oi: parseOi, liquidations: parseLiquidations, insurance: parseInsurance, margin: parseBybitMargin });
