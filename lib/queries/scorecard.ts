// react-query options for the scorecard (home and compare pages). The key holds what the server computes
// (notional, window, asset); weights and the simulated filter are applied in the browser on the same data.
import { queryOptions } from "@tanstack/react-query";
import type { ScorecardRow } from "../services/scorecard";
import type { WindowPreset } from "../services/windows";
import { fetchJson } from "./fetch-json";

export interface ScorecardKeyParams {
  notional: number;
  window: WindowPreset;
  asset: string;
}

export interface ScorecardResponse {
  venues: ScorecardRow[];
}

export const scorecardKeys = {
  all: ["scorecard"] as const,
  list: (p: ScorecardKeyParams) => ["scorecard", { notional: p.notional, window: p.window, asset: p.asset }] as const,
};

export function scorecardUrl(p: ScorecardKeyParams): string {
  return `/api/scorecard?notional=${p.notional}&window=${p.window}&asset=${encodeURIComponent(p.asset)}`;
}

export function scorecardQuery(p: ScorecardKeyParams) {
  return queryOptions({
    queryKey: scorecardKeys.list(p),
    queryFn: () => fetchJson<ScorecardResponse>(scorecardUrl(p)),
  });
}
