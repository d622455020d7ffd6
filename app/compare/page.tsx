// Compare: the server prefetches the scorecard (same key as the home page) for the URL's notional, window
// and asset; the client picks the venues named in ?venues= and re-scores for the URL's weights.
import { Suspense } from "react";
import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import { db } from "@/lib/db";
import { getScorecardView } from "@/lib/services/scorecard";
import { keyParamsOf, scorecardQuery, scorecardSearch } from "@/lib/queries/scorecard";
import { parseViewParams } from "@/lib/queries/view-params";
import { ScorecardQuery } from "@/lib/views/scorecard";
import { CompareView } from "@/components/compare/compare-view";

export const dynamic = "force-dynamic";
export const metadata = { title: "Compare venues — Venuescope" };

export default async function ComparePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const p = parseViewParams(await searchParams);
  const qc = new QueryClient();
  await qc.prefetchQuery({ ...scorecardQuery(p), queryFn: async () => ({ venues: await getScorecardView(db(), ScorecardQuery.parse(scorecardSearch(p))), computedFor: keyParamsOf(p) }) });
  return (
    <HydrationBoundary state={dehydrate(qc)}>
      <Suspense fallback={<p className="muted">Loading…</p>}>
        <CompareView />
      </Suspense>
    </HydrationBoundary>
  );
}
