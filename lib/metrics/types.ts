// Input types shared by the pure metric modules: order books, funding, liquidations, open interest,
// fee schedules and ingest runs. Times are UTC epoch milliseconds; money is USD; sizes are base-asset units.

/** One price level: price in quote (USD) per base unit, size in base-asset units. */
export type Level = readonly [priceUsd: number, sizeBase: number];

/** An order-book snapshot. Bids are sorted best (highest) first, asks best (lowest) first. */
export interface Book {
  ts: number;
  bids: Level[];
  asks: Level[];
  /** True when the venue cut the book at a level limit, so depth beyond the last level is not visible. */
  truncated: boolean;
}

/** One funding settlement. `rate` is paid per interval (0.0001 = 1 bp); positive: longs pay shorts. */
export interface FundingPoint {
  ts: number;
  rate: number;
  /** Interval the venue says the rate applies to, if it says so. */
  intervalHours: number | null;
  premium?: number | null;
  markPrice?: number | null;
  indexPrice?: number | null;
}

export interface LiquidationPoint {
  ts: number;
  /** Side of the liquidation order: "sell" closes a long, "buy" closes a short. */
  side: "buy" | "sell";
  notionalUsd: number;
}

/** Open interest, single-sided, in USD. */
export interface OiPoint {
  ts: number;
  valueUsd: number;
}

/** One fee-schedule row. Rates are fractions (0.0002 = 2 bps); negative = rebate. */
export interface FeeTier {
  tier: string;
  makerRate: number;
  takerRate: number;
  effectiveFrom: number;
  /** Exclusive end; null while the row is current. */
  effectiveTo: number | null;
}

export interface IngestRunPoint {
  startedAt: number;
  kind: string;
  status: "ok" | "partial" | "failed" | "running";
}

/** A closed time interval: from ≤ ts ≤ to (both ends included). */
export interface TimeWindow {
  from: number;
  to: number;
}
