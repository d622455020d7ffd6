// The pure diffs behind change events: fee rates, tier tables, funding intervals and caps (hand-checked lines).
import { describe, expect, it } from "vitest";
import { feeChange, fundingCapChange, intervalChangeDiff, intervalChanges, tierTableChange, type TierLike } from "./change-diff";

describe("feeChange", () => {
  it("names only the rates that changed, in bps", () => {
    // 0.0005 = 5.0 bps, 0.00045 = 4.5 bps; maker 2 bps unchanged.
    const c = feeChange("perp", "VIP0", { makerRate: 0.0002, takerRate: 0.0005 }, { makerRate: 0.0002, takerRate: 0.00045 });
    expect(c?.summary).toBe("perp VIP0 fees: taker 5.0 → 4.5 bps");
    expect(c?.details).toEqual({ scope: "perp", tier: "VIP0", before: { makerRate: 0.0002, takerRate: 0.0005 }, after: { makerRate: 0.0002, takerRate: 0.00045 } });
  });

  it("shows a rebate and sub-0.1 bps precision, and both sides when both moved", () => {
    const c = feeChange("perp", "base", { makerRate: 0.0001, takerRate: 0.0004 }, { makerRate: -0.000025, takerRate: 0.00035 });
    expect(c?.summary).toBe("perp base fees: maker 1.0 → -0.25 bps, taker 4.0 → 3.5 bps");
  });

  it("is null for equal rates, including a database round trip's float noise", () => {
    expect(feeChange("perp", "VIP0", { makerRate: 0.0002, takerRate: 0.0005 }, { makerRate: 0.0002, takerRate: 0.0005 })).toBeNull();
    expect(feeChange("perp", "VIP0", { makerRate: 1 / 62, takerRate: 0.0005 }, { makerRate: 0.01612903225806452, takerRate: 0.0005 })).toBeNull();
  });
});

const tier = (n: number, floor: number, cap: number | null, lev: number, mmr: number): TierLike => ({ tier: n, notionalFloorUsd: floor, notionalCapUsd: cap, maxLeverage: lev, initialMarginRate: 1 / lev, maintenanceMarginRate: mmr, maintenanceAmountUsd: 0 });

describe("tierTableChange", () => {
  const before = [tier(1, 0, 50_000, 125, 0.004), tier(2, 50_000, 250_000, 100, 0.005), tier(3, 250_000, null, 50, 0.01)];

  it("describes the first differing tier and counts the differing ones", () => {
    const after = [tier(1, 0, 50_000, 100, 0.004), tier(2, 50_000, 250_000, 100, 0.005), tier(3, 250_000, null, 50, 0.01)];
    const c = tierTableChange("BTCUSDT", before, after);
    // Tier 1: max leverage 125 → 100, so its initial margin 0.8 % → 1 % too (two fields, both named).
    expect(c?.summary).toBe("BTCUSDT margin tiers: 3 tiers; 1 tier differs, first tier 1: max leverage 125× → 100×, initial margin 0.8 % → 1 %");
    expect((c?.details.after as TierLike[])[0].maxLeverage).toBe(100);
  });

  it("counts an added tier and names a changed cap", () => {
    const after = [...before.slice(0, 2), tier(3, 250_000, 1_000_000, 50, 0.01), tier(4, 1_000_000, null, 20, 0.025)];
    const c = tierTableChange("ETHUSDT", before, after);
    expect(c?.summary).toBe("ETHUSDT margin tiers: 3 → 4 tiers; 2 tiers differ, first tier 3: cap none → $1,000,000");
  });

  it("calls the '*' table the venue default, and is null for the same table in another order", () => {
    expect(tierTableChange("*", before, before.slice(0, 2))?.summary).toBe("venue default margin tiers: 3 → 2 tiers; 1 tier differs");
    expect(tierTableChange("BTCUSDT", before, [...before].reverse())).toBeNull();
  });
});

describe("intervalChanges", () => {
  const H = 3_600_000;
  it("finds each record whose interval differs from the previous known one, passing over unknown ones", () => {
    const pts = [
      { ts: 0, intervalHours: 8 },
      { ts: 8 * H, intervalHours: 8 },
      { ts: 16 * H, intervalHours: null },
      { ts: 17 * H, intervalHours: 1 },
      { ts: 18 * H, intervalHours: 1 },
      { ts: 22 * H, intervalHours: 4 },
    ];
    expect(intervalChanges(pts)).toEqual([
      { ts: 17 * H, fromHours: 8, toHours: 1 },
      { ts: 22 * H, fromHours: 1, toHours: 4 },
    ]);
    expect(intervalChangeDiff("BTCUSDT", { ts: 17 * H, fromHours: 8, toHours: 1 }).summary).toBe("BTCUSDT funding interval 8h → 1h");
  });

  it("sorts by time and finds nothing in a steady series, one record or none", () => {
    expect(intervalChanges([{ ts: 16 * H, intervalHours: 8 }, { ts: 0, intervalHours: 8 }, { ts: 8 * H, intervalHours: 8 }])).toEqual([]);
    expect(intervalChanges([{ ts: 0, intervalHours: 4 }])).toEqual([]);
    expect(intervalChanges([])).toEqual([]);
  });
});

describe("fundingCapChange", () => {
  it("names a changed cap and floor in percent per interval", () => {
    expect(fundingCapChange("BTCUSDT", { capRate: 0.02, floorRate: -0.02 }, { capRate: 0.03, floorRate: -0.03 })?.summary).toBe("BTCUSDT funding cap 2 % → 3 %, floor -2 % → -3 % per interval");
    expect(fundingCapChange("ETHUSDT", { capRate: 0.0075, floorRate: -0.0075 }, { capRate: 0.0075, floorRate: -0.005 })?.summary).toBe("ETHUSDT funding floor -0.75 % → -0.5 % per interval");
  });

  it("is null when equal, when nothing was known before (a first publication) or nothing is known now", () => {
    expect(fundingCapChange("X", { capRate: 0.02, floorRate: -0.02 }, { capRate: 0.02, floorRate: -0.02 })).toBeNull();
    expect(fundingCapChange("X", { capRate: null, floorRate: null }, { capRate: 0.02, floorRate: -0.02 })).toBeNull();
    expect(fundingCapChange("X", { capRate: 0.02, floorRate: null }, { capRate: null, floorRate: null })).toBeNull();
  });
});
