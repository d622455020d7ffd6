// react-query options for a venue page: its profile, one market's checklist and figures, and the market's
// time series. Server pages prefetch with these keys; the client fetches the same routes.
import { queryOptions } from "@tanstack/react-query";
import type { VenueMarketView, VenueProfile } from "../views/venue";
import type { MarketSeries } from "../views/market";
import type { WindowPreset } from "../views/windows";
import { fetchJson } from "./fetch-json";

export interface MarketKeyParams {
  slug: string;
  symbol: string;
  notional: number;
  window: WindowPreset;
}

const key = (p: MarketKeyParams) => ({ slug: p.slug, symbol: p.symbol, notional: p.notional, window: p.window });

/** The market query (lib/views/venue.ts MarketQuery) a key stands for: what the client sends and the server prefetch parses. */
export function marketSearch(p: MarketKeyParams): Record<"symbol" | "notional" | "window", string> {
  return { symbol: p.symbol, notional: String(p.notional), window: p.window };
}

export const venueKeys = {
  all: ["venue"] as const,
  profile: (slug: string) => ["venue", "profile", slug] as const,
  market: (p: MarketKeyParams) => ["venue", "market", key(p)] as const,
  series: (p: MarketKeyParams) => ["venue", "series", key(p)] as const,
};

export function venueProfileQuery(slug: string) {
  return queryOptions({
    queryKey: venueKeys.profile(slug),
    queryFn: () => fetchJson<VenueProfile>(`/api/venues/${encodeURIComponent(slug)}`),
  });
}

export function venueMarketQuery(p: MarketKeyParams) {
  return queryOptions({
    queryKey: venueKeys.market(p),
    queryFn: () => fetchJson<VenueMarketView>(`/api/venues/${encodeURIComponent(p.slug)}/market?${new URLSearchParams(marketSearch(p))}`),
  });
}

export function marketSeriesQuery(p: MarketKeyParams) {
  return queryOptions({
    queryKey: venueKeys.series(p),
    queryFn: () => fetchJson<MarketSeries>(`/api/series?${new URLSearchParams({ venue: p.slug, ...marketSearch(p) })}`),
  });
}
