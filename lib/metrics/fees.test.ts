import { describe, it, expect } from "vitest";
import type { FeeTier } from "./types";
import { allInCostBps, feeAt, feeChanges } from "./fees";

const t0 = 1_000;
const t1 = 5_000;
const tiers: FeeTier[] = [
  { tier: "VIP0", makerRate: 0.0002, takerRate: 0.0005, effectiveFrom: t0, effectiveTo: t1 },
  { tier: "VIP0", makerRate: 0.0001, takerRate: 0.0004, effectiveFrom: t1, effectiveTo: null },
  { tier: "VIP1", makerRate: 0.0001, takerRate: 0.0003, effectiveFrom: t0, effectiveTo: null },
  // same rates re-published: not a change
  { tier: "VIP1", makerRate: 0.0001, takerRate: 0.0003, effectiveFrom: 7_000, effectiveTo: null },
];

describe("feeAt", () => {
  it("returns the row in force (effectiveTo exclusive)", () => {
    expect(feeAt(tiers, "VIP0", t1 - 1)?.takerRate).toBe(0.0005);
    expect(feeAt(tiers, "VIP0", t1)?.takerRate).toBe(0.0004);
    expect(feeAt(tiers, "VIP0", t0 - 1)).toBeNull();
    expect(feeAt(tiers, "VIP9", t1)).toBeNull();
  });
});

describe("allInCostBps", () => {
  it("adds taker fee, slippage and the funding carry stated separately", () => {
    // taker 0.0005 → 5 bps; + slippage 3.2 → 8.2 bps. Carry: |−0.0001| per 8 h × 24 h / 8 = 3e-4 → 3 bps. Total 11.2.
    const c = allInCostBps({ takerRate: 0.0005, slippageBps: 3.2, fundingRatePer8h: -0.0001, holdingHours: 24 });
    expect(c.takerBps).toBeCloseTo(5, 12);
    expect(c.tradingBps).toBeCloseTo(8.2, 12);
    expect(c.fundingCarryBps).toBeCloseTo(3, 12);
    expect(c.totalBps).toBeCloseTo(11.2, 12);
    // Without funding inputs the carry is null and total = trading; missing slippage → null totals.
    expect(allInCostBps({ takerRate: 0.0005, slippageBps: 3.2 }).fundingCarryBps).toBeNull();
    expect(allInCostBps({ takerRate: 0.0005, slippageBps: 3.2 }).totalBps).toBeCloseTo(8.2, 12);
    expect(allInCostBps({ takerRate: 0.0005, slippageBps: null }).totalBps).toBeNull();
  });
});

describe("feeChanges", () => {
  it("lists rate changes in the window and flags those inside stress", () => {
    // VIP0 changes at t1 (5 → 4 bps taker); VIP1's re-publication at 7 000 has equal rates → not a change;
    // each tier's first row is not a change. t1 lies in the stress window [4 000, 6 000].
    const c = feeChanges(tiers, { from: 0, to: 10_000 }, [{ from: 4_000, to: 6_000 }]);
    expect(c).toEqual([
      { ts: t1, tier: "VIP0", fromMakerRate: 0.0002, toMakerRate: 0.0001, fromTakerRate: 0.0005, toTakerRate: 0.0004, inStress: true },
    ]);
    expect(feeChanges(tiers, { from: 6_000, to: 10_000 }, [])).toEqual([]);
  });
});
