// A small stored world for stress-test integration tests: three venues with BTC and ETH perps, books every
// 15 minutes for two days with a BTC crash on day two, funding, and margin rules with a source each.
import { encodeLevels } from "../../lib/books/level-codec";
import type { Db } from "../../lib/db";

export const T0 = Date.UTC(2026, 9, 1);
const STEP = 15 * 60_000;
export const POINTS = 192; // 48 h
export const CRASH_AT = 120; // hour 30: BTC falls 15 % over one hour, ETH 25 %

/** BTC and ETH mids at point i: tiny alternating noise, and the crash. */
export function midAt(asset: "BTC" | "ETH", i: number): number {
  const base = asset === "BTC" ? 50_000 : 4_000;
  const noise = 1 + (i % 2 === 0 ? 0.0005 : -0.0005);
  const drop = asset === "BTC" ? 0.15 : 0.25;
  const progress = i < CRASH_AT ? 0 : Math.min(1, (i - CRASH_AT) / 4);
  return base * noise * (1 - drop * progress);
}

function levels(mid: number, side: 1 | -1, sizeBase: number): [number, number][] {
  // 10 levels, 1 bp apart from 0.5 bp off mid, sizes growing with distance.
  return Array.from({ length: 10 }, (_, k) => [Number((mid * (1 + side * (0.5 + k) * 1e-4)).toFixed(2)), Number((sizeBase * (1 + k)).toFixed(4))]);
}

export interface SeedVenue {
  slug: string;
  name: string;
  mmr: number;
  imr: number;
  feeRate: number | null;
  depthBtc: number;
}

export const SEED_VENUES: SeedVenue[] = [
  { slug: "deep-cex", name: "Deep CEX", mmr: 0.004, imr: 0.01, feeRate: 0.005, depthBtc: 5 },
  { slug: "thin-dex", name: "Thin DEX", mmr: 0.03, imr: 0.05, feeRate: 0.01, depthBtc: 0.2 },
  { slug: "mid-cex", name: "Mid CEX", mmr: 0.01, imr: 0.02, feeRate: null, depthBtc: 1 },
];

export async function seedStressWorld(db: Db): Promise<void> {
  for (const v of SEED_VENUES) {
    const venue = await db.venue.create({ data: { slug: v.slug, name: v.name, kind: "cex", provenance: "simulated" } });
    for (const asset of ["BTC", "ETH"] as const) {
      const market = await db.market.create({
        data: { venueId: venue.id, symbol: `${asset}USDT`, base: asset, quote: "USDT", settle: "USDT", contractType: "linear", sizeUnit: "base", fundingIntervalHours: 8, provenance: "simulated" },
      });
      const depth = asset === "BTC" ? v.depthBtc : v.depthBtc * 12;
      await db.bookSnapshot.createMany({
        data: Array.from({ length: POINTS }, (_, i) => {
          const mid = midAt(asset, i);
          const bids = levels(mid, -1, depth);
          const asks = levels(mid, 1, depth);
          return {
            marketId: market.id, ts: new Date(T0 + i * STEP), receivedTs: new Date(T0 + i * STEP), bids: encodeLevels(bids), asks: encodeLevels(asks),
            bidLevels: 10, askLevels: 10, truncated: false, bestBid: bids[0][0], bestAsk: asks[0][0], midPrice: (bids[0][0] + asks[0][0]) / 2,
            spreadBps: ((asks[0][0] - bids[0][0]) / mid) * 1e4, provenance: "simulated",
          };
        }),
      });
      await db.fundingRecord.create({ data: { marketId: market.id, fundingTime: new Date(T0 + 8 * 3_600_000), rate: 0.0001, intervalHours: 8, provenance: "simulated" } });
      await db.marginTier.createMany({
        data: [
          { venueId: venue.id, symbol: `${asset}USDT`, tier: 1, notionalFloorUsd: 0, notionalCapUsd: 1_000_000, maxLeverage: 1 / v.imr, initialMarginRate: v.imr, maintenanceMarginRate: v.mmr, maintenanceAmountUsd: 0, source: `https://example.test/${v.slug}/tiers`, asOf: new Date(T0), provenance: "simulated" },
          { venueId: venue.id, symbol: `${asset}USDT`, tier: 2, notionalFloorUsd: 1_000_000, notionalCapUsd: null, maxLeverage: 1 / (v.imr * 2), initialMarginRate: v.imr * 2, maintenanceMarginRate: v.mmr * 2, maintenanceAmountUsd: 1_000_000 * v.mmr, source: `https://example.test/${v.slug}/tiers`, asOf: new Date(T0), provenance: "simulated" },
        ],
      });
    }
    if (v.slug === "deep-cex") {
      // An inverse (coin-margined) perp: 100 USD per contract.
      const inv = await db.market.create({
        data: { venueId: venue.id, symbol: "BTCUSD_PERP", base: "BTC", quote: "USD", settle: "BTC", contractType: "inverse", sizeUnit: "contracts", contractSize: 100, fundingIntervalHours: 8, provenance: "simulated" },
      });
      const mid = midAt("BTC", POINTS - 1);
      const bids = levels(mid, -1, 2);
      const asks = levels(mid, 1, 2);
      await db.bookSnapshot.create({
        data: { marketId: inv.id, ts: new Date(T0 + (POINTS - 1) * STEP), receivedTs: new Date(T0 + (POINTS - 1) * STEP), bids: encodeLevels(bids), asks: encodeLevels(asks), bidLevels: 10, askLevels: 10, truncated: false, bestBid: bids[0][0], bestAsk: asks[0][0], midPrice: (bids[0][0] + asks[0][0]) / 2, spreadBps: 1, provenance: "simulated" },
      });
      await db.marginTier.create({ data: { venueId: venue.id, symbol: "BTCUSD_PERP", tier: 1, notionalFloorUsd: 0, notionalCapUsd: null, maxLeverage: 50, initialMarginRate: 0.02, maintenanceMarginRate: 0.01, source: "https://example.test/deep-cex/inverse", asOf: new Date(T0), provenance: "simulated" } });
    }
    await db.marginPolicy.create({ data: { venueId: venue.id, crossMargin: true, isolatedMargin: true, liquidationFeeRate: v.feeRate, source: `https://example.test/${v.slug}/policy`, asOf: new Date(T0), provenance: "simulated" } });
  }
}

/** A desk's three-venue book: long BTC / short ETH on each venue, 100k USDT collateral each. */
export const THREE_VENUE_PORTFOLIO = {
  name: "three-venue pair",
  positions: SEED_VENUES.flatMap((v) => [
    { venue: v.slug, market: "BTC", side: "long" as const, notionalUsd: 1_000_000 },
    { venue: v.slug, market: "ETHUSDT", side: "short" as const, notionalUsd: 800_000 },
  ]),
  collateral: SEED_VENUES.map((v) => ({ venue: v.slug, asset: "USDT", amount: 100_000 })),
};
