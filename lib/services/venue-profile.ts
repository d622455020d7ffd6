// One venue for its page: identity and links, what the venue publishes (`has`), its markets with data,
// data coverage per kind, curated facts (with a stale flag) and fee-schedule history; and the checklist for
// one of its markets (figures → scoring input → score with evidence), as the scorecard computes it.
import "server-only";
import type { Db } from "../db";
import { env } from "../env";
import { scoreVenue } from "../scoring";
import type { WindowSpec } from "../views/windows";
import { getCoverage } from "./coverage";
import { primaryMarketOf, venueScoreInput } from "./scorecard";
import { DEFAULT_ASSET } from "../views/params";
import type { Weights } from "../scoring/items";
import { DAY_MS } from "../metrics/time";
import type { VenueProfile, VenueMarketView } from "../views/venue";

export async function getVenueProfile(db: Db, slug: string, now = Date.now(), asset: string = DEFAULT_ASSET): Promise<VenueProfile | null> {
  const v = await db.venue.findUnique({
    where: { slug },
    include: {
      facts: { orderBy: [{ item: "asc" }, { key: "asc" }] },
      feeSchedules: { orderBy: [{ scope: "asc" }, { tier: "asc" }, { effectiveFrom: "desc" }] },
    },
  });
  if (!v) return null;
  const staleDays = env().FACT_STALE_DAYS;
  // Coverage (and the per-market counts) come from the cached aggregate; facts and fees are read fresh.
  const coverage = (await getCoverage(db, { slug }))[0] ?? null;
  const markets = (coverage?.markets ?? [])
    .map((m) => ({ symbol: m.symbol, base: m.base, quote: m.quote, books: m.depth.count, funding: m.funding.count }))
    .sort((a, b) => b.books - a.books || b.funding - a.funding || a.symbol.localeCompare(b.symbol));
  // The scorecard's primary market for the asset (the same choice, so the page opens on the scorecard's
  // number); a venue without one opens on no market and says so, as the scorecard does.
  const defaultSymbol = (await primaryMarketOf(db, v.id, asset))?.symbol ?? null;
  return {
    venue: { slug: v.slug, name: v.name, kind: v.kind, chain: v.chain, websiteUrl: v.websiteUrl, docsUrl: v.docsUrl, apiDocsUrl: v.apiDocsUrl, provenance: v.provenance },
    has: coverage?.has ?? null,
    notes: coverage?.notes ?? {},
    markets,
    defaultSymbol,
    coverage,
    facts: v.facts.map((f) => {
      const ageDays = Math.floor((now - f.asOf.getTime()) / DAY_MS);
      return { item: f.item, key: f.key, status: f.status, value: f.value, sourceUrl: f.sourceUrl, thirdPartyReason: f.thirdPartyReason, quote: f.quote, asOf: f.asOf.toISOString(), note: f.note, provenance: f.provenance, ageDays, stale: ageDays > staleDays, updatedBy: f.updatedBy, updatedAt: f.updatedAt.toISOString() };
    }),
    factStaleDays: staleDays,
    fees: v.feeSchedules.map((f) => ({ scope: f.scope, tier: f.tier, makerRate: f.makerRate, takerRate: f.takerRate, effectiveFrom: f.effectiveFrom.toISOString(), effectiveTo: f.effectiveTo?.toISOString() ?? null, source: f.source, provenance: f.provenance })),
  };
}

/** The checklist for one market of a venue (the same inputs getScorecard builds for a venue's primary market). */
export async function getVenueMarket(db: Db, slug: string, symbol: string, spec: WindowSpec, notionalUsd: number, weights?: Partial<Weights>): Promise<VenueMarketView | null> {
  const market = await db.market.findFirst({ where: { symbol, venue: { slug } }, include: { venue: { include: { facts: true } } } });
  if (!market) return null;
  const { figures, input } = await venueScoreInput(db, market.venue, market, { window: spec, notionalUsd });
  return { figures: figures!, input, score: scoreVenue(input, weights) };
}
