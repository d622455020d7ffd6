// zod schemas of Gate futures (API v4) public payloads: https://www.gate.com/docs/developers/apiv4/#futures
import { z } from "zod";
import { zNum } from "../parse-helpers";

/**
 * One record of GET /futures/{settle}/contracts (or /contracts/{contract}). Sizes are contracts of
 * `quanto_multiplier` base units (USDT-settled); the BTC-settled inverse contract reports 0 there and is
 * 1 USD per contract. Times are epoch seconds.
 */
export const ContractRecord = z.object({
  name: z.string().regex(/^[A-Z0-9]+_[A-Z0-9]+$/, "expected <BASE>_<QUOTE>"),
  quanto_multiplier: zNum,
  funding_interval: z.number().int().positive(),
  funding_rate: zNum,
  funding_next_apply: z.number().int().positive(),
  mark_price: zNum,
  index_price: zNum,
  position_size: z.number().nonnegative(),
  in_delisting: z.boolean().optional(),
});
export type ContractRecord = z.infer<typeof ContractRecord>;

const Level = z.object({ p: zNum, s: z.number() });
/** GET /futures/{settle}/order_book: `current` and `update` are epoch seconds with a millisecond fraction. */
export const OrderBookBody = z.object({
  id: z.number().optional(),
  current: z.number().positive(),
  update: z.number().positive().optional(),
  asks: z.array(Level),
  bids: z.array(Level),
});

/** One record of GET /futures/{settle}/funding_rate: `t` in epoch seconds, `r` the settled rate. */
export const FundingRateRecord = z.object({ t: zNum, r: zNum });

/**
 * One record of GET /futures/{settle}/insurance ("insurance balance history"): `t` epoch seconds, `b` the
 * fund's balance in the settle currency (documented as a string; the recorded body has a number).
 */
export const InsuranceRecord = z.object({ t: zNum, b: zNum });
