// react-query options for the scorecard (home and compare pages). The key holds what the server computes
// (notional, window, asset); weights and the simulated filter are applied in the browser on the same data.
import { queryOptions } from "@tanstack/react-query";
import type { ScorecardRowView } from "../views/scorecard";
import type { WindowPreset } from "../views/windows";
import { fetchJson } from "./fetch-json";

export interface ScorecardKeyParams {
  notional: number;
  window: WindowPreset;
  asset: string;
}

export interface ScorecardResponse {
  venues: ScorecardRowView[];
  /**
   * The notional, window and asset these rows were computed for. While another key loads, react-query keeps
   * showing the previous rows (placeholder data): the page heads them with these, never with the new key.
   */
  computedFor: ScorecardKeyParams;
}

/** The key params alone (a page's params carry more fields). */
export const keyParamsOf = (p: ScorecardKeyParams): ScorecardKeyParams => ({ notional: p.notional, window: p.window, asset: p.asset });

/** Same notional, window and asset. */
export const sameKeyParams = (a: ScorecardKeyParams, b: ScorecardKeyParams) => a.notional === b.notional && a.window === b.window && a.asset === b.asset;

export const scorecardKeys = {
  all: ["scorecard"] as const,
  list: (p: ScorecardKeyParams) => ["scorecard", { notional: p.notional, window: p.window, asset: p.asset }] as const,
};

/** The scorecard query (lib/views/scorecard.ts ScorecardQuery) a key stands for: what the client sends and the server prefetch parses. */
export function scorecardSearch(p: ScorecardKeyParams): Record<"notional" | "window" | "asset" | "simulated", string> {
  // The pages ask for every venue and show simulated ones (as a separate demo section) only when the view asks:
  // the API's own default is real venues only.
  return { notional: String(p.notional), window: p.window, asset: p.asset, simulated: "show" };
}

export function scorecardUrl(p: ScorecardKeyParams): string {
  return `/api/scorecard?${new URLSearchParams(scorecardSearch(p))}`;
}

export function scorecardQuery(p: ScorecardKeyParams) {
  return queryOptions({
    queryKey: scorecardKeys.list(p),
    queryFn: async (): Promise<ScorecardResponse> => ({ venues: (await fetchJson<{ venues: ScorecardRowView[] }>(scorecardUrl(p))).venues, computedFor: keyParamsOf(p) }),
  });
}
