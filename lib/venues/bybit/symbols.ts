// Bybit symbol conventions (category, market metadata from the symbol), shared by the parsers, the margin
// parser and the connector's fetch.
import type { MarketRow, ParseContext } from "../types";
import { RecordError } from "../parse-helpers";

export type Category = "linear" | "inverse";

/**
 * Market metadata from the symbol alone: <BASE>USDT / <BASE>USDC / <BASE>PERP are linear and base-sized;
 * <BASE>USD is an inverse perpetual sized in USD, one USD per contract. Dated futures (BTCUSDH25,
 * BTC-26SEP25) are not perpetuals: null.
 */
export function inferBybitMarket(symbol: string): MarketRow | null {
  const base = { tickSize: null, maxLeverage: null, fundingIntervalHours: null, active: true };
  let m = /^([A-Z0-9]+?)(USDT|USDC)$/.exec(symbol);
  if (m) return { symbol, base: m[1], quote: m[2], settle: m[2], contractType: "linear", sizeUnit: "base", contractSize: 1, ...base };
  m = /^([A-Z0-9]+?)PERP$/.exec(symbol);
  if (m) return { symbol, base: m[1], quote: "USDC", settle: "USDC", contractType: "linear", sizeUnit: "base", contractSize: 1, ...base };
  m = /^([A-Z0-9]+?)USD$/.exec(symbol);
  if (m) return { symbol, base: m[1], quote: "USD", settle: m[1], contractType: "inverse", sizeUnit: "usd", contractSize: 1, ...base };
  return null;
}

export function marketFor(ctx: ParseContext, symbol: string): MarketRow {
  const m = ctx.markets.get(symbol) ?? inferBybitMarket(symbol);
  if (!m) throw new RecordError("symbol", `${ctx.venue}: unknown market ${symbol}; import the venue's markets first (--kind markets)`);
  return m;
}

export function categoryOf(symbol: string): Category {
  return inferBybitMarket(symbol)?.contractType === "inverse" ? "inverse" : "linear";
}
