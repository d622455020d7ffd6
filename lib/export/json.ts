// JSON exports: the same rows as the CSV (same column names and units), plus the methodology version,
// the parameters, the data provenance and coverage, so a file stands on its own.
import "server-only";
import { methodology, METHODOLOGY_VERSION } from "../scoring/index";
import type { ScorecardParams, ScorecardRow } from "../views/scorecard";
import { provenanceSummary } from "../reports/report-venues";
import { allocationTable, scorecardTable } from "./report-rows";
import { reportWarnings } from "../reports/warnings";
import type { AllocationReport } from "../reports/types";

export const ALLOCATION_JSON_FORMAT = "venuescope.allocation-report.v1";
export const SCORECARD_JSON_FORMAT = "venuescope.scorecard.v1";

export function allocationJson(report: AllocationReport, meta: { id?: number; savedAt?: string } = {}) {
  const table = allocationTable(report);
  const a = report.allocation;
  return {
    format: ALLOCATION_JSON_FORMAT,
    id: meta.id ?? null,
    savedAt: meta.savedAt ?? null,
    title: report.title,
    generatedAt: report.generatedAt,
    methodologyVersion: report.methodologyVersion,
    methodologySummary: methodology().summary,
    params: report.params,
    provenance: report.provenance,
    warnings: reportWarnings(report),
    coverage: report.venues.map((v) => ({ venue: v.slug, market: v.market, venueProvenance: v.provenance, dataProvenance: v.dataProvenance, snapshots: v.snapshots, fromUtc: v.windowFromUtc, toUtc: v.windowToUtc })),
    allocation: { feasible: a.feasible, capitalUsd: a.capitalUsd, allocatedUsd: a.allocatedUsd, unallocatedUsd: a.unallocatedUsd, explanation: a.explanation, notes: a.notes },
    columns: table.columns,
    rows: table.rows,
    checklists: report.venues.map((v) => ({ venue: v.slug, scoreTotal: v.scoreTotal, confidence: v.confidence, items: v.items })),
    capacity: report.venues.map((v) => ({ venue: v.slug, ...v.capacity })),
    curves: report.venues.map((v) => ({ venue: v.slug, curve: v.curve })),
  };
}

export function scorecardJson(rows: ScorecardRow[], params: ScorecardParams, now = new Date()) {
  const table = scorecardTable(rows, params.notionalUsd);
  return {
    format: SCORECARD_JSON_FORMAT,
    generatedAt: now.toISOString(),
    methodologyVersion: METHODOLOGY_VERSION,
    params,
    provenance: provenanceSummary(rows.map((r) => ({ slug: r.venue.slug, provenance: r.venue.provenance, dataProvenance: r.figures?.provenance ?? [] }))),
    columns: table.columns,
    rows: table.rows,
  };
}
