// The dated-futures curve of an asset per venue from stored TermQuote rows: one term structure per snapshot time
// (each perpetual quote time, else each futures quote time), the latest one in full, the history of its front
// end and constant maturities, and the perp-vs-curve divergence flag (lib/metrics/term-structure.ts).
import "server-only";
import type { Db } from "../db";
import { fundingCurveDivergence, termStructure, type DatedFutureQuote, type PerpQuote, type TermStructure } from "../metrics/term-structure";
import { MAX_TERM_SNAPSHOTS, type TermStructureRequest, type TermStructureView, type VenueTermStructure } from "../views/term-structure";

type Row = { symbol: string; expiry: Date | null; ts: Date; markPrice: number; indexPrice: number | null; fundingRate: number | null; fundingIntervalHours: number | null; provenance: string };

function venueCurve(rows: Row[]): { curves: TermStructure[]; provenance: string[] } {
  const perps = rows.filter((r) => r.expiry === null).sort((a, b) => a.ts.getTime() - b.ts.getTime());
  const futures: DatedFutureQuote[] = rows.filter((r) => r.expiry !== null).map((r) => ({ symbol: r.symbol, expiryTs: r.expiry!.getTime(), ts: r.ts.getTime(), markPrice: r.markPrice, indexPrice: r.indexPrice }));
  const times = perps.length ? perps.map((p) => p.ts.getTime()) : [...new Set(futures.map((f) => f.ts))].sort((a, b) => a - b);
  const curves = times.slice(-MAX_TERM_SNAPSHOTS).map((t) => {
    // Each symbol's latest quote at or before t (older ones are judged stale by the metric).
    const latest = new Map<string, DatedFutureQuote>();
    for (const f of futures) if (f.ts <= t && (!latest.has(f.symbol) || latest.get(f.symbol)!.ts < f.ts)) latest.set(f.symbol, f);
    const p = perps.find((x) => x.ts.getTime() === t);
    const perp: PerpQuote | null = p ? { symbol: p.symbol, ts: t, markPrice: p.markPrice, indexPrice: p.indexPrice, fundingRate: p.fundingRate, intervalHours: p.fundingIntervalHours } : null;
    return termStructure(t, [...latest.values()], perp);
  });
  return { curves, provenance: [...new Set(rows.map((r) => r.provenance))].sort() };
}

export async function getTermStructure(db: Db, req: TermStructureRequest): Promise<TermStructureView> {
  const venues = await db.venue.findMany({ where: req.venue ? { slug: req.venue } : {}, select: { id: true, slug: true, name: true } });
  const out: VenueTermStructure[] = [];
  for (const v of venues) {
    // Bounded: the latest quotes only (a snapshot holds a handful of contracts).
    const rows = await db.termQuote.findMany({ where: { venueId: v.id, base: req.asset }, orderBy: { ts: "desc" }, take: MAX_TERM_SNAPSHOTS * 8 });
    if (rows.length === 0) continue;
    const { curves, provenance } = venueCurve(rows);
    const cm = (t: TermStructure, d: number) => t.constantMaturity.find((c) => c.days === d)?.annualized ?? null;
    out.push({
      venue: v.slug,
      venueName: v.name,
      provenance,
      snapshots: curves.length,
      latest: curves.at(-1) ?? null,
      history: curves.map((t) => ({ ts: t.ts, front: t.maturities[0]?.annualized ?? null, cm30: cm(t, 30), cm60: cm(t, 60), cm90: cm(t, 90), perp: t.perpFundingAnnualized })),
      divergence: fundingCurveDivergence(curves),
    });
  }
  return { asset: req.asset, venues: out };
}
