// GET /api/venues/:slug — the venue's profile: links, capabilities, markets, coverage, facts, fee history.
import { db } from "@/lib/db";
import { errorResponse, HttpError, jsonResponse } from "@/lib/api/handler";
import { getVenueProfile } from "@/lib/services/venue-profile";
import { zVenueSlug } from "@/lib/views/params";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, ctx: { params: Promise<{ slug: string }> }) {
  try {
    const slug = zVenueSlug.parse((await ctx.params).slug);
    const profile = await getVenueProfile(db(), slug);
    if (!profile) throw new HttpError(404, `no venue ${slug}`);
    return jsonResponse(profile);
  } catch (err) {
    return errorResponse(err);
  }
}
