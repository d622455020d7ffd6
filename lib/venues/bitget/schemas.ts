// zod schemas of Bitget public REST bodies (v2 mix = classic USDT-M futures, v3 = unified account "UTA") and
// WebSocket book messages (https://www.bitget.com/api-doc/contract/intro). Numbers come as strings.
import { z } from "zod";
import { zEpochMs, zNum } from "../parse-helpers";

export const zOptNum = z
  .union([z.literal(""), zNum, z.null(), z.undefined()])
  .transform((v) => (v === "" || v === null || v === undefined ? null : (v as number)));

/** REST envelope: {code: "00000", msg: "success", requestTime, data}. */
export const Envelope = z.object({
  code: z.union([z.string(), z.number()]),
  msg: z.string().optional(),
  requestTime: z.union([z.number(), z.string()]).optional(),
  data: z.unknown(),
});

/** GET /api/v2/mix/market/contracts record (what we read; ccxt parses the rest). */
export const ContractRecord = z.object({
  symbol: z.string().min(1),
  fundInterval: zOptNum.optional(),
  maxFundingRate: zOptNum.optional(),
  minFundingRate: zOptNum.optional(),
});

const zLevel = z.tuple([zNum, zNum]).rest(z.unknown());
/** GET /api/v2/mix/market/merge-depth `data` (also v2 spot orderbook); WS books* `data[0]`. */
export const V2Book = z.object({ asks: z.array(zLevel), bids: z.array(zLevel), ts: zEpochMs.optional() });
/** GET /api/v3/market/orderbook `data`. */
export const V3Book = z.object({ a: z.array(zLevel), b: z.array(zLevel), ts: zEpochMs.optional() });
export const BookWsMessage = z.object({
  action: z.enum(["snapshot", "update"]),
  arg: z.object({ instType: z.string().optional(), channel: z.string().min(1), instId: z.string().min(1) }),
  data: z.array(z.unknown()),
  ts: zEpochMs.optional(),
});

/** GET /api/v2/mix/market/current-fund-rate (and v3) record: the rate for the settlement at nextUpdate. */
export const CurrentFundRate = z.object({
  symbol: z.string().min(1),
  fundingRate: zNum,
  fundingRateInterval: zOptNum.optional(),
  nextUpdate: zEpochMs,
  minFundingRate: zOptNum.optional(),
  maxFundingRate: zOptNum.optional(),
});
/** GET /api/v2/mix/market/history-fund-rate record (v3: fundingRateTimestamp). */
export const HistoryFundRate = z.object({
  symbol: z.string().min(1),
  fundingRate: zNum,
  fundingTime: zEpochMs.optional(),
  fundingRateTimestamp: zEpochMs.optional(),
});

/** GET /api/v2/mix/market/open-interest `data`: size in base coin. */
export const V2OpenInterest = z.object({
  openInterestList: z.array(z.object({ symbol: z.string().min(1), size: zNum })),
  ts: zEpochMs,
});
/** GET /api/v3/market/open-interest `data`: openInterest in base coin. */
export const V3OpenInterest = z.object({
  list: z.array(z.object({ symbol: z.string().min(1), openInterest: zNum })),
  ts: zEpochMs,
});

/** Ticker record: v2 mix tickers (holdingAmount, nextFundingTime) or v3 tickers (openInterest). */
export const TickerRecord = z.object({
  symbol: z.string().min(1),
  markPrice: zNum,
  indexPrice: zOptNum,
  fundingRate: zOptNum,
  holdingAmount: zOptNum.optional(),
  openInterest: zOptNum.optional(),
  nextFundingTime: z.union([z.literal(""), zEpochMs]).optional(),
  ts: zEpochMs,
});

/**
 * GET /api/v3/market/risk-reserve-all `data`: every risk reserve (insurance) pool of a category with the
 * symbols it covers (pools are disjoint) and its balance in `coin`.
 */
export const RiskReserveAll = z.object({
  list: z.array(z.object({ symbols: z.array(z.string().min(1)), coin: z.string().min(1), balance: zNum })),
});

/** GET /api/v3/market/risk-reserve `data`: the risk reserve pool that covers the requested symbol ("symbol: Yes"). */
export const RiskReserve = z.object({
  coin: z.string().min(1),
  totalBalance: zOptNum.optional(),
  riskReserveRecords: z.array(z.object({ balance: zOptNum.optional(), amount: zOptNum.optional(), ts: zEpochMs })),
});
