// GET /api/venues/:slug — the venue's profile: links, capabilities, markets, coverage, facts, fee history.
import { z } from "zod";
import { NextResponse } from "next/server";
import { db } from "@/lib/db";
import { errorResponse, HttpError } from "@/lib/api/handler";
import { getVenueProfile } from "@/lib/services/venue-profile";

export const dynamic = "force-dynamic";

const zSlug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "a venue slug is lower-case letters, digits and dashes");

export async function GET(_req: Request, ctx: { params: Promise<{ slug: string }> }) {
  try {
    const slug = zSlug.parse((await ctx.params).slug);
    const profile = await getVenueProfile(db(), slug);
    if (!profile) throw new HttpError(404, `no venue ${slug}`);
    return NextResponse.json(profile);
  } catch (err) {
    return errorResponse(err);
  }
}
