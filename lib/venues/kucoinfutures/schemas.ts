// zod schemas of KuCoin Futures public REST bodies (https://api-futures.kucoin.com/api/v1/...; the unified
// account API /api/ua/v1/market/orderbook answers the same book shape): https://www.kucoin.com/docs-new/
// Every body is an envelope {code: "200000", data}. Book and trade timestamps are epoch NANOseconds.
import { z } from "zod";
import { zEpochMs, zEpochNs, zLevels, zNum } from "../parse-helpers";

export const Envelope = z.object({ code: z.literal("200000"), data: z.unknown() });

/** One record of GET /api/v1/contracts/active. */
export const Contract = z.object({
  symbol: z.string().min(1),
  type: z.string(),
  baseCurrency: z.string().min(1),
  quoteCurrency: z.string().min(1),
  settleCurrency: z.string().min(1),
  /** Linear: base units per lot (0.001 XBT for XBTUSDTM); inverse: −USD per contract (−1 for XBTUSDM). */
  multiplier: zNum,
  isInverse: z.boolean(),
  tickSize: zNum,
  status: z.string(),
  maxLeverage: zNum.optional(),
  /** Funding period in ms (newer bodies); older ones name it only in fundingRateSymbol (".XBTUSDTMFPI8H"). */
  fundingRateGranularity: zNum.optional(),
  fundingRateSymbol: z.string().nullable().optional(),
  fundingFeeRate: zNum.nullable().optional(),
  /** Milliseconds from the body's time to the next settlement (a duration, not a timestamp). */
  nextFundingRateTime: zNum.nullable().optional(),
  openInterest: zNum.nullable().optional(),
  markPrice: zNum.nullable().optional(),
  indexPrice: zNum.nullable().optional(),
});

/** GET /api/v1/level2/depth{20,100} or /api/ua/v1/market/orderbook: sizes in lots, ts in ns. */
export const BookData = z.object({ symbol: z.string().min(1), asks: zLevels, bids: zLevels, ts: zEpochNs, sequence: z.union([z.number(), z.string()]).optional() });

/** GET /api/v1/funding-rate/{symbol}/current: `symbol` is the funding-rate index (".XBTUSDTMFPI8H"). */
export const CurrentFunding = z.object({ symbol: z.string().min(1), granularity: zNum, timePoint: zEpochMs, value: zNum, predictedValue: zNum.optional() });
