// zod schemas of Bybit v5 public REST bodies and WebSocket messages (https://bybit-exchange.github.io/docs/v5/intro).
// Bybit encodes numbers as strings and uses "" for "not applicable": `zOptNum` maps "" to null.
import { z } from "zod";
import { zEpochMs, zNum } from "../parse-helpers";

/** A venue number that may be "" (not applicable) or absent: null then, never a default. */
export const zOptNum = z
  .union([z.literal(""), zNum, z.null(), z.undefined()])
  .transform((v) => (v === "" || v === null || v === undefined ? null : (v as number)));

const zLevel = z.tuple([zNum, zNum]).rest(z.unknown());

/** Book payload: GET /v5/market/orderbook `result`, and the `data` of WS orderbook.{depth}.{symbol}. */
export const BookData = z.object({
  s: z.string().min(1),
  b: z.array(zLevel),
  a: z.array(zLevel),
  ts: zEpochMs.optional(),
  u: z.number().optional(),
  seq: z.number().optional(),
  cts: zEpochMs.optional(),
});

/** WS orderbook message (only snapshots are whole books). */
export const BookWsMessage = z.object({
  topic: z.string().min(1),
  type: z.enum(["snapshot", "delta"]),
  ts: zEpochMs,
  data: z.unknown(),
  cts: zEpochMs.optional(),
});

/** One record of GET /v5/market/tickers?category=linear|inverse. */
export const TickerRecord = z.object({
  symbol: z.string().min(1),
  markPrice: zNum,
  indexPrice: zOptNum,
  fundingRate: zOptNum,
  nextFundingTime: z.union([z.literal(""), z.literal("0"), zEpochMs]).optional(),
  openInterest: zOptNum,
  openInterestValue: zOptNum,
  /** Added by Bybit in 2026, when `openInterest` became the sum of both sides: the single side and its value. */
  singleOpenInterest: zOptNum.optional(),
  singleOpenInterestValue: zOptNum.optional(),
  deliveryTime: z.string().optional(),
  fundingIntervalHour: zOptNum.optional(),
});

/** `result` of GET /v5/market/tickers and GET /v5/market/instruments-info. */
export const ListResult = z.object({
  category: z.string().optional(),
  list: z.array(z.unknown()),
  nextPageCursor: z.string().optional(),
});

/** One record of GET /v5/market/funding/history (settled rates). */
export const FundingHistoryRecord = z.object({
  symbol: z.string().min(1),
  fundingRate: zNum,
  fundingRateTimestamp: zEpochMs,
});

/** `result` of GET /v5/market/open-interest (https://bybit-exchange.github.io/docs/v5/market/open-interest). */
export const OpenInterestResult = z.object({
  symbol: z.string().min(1),
  category: z.string().optional(),
  list: z.array(z.unknown()),
  nextPageCursor: z.string().optional(),
});
/**
 * One reading: linear in the base coin, inverse in USD. `singleOpenInterest` (one side) appears in 2026 bodies,
 * whose `openInterest` is "the sum of both sides"; older bodies carry `openInterest` alone, one side (the v3
 * endpoint's "Returns single side data", and it matched the tickers' single-sided figure).
 */
export const OpenInterestRecord = z.object({ openInterest: zNum, singleOpenInterest: zOptNum.optional(), timestamp: zEpochMs });

/** `result` of GET /v5/market/insurance. */
export const InsuranceResult = z.object({
  updatedTime: zEpochMs.optional(),
  updateTime: zEpochMs.optional(),
  list: z.array(z.unknown()),
});
export const InsuranceRecord = z.object({
  coin: z.string().min(1),
  balance: zNum,
  value: zNum,
  symbols: z.string().optional(),
});

/** Legacy REST-polled liquidation (tardis "generated": v2 /public/liq-records). */
export const LegacyPolledLiquidation = z.object({
  symbol: z.string().min(1),
  side: z.enum(["Buy", "Sell"]),
  price: zNum,
  qty: zNum,
  time: zEpochMs,
});
/** Legacy WS liquidation.{symbol} (qty) and v5 liquidation.{symbol} (size, updatedTime). */
export const WsLiquidation = z.object({
  symbol: z.string().min(1),
  side: z.enum(["Buy", "Sell"]),
  price: zNum,
  qty: zNum.optional(),
  size: zNum.optional(),
  time: zEpochMs.optional(),
  updatedTime: zEpochMs.optional(),
});
/** v5 allLiquidation.{symbol} record. */
export const AllLiquidation = z.object({
  T: zEpochMs,
  s: z.string().min(1),
  S: z.enum(["Buy", "Sell"]),
  v: zNum,
  p: zNum,
});
