// Home: the venues and markets in the database with their data coverage (server prefetch, client view).
import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import { db } from "@/lib/db";
import { getCoverage } from "@/lib/services/coverage";
import { coverageKeys } from "@/lib/queries/coverage";
import { CoverageView } from "@/components/coverage-view";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const qc = new QueryClient();
  await qc.prefetchQuery({ queryKey: coverageKeys.all, queryFn: () => getCoverage(db()) });
  return (
    <HydrationBoundary state={dehydrate(qc)}>
      <CoverageView />
    </HydrationBoundary>
  );
}
