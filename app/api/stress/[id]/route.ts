// GET /api/stress/<id>: a saved stress run as it was computed.
import { db } from "@/lib/db";
import { HttpError, jsonResponse, MAX_STRESS_RESPONSE_BYTES } from "@/lib/api/handler";
import { stressErrorResponse } from "@/lib/api/stress-http";
import { reportId } from "@/lib/api/reports";
import { getStressRun } from "@/lib/services/stress-runs";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, ctx: { params: Promise<{ id: string }> }) {
  try {
    const id = reportId((await ctx.params).id);
    const saved = await getStressRun(db(), id);
    if (!saved) throw new HttpError(404, `no saved stress run ${id}`);
    return jsonResponse({ id: saved.id, title: saved.title, createdAt: saved.createdAt, ...saved.run }, {}, MAX_STRESS_RESPONSE_BYTES);
  } catch (err) {
    return stressErrorResponse(err);
  }
}
