// What one venue account's run through a scenario yields: the path, each position's outcome with the rule
// and book behind it, events and warnings. Produced by simulate-account.ts.
import type { LiquidationFill } from "./liquidation-cost";
import type { MarginMode, Provenance } from "./types";

export interface StepPoint {
  hours: number;
  equityUsd: number;
  maintenanceUsd: number;
  /** Maintenance / equity (Binance's "margin ratio"): liquidation at ≥ 1. Isolated: the worst position's. Null when flat. */
  marginRatio: number | null;
  /** Smallest adverse move (%) of one position's mark, others held, that reaches its liquidation price; null when none can. */
  distanceToLiquidationPct: number | null;
  openPositions: number;
}

export interface LiquidationRecord {
  hours: number;
  markUsd: number;
  notionalUsd: number;
  equityBeforeUsd: number;
  maintenanceBeforeUsd: number;
  /** Book walk of the forced close (null without a stored book: cost unknown, not zero). */
  fill: LiquidationFill | null;
  costUsd: number | null;
  feeUsd: number;
  feeRate: number | null;
  depthFactor: number;
  bookTs: number | null;
  bookProvenance: Provenance | null;
  /** Loss beyond the margin behind the position, borne by the venue's insurance fund. */
  shortfallUsd: number;
}

export interface PositionOutcome {
  id: string;
  symbol: string;
  asset: string;
  side: "long" | "short";
  sizeBase: number;
  entryPriceUsd: number;
  startPriceUsd: number;
  startNotionalUsd: number;
  rule: { tier: number; maxLeverage: number; initialMarginRate: number; maintenanceMarginRate: number; maintenanceAmountUsd: number; source: string; asOf: string; provenance: Provenance; beyondLastTier: boolean; symbol: string };
  initialMarginUsd: number;
  maintenanceMarginStartUsd: number;
  /** Isolated mode: the margin posted to this position. */
  isolatedMarginUsd: number | null;
  liquidationPriceStartUsd: number | null;
  fundingPaidUsd: number;
  fundingSource: string;
  /** PnL at the end (realised on liquidation), USD, before funding and liquidation costs. */
  pnlUsd: number;
  endPriceUsd: number;
  liquidation: LiquidationRecord | null;
}

export interface AccountEvent {
  hours: number;
  kind: "liquidation" | "replenishment" | "haircut" | "under-margined";
  text: string;
}

export interface AccountRun {
  mode: MarginMode;
  startEquityUsd: number;
  finalEquityUsd: number;
  minEquityUsd: number;
  replenishedUsd: number;
  /** start equity + fresh margin − final equity. */
  lossUsd: number;
  fundingPaidUsd: number;
  liquidationCostUsd: number;
  liquidationCostLowerBound: boolean;
  liquidationFeesUsd: number;
  shortfallUsd: number;
  liquidatedCount: number;
  firstLiquidationHours: number | null;
  maxMarginRatio: number | null;
  path: StepPoint[];
  positions: PositionOutcome[];
  events: AccountEvent[];
  warnings: string[];
}
