// zod schemas of Binance USD-M futures public REST/WS payloads (https://developers.binance.com/docs/derivatives/usds-margined-futures).
import { z } from "zod";
import { zEpochMs, zLevels, zNum } from "../parse-helpers";

/** GET /fapi/v1/depth */
export const DepthBody = z.object({
  lastUpdateId: z.number().optional(),
  E: zEpochMs.optional(),
  T: zEpochMs.optional(),
  bids: zLevels,
  asks: zLevels,
});

/** GET /fapi/v1/fundingRate: settled funding history. */
export const FundingRecord = z.object({
  symbol: z.string().min(1),
  fundingTime: zEpochMs,
  fundingRate: zNum,
  markPrice: zNum.optional().or(z.literal("")),
});
export const FundingBody = z.array(z.unknown());

/** GET /fapi/v1/premiumIndex: mark, index and the estimated rate for the next funding time. */
export const PremiumIndexRecord = z.object({
  symbol: z.string().min(1),
  markPrice: zNum,
  indexPrice: zNum,
  lastFundingRate: zNum,
  nextFundingTime: zEpochMs,
  time: zEpochMs.optional(),
});

/** GET /fapi/v1/fundingInfo: symbols with a non-default interval or cap/floor. */
export const FundingInfoRecord = z.object({
  symbol: z.string().min(1),
  adjustedFundingRateCap: zNum,
  adjustedFundingRateFloor: zNum,
  fundingIntervalHours: zNum,
});

/**
 * One pool of GET /fapi/v1/insuranceBalance ("Query Insurance Fund Balance Snapshot"): the symbols it covers
 * and its balance per margin asset, at the snapshot's updateTime.
 */
export const InsuranceBalanceGroup = z.object({
  symbols: z.array(z.string()),
  assets: z.array(z.object({ asset: z.string().min(1), marginBalance: zNum, updateTime: zEpochMs })),
});

/** GET /fapi/v1/openInterest */
export const OpenInterestBody = z.object({ symbol: z.string().min(1), openInterest: zNum, time: zEpochMs });

/** One GET /futures/data/openInterestHist reading: sumOpenInterest in base units, sumOpenInterestValue in USD. */
export const OpenInterestHistRecord = z.object({ symbol: z.string().min(1), sumOpenInterest: zNum, sumOpenInterestValue: zNum, timestamp: zEpochMs });

/** WS <symbol>@forceOrder message (combined-stream envelope optional). */
export const ForceOrder = z.object({
  s: z.string().min(1),
  S: z.enum(["BUY", "SELL"]),
  q: zNum,
  p: zNum,
  ap: zNum.optional(),
  z: zNum.optional(),
  T: zEpochMs,
});
/** GET /fapi/v1/allForceOrders (retired by Binance; still found in recorded data). */
export const RestForceOrder = z.object({
  symbol: z.string().min(1),
  side: z.enum(["BUY", "SELL"]),
  price: zNum,
  averagePrice: zNum.optional(),
  origQty: zNum,
  executedQty: zNum.optional(),
  time: zEpochMs,
});
