import { z } from "zod";
import { db } from "@/lib/db";
import { handleGet, HttpError } from "@/lib/api/handler";
import { getMarketFigures } from "@/lib/services/market-figures";
import { DEFAULT_NOTIONAL_USD, windowFrom, zNamedWindows, zNotionalUsd, zWindowFields } from "@/lib/views/params";

export const dynamic = "force-dynamic";

const Query = z.object({ venue: z.string().min(1), symbol: z.string().min(1), notional: zNotionalUsd.default(DEFAULT_NOTIONAL_USD), ...zWindowFields, stress: zNamedWindows.optional() });

export const GET = handleGet(Query, async (q) => {
  const market = await db().market.findFirst({ where: { symbol: q.symbol, venue: { slug: q.venue } } });
  if (!market) throw new HttpError(404, `${q.venue}: no market ${q.symbol}`);
  return getMarketFigures(db(), market.id, windowFrom(q), q.notional, q.stress ?? []);
});
