// POST /api/stress: run a portfolio through a scenario ({portfolio, scenario, save?, title?}); with save the
// run is stored (admin token when configured). GET /api/stress: the saved runs, newest first.
import { NextResponse } from "next/server";
import { db } from "@/lib/db";
import { requireAdmin } from "@/lib/api/auth";
import { limitedJson } from "@/lib/api/body";
import { MAX_STRESS_BODY_BYTES, STRESS_NARROW, stressErrorResponse } from "@/lib/api/stress-http";
import { jsonResponse, MAX_STRESS_RESPONSE_BYTES, sizedJson } from "@/lib/api/handler";
import { StressRequest } from "@/lib/views/stress";
import { runStressTest } from "@/lib/services/stress";
import { listStressRuns, saveStressRun } from "@/lib/services/stress-runs";
import type { PortfolioInput } from "@/lib/stress/portfolio";
import type { ScenarioInput } from "@/lib/stress/scenario";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    return NextResponse.json({ runs: await listStressRuns(db()) });
  } catch (err) {
    return stressErrorResponse(err);
  }
}

export async function POST(req: Request) {
  try {
    const body = StressRequest.parse(await limitedJson(req, MAX_STRESS_BODY_BYTES));
    if (body.save) requireAdmin(req);
    const run = await runStressTest(db(), body.portfolio as PortfolioInput, body.scenario as string | ScenarioInput);
    // Sized before anything is stored: a run too large to answer is not saved either.
    sizedJson(run, MAX_STRESS_RESPONSE_BYTES, STRESS_NARROW);
    if (!body.save) return jsonResponse({ id: null, ...run }, {}, Infinity);
    const saved = await saveStressRun(db(), run, body.title);
    return jsonResponse({ id: saved.id, ...run }, { status: 201, headers: { location: `/api/stress/${saved.id}` } }, Infinity);
  } catch (err) {
    return stressErrorResponse(err);
  }
}
