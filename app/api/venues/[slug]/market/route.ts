// GET /api/venues/:slug/market?symbol=&notional=&window= — one market's figures, scoring input and checklist
// (the venue view's MarketQuery, lib/views/venue.ts).
import { z } from "zod";
import { db } from "@/lib/db";
import { errorResponse, HttpError, queryOf, jsonResponse } from "@/lib/api/handler";
import { getVenueMarket } from "@/lib/services/venue-profile";
import { zVenueSlug } from "@/lib/views/params";
import { MarketQuery } from "@/lib/views/venue";

export const dynamic = "force-dynamic";

const Slug = z.object({ slug: zVenueSlug });

export async function GET(req: Request, ctx: { params: Promise<{ slug: string }> }) {
  try {
    const { slug } = Slug.parse({ slug: (await ctx.params).slug });
    const q = MarketQuery.parse(queryOf(req));
    const view = await getVenueMarket(db(), slug, q.symbol, q.window, q.notionalUsd);
    if (!view) throw new HttpError(404, `${slug}: no market ${q.symbol}`);
    return jsonResponse(view);
  } catch (err) {
    return errorResponse(err);
  }
}
