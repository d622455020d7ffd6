// Builders for hand-worked stress tests: a venue's rules, positions, books and accounts with explicit numbers.
import type { EvidenceBook, MarginTierRule, MarketMarginRules, ResolvedAccount, ResolvedPosition, VenueMarginPolicy } from "./types";

export function rules(tiers: Array<Partial<MarginTierRule> & { mmr: number; imr: number }>, symbol = "TEST"): MarketMarginRules {
  return {
    venueSlug: "test-venue",
    symbol,
    source: "https://example.test/margin",
    asOf: "2026-01-01T00:00:00.000Z",
    provenance: "recorded",
    tiers: tiers.map((t, i) => ({
      tier: i + 1,
      notionalFloorUsd: t.notionalFloorUsd ?? 0,
      notionalCapUsd: t.notionalCapUsd ?? null,
      maxLeverage: t.maxLeverage ?? 1 / t.imr,
      initialMarginRate: t.imr,
      maintenanceMarginRate: t.mmr,
      maintenanceAmountUsd: t.maintenanceAmountUsd ?? 0,
    })),
  };
}

export function position(p: Partial<ResolvedPosition> & Pick<ResolvedPosition, "asset" | "side" | "sizeBase" | "entryPriceUsd" | "rules">): ResolvedPosition {
  return {
    id: `${p.asset}:${p.side}`,
    venueSlug: "test-venue",
    symbol: `${p.asset}USDT`,
    startPriceUsd: p.entryPriceUsd,
    leverage: null,
    isolatedMarginUsd: null,
    baselineFundingRate: 0,
    fundingIntervalHours: 8,
    fundingSource: "test",
    book: null,
    ...p,
  };
}

export function book(mid: number, bids: Array<[number, number]>, asks: Array<[number, number]>): EvidenceBook {
  return { ts: Date.UTC(2026, 0, 1), bids, asks, midPriceUsd: mid, truncated: false, provenance: "recorded" };
}

export function policy(liquidationFeeRate: number | null): VenueMarginPolicy {
  return {
    venueSlug: "test-venue", crossMargin: true, isolatedMargin: true, liquidationFeeRate, liquidationStyle: "full",
    note: null, source: "https://example.test/policy", asOf: "2026-01-01T00:00:00.000Z", provenance: "recorded",
  };
}

export function account(positions: ResolvedPosition[], collateralUsd: number, feeRate: number | null = 0): ResolvedAccount {
  return {
    venueSlug: "test-venue",
    venueName: "Test Venue",
    venueProvenance: "recorded",
    chosenMode: "cross",
    positions,
    collateral: [{ venueSlug: "test-venue", asset: "USDT", amount: collateralUsd, startPriceUsd: 1, pathAsset: null }],
    policy: policy(feeRate),
    collateralRules: [],
  };
}
