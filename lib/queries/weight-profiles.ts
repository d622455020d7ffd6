// react-query options for saved weight profiles, and the save call.
import { queryOptions } from "@tanstack/react-query";
import type { Weights } from "../scoring/items";
import type { WeightProfile } from "../views/weight-profiles";
import { fetchJson, postJson } from "./fetch-json";

export const weightProfileKeys = { all: ["weight-profiles"] as const };

export const weightProfilesQuery = queryOptions({
  queryKey: weightProfileKeys.all,
  queryFn: () => fetchJson<WeightProfile[]>("/api/weight-profiles"),
});

export function saveWeightProfile(input: { name: string; weights: Weights }): Promise<WeightProfile> {
  return postJson<WeightProfile>("/api/weight-profiles", input);
}
