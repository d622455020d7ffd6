// GET /api/reports/<id>/download?format=csv|json|pdf: the saved report as a file (as it was generated).
import { db } from "@/lib/db";
import { errorResponse, HttpError } from "@/lib/api/handler";
import { reportId } from "@/lib/api/reports";
import { downloadResponse, renderReport, zExportFormat } from "@/lib/export/render-download";
import { getSavedReport } from "@/lib/services/saved-reports";
import { z } from "zod";

export const dynamic = "force-dynamic";

const Query = z.object({ format: zExportFormat.default("csv") });

export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }) {
  try {
    const id = reportId((await ctx.params).id);
    const { format } = Query.parse(Object.fromEntries(new URL(req.url).searchParams));
    const saved = await getSavedReport(db(), id);
    if (!saved) throw new HttpError(404, `no saved report ${id}`);
    const file = await renderReport(saved, format);
    return downloadResponse(file);
  } catch (err) {
    return errorResponse(err);
  }
}
