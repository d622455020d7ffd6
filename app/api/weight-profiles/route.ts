// GET /api/weight-profiles — saved weight profiles; POST {name, weights, isDefault?} saves one (by name).
// Bad input answers 422 with field errors; with ADMIN_TOKEN set, POST needs the admin token (bearer header or
// the /admin session cookie, lib/api/auth.ts).
import { NextResponse } from "next/server";
import { db } from "@/lib/db";
import { requireAdmin } from "@/lib/api/auth";
import { errorResponse } from "@/lib/api/handler";
import { limitedJson } from "@/lib/api/body";
import { listWeightProfiles, saveWeightProfile } from "@/lib/services/weight-profiles";
import { WeightProfileInput } from "@/lib/views/weight-profiles";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    return NextResponse.json(await listWeightProfiles(db()));
  } catch (err) {
    return errorResponse(err);
  }
}

export async function POST(req: Request) {
  try {
    requireAdmin(req);
    const body: unknown = await limitedJson(req);
    const input = WeightProfileInput.parse(body);
    return NextResponse.json(await saveWeightProfile(db(), input), { status: 201 });
  } catch (err) {
    return errorResponse(err);
  }
}
