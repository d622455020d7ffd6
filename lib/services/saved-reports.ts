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
    data: { kind: report.kind, title: report.title, params: JSON.stringify(report.params), result: JSON.stringify(report), summary: JSON.stringify(summaryOf(report)), methodologyVersion: report.methodologyVersion },
  });
  return { id: row.id, createdAt: row.createdAt.toISOString(), report };
}

type StoredSummary = Omit<SavedReportSummary, "id" | "createdAt">;

function summaryOf(r: AllocationReport): StoredSummary {
  return {
    kind: r.kind,
    title: r.title,
    methodologyVersion: r.methodologyVersion,
    feasible: r.allocation.feasible,
    capitalUsd: r.allocation.capitalUsd,
    allocatedUsd: r.allocation.allocatedUsd,
    venuesAllocated: r.allocation.lines.filter((l) => l.allocationUsd > 0).length,
    simulatedVenues: r.provenance.simulated.length,
  };
}

/**
 * The newest saved reports, from their summary column only: a list never reads or parses the stored results
 * (each may be MBs). A row saved before the column existed gets its summary computed once and written back.
 */
export async function listReports(db: Db, limit = 200): Promise<SavedReportSummary[]> {
  const rows = await db.savedReport.findMany({ where: { kind: "allocation" }, orderBy: { id: "desc" }, take: limit, select: { id: true, createdAt: true, summary: true } });
  const out: SavedReportSummary[] = [];
  for (const r of rows) {
    let stored = r.summary === null ? null : (JSON.parse(r.summary) as StoredSummary);
    if (stored === null) {
      const { result } = await db.savedReport.findUniqueOrThrow({ where: { id: r.id }, select: { result: true } });
      stored = summaryOf(JSON.parse(result) as AllocationReport);
      await db.savedReport.update({ where: { id: r.id }, data: { summary: JSON.stringify(stored) } });
    }
    out.push({ id: r.id, createdAt: r.createdAt.toISOString(), ...stored });
  }
  return out;
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
