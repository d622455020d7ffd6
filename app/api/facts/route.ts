// GET /api/facts?venue=<slug>: a venue's curated facts with their revisions.
// POST /api/facts {venue, editedBy, fact}: an analyst's correction or addition (admin token when configured).
import { NextResponse } from "next/server";
import { z } from "zod";
import { db } from "@/lib/db";
import { errorResponse, handleGet } from "@/lib/api/handler";
import { requireAdmin } from "@/lib/api/auth";
import { limitedJson } from "@/lib/api/body";
import { editFact, FactEdit, venueFacts } from "@/lib/services/facts";

export const dynamic = "force-dynamic";

export const GET = handleGet(z.object({ venue: z.string().min(1) }), (q) => venueFacts(db(), q.venue));

export async function POST(req: Request) {
  try {
    requireAdmin(req);
    const body = await limitedJson(req);
    return NextResponse.json(await editFact(db(), FactEdit.parse(body)));
  } catch (err) {
    return errorResponse(err);
  }
}
