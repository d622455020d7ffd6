// zod schemas of BitMEX public REST payloads (https://www.bitmex.com/api/explorer/) and of the WebSocket
// tables (https://www.bitmex.com/app/wsAPI) recorders keep: {"table","action","data":[...]}.
import { z } from "zod";
import { zEpochMs, zNum } from "../parse-helpers";

/** GET /api/v1/instrument[/active] record (the fields we read; BitMEX sends ~100). */
export const Instrument = z
  .object({
    symbol: z.string().min(1),
    rootSymbol: z.string().optional(),
    state: z.string().min(1),
    typ: z.string().min(1),
    underlying: z.string().min(1),
    quoteCurrency: z.string().min(1),
    settlCurrency: z.string().nullable().optional(),
    isInverse: z.boolean(),
    isQuanto: z.boolean(),
    /** Settlement-currency units per contract per unit of price (negative for inverse contracts). */
    multiplier: zNum,
    underlyingToPositionMultiplier: zNum.nullable().optional(),
    underlyingToSettleMultiplier: zNum.nullable().optional(),
    quoteToSettleMultiplier: zNum.nullable().optional(),
    tickSize: zNum,
    initMargin: zNum.nullable().optional(),
    makerFee: zNum.nullable().optional(),
    takerFee: zNum.nullable().optional(),
    fundingInterval: z.string().nullable().optional(),
    fundingTimestamp: zEpochMs.nullable().optional(),
    fundingRate: zNum.nullable().optional(),
    indicativeFundingRate: zNum.nullable().optional(),
    markPrice: zNum.nullable().optional(),
    indexPrice: zNum.nullable().optional(),
    openInterest: zNum.nullable().optional(),
    timestamp: zEpochMs,
  })
  .passthrough();
export type InstrumentRecord = z.infer<typeof Instrument>;

/** GET /api/v1/orderBook/L2 entry and WS orderBookL2 / orderBookL2_25 row. */
export const L2Row = z.object({
  symbol: z.string().min(1),
  id: z.number().optional(),
  side: z.enum(["Buy", "Sell"]),
  size: zNum,
  price: zNum,
  timestamp: zEpochMs.optional(),
});

/** WS orderBook10 row: the top 10 levels per side, resent whole on every change. */
export const Book10Row = z.object({
  symbol: z.string().min(1),
  bids: z.array(z.tuple([zNum, zNum])),
  asks: z.array(z.tuple([zNum, zNum])),
  timestamp: zEpochMs,
});

/** GET /api/v1/funding record and WS funding row: a settled funding event. */
export const FundingRow = z.object({
  timestamp: zEpochMs,
  symbol: z.string().min(1),
  fundingInterval: z.string().min(1),
  fundingRate: zNum,
  fundingRateDaily: zNum.optional(),
});

/** GET /api/v1/liquidation record and WS liquidation row: an open liquidation order (no timestamp). */
export const LiquidationRow = z.object({
  orderID: z.string().min(1),
  symbol: z.string().min(1),
  side: z.enum(["Buy", "Sell"]),
  price: zNum,
  leavesQty: zNum,
});

/** GET /api/v1/insurance record: fund balance in the settlement currency's smallest unit (XBt, USDt). */
export const InsuranceRecord = z.object({
  currency: z.string().min(1),
  timestamp: zEpochMs,
  walletBalance: zNum,
});

export const WsMessage = z.object({
  table: z.string().min(1),
  action: z.enum(["partial", "insert", "update", "delete"]),
  data: z.array(z.unknown()),
});
