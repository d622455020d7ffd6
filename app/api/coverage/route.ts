import { NextResponse } from "next/server";
import { db } from "@/lib/db";
import { getCoverage } from "@/lib/services/coverage";

export const dynamic = "force-dynamic";

export async function GET() {
  return NextResponse.json(await getCoverage(db()));
}
