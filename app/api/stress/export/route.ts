// POST /api/stress/export: run {portfolio, scenario} and answer the result as a file (format csv|json,
// table summary|positions|path for CSV). Runs are deterministic, so this equals what the page shows.
import { db } from "@/lib/db";
import { limitedJson } from "@/lib/api/body";
import { MAX_STRESS_BODY_BYTES, STRESS_NARROW, stressErrorResponse } from "@/lib/api/stress-http";
import { checkResponseSize, MAX_STRESS_RESPONSE_BYTES } from "@/lib/api/handler";
import { StressRequest } from "@/lib/views/stress";
import { runStressTest } from "@/lib/services/stress";
import { downloadResponse, renderStressRun } from "@/lib/export/render-download";
import type { PortfolioInput } from "@/lib/stress/portfolio";
import type { ScenarioInput } from "@/lib/stress/scenario";

export const dynamic = "force-dynamic";

export async function POST(req: Request) {
  try {
    const body = StressRequest.parse(await limitedJson(req, MAX_STRESS_BODY_BYTES));
    const run = await runStressTest(db(), body.portfolio as PortfolioInput, body.scenario as string | ScenarioInput);
    const file = await renderStressRun(run, body.format, body.table, undefined, body.title);
    checkResponseSize(typeof file.body === "string" ? Buffer.byteLength(file.body) : file.body.byteLength, MAX_STRESS_RESPONSE_BYTES, STRESS_NARROW);
    return downloadResponse(file);
  } catch (err) {
    return stressErrorResponse(err);
  }
}
