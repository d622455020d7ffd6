// zod schemas of MEXC contract (futures) public REST bodies (https://api.mexc.com/api/v1/contract/..., as ccxt sends them):
// https://www.mexc.com/api-docs/futures/market-endpoints . Envelope {success, code: 0, data}; times in ms.
import { z } from "zod";
import { zEpochMs, zNum } from "../parse-helpers";

export const Envelope = z.object({ success: z.literal(true), code: z.literal(0), data: z.unknown() });

/** One record of GET /contract/detail (an object for ?symbol=, an array without it). */
export const ContractDetail = z.object({
  symbol: z.string().regex(/^[A-Z0-9]+_[A-Z0-9]+$/, "expected <BASE>_<QUOTE>"),
  baseCoin: z.string().min(1),
  quoteCoin: z.string().min(1),
  settleCoin: z.string().min(1),
  /** Base units per contract (BTC_USDT: 0.0001 BTC). */
  contractSize: zNum,
  priceUnit: zNum,
  maxLeverage: zNum.optional(),
  /** 1 = perpetual; other values are dated contracts. */
  futureType: z.number().int().optional(),
  /** 0 = enabled. */
  state: z.number().int(),
});

/** GET /contract/depth/{symbol}: [price, contracts, orderCount] levels; timestamp ms. */
const Level = z.tuple([zNum, zNum]).rest(z.unknown());
export const DepthData = z.object({ asks: z.array(Level), bids: z.array(Level), timestamp: zEpochMs, version: z.number().optional() });

/** GET /contract/funding_rate/history: one page of settled rates, newest first. */
export const FundingHistoryPage = z.object({ totalPage: z.number().int(), currentPage: z.number().int(), resultList: z.array(z.unknown()) });
export const FundingSettled = z.object({ symbol: z.string().min(1), fundingRate: zNum, settleTime: zEpochMs });

/** GET /contract/funding_rate/{symbol}: the current rate, its cycle in hours and the next settlement. */
export const FundingCurrent = z.object({ symbol: z.string().min(1), fundingRate: zNum, collectCycle: zNum, nextSettleTime: zEpochMs, maxFundingRate: zNum.optional(), minFundingRate: zNum.optional() });
