import { describe, expect, it } from "vitest";
import { normalTimesNeed } from "./collateral-need";
import { runStress } from "./run-stress";
import { Scenario } from "./scenario";
import { simulateAccount } from "./simulate-account";
import { account, book, position, rules } from "./test-kit";

// One tier: initial 10 % (10×), maintenance 5 %, no maintenance amount.
const r = rules([{ mmr: 0.05, imr: 0.1 }]);
// BTC book around a 50,000 mid; drained to half and moved to 47,000 (×0.94) it holds 2 @ 46,990.6, 3 @ 46,953, 10 @ 46,906.
const btcBook = book(50_000, [[49_990, 4], [49_950, 6], [49_900, 20]], [[50_010, 4], [50_050, 6], [50_100, 20]]);
const pair = () =>
  account(
    [
      position({ asset: "BTC", side: "long", sizeBase: 10, entryPriceUsd: 50_000, rules: r, book: btcBook }),
      position({ asset: "ETH", side: "short", sizeBase: 100, entryPriceUsd: 5_000, rules: r }),
    ],
    100_000,
    0.005,
  );
// Correlation break: at hour 1 BTC gaps −6 % while ETH gaps −10 %; books keep half their depth.
const scenario = Scenario.parse({
  name: "pair-break",
  horizonHours: 4,
  stepMinutes: 60,
  shocks: [
    { asset: "BTC", movePct: -6, startHours: 1 },
    { asset: "ETH", movePct: -10, startHours: 1 },
  ],
  liquidityDrain: [{ depthFactor: 0.5 }],
  normalMovePct: 10,
});

describe("a long/short pair under a correlation break", () => {
  it("survives in cross margin: equity 100,000 − 30,000 + 50,000 = 120,000 against maintenance 23,500 + 22,500", () => {
    const run = simulateAccount(pair(), scenario, {}, "cross");
    expect(run.liquidatedCount).toBe(0);
    const after = run.path.find((p) => p.hours === 1)!;
    expect(after.equityUsd).toBeCloseTo(120_000, 6);
    expect(after.maintenanceUsd).toBeCloseTo(46_000, 6); // 470,000 × 5 % + 450,000 × 5 %
    expect(after.marginRatio).toBeCloseTo(46_000 / 120_000, 9);
    expect(run.lossUsd).toBeCloseTo(-20_000, 6);
  });

  it("loses the BTC leg in isolated margin, at hour 1, with the cost of walking the drained book", () => {
    const run = simulateAccount(pair(), scenario, {}, "isolated");
    // Collateral split by initial margin: 50,000 each. BTC leg at 47,000: equity 50,000 − 30,000 = 20,000 ≤ 470,000 × 5 % = 23,500.
    expect(run.liquidatedCount).toBe(1);
    const btc = run.positions.find((p) => p.asset === "BTC")!;
    expect(btc.isolatedMarginUsd).toBeCloseTo(50_000, 6);
    // Isolated liquidation price: (0 − 0 − 50,000 + 10 × 50,000) / (10 − 0.05 × 10) = 450,000 / 9.5.
    expect(btc.liquidationPriceStartUsd).toBeCloseTo(450_000 / 9.5, 6);
    const l = btc.liquidation!;
    expect(l.hours).toBe(1);
    expect(l.markUsd).toBeCloseTo(47_000, 6);
    expect(l.equityBeforeUsd).toBeCloseTo(20_000, 6);
    expect(l.maintenanceBeforeUsd).toBeCloseTo(23_500, 6);
    // Book walk of 10 BTC: 2 × (47,000 − 46,990.6) + 3 × (47,000 − 46,953) + 5 × (47,000 − 46,906) = 18.8 + 141 + 470.
    expect(l.costUsd).toBeCloseTo(629.8, 6);
    expect(l.fill?.beyondVisibleDepth).toBe(false);
    expect(l.feeUsd).toBeCloseTo(2_350, 6); // 0.5 % of 470,000
    expect(run.positions.find((p) => p.asset === "ETH")!.liquidation).toBeNull();
    // Final: BTC returns 50,000 − 30,000 − 629.8 − 2,350 = 17,020.2; ETH holds 50,000 + 50,000.
    expect(run.finalEquityUsd).toBeCloseTo(117_020.2, 6);
    expect(run.lossUsd).toBeCloseTo(-17_020.2, 6);
  });

  it("puts cross and isolated side by side: collateral saved in normal times, cost in the scenario", () => {
    const result = runStress("pair", [pair()], scenario, {});
    const v = result.venues[0];
    // Normal times (±10 %): cross needs max(Σ initial 100,000, 55,000) = 100,000; isolated needs
    // BTC max(50,000, 22,500 + 50,000) + ETH max(50,000, 27,500 + 50,000) = 72,500 + 77,500 = 150,000.
    expect(v.normalTimes.crossUsd).toBeCloseTo(100_000, 6);
    expect(v.normalTimes.isolatedUsd).toBeCloseTo(150_000, 6);
    expect(v.normalTimes.crossSavesUsd).toBeCloseTo(50_000, 6);
    // In this scenario cross lost 2,979.8 less (the liquidation's book walk and fee).
    expect(v.costOfCrossUsd).toBeCloseTo(-2_979.8, 6);
    expect(result.ranking[0].reason).toMatch(/no liquidation/);
  });

  it("on a ramp, the liquidation is placed where the mark crosses the liquidation price, not at the next step", () => {
    // Long 10 BTC at 50,000 with 50,000 of collateral: LP = (500,000 − 50,000) / (10 × 0.95) = 47,368.42 (−5.263 %).
    // BTC falls 10 % over 10 h, observed every hour: the crossing is at 5.263 h, between the 5 h and 6 h steps.
    const acct = account([position({ asset: "BTC", side: "long", sizeBase: 10, entryPriceUsd: 50_000, rules: r })], 50_000);
    const s = Scenario.parse({ name: "ramp", horizonHours: 10, stepMinutes: 60, shocks: [{ asset: "BTC", movePct: -10, rampHours: 10 }] });
    const l = simulateAccount(acct, s, {}, "cross").positions[0].liquidation!;
    const lp = 450_000 / 9.5;
    expect(l.hours).toBeCloseTo((10 * (1 - lp / 50_000)) / 0.1, 3);
    expect(l.markUsd).toBeCloseTo(lp, 0);
    expect(l.equityBeforeUsd).toBeCloseTo(l.maintenanceBeforeUsd, -1);
  });

  it("a liquidation beyond the drained book is a lower bound, flagged", () => {
    const thin = account([position({ asset: "BTC", side: "long", sizeBase: 20, entryPriceUsd: 50_000, rules: r, book: btcBook })], 100_000, 0);
    const s = Scenario.parse({ name: "gap", horizonHours: 1, stepMinutes: 60, shocks: [{ asset: "BTC", movePct: -6 }], liquidityDrain: [{ depthFactor: 0.5 }] });
    const run = simulateAccount(thin, s, {}, "cross");
    const l = run.positions[0].liquidation!;
    // 15 BTC visible after the drain; the other 5 at the last visible price 46,906: 629.8 + 5 × 94 + 5 × 94.
    expect(l.fill?.beyondVisibleDepth).toBe(true);
    expect(l.costUsd).toBeCloseTo(629.8 + 470 + 470, 6);
    expect(run.liquidationCostLowerBound).toBe(true);
  });
});

describe("funding, fresh margin and haircuts along the path", () => {
  it("funding settles every interval on the notional at the settlement price", () => {
    const acct = account([position({ asset: "BTC", side: "short", sizeBase: 1, entryPriceUsd: 50_000, rules: r })], 50_000);
    const s = Scenario.parse({ name: "squeeze", horizonHours: 24, stepMinutes: 60, funding: [{ ratePerInterval: 0.003, fromHours: 0, toHours: 24 }] });
    const run = simulateAccount(acct, s, {}, "cross");
    // Settlements at 8, 16 and 24 h at a positive rate: longs pay, so the short receives 3 × 0.3 % × 50,000 = 450.
    expect(run.fundingPaidUsd).toBeCloseTo(-450, 6);
  });

  it("fresh margin that arrives after the liquidation does not prevent it; on time, it does", () => {
    const mk = () => account([position({ asset: "BTC", side: "long", sizeBase: 10, entryPriceUsd: 50_000, rules: r })], 60_000);
    // BTC −6 % at hour 1: equity 60,000 − 30,000 = 30,000 > 23,500, safe; −8 % at hour 2: 20,000 ≤ 23,000 → liquidation.
    const base = { name: "late", horizonHours: 4, stepMinutes: 60, shocks: [{ asset: "BTC", movePct: -6, startHours: 1 }, { asset: "BTC", movePct: -2.127659574468085, startHours: 2 }] };
    const late = simulateAccount(mk(), Scenario.parse({ ...base, replenishment: [{ amountUsd: 20_000, delayHours: 3 }] }), {}, "cross");
    expect(late.liquidatedCount).toBe(1);
    expect(late.firstLiquidationHours).toBe(2);
    const early = simulateAccount(mk(), Scenario.parse({ ...base, replenishment: [{ amountUsd: 20_000, delayHours: 1 }] }), {}, "cross");
    expect(early.liquidatedCount).toBe(0);
    expect(early.replenishedUsd).toBe(20_000);
  });

  it("a collateral haircut shock cuts equity from its hour on", () => {
    const acct = account([position({ asset: "ETH", side: "long", sizeBase: 10, entryPriceUsd: 5_000, rules: r })], 0);
    acct.collateral = [{ venueSlug: "test-venue", asset: "BTC", amount: 1, startPriceUsd: 50_000, pathAsset: "BTC" }];
    acct.collateralRules = [{ asset: "BTC", haircut: 0.05, source: "x", asOf: "2026-01-01", provenance: "recorded" }];
    const s = Scenario.parse({ name: "crunch", horizonHours: 2, stepMinutes: 60, haircuts: [{ asset: "BTC", haircut: 0.3, atHours: 1 }] });
    const run = simulateAccount(acct, s, {}, "cross");
    expect(run.path[0].equityUsd).toBeCloseTo(47_500, 6); // 50,000 × 95 %
    expect(run.path[1].equityUsd).toBeCloseTo(35_000, 6); // 50,000 × 70 %
    expect(run.events.some((e) => e.kind === "haircut")).toBe(true);
  });

  it("normal-times collateral of a single long is the same in both modes", () => {
    const acct = account([position({ asset: "BTC", side: "long", sizeBase: 1, entryPriceUsd: 50_000, rules: r })], 10_000);
    const n = normalTimesNeed(acct, 10);
    // max(5,000, 45,000 × 5 % + 5,000 = 7,250)
    expect(n.crossUsd).toBeCloseTo(7_250, 6);
    expect(n.isolatedUsd).toBeCloseTo(7_250, 6);
  });
});
