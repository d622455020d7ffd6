// zod schemas of Backpack Exchange public REST bodies (https://api.backpack.exchange/api/v1/...):
// https://docs.backpack.exchange/ . Bodies are bare arrays or objects (no envelope).
import { z } from "zod";
import { zEpochMs, zLevels, zNum } from "../parse-helpers";

/**
 * A UTC date-time WITHOUT a zone suffix ("2025-09-11T12:00:00"), as /fundingRates writes it. JavaScript's
 * Date.parse reads such a string as LOCAL time, so the "Z" is added here before parsing.
 */
export const zUtcNaive = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?$/, "expected a UTC date-time without zone, e.g. 2025-09-11T12:00:00").transform((s) => Date.parse(`${s}Z`));

/** One record of GET /api/v1/fundingRates?symbol=: the settled hourly rate at the end of its interval. */
export const FundingRateRecord = z.object({ symbol: z.string().min(1), fundingRate: zNum, intervalEndTimestamp: zUtcNaive });

/** One record of GET /api/v1/markPrices: current rate, mark, index and the next funding time (ms). */
export const MarkPriceRecord = z.object({ symbol: z.string().min(1), fundingRate: zNum, markPrice: zNum, indexPrice: zNum, nextFundingTimestamp: zEpochMs });

/** One record of GET /api/v1/openInterest: open interest in base units, timestamp in ms. */
export const OpenInterestRecord = z.object({ symbol: z.string().min(1), openInterest: zNum, timestamp: zEpochMs });

/** GET /api/v1/depth: [price, quantity] levels in base units; timestamp in MICROseconds. */
export const DepthBody = z.object({ asks: zLevels, bids: zLevels, lastUpdateId: z.union([z.string(), z.number()]).optional(), timestamp: z.number().int().positive() });
