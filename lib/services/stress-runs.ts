// Saved stress runs (SavedReport rows of kind "stress"): the portfolio and scenario they were run with and
// the result, listed at /stress and downloadable like reports.
import type { Db } from "../db";
import { tableToCsv } from "../reports/export-csv";
import { CONTENT_TYPES, type Download } from "../reports/render-download";
import { stressPdf } from "../stress/export-pdf";
import { stressTable, STRESS_TABLES, type StressTableName } from "../stress/export-tables";
import type { StressRun } from "./stress";

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

export async function saveStressRun(db: Db, run: StressRun, title?: string): Promise<SavedStressRun> {
  const t = title?.trim() || `${run.portfolio.name} — ${run.result.scenario.name}`;
  const row = await db.savedReport.create({
    data: { kind: "stress", title: t.slice(0, 200), params: JSON.stringify({ portfolio: run.portfolio, scenario: run.result.scenario }), result: JSON.stringify(run), methodologyVersion: run.result.engineVersion },
  });
  return { id: row.id, title: row.title, createdAt: row.createdAt.toISOString(), run };
}

export async function listStressRuns(db: Db, limit = 100): Promise<SavedStressSummary[]> {
  const rows = await db.savedReport.findMany({ where: { kind: "stress" }, orderBy: { id: "desc" }, take: limit });
  return rows.map((r) => {
    const run = JSON.parse(r.result) as StressRun;
    return {
      id: r.id, title: r.title, createdAt: r.createdAt.toISOString(), scenario: run.result.scenario.name,
      venues: run.result.venues.map((v) => v.venueSlug), lossUsd: run.result.totals.lossUsd, liquidatedCount: run.result.totals.liquidatedCount,
      simulated: run.result.venues.some((v) => v.provenance.includes("simulated")),
    };
  });
}

export async function getStressRun(db: Db, id: number): Promise<SavedStressRun | null> {
  const row = await db.savedReport.findUnique({ where: { id } });
  if (!row || row.kind !== "stress") return null;
  return { id: row.id, title: row.title, createdAt: row.createdAt.toISOString(), run: JSON.parse(row.result) as StressRun };
}

export const STRESS_EXPORT_FORMATS = ["csv", "json", "pdf"] as const;
export type StressExportFormat = (typeof STRESS_EXPORT_FORMATS)[number];

/** A run as a file: CSV of one table (summary, positions or path), the whole run as JSON, or a PDF report. */
export async function renderStressRun(run: StressRun, format: StressExportFormat, table: StressTableName = "summary", id?: number, title?: string): Promise<Download> {
  const stamp = new Date().toISOString().slice(0, 10);
  const base = `venuescope-stress${id !== undefined ? `-${id}` : ""}-${run.result.scenario.name}-${stamp}`.replace(/[^A-Za-z0-9._-]/g, "_");
  if (format === "pdf") return { body: await stressPdf(run, { id, title }), contentType: CONTENT_TYPES.pdf, filename: `${base}.pdf` };
  if (format === "csv") return { body: tableToCsv(stressTable(run.result, table)), contentType: CONTENT_TYPES.csv, filename: `${base}-${table}.csv` };
  const tables = Object.fromEntries(STRESS_TABLES.map((t) => [t, stressTable(run.result, t).rows]));
  const body = { kind: "stress", engineVersion: run.result.engineVersion, id: id ?? null, portfolio: run.portfolio, scenario: run.result.scenario, evidence: run.evidence, ranking: run.result.ranking, totals: run.result.totals, tables };
  return { body: `${JSON.stringify(body, null, 2)}\n`, contentType: CONTENT_TYPES.json, filename: `${base}.json` };
}
