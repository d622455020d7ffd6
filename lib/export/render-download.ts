// Exports as downloadable files: body, content type and file name per format, for a saved allocation report
// and for a stress run (CSV of one table, the whole run as JSON, or a PDF).
import "server-only";
import { z } from "zod";
import type { SavedAllocationReport } from "../views/reports";
import type { ScorecardParams, ScorecardRow } from "../views/scorecard";
import { STRESS_TABLES, type StressExportFormat, type StressRun, type StressTableName } from "../views/stress";
import { allocationPdf } from "./allocation-pdf";
import { allocationCsv, scorecardCsv, tableToCsv } from "./csv";
import { allocationJson, scorecardJson } from "./json";
import { stressPdf } from "./stress-pdf";
import { stressTable } from "./stress-tables";

export const EXPORT_FORMATS = ["csv", "json", "pdf"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const zExportFormat = z.enum(EXPORT_FORMATS, { error: "format is csv, json or pdf" });

export interface Download {
  body: string | Buffer;
  contentType: string;
  filename: string;
}

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
  pdf: "application/pdf",
};

export function reportFilename(id: number | undefined, generatedAt: string, format: ExportFormat): string {
  return `venuescope-allocation${id !== undefined ? `-${id}` : ""}-${generatedAt.slice(0, 10)}.${format}`;
}

export async function renderReport(saved: Pick<SavedAllocationReport, "report"> & { id?: number; createdAt?: string }, format: ExportFormat): Promise<Download> {
  const { report, id } = saved;
  const body =
    format === "csv"
      ? allocationCsv(report)
      : format === "json"
        ? `${JSON.stringify(allocationJson(report, { id, savedAt: saved.createdAt }), null, 2)}\n`
        : await allocationPdf(report, { id });
  return { body, contentType: CONTENT_TYPES[format], filename: reportFilename(id, report.generatedAt, format) };
}

/** The scorecard view as a file: the CSV table, or JSON with the parameters and provenance. */
export function renderScorecard(rows: ScorecardRow[], params: ScorecardParams, format: "csv" | "json", now = new Date()): Download {
  const body = format === "csv" ? scorecardCsv(rows, params.notionalUsd) : `${JSON.stringify(scorecardJson(rows, params, now), null, 2)}\n`;
  return { body, contentType: CONTENT_TYPES[format], filename: `venuescope-scorecard-${params.asset}-${now.toISOString().slice(0, 10)}.${format}` };
}

/** Headers for an attachment download. */
export function downloadHeaders(d: Download): HeadersInit {
  return { "content-type": d.contentType, "content-disposition": `attachment; filename="${d.filename}"`, "cache-control": "no-store" };
}

/** The file as an attachment response (a route handler's answer). */
export function downloadResponse(d: Download): Response {
  return new Response(typeof d.body === "string" ? d.body : new Uint8Array(d.body), { headers: downloadHeaders(d) });
}

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
