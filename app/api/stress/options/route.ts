// GET /api/stress/options: venues, markets and margin-rule coverage, built-in scenarios, replayable windows.
import { NextResponse } from "next/server";
import { db } from "@/lib/db";
import { stressErrorResponse } from "@/lib/api/stress-http";
import { stressOptions } from "@/lib/services/stress-options";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    return NextResponse.json(await stressOptions(db()));
  } catch (err) {
    return stressErrorResponse(err);
  }
}
