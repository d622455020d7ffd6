// TEMPORARY minimal loader (replaced by the margin-rules branch's version on merge).
import type { Db } from "../db";
import type { MarketMarginRules, VenueMarginRules } from "../stress/types";

export async function loadVenueMarginRules(db: Db, venueSlug: string): Promise<VenueMarginRules> {
  const venue = await db.venue.findUnique({ where: { slug: venueSlug }, include: { marginTiers: { orderBy: [{ symbol: "asc" }, { tier: "asc" }] }, marginPolicy: true, collateral: true } });
  if (!venue) return { venueSlug, policy: null, markets: {}, collateral: [] };
  const markets: Record<string, MarketMarginRules> = {};
  for (const t of venue.marginTiers) {
    const m = (markets[t.symbol] ??= { venueSlug, symbol: t.symbol, tiers: [], source: t.source, asOf: t.asOf.toISOString(), provenance: t.provenance });
    m.tiers.push({ tier: t.tier, notionalFloorUsd: t.notionalFloorUsd, notionalCapUsd: t.notionalCapUsd, maxLeverage: t.maxLeverage, initialMarginRate: t.initialMarginRate, maintenanceMarginRate: t.maintenanceMarginRate, maintenanceAmountUsd: t.maintenanceAmountUsd });
  }
  const p = venue.marginPolicy;
  return {
    venueSlug,
    policy: p ? { venueSlug, crossMargin: p.crossMargin, isolatedMargin: p.isolatedMargin, liquidationFeeRate: p.liquidationFeeRate, liquidationStyle: p.liquidationStyle === "partial" ? "partial" : "full", note: p.note, source: p.source, asOf: p.asOf.toISOString(), provenance: p.provenance } : null,
    markets,
    collateral: venue.collateral.map((c) => ({ asset: c.asset, haircut: c.haircut, source: c.source, asOf: c.asOf.toISOString(), provenance: c.provenance })),
  };
}
