// Data status: the server prefetches the data status (for the URL's page and filter) and the coverage
// table with the client's query keys; the collector's health and the latest change events render on the server.
import { Suspense } from "react";
import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import { db } from "@/lib/db";
import { getCoverage } from "@/lib/services/coverage";
import { getDataStatus } from "@/lib/services/data-status";
import { DataStatusQuery } from "@/lib/views/data-status";
import { coverageQuery } from "@/lib/queries/coverage";
import { dataStatusQuery, parseDataStatusParams } from "@/lib/queries/data-status";
import { DataStatusView } from "@/components/data-status/data-status-view";
import { CollectorHealthTable } from "@/components/data-status/collector-health";
import { getCollectorHealth } from "@/lib/services/collector-health";
import { env } from "@/lib/env";
import { listChangeEvents } from "@/lib/services/change-events";
import { ChangeEventsSection } from "@/components/data-status/change-events";

export const dynamic = "force-dynamic";
export const metadata = { title: "Data status — Venuescope" };

export default async function DataStatusPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const p = parseDataStatusParams((k) => {
    const v = sp[k];
    return Array.isArray(v) ? v[v.length - 1] : v;
  });
  const qc = new QueryClient();
  await Promise.all([
    qc.prefetchQuery({ ...dataStatusQuery(p), queryFn: () => getDataStatus(db(), DataStatusQuery.parse(p)) }),
    qc.prefetchQuery({ ...coverageQuery, queryFn: () => getCoverage(db()) }),
  ]);
  const [collector, realEvents, simEvents] = await Promise.all([
    getCollectorHealth(db(), env().VENUESCOPE_COLLECT ?? null),
    listChangeEvents(db(), { limit: 50, simulated: "hide" }),
    listChangeEvents(db(), { limit: 50, simulated: "only" }),
  ]);
  return (
    <HydrationBoundary state={dehydrate(qc)}>
      <Suspense fallback={<p className="muted">Loading data status…</p>}>
        <DataStatusView />
      </Suspense>
      <CollectorHealthTable health={collector} />
      <ChangeEventsSection real={realEvents.events} simulated={simEvents.events} />
    </HydrationBoundary>
  );
}
