// Build an allocation report from today's data: the scorecard at the target order notional, each venue's
// capacity at the slippage budget (stressed p5, see capacity-at-budget.ts), then the pure allocate().
import type { Db } from "../db";
import { METHODOLOGY_VERSION } from "../scoring";
import { getScorecard, type ScorecardRow } from "../services/scorecard";
import { allocate, type AllocationVenueInput } from "./allocate";
import { capacityAtBudget } from "./capacity-at-budget";
import { capSpecs, defaultTitle, windowOf, type AllocationParams } from "./params";
import { PROVENANCE_NOTES, type AllocationReport, type ReportVenue } from "./types";
import { worseSide } from "../metrics/worse-side";

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
  };
}

export function provenanceSummary(venues: { slug: string; provenance: string; dataProvenance: string[] }[]): AllocationReport["provenance"] {
  const of = (p: string) => venues.filter((v) => v.provenance === p || (p !== "simulated" && v.provenance !== "simulated" && v.dataProvenance.includes(p))).map((v) => v.slug);
  const out = { live: of("live"), recorded: of("recorded"), simulated: of("simulated"), notes: [] as string[] };
  for (const p of ["live", "recorded", "simulated"] as const) if (out[p].length) out.notes.push(`${PROVENANCE_NOTES[p]}: ${out[p].join(", ")}`);
  return out;
}

export function allocationInputs(venues: ReportVenue[]): AllocationVenueInput[] {
  return venues.map((v) => ({
    venue: v.slug,
    name: v.name,
    provenance: v.provenance,
    score: v.scoreTotal,
    capacityUsd: v.capacity.capacityUsd,
    capacityBasis: v.capacity.basis,
    stressWindowCount: v.capacity.stressWindowCount,
    allInCostBps: v.allInCostBps,
  }));
}

export async function buildAllocationReport(db: Db, params: AllocationParams, now = new Date()): Promise<AllocationReport> {
  const rows = await getScorecard(db, {
    notionalUsd: params.targetOrderNotionalUsd,
    window: windowOf(params),
    asset: params.asset,
    weights: params.weights,
    includeSimulated: params.includeSimulated,
  });
  const venues: ReportVenue[] = [];
  for (const row of rows) venues.push(await reportVenue(db, row, params.slippageBudgetBps));
  const allocation = allocate({
    capitalUsd: params.capitalUsd,
    targetOrderNotionalUsd: params.targetOrderNotionalUsd,
    slippageBudgetBps: params.slippageBudgetBps,
    minScore: params.minScore,
    caps: capSpecs(params),
    exclude: params.exclude,
    venues: allocationInputs(venues),
  });
  return {
    kind: "allocation",
    title: params.title ?? defaultTitle(params),
    generatedAt: now.toISOString(),
    methodologyVersion: METHODOLOGY_VERSION,
    params,
    allocation,
    venues,
    provenance: provenanceSummary(venues),
  };
}
