// GET /api/series?venue=&symbol=&notional=&window= — a market's slippage-over-time sample, stress windows
// and funding series (lib/services/series.ts).
import { z } from "zod";
import { db } from "@/lib/db";
import { handleGet, HttpError } from "@/lib/api/handler";
import { findMarket, getMarketSeries } from "@/lib/services/series";
import { windowFrom, zNotionalUsd, zWindowFields } from "@/lib/services/params";

export const dynamic = "force-dynamic";

const Query = z.object({ venue: z.string().min(1, "venue is a venue slug"), symbol: z.string().min(1, "symbol is the venue's market symbol"), notional: zNotionalUsd.default(1_000_000), ...zWindowFields });

export const GET = handleGet(Query, async (q) => {
  const market = await findMarket(db(), q.venue, q.symbol);
  if (!market) throw new HttpError(404, `${q.venue}: no market ${q.symbol}`);
  return getMarketSeries(db(), market.id, windowFrom(q), q.notional);
});
