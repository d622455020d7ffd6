import { NextResponse } from "next/server";
import { methodology } from "@/lib/scoring";

export function GET() {
  return NextResponse.json(methodology());
}
