// The carry view (/api/carry, the CLI `carry`, the venue page's and compare's carry panels): what holding a
// perpetual position costs in funding over a window, one market or one asset across venues. Client-safe.
import { z } from "zod";
import type { CarryResult, CarrySide, RollingCarry, StressCarry } from "../metrics/carry";
import type { FundingDispersion } from "../metrics/funding-dispersion";
import type { PredictionError } from "../metrics/funding-prediction";
import { DEFAULT_ASSET, DEFAULT_NOTIONAL_USD, windowFrom, zAsset, zNotionalUsd, zVenueSlug, zWindowFields } from "./params";
import type { WindowSpec } from "./windows";

export const DEFAULT_HOLD_DAYS = 7;
export const MAX_HOLD_DAYS = 90;
/** At most this many settlements are loaded for one market (hourly funding for ~5.7 years). */
export const MAX_CARRY_RECORDS = 50_000;
/** At most this many cumulative points go to the chart (evenly thinned). */
export const MAX_CARRY_POINTS = 1000;
/** The dispersion's runs sent to the client: the longest ones. */
export const MAX_DISPERSION_RUNS = 20;

const common = {
  side: z.enum(["long", "short"]).default("long"),
  notional: zNotionalUsd.default(DEFAULT_NOTIONAL_USD),
  hold: z.coerce.number().int("hold is whole days").min(1, "hold is at least 1 day").max(MAX_HOLD_DAYS, `hold is at most ${MAX_HOLD_DAYS} days`).default(DEFAULT_HOLD_DAYS),
  ...zWindowFields,
};

/**
 * One market (venue + symbol) or one asset across venues (asset, compare); side long|short, notional USD,
 * hold = rolling holding window in days, window = preset or from/to; simulated: include simulated venues (asset only).
 */
export const CarryQuery = z
  .object({
    venue: zVenueSlug.optional(),
    symbol: z.string().trim().min(1).max(64).optional(),
    asset: zAsset.unwrap().optional(),
    simulated: z.enum(["show", "hide", "1", "0"]).default("hide"),
    /** Asset mode: only these venues (comma-separated slugs), e.g. compare's chosen ones. */
    venues: z
      .string()
      .transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean))
      .pipe(z.array(zVenueSlug).max(20, "at most 20 venues"))
      .optional(),
    ...common,
  })
  .superRefine((q, ctx) => {
    if ((q.venue === undefined) !== (q.symbol === undefined)) ctx.addIssue({ code: "custom", path: [q.venue === undefined ? "venue" : "symbol"], message: "give venue and symbol together (one market), or asset alone" });
    if (q.venue !== undefined && q.venues !== undefined) ctx.addIssue({ code: "custom", path: ["venues"], message: "venues filters an asset query; give asset instead of venue+symbol" });
    if (q.venue !== undefined && q.asset !== undefined) ctx.addIssue({ code: "custom", path: ["asset"], message: "give either venue+symbol or asset, not both" });
  })
  .transform((q) => {
    const base = { side: q.side as CarrySide, notionalUsd: q.notional, holdDays: q.hold, window: windowFrom(q) as WindowSpec };
    return q.venue !== undefined && q.symbol !== undefined
      ? { kind: "market" as const, venue: q.venue, symbol: q.symbol, ...base }
      : { kind: "asset" as const, asset: q.asset ?? DEFAULT_ASSET, simulated: q.simulated === "show" || q.simulated === "1", venues: q.venues ?? null, ...base };
  });
export type CarryQueryInput = z.input<typeof CarryQuery>;
export type CarryRequest = z.output<typeof CarryQuery>;
export type MarketCarryRequest = Extract<CarryRequest, { kind: "market" }>;
export type AssetCarryRequest = Extract<CarryRequest, { kind: "asset" }>;

export interface CarryPoint {
  ts: number;
  rate: number;
  intervalHours: number;
  cumulativeUsd: number;
}

export interface MarketCarryView {
  venue: string;
  venueName: string;
  symbol: string;
  side: CarrySide;
  notionalUsd: number;
  holdDays: number;
  /** The holding window (settlements with from < ts ≤ to); null when the market has no funding. */
  window: { from: number; to: number } | null;
  summary: Omit<CarryResult, "settlements"> | null;
  rolling: RollingCarry | null;
  stress: StressCarry[];
  /** Cumulative cash flow per settlement, thinned to MAX_CARRY_POINTS. */
  points: CarryPoint[];
  /** True when the window held more than MAX_CARRY_RECORDS settlements and only the latest were used. */
  truncated: boolean;
  provenance: string[];
  /** Where the cap came from, or null when the venue publishes none we store. */
  capSource: string | null;
  /**
   * Predicted vs settled over the window: settled records that replaced a published estimate (lead time only for
   * estimates read live); null when no settled record in the window replaced one.
   */
  prediction: PredictionError | null;
  /** Entry-tier taker fee at the window's end (the market figures' fee), null when no schedule is stored. */
  entryTakerRate: number | null;
}

export interface AssetCarryRow {
  venue: string;
  venueName: string;
  symbol: string;
  provenance: string[];
  window: { from: number; to: number } | null;
  count: number;
  carryUsd: number | null;
  annualized: number | null;
  coverage: number | null;
  notionalBasis: string | null;
  intervalsHours: number[];
  rolling: RollingCarry | null;
}

export interface AssetCarryView {
  asset: string;
  side: CarrySide;
  notionalUsd: number;
  holdDays: number;
  rows: AssetCarryRow[];
  /**
   * Cross-venue dispersion over the hours every listed venue's settlements cover (each venue's own window; recorded
   * venues rarely overlap in time): spread percentiles, venue-pair runs and what they keep after taker fees.
   */
  dispersion: (Omit<FundingDispersion, "series"> & { runCount: number; costedRuns: number }) | null;
}
