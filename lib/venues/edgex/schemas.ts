// zod schemas of edgeX's public V2 REST bodies (https://edgex-prod-v2.edgex.exchange/api/v2/public/...):
// https://edgex-1.gitbook.io/edgeX-documentation/api-v2/public-api . Every body is an envelope
// {code: "SUCCESS", data, msg, errorParam, requestTime, responseTime, traceId}; numbers ride as strings and
// times are epoch milliseconds as strings.
import { z } from "zod";
import { zEpochMs, zNum } from "../parse-helpers";

export const Envelope = z.object({
  code: z.literal("SUCCESS"),
  data: z.unknown(),
  /** Server send time (epoch ms string): the only time a ticker body carries for its open interest. */
  responseTime: zEpochMs.optional(),
});

/** A coin of GET /meta/getMetaData `coinList`: contracts name their base and quote coins by id. */
export const Coin = z.object({ coinId: z.string().min(1), coinName: z.string().min(1) });

/**
 * A contract of GET /meta/getMetaData `contractList`: sizes (`stepSize`, order sizes) are base units of the
 * base coin (1000PEPEUSDC in units of 1000PEPE); `fundingRateIntervalMin` is the settlement interval in
 * minutes; `fundingMaxRate`/`fundingMinRate` the per-interval cap and floor; fee rates are fractions.
 */
export const Contract = z.object({
  contractId: z.string().regex(/^\d+$/, "expected a numeric contract id"),
  contractName: z.string().min(1),
  baseCoinId: z.string().min(1),
  quoteCoinId: z.string().min(1),
  tickSize: zNum,
  defaultTakerFeeRate: zNum,
  defaultMakerFeeRate: zNum,
  enableTrade: z.boolean(),
  enableDisplay: z.boolean(),
  enableOpenPosition: z.boolean(),
  fundingRateIntervalMin: zNum,
  fundingMaxRate: zNum.optional(),
  fundingMinRate: zNum.optional(),
  displayMaxLeverage: zNum.optional(),
});
export type Contract = z.infer<typeof Contract>;

export const MetaData = z.object({ coinList: z.array(Coin), contractList: z.array(z.unknown()) });

/**
 * One record of GET /quote/getTicker?contractId=: `openInterest` in base units, `fundingRate` the running
 * estimate for the settlement at `nextFundingTime` (`fundingTime` is the last settlement), mark and index.
 */
export const Ticker = z.object({
  contractId: z.string().min(1),
  contractName: z.string().min(1),
  markPrice: zNum,
  indexPrice: zNum,
  openInterest: zNum,
  fundingRate: zNum,
  fundingTime: zEpochMs,
  nextFundingTime: zEpochMs,
});

/**
 * One row of GET /funding/getFundingRatePage: `isSettlement` marks the rate settled at `fundingTime`; other
 * rows are the per-minute running estimates (filterSettlementFundingRate=true leaves only settlements).
 */
export const FundingRecord = z.object({
  contractId: z.string().min(1),
  fundingTime: zEpochMs,
  fundingRate: zNum,
  isSettlement: z.boolean(),
  markPrice: zNum.optional(),
  indexPrice: zNum.optional(),
  fundingRateIntervalMin: zNum.optional(),
});
export const FundingPage = z.object({ dataList: z.array(z.unknown()), nextPageOffsetData: z.string().optional() });

/** [price, size] of a getDepth side: size in base units. */
const BookOrder = z.object({ price: zNum, size: zNum });
/**
 * The one book of GET /quote/getDepth?contractId=&level= (`level` 15 or 200): `depthType` SNAPSHOT for a whole
 * book (CHANGED marks an incremental update, which the WebSocket feed sends); the versions order updates.
 */
export const DepthRecord = z.object({
  startVersion: z.string().optional(),
  endVersion: z.string().optional(),
  level: z.number().int().positive(),
  contractId: z.string().min(1),
  contractName: z.string().min(1).optional(),
  asks: z.array(BookOrder),
  bids: z.array(BookOrder),
  depthType: z.string().optional(),
});
