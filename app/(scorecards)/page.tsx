// Scorecards (home): the server prefetches the scorecard and saved weight profiles with the same query keys
// the client uses, then the client view re-ranks live for the user's weights.
import { Suspense } from "react";
import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import { db } from "@/lib/db";
import { getScorecardView } from "@/lib/services/scorecard";
import { listWeightProfiles } from "@/lib/services/weight-profiles";
import { keyParamsOf, scorecardQuery, scorecardSearch } from "@/lib/queries/scorecard";
import { weightProfilesQuery } from "@/lib/queries/weight-profiles";
import { parseViewParams } from "@/lib/queries/view-params";
import { ScorecardQuery } from "@/lib/views/scorecard";
import { ScorecardsView } from "@/components/scorecards/scorecards-view";

export const dynamic = "force-dynamic";

export default async function HomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const p = parseViewParams(await searchParams);
  const qc = new QueryClient();
  await Promise.all([
    // The route handler's own reading of the query the client sends for this key.
    qc.prefetchQuery({ ...scorecardQuery(p), queryFn: async () => ({ venues: await getScorecardView(db(), ScorecardQuery.parse(scorecardSearch(p))), computedFor: keyParamsOf(p) }) }),
    qc.prefetchQuery({ ...weightProfilesQuery, queryFn: () => listWeightProfiles(db()) }),
  ]);
  return (
    <HydrationBoundary state={dehydrate(qc)}>
      <Suspense fallback={<p className="muted">Loading scorecards…</p>}>
        <ScorecardsView />
      </Suspense>
    </HydrationBoundary>
  );
}
