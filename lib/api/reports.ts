// Route-handler helpers for the report endpoints: ids, download links, the optional admin token, JSON bodies.
import { EXPORT_FORMATS, type ExportFormat } from "../export/render-download";
import { zSavedId } from "../views/params";
import { HttpError } from "./handler";
import { limitedJson } from "./body";

/** The numeric id of /api/reports/<id>; a non-number is a 404 (no such report), not a validation error. */
export function reportId(raw: string): number {
  const r = zSavedId.safeParse(raw);
  if (!r.success) throw new HttpError(404, `no saved report ${raw}`);
  return r.data;
}

export function downloadLinks(id: number): Record<ExportFormat, string> {
  return Object.fromEntries(EXPORT_FORMATS.map((f) => [f, `/api/reports/${id}/download?format=${f}`])) as Record<ExportFormat, string>;
}

/** The one admin check (bearer header or the /admin session cookie), re-exported for the report routes. */
export { requireAdmin } from "./auth";

/** The report parameters: exactly application/json, at most MAX_JSON_BODY_BYTES (lib/api/body.ts). */
export function jsonBody(req: Request): Promise<unknown> {
  return limitedJson(req);
}
