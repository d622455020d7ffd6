// GET /api/venues/:slug/incidents?limit=N — the venue's incident ledger, newest first, at most 200 incidents
// (default 100); `total` says how many the ledger holds. 404 for an unknown venue, 422 for a bad limit.
import { NextResponse } from "next/server";
import { db } from "@/lib/db";
import { errorResponse } from "@/lib/api/handler";
import { getVenueIncidents } from "@/lib/services/incidents";
import { IncidentsQuery } from "@/lib/views/incidents";
import { zVenueSlug } from "@/lib/views/params";

export const dynamic = "force-dynamic";

export async function GET(req: Request, ctx: { params: Promise<{ slug: string }> }) {
  try {
    const slug = zVenueSlug.parse((await ctx.params).slug);
    const q = IncidentsQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
    return NextResponse.json(await getVenueIncidents(db(), slug, q));
  } catch (err) {
    return errorResponse(err);
  }
}
