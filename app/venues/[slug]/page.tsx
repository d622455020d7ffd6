// A venue page: 404 for an unknown slug; else the server prefetches the profile, the selected market's
// checklist and its series with the client's query keys, and the client view takes over.
import { Suspense } from "react";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import { db } from "@/lib/db";
import { getVenueMarket, getVenueProfile } from "@/lib/services/venue-profile";
import { getMarketSeries, findMarket } from "@/lib/services/series";
import { marketSearch, marketSeriesQuery, venueMarketQuery, venueProfileQuery } from "@/lib/queries/venue";
import { parseViewParams } from "@/lib/queries/view-params";
import { zVenueSlug } from "@/lib/views/params";
import { MarketQuery } from "@/lib/views/venue";
import { VenueView } from "@/components/venue/venue-view";
import { MarginRules } from "@/components/venue/margin-rules";
import { loadVenueMarginRules } from "@/lib/services/margin-rules";
import { getVenueIncidents } from "@/lib/services/incidents";
import { IncidentLedger } from "@/components/venue/incident-ledger";
import { DEFAULT_INCIDENTS } from "@/lib/views/incidents";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const v = await db().venue.findUnique({ where: { slug }, select: { name: true } });
  return { title: v ? `${v.name} — Venuescope` : "Venue not found — Venuescope" };
}

export default async function VenuePage({ params, searchParams }: Props) {
  const { slug } = await params;
  const view = parseViewParams(await searchParams);
  const profile = zVenueSlug.safeParse(slug).success ? await getVenueProfile(db(), slug) : null;
  if (!profile) notFound();
  const [marginRules, incidents] = await Promise.all([loadVenueMarginRules(db(), slug), getVenueIncidents(db(), slug, { limit: DEFAULT_INCIDENTS })]);
  const qc = new QueryClient();
  qc.setQueryData(venueProfileQuery(slug).queryKey, profile);
  const symbol = view.symbol ?? profile.defaultSymbol;
  if (symbol) {
    const key = { slug, symbol, notional: view.notional, window: view.window };
    // The route handlers' own reading of the query the client sends for this key.
    const q = MarketQuery.parse(marketSearch(key));
    await Promise.all([
      qc.prefetchQuery({
        ...venueMarketQuery(key),
        queryFn: async () => {
          const m = await getVenueMarket(db(), slug, q.symbol, q.window, q.notionalUsd);
          // A failed prefetch is not dehydrated: the client asks the API and shows its 404 message.
          if (!m) throw new Error(`${slug}: no market ${symbol}`);
          return m;
        },
      }),
      qc.prefetchQuery({
        ...marketSeriesQuery(key),
        queryFn: async () => {
          const market = await findMarket(db(), slug, q.symbol);
          if (!market) throw new Error(`${slug}: no market ${symbol}`);
          return getMarketSeries(db(), market.id, q.window, q.notionalUsd);
        },
      }),
    ]);
  }
  return (
    <HydrationBoundary state={dehydrate(qc)}>
      <Suspense fallback={<p className="muted">Loading the venue…</p>}>
        <VenueView slug={slug} />
      </Suspense>
      <MarginRules rules={marginRules} preferSymbol={profile.defaultSymbol} />
      <IncidentLedger data={incidents} />
    </HydrationBoundary>
  );
}
