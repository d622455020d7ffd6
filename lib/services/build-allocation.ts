// Build an allocation report from today's data: the scorecard at the target order notional, each venue's
// capacity at the slippage budget (stressed p5, see capacity-at-budget.ts), then the pure allocate().
import "server-only";
import type { Db } from "../db";
import { METHODOLOGY_VERSION } from "../scoring/index";
import { getScorecard } from "./scorecard";
import type { ScorecardRow } from "../views/scorecard";
import { allocate } from "../reports/allocate";
import { capacityAtBudget } from "./capacity-at-budget";
import { capSpecs, defaultTitle, windowOf, type AllocationParams } from "../reports/params";
import type { AllocationReport, ReportVenue } from "../reports/types";
import { worseSide } from "../metrics/worse-side";
import { provenanceSummary, allocationInputs } from "../reports/report-venues";
import { allocationWarnings } from "../reports/warnings";

/**
 * The scorecard rows of one venue set: real venues (default) or simulated ones (the demo), never both.
 * Ranks are renumbered inside the set so a demo's rank 1 is not a real venue's rank.
 */
export function rowsOfVenueSet(rows: ScorecardRow[], venueSet: AllocationParams["venueSet"]): ScorecardRow[] {
  const kept = rows.filter((r) => (venueSet === "simulated") === (r.venue.provenance === "simulated"));
  const ranked = kept.filter((r) => r.rank !== null).sort((a, b) => a.rank! - b.rank!);
  const rank = new Map(ranked.map((r, i) => [r, i + 1]));
  return kept.map((r) => ({ ...r, rank: rank.get(r) ?? null }));
}

/** The figure a sub-metric scored, as the score read it (one definition for the report and the scorecard). */
function scoredFigure(row: ScorecardRow, item: string, sub: string): number | null {
  const v = row.score.items.find((i) => i.id === item)?.subScores.find((x) => x.id === sub)?.value;
  return typeof v === "number" ? v : null;
}

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

async function reportVenue(db: Db, row: ScorecardRow, budgetBps: number): Promise<ReportVenue> {
  const f = row.figures;
  return {
    slug: row.venue.slug,
    name: row.venue.name,
    kind: row.venue.kind,
    chain: row.venue.chain,
    provenance: row.venue.provenance,
    dataProvenance: f?.provenance ?? [],
    market: row.market?.symbol ?? null,
    rank: row.rank,
    scoreTotal: row.score.total,
    confidence: row.score.confidence,
    items: row.score.items.map((i) => ({ id: i.id, label: i.label, weight: i.weight, score: i.score, coverage: i.coverage })),
    windowFromUtc: iso(f?.window?.from),
    windowToUtc: iso(f?.window?.to),
    snapshots: f?.snapshots.inWindow ?? 0,
    slippageP50Bps: worseSide(f?.slippage?.buy.p50Bps, f?.slippage?.sell.p50Bps, Math.max),
    capacity: await capacityAtBudget(db, f, budgetBps),
    allInCostBps: f?.allIn?.totalBps ?? null,
    curve: f?.curve ?? [],
    execution: {
      realizedToImplied: scoredFigure(row, "depth", "realizedToImplied"),
      realizedStressRatio: scoredFigure(row, "stress", "realizedStressRatio"),
      refillHalfLifeMs: f?.refill?.all.medianHalfLifeMs ?? null,
      refillDrops: f?.refill?.all.events ?? 0,
    },
  };
}

export async function buildAllocationReport(db: Db, params: AllocationParams, now = new Date()): Promise<AllocationReport> {
  const rows = await getScorecard(db, {
    notionalUsd: params.targetOrderNotionalUsd,
    window: windowOf(params),
    asset: params.asset,
    weights: params.weights,
    includeSimulated: params.venueSet === "simulated",
  });
  const venues: ReportVenue[] = [];
  for (const row of rowsOfVenueSet(rows, params.venueSet)) venues.push(await reportVenue(db, row, params.slippageBudgetBps));
  const allocation = allocate({
    capitalUsd: params.capitalUsd,
    targetOrderNotionalUsd: params.targetOrderNotionalUsd,
    slippageBudgetBps: params.slippageBudgetBps,
    minScore: params.minScore,
    caps: capSpecs(params),
    exclude: params.exclude,
    venues: allocationInputs(venues),
  });
  const generatedAt = now.toISOString();
  return {
    kind: "allocation",
    title: params.title ?? defaultTitle(params),
    generatedAt,
    methodologyVersion: METHODOLOGY_VERSION,
    params,
    allocation,
    venues,
    provenance: provenanceSummary(venues),
    warnings: allocationWarnings(allocation.lines, venues, params, generatedAt),
  };
}
