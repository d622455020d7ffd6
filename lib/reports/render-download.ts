// A saved report as a downloadable file: body, content type and file name per format.
import { z } from "zod";
import { allocationCsv } from "./export-csv";
import { allocationJson } from "./export-json";
import { allocationPdf } from "./export-pdf";
import type { SavedAllocationReport } from "./saved-reports";

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

/** Headers for an attachment download. */
export function downloadHeaders(d: Download): HeadersInit {
  return { "content-type": d.contentType, "content-disposition": `attachment; filename="${d.filename}"`, "cache-control": "no-store" };
}
