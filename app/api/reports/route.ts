// POST /api/reports: build an allocation report from the JSON body (zod; 422 with field errors), save it,
// return it with its download links. GET /api/reports: the saved reports, newest first.
import { db } from "@/lib/db";
import { errorResponse, jsonResponse } from "@/lib/api/handler";
import { buildAllocationReport } from "@/lib/services/build-allocation";
import { downloadLinks, jsonBody, requireAdmin } from "@/lib/api/reports";
import { AllocationRequest } from "@/lib/reports/params";
import { listReports, saveReport } from "@/lib/services/saved-reports";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    return jsonResponse({ reports: await listReports(db()) });
  } catch (err) {
    return errorResponse(err);
  }
}

export async function POST(req: Request) {
  try {
    requireAdmin(req);
    const params = AllocationRequest.parse(await jsonBody(req));
    const saved = await saveReport(db(), await buildAllocationReport(db(), params));
    return jsonResponse({ id: saved.id, createdAt: saved.createdAt, url: `/reports/${saved.id}`, downloads: downloadLinks(saved.id), report: saved.report }, { status: 201, headers: { location: `/api/reports/${saved.id}` } });
  } catch (err) {
    return errorResponse(err);
  }
}
