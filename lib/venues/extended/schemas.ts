// zod schemas of Extended's public REST bodies (https://api.starknet.extended.exchange/api/v1/info/...):
// https://api.docs.extended.exchange/ . Every body is an envelope {status: "OK", data}; times are epoch ms.
import { z } from "zod";
import { zEpochMs, zNum } from "../parse-helpers";

export const Envelope = z.object({ status: z.literal("OK"), data: z.unknown() });

/** One record of GET /info/markets: spec, trading limits and the market's live statistics. */
export const MarketRecord = z.object({
  name: z.string().regex(/^[A-Z0-9]+-[A-Z]+$/, "expected <ASSET>-<COLLATERAL>"),
  assetName: z.string().min(1),
  collateralAssetName: z.string().min(1),
  active: z.boolean(),
  status: z.string(),
  tradingConfig: z.object({ minPriceChange: zNum, maxLeverage: zNum }),
  marketStats: z
    .object({
      markPrice: zNum,
      indexPrice: zNum,
      /** The current hourly rate (fraction). */
      fundingRate: zNum,
      /** Despite its name, the time (epoch ms) of the next hourly funding. */
      nextFundingRate: zEpochMs,
      /** USD value and base quantity of open interest. */
      openInterest: zNum,
      openInterestBase: zNum,
    })
    .optional(),
});

const Level = z.object({ qty: zNum, price: zNum });
/** GET /info/markets/{market}/orderbook: quantities in the base asset; the body carries no timestamp. */
export const OrderbookData = z.object({ market: z.string().min(1), bid: z.array(Level), ask: z.array(Level) });

/** One record of GET /info/{market}/funding: m market, f hourly rate (fraction), T time (epoch ms). */
export const FundingRecord = z.object({ m: z.string().min(1), f: zNum, T: zEpochMs });
