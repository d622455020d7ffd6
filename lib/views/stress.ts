// The stress view (/stress, /api/stress/**): its request and query schemas, a run with its evidence, what the
// builder can offer, saved runs, margin-rule coverage and the export formats. Client-safe: zod, types and
// constants over lib/stress.
import { z } from "zod";
import type { Portfolio } from "../stress/portfolio";
import type { StressResult } from "../stress/run-stress";
import type { NAMED_SCENARIOS } from "../stress/scenario";
import type { Provenance } from "../stress/types";
import { lenient, zSavedId } from "./params";

export interface ReplayWindow {
  /** "marketId:fromMs-toMs", accepted as a scenario's replayWindow. */
  id: string;
  from: number;
  to: number;
  venueSlug: string;
  venueName: string;
  symbol: string;
  asset: string;
  peakMoveBps: number | null;
  provenance: Provenance;
  label: string;
}

export interface StressEvidence {
  positions: Array<{ id: string; venueSlug: string; symbol: string; asset: string; sizeBase: number; startPriceUsd: number; priceSource: string; bookTs: number | null; bookProvenance: Provenance | null; replayBooks: number; rulesSymbol: string; rulesSource: string; rulesProvenance: Provenance; fundingSource: string }>;
  collateral: Array<{ venueSlug: string; asset: string; amount: number; startPriceUsd: number }>;
  replay: { window: ReplayWindow | { from: number; to: number }; assets: Record<string, { venueSlug: string; symbol: string; points: number } | null> } | null;
  warnings: string[];
}

export interface StressRun {
  result: StressResult;
  portfolio: Portfolio;
  evidence: StressEvidence;
}

export interface StressMarketOption {
  symbol: string;
  base: string;
  contractType: string;
  lastPriceUsd: number | null;
  lastBookUtc: string | null;
  hasRules: boolean;
}

export interface StressVenueOption {
  slug: string;
  name: string;
  provenance: Provenance;
  markets: StressMarketOption[];
  rulesSource: string | null;
  liquidationFeeRate: number | null;
  modes: { cross: boolean; isolated: boolean } | null;
  collateral: Array<{ asset: string; haircut: number }>;
}

export interface StressOptions {
  venues: StressVenueOption[];
  scenarios: typeof NAMED_SCENARIOS;
  replayWindows: ReplayWindow[];
}

export interface SavedStressRun {
  id: number;
  title: string;
  createdAt: string;
  run: StressRun;
}

export interface SavedStressSummary {
  id: number;
  title: string;
  createdAt: string;
  scenario: string;
  venues: string[];
  lossUsd: number;
  liquidatedCount: number;
  simulated: boolean;
}

export const STRESS_EXPORT_FORMATS = ["csv", "json", "pdf"] as const;

export type StressExportFormat = (typeof STRESS_EXPORT_FORMATS)[number];

export interface MarginCoverageRow {
  venueSlug: string;
  name: string;
  kind: "cex" | "dex";
  venueProvenance: Provenance;
  /** The connector's has.margin and its note; null when the venue row carries no capabilities. */
  published: boolean | null;
  note: string | null;
  /** Symbols with a tier table ("*" = venue default), and how many tiers the longest has. */
  tables: number;
  symbols: string[];
  hasDefault: boolean;
  maxTiers: number;
  /** Provenances of the stored rules (tables, policy, collateral). */
  provenances: Provenance[];
  policy: { crossMargin: boolean; isolatedMargin: boolean; liquidationFeeRate: number | null; liquidationStyle: string } | null;
  collateralAssets: string[];
  /** Latest as-of date across the venue's stored rules (ISO), null when none. */
  latestAsOf: string | null;
}

export const STRESS_TABLES = ["summary", "positions", "path"] as const;

export type StressTableName = (typeof STRESS_TABLES)[number];

/**
 * The body of POST /api/stress and /api/stress/export, which the builder sends. Portfolio and scenario are
 * validated by the service (their own zod schemas); here only their presence.
 */
export const StressRequest = z.object({
  portfolio: z.unknown().refine((v) => typeof v === "object" && v !== null, "required: a portfolio object"),
  scenario: z.union([z.string().min(1).max(80), z.record(z.string(), z.unknown())], { error: "required: a scenario name or object" }),
  save: z.boolean().default(false),
  title: z.string().max(200).optional(),
  format: z.enum(STRESS_EXPORT_FORMATS).default("csv"),
  table: z.enum(STRESS_TABLES).default("summary"),
});
export type StressRequestInput = z.input<typeof StressRequest>;

/** GET /api/stress/<id>/download: the file of a saved run. */
export const StressDownloadQuery = z.object({ format: z.enum(STRESS_EXPORT_FORMATS).default("csv"), table: z.enum(STRESS_TABLES).default("summary") });

/** The /stress page's query: ?run=<id> opens a saved run (a malformed id opens none). */
export function stressPageRun(run: string | string[] | undefined): number | null {
  return lenient(zSavedId.nullable(), typeof run === "string" ? run : null, null);
}
