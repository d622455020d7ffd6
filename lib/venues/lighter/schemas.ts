// zod schemas of Lighter's public REST bodies (https://mainnet.zklighter.elliot.ai/api/v1/...):
// https://apidocs.lighter.xyz/ (OpenAPI: github.com/elliottech/lighter-python openapi.json).
import { z } from "zod";
import { zNum } from "../parse-helpers";

/** One perpetual of GET /orderBookDetails (spot markets come in spot_order_book_details). */
export const OrderBookDetail = z.object({
  symbol: z.string().min(1),
  market_id: z.number().int().nonnegative(),
  market_type: z.string().optional(),
  status: z.string(),
  price_decimals: z.number().int().min(0).max(18),
  size_decimals: z.number().int().min(0).max(18).optional(),
  /** Open interest in base units (ETH 27,350.8981 on 2026-05-05 against a 24 h base volume of 195,399). */
  open_interest: zNum.optional(),
  last_trade_price: zNum.optional(),
});
export const OrderBookDetailsBody = z.object({ code: z.number(), order_book_details: z.array(z.unknown()) });

/** One resting order of GET /orderBookOrders (the book is served order by order, sizes in base units). */
const Order = z.object({ price: zNum, remaining_base_amount: zNum });
export const OrderBookOrdersBody = z.object({ code: z.number(), asks: z.array(Order), bids: z.array(Order) });

/**
 * One settlement of GET /fundings (raw endpoint): `timestamp` in epoch SECONDS, `rate` in percent of the
 * notional for the hour, unsigned, with the paying side in `direction` ("long": longs paid).
 */
export const FundingSettlement = z.object({ timestamp: z.number().int().positive(), rate: zNum, direction: z.enum(["long", "short"]), value: zNum.optional() });
export const FundingsBody = z.object({ code: z.number(), resolution: z.string().optional(), fundings: z.array(z.unknown()) });
