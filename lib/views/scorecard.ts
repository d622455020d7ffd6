// The scorecard view (home and compare pages, /api/scorecard, the scorecard export): its one query schema
// and the rows it answers with (lib/services/scorecard.ts computes them). Client-safe.
import { z } from "zod";
import type { RankGroup, VenueScore, VenueScoreInput } from "../scoring";
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

/** A venue's ranking group: simulated (demo) venues never share a ranking with real ones. */
export function rankGroupOf(provenance: string): RankGroup {
  return provenance === "simulated" ? "simulated" : "real";
}

export interface ScorecardRow {
  venue: { slug: string; name: string; kind: string; chain: string | null; provenance: string };
  market: { id: number; symbol: string } | null;
  figures: MarketFigures | null;
  input: VenueScoreInput;
  score: VenueScore;
  /** Rank within the venue's group (real or simulated); null with insufficient data. */
  rank: number | null;
  group: RankGroup;
}

/**
 * A venue's figures as the scorecard pages and /api/scorecard carry them: every figure, without the lists a
 * scorecard never draws — the stress windows (twice: the slippage comparison's and the realized execution's)
 * and the liquidations per day — which are counted instead. A year window held ~300 kB of them per venue
 * (~3 MB a scorecard of 10); the venue page and /api/venues/<slug>/market carry them whole.
 */
export type ScorecardFigures = Omit<MarketFigures, "stress" | "liquidations" | "realized"> & {
  stress: (Omit<NonNullable<MarketFigures["stress"]>, "windows"> & { windowCount: number }) | null;
  liquidations: (Omit<NonNullable<MarketFigures["liquidations"]>, "perDay"> & { dayCount: number }) | null;
  realized?: (Omit<NonNullable<MarketFigures["realized"]>, "stressWindows"> & { stressWindowCount: number }) | null;
};

/** A scorecard row as the pages and /api/scorecard carry it (scorecardRowView). */
export type ScorecardRowView = Omit<ScorecardRow, "figures"> & { figures: ScorecardFigures | null };

/** The row with its figures' lists counted (ScorecardFigures); the rest is shared, not copied. */
export function scorecardRowView(row: ScorecardRow): ScorecardRowView {
  const f = row.figures;
  if (!f) return { ...row, figures: null };
  const { stress, liquidations, realized, ...rest } = f;
  const figures: ScorecardFigures = { ...rest, stress: null, liquidations: null };
  if (stress) {
    const { windows, ...s } = stress;
    figures.stress = { ...s, windowCount: windows.length };
  }
  if (liquidations) {
    const { perDay, ...l } = liquidations;
    figures.liquidations = { ...l, dayCount: perDay.length };
  }
  if (realized !== undefined) {
    if (realized === null) figures.realized = null;
    else {
      const { stressWindows, ...r } = realized;
      figures.realized = { ...r, stressWindowCount: stressWindows.length };
    }
  }
  return { ...row, figures };
}

/**
 * The scorecard's query string, one schema for the route handlers (parsed strictly), the pages' server
 * prefetch and the client's URL state (lib/queries/view-params.ts reads the same fields leniently).
 * weights: "depth:40,fees:10" or a JSON object; simulated: show | 1 (a separate demo section) or hide | 0 (the default: real venues only); stress: name:FROM/TO,… (ISO times).
 */
export const ScorecardQueryFields = {
  notional: zNotionalUsd.default(DEFAULT_NOTIONAL_USD),
  asset: zAsset,
  ...zWindowFields,
  weights: z.string().optional().transform((s) => (s === "" ? undefined : s)).pipe(zWeightsParam.optional()),
  simulated: z.enum(["show", "hide", "1", "0"]).default("hide"),
  stress: zNamedWindows.optional(),
};

export const ScorecardQuery = z
  .object(ScorecardQueryFields)
  .transform((q): ScorecardParams => ({ notionalUsd: q.notional, asset: q.asset, window: windowFrom(q), weights: q.weights, includeSimulated: q.simulated === "show" || q.simulated === "1", stressWindows: q.stress }));
export type ScorecardQueryInput = z.input<typeof ScorecardQuery>;
