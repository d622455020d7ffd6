// zod schemas of OKX v5 public REST bodies and WebSocket messages (https://www.okx.com/docs-v5/en/).
// OKX encodes numbers as strings and uses "" for "not applicable": `zOptNum` maps "" to null.
import { z } from "zod";
import { zEpochMs, zNum } from "../parse-helpers";

export const zOptNum = z
  .union([z.literal(""), zNum, z.null(), z.undefined()])
  .transform((v) => (v === "" || v === null || v === undefined ? null : (v as number)));

/** REST envelope: {code: "0", msg, data: [...]}. */
export const Envelope = z.object({ code: z.union([z.string(), z.number()]).optional(), msg: z.string().optional(), data: z.array(z.unknown()) });

/** GET /api/v5/public/instruments record (only what we read; ccxt parses the rest). */
export const InstrumentRecord = z.object({
  instId: z.string().min(1),
  instType: z.string(),
  ctVal: zNum,
  ctMult: zOptNum,
});

/** [px, sz (contracts), liquidated orders (deprecated), number of orders] */
const zLevel = z.tuple([zNum, zNum]).rest(z.unknown());

/** One book of GET /api/v5/market/books(-full) `data`, or of WS books/books5/bbo-tbt `data`. */
export const BookRecord = z.object({
  asks: z.array(zLevel),
  bids: z.array(zLevel),
  ts: zEpochMs,
  checksum: z.number().optional(),
});
export const BookWsMessage = z.object({
  arg: z.object({ channel: z.string().min(1), instId: z.string().min(1) }),
  action: z.enum(["snapshot", "update"]).optional(),
  data: z.array(z.unknown()),
});

/** GET /api/v5/public/funding-rate record: the rate for the coming settlement at fundingTime. */
export const FundingRateRecord = z.object({
  instId: z.string().min(1),
  fundingRate: zNum,
  fundingTime: zEpochMs,
  nextFundingTime: z.union([z.literal(""), zEpochMs]).optional(),
  premium: zOptNum.optional(),
  ts: zEpochMs.optional(),
});

/** GET /api/v5/public/funding-rate-history record: settled rates (realizedRate is what was paid). */
export const FundingHistoryRecord = z.object({
  instId: z.string().min(1),
  fundingRate: zNum,
  realizedRate: zOptNum.optional(),
  fundingTime: zEpochMs,
});

/** GET /api/v5/public/open-interest record: oi in contracts, oiCcy in coin (base), oiUsd in USD. */
export const OpenInterestRecord = z.object({
  instId: z.string().min(1),
  oi: zNum,
  oiCcy: zOptNum.optional(),
  oiUsd: zOptNum.optional(),
  ts: zEpochMs,
});

/** One liquidation of GET /api/v5/public/liquidation-orders `details` (WS liquidation-orders alike). */
export const LiquidationDetail = z.object({
  bkPx: zNum,
  side: z.enum(["buy", "sell"]),
  posSide: z.string().optional(),
  sz: zNum,
  ts: zEpochMs,
});
export const LiquidationGroup = z.object({
  instId: z.string().min(1),
  details: z.array(z.unknown()),
});

/**
 * GET /api/v5/public/insurance-fund group: one instrument family's pool, its readings in `details`. `total`
 * ("the total balance of security fund, in USD") is not this family's pool (see insurance.ts) and is not read.
 */
export const InsuranceGroup = z.object({
  total: zOptNum.optional(),
  instFamily: z.string().optional(),
  instType: z.string().optional(),
  details: z.array(z.unknown()),
});
/** One reading: the pool's `balance` in `ccy` at `ts`; `type` regular_update, liquidation_balance_deposit, bankruptcy_loss, adl, … */
export const InsuranceDetail = z.object({
  balance: zNum,
  ccy: z.string().min(1),
  ts: zEpochMs,
  type: z.string().optional(),
});
