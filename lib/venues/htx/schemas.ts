// zod schemas of HTX (Huobi) USDT-margined and coin-margined swap public payloads:
// https://www.htx.com/en-us/opend/newApiPages/ (Coin-margined Swap, USDT-margined Contracts)
import { z } from "zod";
import { zEpochMs, zNum } from "../parse-helpers";

/** One record of GET /swap-api/v1/swap_contract_info or /linear-swap-api/v1/swap_contract_info. */
export const ContractInfo = z.object({
  symbol: z.string().min(1),
  contract_code: z.string().regex(/^[A-Z0-9]+-(USD|USDT)$/, "expected <BASE>-USD or <BASE>-USDT"),
  contract_size: zNum,
  price_tick: zNum,
  contract_status: z.number().int(),
  business_type: z.string().optional(),
});
export const ContractInfoBody = z.object({ status: z.literal("ok"), data: z.array(z.unknown()) });

/** [price, contracts] */
const Level = z.tuple([zNum, zNum]).rest(z.unknown());
/**
 * GET /swap-ex/market/depth (REST: {ch, status, tick, ts}) or the market.<code>.depth.step0 WebSocket push
 * ({ch, ts, tick}); tick.ts is the matching time in ms.
 */
export const DepthMessage = z.object({
  ch: z.string().regex(/^market\.[A-Z0-9-]+\.depth\.step\d+$/, "expected market.<code>.depth.step<n>"),
  ts: zEpochMs,
  status: z.string().optional(),
  tick: z.object({ bids: z.array(Level), asks: z.array(Level), ts: zEpochMs.optional() }),
});

/** One settled record of the historical funding endpoints (inverse page data, linear v5 list). */
export const FundingRecord = z.object({ contract_code: z.string().min(1), funding_time: zEpochMs, funding_rate: zNum });
export const InverseFundingPage = z.object({
  status: z.literal("ok"),
  data: z.object({ total_page: z.number(), current_page: z.number(), data: z.array(z.unknown()) }),
});
export const LinearFundingList = z.object({ data: z.array(z.unknown()) });
