// Types of the portfolio margin stress test: the venue's margin rules, the portfolio, the scenario and the
// result. Pure data: lib/stress computes on these without I/O; lib/services/stress.ts loads them.
import type { Level } from "../metrics/types";
import type { MarginTierRow, Provenance } from "../venues/types";

export type { Provenance };
export type MarginMode = "cross" | "isolated";
export type PositionSide = "long" | "short";

/** One row of a venue's tier table (leverage bracket / risk limit / position tier): the row the connectors store. */
export type MarginTierRule = MarginTierRow;

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

/** A position as the engine sees it, resolved to base units and USD by lib/services/stress.ts. */
export interface ResolvedPosition {
  /** Stable id within the portfolio, e.g. "binance-usdm:BTCUSDT:long". */
  id: string;
  venueSlug: string;
  symbol: string;
  /** Base asset the price path follows (BTC, ETH, …). */
  asset: string;
  side: PositionSide;
  /** Position size in base-asset units at entry, > 0 (contracts × contract size for contract-sized markets). */
  sizeBase: number;
  /**
   * Inverse (coin-margined) contracts: the position's fixed USD face value (contracts × USD per contract).
   * Its notional stays this many USD whatever the price, so margin is on it, and closing it trades
   * face / price base units; its USD PnL is still sizeBase × (price − entry). Null for linear contracts.
   */
  inverseNotionalUsd?: number | null;
  entryPriceUsd: number;
  /** Mark price at the start of the scenario (latest stored mid unless the portfolio says otherwise). */
  startPriceUsd: number;
  /** Leverage the position was opened at; sets its initial margin and its isolated allocation. */
  leverage: number | null;
  /** Isolated margin the user assigned, USD; null = share of the venue's collateral by initial margin. */
  isolatedMarginUsd: number | null;
  /** Funding rate per interval before any scenario override (latest stored settlement), and its interval. */
  baselineFundingRate: number | null;
  fundingIntervalHours: number;
  /** Where the baseline funding came from, e.g. "stored settlement 2024-11-01T08:00Z (recorded)". */
  fundingSource: string;
  rules: MarketMarginRules;
  /** Book the liquidation walks (levels in base units, best first), with where it came from. */
  book: EvidenceBook | null;
  /** Replays: the stored books through the window (hours from its start); a liquidation walks the latest one before it. */
  replayBooks?: ReadonlyArray<{ hours: number; book: EvidenceBook }>;
}

export interface EvidenceBook {
  ts: number;
  bids: Level[];
  asks: Level[];
  midPriceUsd: number;
  truncated: boolean;
  provenance: Provenance;
}

export interface ResolvedCollateral {
  venueSlug: string;
  asset: string;
  amount: number;
  /** USD price at the start; 1 for USD stablecoins. */
  startPriceUsd: number;
  /** Asset whose price path the collateral follows; null for USD stablecoins. */
  pathAsset: string | null;
  /**
   * True when the asset is what the account's positions settle in (USDT for USDT-margined perps): it counts
   * in full; a venue's haircuts apply to other collateral (e.g. Binance's Multi-Assets mode).
   */
  isSettlementAsset?: boolean;
}

/** An account per venue: its positions, collateral and the rules that govern it. */
export interface ResolvedAccount {
  venueSlug: string;
  venueName: string;
  venueProvenance: Provenance;
  /** The mode the portfolio says it uses; both modes are computed either way. */
  chosenMode: MarginMode;
  positions: ResolvedPosition[];
  collateral: ResolvedCollateral[];
  policy: VenueMarginPolicy | null;
  collateralRules: CollateralRule[];
}
