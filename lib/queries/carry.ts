// react-query options for the carry panels (venue page: one market; compare: one asset across venues). The
// client fetches /api/carry with the same query the route handler parses (lib/views/carry.ts).
import { queryOptions } from "@tanstack/react-query";
import type { AssetCarryView, MarketCarryView } from "../views/carry";
import type { TermStructureView } from "../views/term-structure";
import type { CarrySide } from "../metrics/carry";
import type { WindowPreset } from "../views/windows";
import { fetchJson } from "./fetch-json";

export interface CarryKeyBase {
  side: CarrySide;
  notional: number;
  hold: number;
  window: WindowPreset;
}

const base = (p: CarryKeyBase) => ({ side: p.side, notional: String(p.notional), hold: String(p.hold), window: p.window });

export const carryKeys = {
  all: ["carry"] as const,
  market: (p: CarryKeyBase & { venue: string; symbol: string }) => ["carry", "market", { ...base(p), venue: p.venue, symbol: p.symbol }] as const,
  asset: (p: CarryKeyBase & { asset: string; simulated: boolean; venues: string[] }) => ["carry", "asset", { ...base(p), asset: p.asset, simulated: p.simulated, venues: p.venues.join(",") }] as const,
};

export function marketCarryQuery(p: CarryKeyBase & { venue: string; symbol: string }) {
  return queryOptions({
    queryKey: carryKeys.market(p),
    queryFn: () => fetchJson<MarketCarryView>(`/api/carry?${new URLSearchParams({ ...base(p), venue: p.venue, symbol: p.symbol })}`),
  });
}

export function assetCarryQuery(p: CarryKeyBase & { asset: string; simulated: boolean; venues: string[] }) {
  return queryOptions({
    queryKey: carryKeys.asset(p),
    queryFn: () => fetchJson<AssetCarryView>(`/api/carry?${new URLSearchParams({ ...base(p), asset: p.asset, simulated: p.simulated ? "show" : "hide", ...(p.venues.length ? { venues: p.venues.join(",") } : {}) })}`),
  });
}

export function termStructureQuery(p: { asset: string; venue?: string }) {
  const search = new URLSearchParams({ asset: p.asset, ...(p.venue ? { venue: p.venue } : {}) });
  return queryOptions({
    queryKey: ["carry", "term", { asset: p.asset, venue: p.venue ?? null }] as const,
    queryFn: () => fetchJson<TermStructureView>(`/api/term-structure?${search}`),
  });
}
