// react-query options shared by the server prefetch and the client (same key, same shape).
import { queryOptions } from "@tanstack/react-query";
import type { VenueCoverage } from "../views/coverage";
import { fetchJson } from "./fetch-json";

export { fetchJson };

export const coverageKeys = { all: ["coverage"] as const };

export const coverageQuery = queryOptions({
  queryKey: coverageKeys.all,
  queryFn: () => fetchJson<VenueCoverage[]>("/api/coverage"),
});
