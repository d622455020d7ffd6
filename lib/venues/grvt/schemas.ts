// zod schemas of GRVT's public market-data bodies (POST https://market-data.grvt.io/full/v1/...):
// https://api-docs.grvt.io/market_data_api/ . Every timestamp on the wire is a decimal string of epoch
// nanoseconds (create_time, event_time, funding_time).
import { z } from "zod";
import { zEpochNs, zNum } from "../parse-helpers";

/** One record of /full/v1/all_instruments (or /full/v1/instrument). */
export const Instrument = z.object({
  instrument: z.string().min(1),
  base: z.string().min(1),
  quote: z.string().min(1),
  kind: z.string(),
  tick_size: zNum,
  min_size: zNum.optional(),
  create_time: zEpochNs.optional(),
  funding_interval_hours: zNum.optional(),
  adjusted_funding_rate_cap: zNum.optional(),
  adjusted_funding_rate_floor: zNum.optional(),
});
export const ResultList = z.object({ result: z.array(z.unknown()) });

const Level = z.object({ price: zNum, size: zNum, num_orders: zNum.optional() });
/** /full/v1/book: sizes in base asset. */
export const BookBody = z.object({
  result: z.object({ event_time: zEpochNs, instrument: z.string().min(1), bids: z.array(Level), asks: z.array(Level) }),
});

/** One record of /full/v1/funding: funding_rate in percentage points (API docs; ccxt divides by 100). */
export const FundingPoint = z.object({
  instrument: z.string().min(1),
  funding_rate: zNum,
  funding_time: zEpochNs,
  mark_price: zNum.optional(),
  funding_interval_hours: zNum.optional(),
});
