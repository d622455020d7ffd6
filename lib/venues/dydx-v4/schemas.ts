// zod schemas of dYdX v4 indexer payloads (https://docs.dydx.xyz/indexer-client/http and the indexer
// WebSocket channels v4_markets / v4_trades). Sizes are base-asset quantities, prices USD(C).
import { z } from "zod";
import { zEpochMs, zNum } from "../parse-helpers";

/** One market of GET /v4/perpetualMarkets (also the v4_markets "subscribed" message). */
export const PerpetualMarket = z
  .object({
    ticker: z.string().min(1),
    status: z.string(),
    oraclePrice: zNum.nullable(),
    /** Predicted rate of the coming hourly funding. */
    nextFundingRate: zNum,
    initialMarginFraction: zNum,
    /** Optional here so older recordings without it still parse for other kinds; the margin parser requires it. */
    maintenanceMarginFraction: zNum.optional(),
    /** Open interest in the base asset (one side). */
    openInterest: zNum,
    tickSize: zNum,
    stepSize: zNum,
  })
  .passthrough();

export const MarketsBody = z.object({ markets: z.record(z.string(), z.unknown()) });

const zLevel = z.object({ price: zNum, size: zNum });
/** GET /v4/orderbooks/perpetualMarket/{ticker} */
export const OrderbookBody = z.object({ bids: z.array(zLevel), asks: z.array(zLevel) });

/** One record of GET /v4/historicalFunding/{ticker}: the hourly rate applied at effectiveAt; price = oracle price. */
export const HistoricalFundingRecord = z.object({
  ticker: z.string().min(1),
  rate: zNum,
  price: zNum.optional(),
  effectiveAt: zEpochMs,
  effectiveAtHeight: z.string().optional(),
});
export const HistoricalFundingBody = z.object({ historicalFunding: z.array(z.unknown()) });

/** One trade of GET /v4/trades/perpetualMarket/{ticker} or a v4_trades message; side is the taker's. */
export const Trade = z.object({
  id: z.string().optional(),
  side: z.enum(["BUY", "SELL"]),
  size: zNum,
  price: zNum,
  type: z.string(),
  createdAt: zEpochMs,
});
