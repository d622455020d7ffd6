// GET /api/stress/<id>/download?format=csv|json&table=summary|positions|path: a saved run as a file.
import { db } from "@/lib/db";
import { HttpError } from "@/lib/api/handler";
import { stressErrorResponse } from "@/lib/api/stress-http";
import { reportId } from "@/lib/api/reports";
import { getStressRun } from "@/lib/services/stress-runs";
import { downloadResponse, renderStressRun } from "@/lib/export/render-download";
import { StressDownloadQuery } from "@/lib/views/stress";

export const dynamic = "force-dynamic";

export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }) {
  try {
    const id = reportId((await ctx.params).id);
    const q = StressDownloadQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
    const saved = await getStressRun(db(), id);
    if (!saved) throw new HttpError(404, `no saved stress run ${id}`);
    const file = await renderStressRun(saved.run, q.format, q.table, saved.id, saved.title);
    return downloadResponse(file);
  } catch (err) {
    return stressErrorResponse(err);
  }
}
