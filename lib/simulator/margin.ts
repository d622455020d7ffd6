// Simulated margin rules: each fictional venue's tier tables, margin policy and collateral haircuts, from
// its profile's MarginSpec. Deterministic (no randomness): a table depends only on the venue and the asset.
// Harsher venues (lower max leverage) also get a larger maintenance share and a higher liquidation fee in
// their profiles, so their rules are stricter at every size.
import type { AssetSpec, SimVenueProfile } from "../venues/simulated/profiles";
import { symbolOf } from "../venues/simulated/profiles";

export interface SimTier {
  notionalCapUsd: number | null;
  maxLeverage: number;
  maintenanceMarginRate: number;
}

/** Round to two significant figures (tier bounds read like a venue's: 2,500,000 rather than 2,437,912). */
function twoSigFigs(x: number): number {
  const p = 10 ** (Math.floor(Math.log10(x)) - 1);
  return Math.round(x / p) * p;
}

/**
 * The tier table of one market: the first tier ends at firstTierUsd × the asset's depth share; each next tier
 * ends `growth` times further, allows half the leverage (at least 1x), and needs maintenance = share × 1 / leverage.
 * The last tier has no upper bound.
 */
export function simMarginTiers(profile: SimVenueProfile, asset: AssetSpec): SimTier[] {
  const m = profile.margin;
  const tiers: SimTier[] = [];
  let cap = twoSigFigs(m.firstTierUsd * asset.depthShare);
  let lev = profile.maxLeverage;
  for (let i = 0; i < m.tiers; i++) {
    tiers.push({ notionalCapUsd: i === m.tiers - 1 ? null : cap, maxLeverage: lev, maintenanceMarginRate: m.maintenanceShare / lev });
    cap = twoSigFigs(cap * m.growth);
    lev = Math.max(1, Math.floor(lev / 2));
  }
  return tiers;
}

export function simMarginTables(profile: SimVenueProfile, assets: readonly AssetSpec[]) {
  return assets.map((a) => ({ symbol: symbolOf(profile, a.base), tiers: simMarginTiers(profile, a) }));
}

export function simMarginPolicy(profile: SimVenueProfile) {
  const m = profile.margin;
  return {
    crossMargin: true,
    isolatedMargin: m.isolatedMargin,
    liquidationFeeRate: m.liquidationFeeRate,
    liquidationStyle: m.liquidationStyle,
    note: `Simulated margin policy of the fictional venue ${profile.name}; not a real venue's rules.`,
  };
}
