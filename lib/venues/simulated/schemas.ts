// zod schemas of the simulator's own JSON bodies (format "venuescope-sim/1"), one per data kind. The
// simulator writes these bodies and the simulated connector parses them, so simulated data passes the same
// validation and ingestion path as real venue responses. Times are epoch ms; prices USD; sizes base units.
import { z } from "zod";

export const SIM_FORMAT = "venuescope-sim/1" as const;

const zTs = z.number().int().positive();
const zPos = z.number().positive();
const zFinite = z.number().refine(Number.isFinite, "not a finite number");

/** Fields every body carries: the format tag, the venue slug, the data kind and the generating seed. */
export const SimEnvelope = z.object({
  format: z.literal(SIM_FORMAT),
  venue: z.string().min(1),
  kind: z.string().min(1),
  seed: z.string(),
});

export const SimMarket = z.object({
  symbol: z.string().min(1),
  base: z.string().min(1),
  quote: z.string().min(1),
  settle: z.string().min(1),
  tickSize: zPos,
  sizeStep: zPos,
  maxLeverage: zPos,
  fundingIntervalHours: zPos,
  fundingCapRate: zPos,
});
export const SimMarketsBody = SimEnvelope.extend({ kind: z.literal("markets"), markets: z.array(z.unknown()) });

/** [price, size]; checkBook then requires both positive, sorts and refuses crossed books. */
export const SimLevel = z.tuple([zFinite, zFinite]);
export const SimSnapshot = z.object({ ts: zTs, bids: z.array(SimLevel), asks: z.array(SimLevel) });
export const SimDepthBody = SimEnvelope.extend({
  kind: z.literal("depth"),
  symbol: z.string().min(1),
  /** Levels per side the venue returns at most. */
  levelLimit: z.number().int().positive(),
  /** True when the venue cuts its books at levelLimit. */
  truncated: z.boolean(),
  snapshots: z.array(z.unknown()),
});

export const SimFundingRecord = z.object({
  fundingTime: zTs,
  rate: zFinite,
  intervalHours: zPos,
  /** Premium component per interval: mean basis (mark/index − 1) over the interval × intervalHours / 8. */
  premium: zFinite,
  markPrice: zPos,
  indexPrice: zPos,
  predicted: z.boolean(),
});
export const SimFundingBody = SimEnvelope.extend({ kind: z.literal("funding"), symbol: z.string().min(1), records: z.array(z.unknown()) });

export const SimFeeTier = z.object({ tier: z.string().min(1), makerRate: zFinite, takerRate: zFinite.refine((x) => x >= 0, "taker fee must not be negative") });
export const SimFeeVersion = z.object({ effectiveFrom: zTs, reason: z.string(), source: z.string().min(1), tiers: z.array(SimFeeTier).min(1) });
export const SimFeesBody = SimEnvelope.extend({ kind: z.literal("fees"), versions: z.array(z.unknown()) });

export const SimLiquidation = z.object({ ts: zTs, side: z.enum(["buy", "sell"]), price: zPos, size: zPos });
export const SimLiquidationsBody = SimEnvelope.extend({ kind: z.literal("liquidations"), symbol: z.string().min(1), liquidations: z.array(z.unknown()) });

export const SimOiReading = z.object({ ts: zTs, size: z.number().nonnegative(), price: zPos });
export const SimOiBody = SimEnvelope.extend({ kind: z.literal("oi"), symbol: z.string().min(1), readings: z.array(z.unknown()) });

export const SimInsuranceBalance = z.object({ ts: zTs, asset: z.string().min(1), balanceUsd: z.number().nonnegative() });
export const SimInsuranceBody = SimEnvelope.extend({ kind: z.literal("insurance"), balances: z.array(z.unknown()) });

/** One tier of a simulated margin table: its upper bound (null = none), max leverage and maintenance rate. */
export const SimMarginTier = z.object({ notionalCapUsd: zPos.nullable(), maxLeverage: zPos, maintenanceMarginRate: zPos });
export const SimMarginTable = z.object({ symbol: z.string().min(1), tiers: z.array(SimMarginTier).min(1) });
export const SimMarginPolicy = z.object({
  crossMargin: z.boolean(),
  isolatedMargin: z.boolean(),
  liquidationFeeRate: z.number().nonnegative().max(1).nullable(),
  liquidationStyle: z.enum(["full", "partial"]),
  note: z.string().nullable(),
});
export const SimCollateral = z.object({ asset: z.string().min(1), haircut: z.number().nonnegative().lt(1) });
export const SimMarginBody = SimEnvelope.extend({
  kind: z.literal("margin"),
  source: z.string().min(1),
  asOf: zTs,
  tables: z.array(z.unknown()),
  policy: z.unknown(),
  collateral: z.array(z.unknown()),
});

export type SimMarketsBody = z.infer<typeof SimMarketsBody>;
export type SimMarginBody = z.infer<typeof SimMarginBody>;
export type SimDepthBody = z.infer<typeof SimDepthBody>;
export type SimFundingBody = z.infer<typeof SimFundingBody>;
export type SimFeesBody = z.infer<typeof SimFeesBody>;
export type SimLiquidationsBody = z.infer<typeof SimLiquidationsBody>;
export type SimOiBody = z.infer<typeof SimOiBody>;
export type SimInsuranceBody = z.infer<typeof SimInsuranceBody>;
