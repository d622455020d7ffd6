// POST /api/stress/portfolio: an uploaded portfolio file (CSV, or JSON) parsed and validated; 422 with the
// row and field named when it is not a valid portfolio. ?name= names it.
import { NextResponse } from "next/server";
import { z } from "zod";
import { limitedText } from "@/lib/api/body";
import { MAX_STRESS_BODY_BYTES, stressErrorResponse } from "@/lib/api/stress-http";
import { HttpError } from "@/lib/api/handler";
import { Portfolio, portfolioFromCsv } from "@/lib/stress/portfolio";

export const dynamic = "force-dynamic";

const Query = z.object({ name: z.string().trim().min(1).max(120).default("uploaded portfolio") });

export async function POST(req: Request) {
  try {
    const { name } = Query.parse(Object.fromEntries(new URL(req.url).searchParams));
    const text = await limitedText(req, MAX_STRESS_BODY_BYTES);
    const type = req.headers.get("content-type") ?? "";
    const looksJson = type.includes("json") || /^\s*[{[]/.test(text);
    if (!looksJson) return NextResponse.json({ portfolio: portfolioFromCsv(text, name) });
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new HttpError(422, "the file is neither valid JSON nor a portfolio CSV");
    }
    const withName = typeof json === "object" && json !== null && !Array.isArray(json) && !("name" in json) ? { ...json, name } : json;
    return NextResponse.json({ portfolio: Portfolio.parse(withName) });
  } catch (err) {
    return stressErrorResponse(err);
  }
}
