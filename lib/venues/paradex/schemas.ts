// zod schemas of Paradex public REST payloads (https://docs.paradex.trade/api/prod). Paradex is a
// Starknet app-chain perp DEX; sizes are base-asset quantities, prices USD, settlement USDC.
import { z } from "zod";
import { zEpochMs, zNum } from "../parse-helpers";

/** One market of GET /v1/markets (perpetuals, perpetual options and options share the list). */
export const Market = z
  .object({
    symbol: z.string().min(1),
    asset_kind: z.string(),
    price_tick_size: zNum,
    /** Cap on the funding rate per funding period (applied both ways). */
    max_funding_rate: zNum.optional(),
    /** Hours the quoted funding rate covers (absent in older responses). */
    funding_period_hours: zNum.optional(),
    delta1_cross_margin_params: z.object({ imf_base: zNum }).passthrough().optional(),
  })
  .passthrough();
export const ResultsBody = z.object({ results: z.array(z.unknown()) }).passthrough();

/** One row of GET /v1/markets/summary: current funding rate (per funding period), OI in base units. */
export const MarketSummary = z
  .object({
    symbol: z.string().min(1),
    mark_price: zNum,
    underlying_price: zNum.optional(),
    open_interest: zNum,
    funding_rate: zNum,
    created_at: zEpochMs,
  })
  .passthrough();

/** One row of GET /v1/funding/data: an observation of the funding estimate (rate per funding period). */
export const FundingData = z
  .object({
    market: z.string().min(1),
    funding_rate: zNum,
    funding_index: zNum.optional(),
    funding_period_hours: zNum.optional(),
    created_at: zEpochMs,
  })
  .passthrough();

const zLevel = z.tuple([zNum, zNum]);
/** GET /v1/orderbook/{market}?depth=N (default 20). */
export const OrderbookBody = z
  .object({
    market: z.string().min(1),
    seq_no: z.number().optional(),
    last_updated_at: zEpochMs.optional(),
    asks: z.array(zLevel),
    bids: z.array(zLevel),
  })
  .passthrough();

/** One public trade of GET /v1/trades; side is the taker's, trade_type FILL / LIQUIDATION / ... */
export const Trade = z.object({
  id: z.string().optional(),
  market: z.string().min(1),
  side: z.enum(["BUY", "SELL"]),
  size: zNum,
  price: zNum,
  created_at: zEpochMs,
  trade_type: z.string(),
});

/** GET /v1/insurance: the insurance fund account. */
export const InsuranceBody = z.object({
  account: z.string().optional(),
  account_value: zNum,
  settlement_asset: z.string().min(1),
  updated_at: zEpochMs,
});
