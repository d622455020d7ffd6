// The scorecard view (home and compare pages, /api/scorecard, the scorecard export): its one query schema
// and the rows it answers with (lib/services/scorecard.ts computes them). Client-safe.
import { z } from "zod";
import type { VenueScore, VenueScoreInput } from "../scoring";
import type { Weights } from "../scoring/items";
import type { MarketFigures } from "./market";
import { DEFAULT_NOTIONAL_USD, windowFrom, zAsset, zNamedWindows, zNotionalUsd, zWeightsParam, zWindowFields } from "./params";
import type { WindowSpec } from "./windows";

export interface ScorecardParams {
  notionalUsd: number;
  window: WindowSpec;
  /** Base asset whose primary market represents each venue (BTC by default). */
  asset: string;
  weights?: Partial<Weights>;
  includeSimulated?: boolean;
  /** User-named stress windows applied to every venue's market. */
  stressWindows?: { name: string; from: number; to: number }[];
}

export interface ScorecardRow {
  venue: { slug: string; name: string; kind: string; chain: string | null; provenance: string };
  market: { id: number; symbol: string } | null;
  figures: MarketFigures | null;
  input: VenueScoreInput;
  score: VenueScore;
  rank: number | null;
}

/**
 * The scorecard's query string, one schema for the route handlers (parsed strictly), the pages' server
 * prefetch and the client's URL state (lib/queries/view-params.ts reads the same fields leniently).
 * weights: "depth:40,fees:10" or a JSON object; simulated: show | hide; stress: name:FROM/TO,… (ISO times).
 */
export const ScorecardQueryFields = {
  notional: zNotionalUsd.default(DEFAULT_NOTIONAL_USD),
  asset: zAsset,
  ...zWindowFields,
  weights: z.string().optional().transform((s) => (s === "" ? undefined : s)).pipe(zWeightsParam.optional()),
  simulated: z.enum(["show", "hide"]).default("show"),
  stress: zNamedWindows.optional(),
};

export const ScorecardQuery = z
  .object(ScorecardQueryFields)
  .transform((q): ScorecardParams => ({ notionalUsd: q.notional, asset: q.asset, window: windowFrom(q), weights: q.weights, includeSimulated: q.simulated === "show", stressWindows: q.stress }));
export type ScorecardQueryInput = z.input<typeof ScorecardQuery>;
