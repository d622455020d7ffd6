// Contract-unit conversions: every size a venue quotes becomes a base-asset quantity and a USD notional.
// Linear contracts: contractSize is in base units (OKX ctVal for BTC-USDT-SWAP = 0.01 BTC).
// Inverse contracts: contractSize is in USD (OKX BTC-USD-SWAP ctVal = 100 USD, Binance COIN-M BTCUSD_PERP
// = 100 USD, BitMEX XBTUSD = 1 USD), so base = contracts × contractSize / price.
import type { MarketRow } from "./types";

export type SizingMarket = Pick<MarketRow, "contractType" | "sizeUnit" | "contractSize">;

/** Base-asset quantity of `qty` venue size units at `price` (USD per base unit). */
export function sizeToBase(qty: number, price: number, market: SizingMarket): number {
  switch (market.sizeUnit) {
    case "base":
      return qty;
    case "usd":
      // USD-sized: qty is a USD notional (contractSize USD each, normally 1).
      return (qty * market.contractSize) / price;
    case "contracts":
      return market.contractType === "inverse"
        ? (qty * market.contractSize) / price
        : qty * market.contractSize;
  }
}

/** USD notional of `qty` venue size units at `price`. */
export function sizeToUsd(qty: number, price: number, market: SizingMarket): number {
  if (market.sizeUnit === "usd" || (market.sizeUnit === "contracts" && market.contractType === "inverse")) {
    return qty * market.contractSize;
  }
  return sizeToBase(qty, price, market) * price;
}
