// zod schemas of Hyperliquid public payloads: every REST call is POST /info with body.type
// (https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint), plus the WebSocket
// messages that carry the same data (https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/websocket).
import { z } from "zod";
import { zDigitCount, zEpochMs, zNum } from "../parse-helpers";

/** One book level: px = price (USD), sz = size in the base asset, n = number of orders. */
export const L2Level = z.object({ px: zNum, sz: zNum, n: zNum.optional() });

/** POST /info {type:"l2Book", coin[, nSigFigs]}: levels = [bids, asks], at most 20 per side. */
export const L2BookBody = z.object({
  coin: z.string().min(1),
  levels: z.tuple([z.array(L2Level), z.array(L2Level)]),
  time: zEpochMs.optional(),
});

/** One perpetual in POST /info {type:"meta"} (and the first element of metaAndAssetCtxs). */
export const MetaAsset = z
  .object({
    name: z.string().min(1),
    szDecimals: zDigitCount,
    maxLeverage: zNum.optional(),
    onlyIsolated: z.boolean().optional(),
    isDelisted: z.boolean().optional(),
  })
  .passthrough();

export const MetaBody = z.object({ universe: z.array(z.unknown()) }).passthrough();

/**
 * Asset context (metaAndAssetCtxs[1][i], WS allDexsAssetCtxs / activeAssetCtx): funding = the current
 * predicted hourly rate, openInterest in the base asset, oraclePx / markPx in USD, premium a ratio.
 * Assets are identified only by their index in the matching meta universe.
 */
export const AssetCtx = z
  .object({
    funding: zNum,
    openInterest: zNum,
    premium: zNum.nullable().optional(),
    oraclePx: zNum,
    markPx: zNum,
  })
  .passthrough();

/** POST /info {type:"fundingHistory", coin, startTime}: settled funding records. */
export const FundingHistoryRecord = z.object({
  coin: z.string().min(1),
  fundingRate: zNum,
  premium: zNum.nullable().optional(),
  time: zEpochMs,
});

/** A user fill (WS "user"/"userFills" channels, POST /info {type:"userFills"}); liquidation fills carry `liquidation`. */
export const Fill = z.object({
  coin: z.string().min(1),
  px: zNum,
  sz: zNum,
  side: z.enum(["A", "B"]),
  time: zEpochMs,
  /** True when this fill took liquidity (the order crossed the spread). */
  crossed: z.boolean(),
  liquidation: z
    .object({ liquidatedUser: z.string().optional(), markPx: zNum, method: z.string() })
    .nullable()
    .optional(),
});
