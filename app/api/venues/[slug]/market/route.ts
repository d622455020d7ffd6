// GET /api/venues/:slug/market?symbol=&notional=&window= — one market's figures, scoring input and checklist.
import { z } from "zod";
import { NextResponse } from "next/server";
import { db } from "@/lib/db";
import { errorResponse, HttpError, queryOf } from "@/lib/api/handler";
import { getVenueMarket } from "@/lib/services/venue-profile";
import { windowFrom, zNotionalUsd, zWindowFields } from "@/lib/services/params";

export const dynamic = "force-dynamic";

const Query = z.object({
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "a venue slug is lower-case letters, digits and dashes"),
  symbol: z.string().min(1, "symbol is the venue's market symbol"),
  notional: zNotionalUsd.default(1_000_000),
  ...zWindowFields,
});

export async function GET(req: Request, ctx: { params: Promise<{ slug: string }> }) {
  try {
    const q = Query.parse({ ...queryOf(req), slug: (await ctx.params).slug });
    const view = await getVenueMarket(db(), q.slug, q.symbol, windowFrom(q), q.notional);
    if (!view) throw new HttpError(404, `${q.slug}: no market ${q.symbol}`);
    return NextResponse.json(view);
  } catch (err) {
    return errorResponse(err);
  }
}
