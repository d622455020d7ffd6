// Bitget USDT-M symbol conventions, shared by the connector and the margin parser.
import type { MarketRow } from "../types";

/** USDT-M symbols are <BASE>USDT, sized in the base asset. */
export function inferBitgetMarket(symbol: string): MarketRow | null {
  const m = /^([A-Z0-9]+?)USDT$/.exec(symbol);
  if (!m) return null;
  return { symbol, base: m[1], quote: "USDT", settle: "USDT", contractType: "linear", sizeUnit: "base", contractSize: 1, tickSize: null, maxLeverage: null, fundingIntervalHours: null, active: true };
}
