// react-query options for a venue page: its profile, one market's checklist and figures, and the market's
// time series. Server pages prefetch with these keys; the client fetches the same routes.
import { queryOptions } from "@tanstack/react-query";
import type { VenueMarketView, VenueProfile } from "../services/venue-profile";
import type { MarketSeries } from "../services/series";
import type { WindowPreset } from "../services/windows";
import { fetchJson } from "./fetch-json";

export interface MarketKeyParams {
  slug: string;
  symbol: string;
  notional: number;
  window: WindowPreset;
}

const key = (p: MarketKeyParams) => ({ slug: p.slug, symbol: p.symbol, notional: p.notional, window: p.window });
const qs = (p: MarketKeyParams) => `notional=${p.notional}&window=${p.window}`;

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
    queryFn: () => fetchJson<VenueMarketView>(`/api/venues/${encodeURIComponent(p.slug)}/market?symbol=${encodeURIComponent(p.symbol)}&${qs(p)}`),
  });
}

export function marketSeriesQuery(p: MarketKeyParams) {
  return queryOptions({
    queryKey: venueKeys.series(p),
    queryFn: () => fetchJson<MarketSeries>(`/api/series?venue=${encodeURIComponent(p.slug)}&symbol=${encodeURIComponent(p.symbol)}&${qs(p)}`),
  });
}
