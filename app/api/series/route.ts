// GET /api/series?venue=&symbol=&notional=&window= — a market's slippage-over-time sample, stress windows
// and funding series (lib/services/series.ts); the venue view's MarketQuery plus the venue.
import { db } from "@/lib/db";
import { handleGet, HttpError } from "@/lib/api/handler";
import { findMarket, getMarketSeries } from "@/lib/services/series";
import { VenueMarketQuery } from "@/lib/views/venue";

export const dynamic = "force-dynamic";

export const GET = handleGet(VenueMarketQuery, async (q) => {
  const market = await findMarket(db(), q.venue, q.symbol);
  if (!market) throw new HttpError(404, `${q.venue}: no market ${q.symbol}`);
  return getMarketSeries(db(), market.id, q.window, q.notionalUsd);
});
