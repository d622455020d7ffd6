// Saved reports (SavedReport rows): store a generated report with its parameters and result, list them,
// load one back, and re-run one on today's data with the differences.
import "server-only";
import type { Db } from "../db";
import { buildAllocationReport } from "./build-allocation";
import { compareReports } from "../reports/compare-reports";
import { AllocationRequest } from "../reports/params";
import type { AllocationReport } from "../reports/types";
import type { SavedReportSummary, SavedAllocationReport, RerunResult } from "../views/reports";

export async function saveReport(db: Db, report: AllocationReport): Promise<SavedAllocationReport> {
  const row = await db.savedReport.create({
    data: { kind: report.kind, title: report.title, params: JSON.stringify(report.params), result: JSON.stringify(report), methodologyVersion: report.methodologyVersion },
  });
  return { id: row.id, createdAt: row.createdAt.toISOString(), report };
}

function summary(id: number, createdAt: Date, r: AllocationReport): SavedReportSummary {
  return {
    id,
    kind: r.kind,
    title: r.title,
    createdAt: createdAt.toISOString(),
    methodologyVersion: r.methodologyVersion,
    feasible: r.allocation.feasible,
    capitalUsd: r.allocation.capitalUsd,
    allocatedUsd: r.allocation.allocatedUsd,
    venuesAllocated: r.allocation.lines.filter((l) => l.allocationUsd > 0).length,
    simulatedVenues: r.provenance.simulated.length,
  };
}

export async function listReports(db: Db, limit = 200): Promise<SavedReportSummary[]> {
  const rows = await db.savedReport.findMany({ where: { kind: "allocation" }, orderBy: { id: "desc" }, take: limit });
  return rows.map((r) => summary(r.id, r.createdAt, JSON.parse(r.result) as AllocationReport));
}

export async function getSavedReport(db: Db, id: number): Promise<SavedAllocationReport | null> {
  const row = await db.savedReport.findUnique({ where: { id } });
  if (!row || row.kind !== "allocation") return null;
  return { id: row.id, createdAt: row.createdAt.toISOString(), report: JSON.parse(row.result) as AllocationReport };
}

/** Build the saved report's parameters again on today's data (not stored) and compare. */
export async function rerunSavedReport(db: Db, id: number, now = new Date()): Promise<RerunResult | null> {
  const saved = await getSavedReport(db, id);
  if (!saved) return null;
  const row = await db.savedReport.findUniqueOrThrow({ where: { id }, select: { params: true } });
  const params = AllocationRequest.parse(JSON.parse(row.params));
  const rerun = await buildAllocationReport(db, params, now);
  return { saved, rerun, comparison: compareReports(saved.report, rerun) };
}
