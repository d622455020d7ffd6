// GET /api/reports/<id>: a saved report with its download links; ?rerun=1 adds a re-run on today's data
// (not saved) and the per-venue differences.
import { db } from "@/lib/db";
import { errorResponse, HttpError, jsonResponse } from "@/lib/api/handler";
import { downloadLinks, reportId } from "@/lib/api/reports";
import { getSavedReport, rerunSavedReport } from "@/lib/services/saved-reports";

export const dynamic = "force-dynamic";

export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }) {
  try {
    const id = reportId((await ctx.params).id);
    const rerun = new URL(req.url).searchParams.get("rerun");
    if (rerun === "1" || rerun === "true") {
      const r = await rerunSavedReport(db(), id);
      if (!r) throw new HttpError(404, `no saved report ${id}`);
      return jsonResponse({ id, createdAt: r.saved.createdAt, downloads: downloadLinks(id), report: r.saved.report, rerun: r.rerun, comparison: r.comparison });
    }
    const saved = await getSavedReport(db(), id);
    if (!saved) throw new HttpError(404, `no saved report ${id}`);
    return jsonResponse({ id, createdAt: saved.createdAt, downloads: downloadLinks(id), report: saved.report });
  } catch (err) {
    return errorResponse(err);
  }
}
