// react-query options shared by the server prefetch and the client (same key, same shape).
import { queryOptions } from "@tanstack/react-query";
import type { VenueCoverage } from "../services/coverage";

export const coverageKeys = { all: ["coverage"] as const };

export async function fetchJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: { accept: "application/json" } });
  if (!res.ok) {
    const body = await res.json().catch(() => null);
    throw new Error(body?.error ?? `${url}: HTTP ${res.status}`);
  }
  return res.json() as Promise<T>;
}

export const coverageQuery = queryOptions({
  queryKey: coverageKeys.all,
  queryFn: () => fetchJson<VenueCoverage[]>("/api/coverage"),
});
