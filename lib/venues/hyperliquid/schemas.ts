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

/** A decimal string kept as written: builder-dex facts quote the body's own figures. */
const DecimalString = z.string().regex(/^\d+(\.\d+)?$/, "not a non-negative decimal string");
/** A [name, decimal string] pair as builder-dex bodies list per-asset caps and multipliers. */
const NamedDecimal = z.tuple([z.string().min(1), DecimalString]);

/**
 * One builder-deployed (HIP-3) perp dex in POST /info {type:"perpDexs"}
 * (https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint/perpetuals): the list
 * opens with null for the main dex. oracleUpdater and feeRecipient may be null; older bodies lack
 * assetToFundingMultiplier. Caps are decimal strings; the docs' example gives no unit, so none is assumed here.
 */
export const PerpDexEntry = z
  .object({
    name: z.string().min(1),
    fullName: z.string().nullable().optional(),
    deployer: z.string().regex(/^0x[0-9a-fA-F]{40}$/, "not an address"),
    oracleUpdater: z.string().regex(/^0x[0-9a-fA-F]{40}$/, "not an address").nullable().optional(),
    feeRecipient: z.string().regex(/^0x[0-9a-fA-F]{40}$/, "not an address").nullable().optional(),
    assetToStreamingOiCap: z.array(NamedDecimal).optional(),
    assetToFundingMultiplier: z.array(NamedDecimal).optional(),
  })
  .passthrough();

export const PerpDexsBody = z.array(z.unknown());

/**
 * POST /info {type:"perpDexLimits", dex}: the OI caps of a builder dex (totalOiCap, oiSzCapPerPerp, coinToOiCap)
 * and maxTransferNtl, as decimal strings; the body is null for the main dex or an unknown name.
 */
export const PerpDexLimitsBody = z
  .object({
    totalOiCap: DecimalString,
    oiSzCapPerPerp: DecimalString,
    maxTransferNtl: DecimalString.optional(),
    coinToOiCap: z.array(NamedDecimal),
  })
  .passthrough();

/** A spot meta ({type:"spotMeta"}: tokens and spot pairs) or a spotMetaAndAssetCtxs pair: not perpetuals. */
export function isSpotMeta(b: unknown): boolean {
  const meta = Array.isArray(b) && b.length === 2 ? b[0] : b;
  return !!meta && typeof meta === "object" && !Array.isArray(meta) && "tokens" in meta && "universe" in meta;
}

/** One spot token in spotMeta.tokens: a dex's collateralToken is such an index (0 = USDC). */
export const SpotToken = z.object({ name: z.string().min(1), index: z.number().int().nonnegative() }).passthrough();
export const SpotMetaBody = z.object({ tokens: z.array(z.unknown()), universe: z.array(z.unknown()) }).passthrough();
