// GET /api/stress/<id>/download?format=csv|json&table=summary|positions|path: a saved run as a file.
import { z } from "zod";
import { db } from "@/lib/db";
import { HttpError } from "@/lib/api/handler";
import { stressErrorResponse } from "@/lib/api/stress-http";
import { reportId } from "@/lib/reports/http";
import { downloadHeaders } from "@/lib/reports/render-download";
import { getStressRun, renderStressRun, STRESS_EXPORT_FORMATS } from "@/lib/services/stress-runs";
import { STRESS_TABLES } from "@/lib/stress/export-tables";

export const dynamic = "force-dynamic";

const Query = z.object({ format: z.enum(STRESS_EXPORT_FORMATS).default("csv"), table: z.enum(STRESS_TABLES).default("summary") });

export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }) {
  try {
    const id = reportId((await ctx.params).id);
    const q = Query.parse(Object.fromEntries(new URL(req.url).searchParams));
    const saved = await getStressRun(db(), id);
    if (!saved) throw new HttpError(404, `no saved stress run ${id}`);
    const file = await renderStressRun(saved.run, q.format, q.table, saved.id, saved.title);
    return new Response(typeof file.body === "string" ? file.body : new Uint8Array(file.body), { headers: downloadHeaders(file) });
  } catch (err) {
    return stressErrorResponse(err);
  }
}
