import { describe, expect, it } from "vitest";
import { closeQuantityBase, initialMarginUsd, liquidationPriceUsd, maintenanceMarginUsd, notionalAt, tierFor } from "./margin";
import { rules } from "./test-kit";

// Two Binance-style brackets: 0–50k at 0.4 % (cum 0), 50k–250k at 0.5 % with cum = 50,000 × (0.5 % − 0.4 %) = 50.
const brackets = rules([
  { notionalFloorUsd: 0, notionalCapUsd: 50_000, mmr: 0.004, imr: 1 / 125 },
  { notionalFloorUsd: 50_000, notionalCapUsd: 250_000, mmr: 0.005, imr: 0.01, maintenanceAmountUsd: 50 },
]);

describe("tiers and margin", () => {
  it("picks the tier whose [floor, cap) holds the notional", () => {
    expect(tierFor(brackets, 49_999).tier.tier).toBe(1);
    expect(tierFor(brackets, 50_000).tier.tier).toBe(2);
    expect(tierFor(brackets, 300_000)).toMatchObject({ beyondLastTier: true });
  });

  it("maintenance = notional × rate − amount, continuous at the bracket edge", () => {
    expect(maintenanceMarginUsd(brackets, 40_000)).toBeCloseTo(160, 9); // 40,000 × 0.4 %
    expect(maintenanceMarginUsd(brackets, 100_000)).toBeCloseTo(450, 9); // 100,000 × 0.5 % − 50
    expect(maintenanceMarginUsd(brackets, 49_999.99)).toBeCloseTo(maintenanceMarginUsd(brackets, 50_000), 3);
  });

  it("initial margin uses the position's leverage, capped at the tier's maximum", () => {
    expect(initialMarginUsd(brackets, 100_000, 10)).toBeCloseTo(10_000, 9);
    expect(initialMarginUsd(brackets, 100_000, 500)).toBeCloseTo(1_000, 9); // capped at 100×
    expect(initialMarginUsd(brackets, 100_000, null)).toBeCloseTo(1_000, 9);
  });
});

describe("liquidation price (Binance formula, isolated: TMM = 0, UPNL = 0)", () => {
  it("long 1 BTC at 50,000 with 5,000 isolated margin: LP = (5,000 + 0 − 50,000)/(0.004 − 1) = 45,180.72", () => {
    // LP = (WB − TMM + UPNL + cum − side·Q·EP) / (Q·MMR − side·Q) = (5,000 − 50,000) / (0.004 − 1)
    const lp = liquidationPriceUsd({ qtyBase: 1, entryPriceUsd: 50_000, otherEquityUsd: 5_000, otherMaintenanceUsd: 0, rules: brackets });
    expect(lp).toBeCloseTo(45_000 / 0.996, 6);
    expect(lp).toBeCloseTo(45_180.7229, 3);
  });

  it("short 1 BTC at 50,000 with 5,000: the bracket at the liquidation notional applies (tier 2, cum 50)", () => {
    // Tier 1 would give 55,000/1.004 = 54,780.88, whose notional is in tier 2, so it is rejected.
    // Tier 2: LP = (5,000 + 50 + 50,000) / (0.005·1 + 1) = 55,050 / 1.005 = 54,776.12.
    const lp = liquidationPriceUsd({ qtyBase: -1, entryPriceUsd: 50_000, otherEquityUsd: 5_000, otherMaintenanceUsd: 0, rules: brackets })!;
    expect(lp).toBeCloseTo(55_050 / 1.005, 6);
    // At that price equity equals maintenance: 5,000 − (LP − 50,000) = LP × 0.5 % − 50.
    expect(5_000 - (lp - 50_000)).toBeCloseTo(lp * 0.005 - 50, 6);
  });

  it("cross: other positions' equity and maintenance move the price", () => {
    // Wallet 10,000, another position with +2,000 PnL and 300 maintenance: E = 12,000, M = 300.
    // LP = (300 − 0 − 12,000 + 50,000) / (1 − 0.004) = 38,300 / 0.996
    const lp = liquidationPriceUsd({ qtyBase: 1, entryPriceUsd: 50_000, otherEquityUsd: 12_000, otherMaintenanceUsd: 300, rules: brackets });
    expect(lp).toBeCloseTo(38_300 / 0.996, 6);
  });

  it("no liquidation price when the margin exceeds what the position can lose", () => {
    expect(liquidationPriceUsd({ qtyBase: 1, entryPriceUsd: 50_000, otherEquityUsd: 60_000, otherMaintenanceUsd: 0, rules: brackets })).toBeNull();
  });
});

describe("inverse (coin-margined) contracts", () => {
  const flat = rules([{ mmr: 0.005, imr: 0.01 }]);
  it("margin is on the fixed face value; a close trades face / mark base units", () => {
    const pos = { sizeBase: 2, inverseNotionalUsd: 100_000 };
    expect(notionalAt(pos, 40_000)).toBe(100_000);
    expect(notionalAt({ sizeBase: 2, inverseNotionalUsd: null }, 40_000)).toBe(80_000);
    expect(closeQuantityBase(pos, 40_000)).toBeCloseTo(2.5, 12);
  });

  it("liquidation price of a short: E + q (P − entry) = face × mmr ⇒ P = (500 − 5,000 − 2 × 50,000) / −2 = 52,250", () => {
    const lp = liquidationPriceUsd({ qtyBase: -2, entryPriceUsd: 50_000, otherEquityUsd: 5_000, otherMaintenanceUsd: 0, rules: flat, inverseNotionalUsd: 100_000 })!;
    expect(lp).toBeCloseTo(52_250, 9);
    // Equity at LP equals maintenance: 5,000 − 2 × 2,250 = 500 = 100,000 × 0.5 %.
    expect(5_000 - 2 * (lp - 50_000)).toBeCloseTo(500, 9);
  });
});
