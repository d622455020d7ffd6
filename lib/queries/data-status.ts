// react-query options for the data status page (ingest runs page and filter are in the key).
import { queryOptions } from "@tanstack/react-query";
import { DataStatusQuery, type DataStatus } from "../views/data-status";
import { lenient } from "../views/params";
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

/** Page and filter from the URL by the data status query's own fields, leniently: a bad value falls back to page 1 / all runs. */
export function parseDataStatusParams(get: (k: string) => string | null | undefined): DataStatusKeyParams {
  return { page: lenient(DataStatusQuery.shape.page, get("page"), 1), runs: lenient(DataStatusQuery.shape.runs, get("runs"), "all") };
}
