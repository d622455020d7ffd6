// react-query options for the data status page (ingest runs page and filter are in the key).
import { queryOptions } from "@tanstack/react-query";
import type { DataStatus } from "../services/data-status";
import { fetchJson } from "./fetch-json";

export interface DataStatusKeyParams {
  page: number;
  runs: "all" | "errors";
}

export const dataStatusKeys = {
  all: ["data-status"] as const,
  page: (p: DataStatusKeyParams) => ["data-status", { page: p.page, runs: p.runs }] as const,
};

export function dataStatusQuery(p: DataStatusKeyParams) {
  return queryOptions({
    queryKey: dataStatusKeys.page(p),
    queryFn: () => fetchJson<DataStatus>(`/api/data-status?page=${p.page}&runs=${p.runs}`),
  });
}

/** Page and filter from the URL, lenient: a bad value falls back to page 1 / all runs. */
export function parseDataStatusParams(get: (k: string) => string | null | undefined): DataStatusKeyParams {
  const page = Number(get("page"));
  return { page: Number.isInteger(page) && page >= 1 ? page : 1, runs: get("runs") === "errors" ? "errors" : "all" };
}
