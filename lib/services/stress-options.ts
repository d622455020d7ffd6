// What the stress builder can offer: venues with their markets, last prices and whether margin rules are
// stored for each market; the built-in scenarios; the stored stress windows a scenario can replay.
import "server-only";
import type { Db } from "../db";
import { NAMED_SCENARIOS } from "../stress/scenario";
import type { Provenance } from "../stress/types";
import { listReplayWindows } from "./stress";
import type { StressMarketOption, StressVenueOption, StressOptions } from "../views/stress";

export async function stressOptions(db: Db): Promise<StressOptions> {
  const venues = await db.venue.findMany({
    orderBy: { name: "asc" },
    include: { markets: { where: { active: true }, orderBy: { symbol: "asc" } }, marginPolicy: true, collateral: true, marginTiers: { select: { symbol: true, source: true }, distinct: ["symbol"] } },
  });
  const out: StressVenueOption[] = [];
  for (const v of venues) {
    const ruleSymbols = new Set(v.marginTiers.map((t) => t.symbol));
    const markets: StressMarketOption[] = [];
    for (const m of v.markets) {
      const last = await db.bookSnapshot.findFirst({ where: { marketId: m.id }, orderBy: { ts: "desc" }, select: { ts: true, midPrice: true } });
      markets.push({ symbol: m.symbol, base: m.base.toUpperCase(), contractType: m.contractType, lastPriceUsd: last?.midPrice ?? null, lastBookUtc: last?.ts.toISOString() ?? null, hasRules: ruleSymbols.has(m.symbol) || ruleSymbols.has("*") });
    }
    out.push({
      slug: v.slug, name: v.name, provenance: v.provenance as Provenance, markets,
      rulesSource: v.marginTiers[0]?.source ?? null,
      liquidationFeeRate: v.marginPolicy?.liquidationFeeRate ?? null,
      modes: v.marginPolicy ? { cross: v.marginPolicy.crossMargin, isolated: v.marginPolicy.isolatedMargin } : null,
      collateral: v.collateral.map((c) => ({ asset: c.asset, haircut: c.haircut })),
    });
  }
  return { venues: out, scenarios: NAMED_SCENARIOS, replayWindows: await listReplayWindows(db, { limit: 30 }) };
}
