// Margin rules as the stress test reads them (lib/stress/types.ts): a venue's tier tables by symbol ("*" =
// venue default), its margin policy and collateral haircuts, each with source, as-of date and provenance;
// and a coverage summary of which venue has which rules, for the data pages.
import "server-only";
import type { Db } from "../db";
import type { CollateralRule, MarketMarginRules, Provenance, VenueMarginPolicy, VenueMarginRules } from "../stress/types";
import type { MarginCoverageRow } from "../views/stress";

export class UnknownMarginVenueError extends Error {}

const iso = (d: Date) => d.toISOString();

export async function loadVenueMarginRules(db: Db, venueSlug: string): Promise<VenueMarginRules> {
  const venue = await db.venue.findUnique({ where: { slug: venueSlug }, select: { id: true } });
  if (!venue) throw new UnknownMarginVenueError(`${venueSlug}: no such venue in the database`);
  const [tiers, policy, collateral] = await Promise.all([
    db.marginTier.findMany({ where: { venueId: venue.id }, orderBy: [{ symbol: "asc" }, { tier: "asc" }] }),
    db.marginPolicy.findUnique({ where: { venueId: venue.id } }),
    db.collateralAsset.findMany({ where: { venueId: venue.id }, orderBy: { asset: "asc" } }),
  ]);
  const markets: Record<string, MarketMarginRules> = {};
  for (const t of tiers) {
    // A table is written whole by one ingest, so its first tier's source, date and provenance are the table's.
    const m = (markets[t.symbol] ??= { venueSlug, symbol: t.symbol, tiers: [], source: t.source, asOf: iso(t.asOf), provenance: t.provenance as Provenance });
    m.tiers.push({
      tier: t.tier,
      notionalFloorUsd: t.notionalFloorUsd,
      notionalCapUsd: t.notionalCapUsd,
      maxLeverage: t.maxLeverage,
      initialMarginRate: t.initialMarginRate,
      maintenanceMarginRate: t.maintenanceMarginRate,
      maintenanceAmountUsd: t.maintenanceAmountUsd,
    });
  }
  const venuePolicy: VenueMarginPolicy | null = policy && {
    venueSlug,
    crossMargin: policy.crossMargin,
    isolatedMargin: policy.isolatedMargin,
    liquidationFeeRate: policy.liquidationFeeRate,
    liquidationStyle: policy.liquidationStyle === "partial" ? "partial" : "full",
    note: policy.note,
    source: policy.source,
    asOf: iso(policy.asOf),
    provenance: policy.provenance as Provenance,
  };
  const rules: CollateralRule[] = collateral.map((c) => ({ asset: c.asset, haircut: c.haircut, source: c.source, asOf: iso(c.asOf), provenance: c.provenance as Provenance }));
  return { venueSlug, policy: venuePolicy, markets, collateral: rules };
}

/** Which venues have which margin rules: one row per venue, venues without rules included. */
export async function marginRulesCoverage(db: Db): Promise<MarginCoverageRow[]> {
  const [venues, tiers, policies, collateral] = await Promise.all([
    db.venue.findMany({ orderBy: { slug: "asc" }, select: { id: true, slug: true, name: true, kind: true, provenance: true, capabilities: true } }),
    db.marginTier.groupBy({ by: ["venueId", "symbol", "provenance"], _count: { _all: true }, _max: { asOf: true } }),
    db.marginPolicy.findMany(),
    db.collateralAsset.findMany({ orderBy: { asset: "asc" } }),
  ]);
  return venues.map((v) => {
    let caps: { has?: Record<string, boolean>; notes?: Record<string, string> } = {};
    try {
      caps = JSON.parse(v.capabilities);
    } catch {
      caps = {};
    }
    const own = tiers.filter((t) => t.venueId === v.id);
    const policy = policies.find((p) => p.venueId === v.id) ?? null;
    const assets = collateral.filter((c) => c.venueId === v.id);
    const provenances = new Set<Provenance>([...own.map((t) => t.provenance), ...(policy ? [policy.provenance] : []), ...assets.map((c) => c.provenance)] as Provenance[]);
    const dates = [...own.map((t) => t._max.asOf), policy?.asOf ?? null, ...assets.map((c) => c.asOf)].filter((d): d is Date => d instanceof Date);
    const symbols = [...new Set(own.map((t) => t.symbol))].sort();
    return {
      venueSlug: v.slug,
      name: v.name,
      kind: v.kind,
      venueProvenance: v.provenance as Provenance,
      published: typeof caps.has?.margin === "boolean" ? caps.has.margin : null,
      note: caps.notes?.margin ?? null,
      tables: symbols.length,
      symbols,
      hasDefault: symbols.includes("*"),
      maxTiers: own.reduce((m, t) => Math.max(m, t._count._all), 0),
      provenances: [...provenances].sort(),
      policy: policy && { crossMargin: policy.crossMargin, isolatedMargin: policy.isolatedMargin, liquidationFeeRate: policy.liquidationFeeRate, liquidationStyle: policy.liquidationStyle },
      collateralAssets: assets.map((c) => c.asset),
      latestAsOf: dates.length ? iso(new Date(Math.max(...dates.map((d) => d.getTime())))) : null,
    };
  });
}
