// Types of the portfolio margin stress test: the venue's margin rules, the portfolio, the scenario and the
// result. Pure data: lib/stress computes on these without I/O; lib/services/stress.ts loads them.
import type { Level } from "../metrics/types";

export type Provenance = "live" | "recorded" | "simulated";
export type MarginMode = "cross" | "isolated";
export type PositionSide = "long" | "short";

/** One row of a venue's tier table (leverage bracket / risk limit / position tier). */
export interface MarginTierRule {
  tier: number;
  /** Position notional (USD) where the tier starts, inclusive. */
  notionalFloorUsd: number;
  /** Where it ends, exclusive; null = no upper bound. */
  notionalCapUsd: number | null;
  maxLeverage: number;
  /** Fractions of notional. */
  initialMarginRate: number;
  maintenanceMarginRate: number;
  /** USD deducted from notional × maintenance rate (Binance "cum"); 0 where the venue has none. */
  maintenanceAmountUsd: number;
}

/** The tier table of one market, with where it came from. */
export interface MarketMarginRules {
  venueSlug: string;
  /** Venue symbol the table belongs to, or "*" when the venue-wide default applies. */
  symbol: string;
  tiers: MarginTierRule[];
  source: string;
  asOf: string;
  provenance: Provenance;
}

/** Venue-wide margin mechanics. */
export interface VenueMarginPolicy {
  venueSlug: string;
  crossMargin: boolean;
  isolatedMargin: boolean;
  /** Fee on a liquidated position's notional (fraction); null when the venue publishes none. */
  liquidationFeeRate: number | null;
  liquidationStyle: "full" | "partial";
  note: string | null;
  source: string;
  asOf: string;
  provenance: Provenance;
}

export interface CollateralRule {
  asset: string;
  /** 0.05 = counted at 95 % of its value. */
  haircut: number;
  source: string;
  asOf: string;
  provenance: Provenance;
}

/** Everything the stress test knows about one venue's margin rules. */
export interface VenueMarginRules {
  venueSlug: string;
  policy: VenueMarginPolicy | null;
  /** Tier tables keyed by venue symbol ("*" = default). */
  markets: Record<string, MarketMarginRules>;
  collateral: CollateralRule[];
}
