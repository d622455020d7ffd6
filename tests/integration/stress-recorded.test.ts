// The stress test on real recorded venue data only (no simulated venue in the database): a three-venue book
// on Binance (curated 2021 brackets, recorded book), dYdX v4 and Hyperliquid (recorded margin parameters and
// books), checked against Binance's own liquidation-price formula and a hand walk of the recorded book.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadRecordedDataset } from "../../lib/bootstrap";
import { loadCuratedMargin } from "../../lib/ingest/margin-files";
import { runStressTest } from "../../lib/services/stress";
import { tempDb, type TempDb } from "./db-helper";

let t: TempDb;
beforeAll(async () => {
  t = await tempDb();
  await loadRecordedDataset(t.db);
  await loadCuratedMargin(t.db);
}, 120_000);
afterAll(async () => t?.cleanup());

const book = JSON.parse(fs.readFileSync(path.resolve("data/recorded/binance-usdm/depth_BTCUSDT_limit100_2024-11-01.json"), "utf8")) as { bids: [string, string][]; asks: [string, string][] };

describe("stress on recorded venues", () => {
  it("uses each venue's real rules and books, with Binance's liquidation price and a hand walk of its recorded book", async () => {
    const portfolio = {
      name: "recorded three-venue book",
      positions: [
        { venue: "binance-usdm", market: "BTCUSDT", side: "long" as const, notionalUsd: 40_000, isolatedMarginUsd: 4_000 },
        { venue: "dydx-v4", market: "BTC", side: "short" as const, notionalUsd: 100_000 },
        { venue: "hyperliquid", market: "DYDX", side: "long" as const, notionalUsd: 20_000 },
      ],
      collateral: [
        { venue: "binance-usdm", asset: "USDT", amount: 4_000 },
        { venue: "dydx-v4", asset: "USDC", amount: 20_000 },
        { venue: "hyperliquid", asset: "USDC", amount: 5_000 },
      ],
      modes: { "binance-usdm": "isolated" as const },
    };
    const { result, evidence } = await runStressTest(t.db, portfolio, "correlation-break");
    // Everything is recorded: no simulated input anywhere.
    for (const v of result.venues) expect(v.provenance).toEqual(["recorded"]);
    const ev = (slug: string) => evidence.positions.find((p) => p.venueSlug === slug)!;
    expect(ev("binance-usdm").rulesSource).toContain("https://www.binance.com/");
    expect(ev("dydx-v4").bookProvenance).toBe("recorded");
    expect(ev("hyperliquid").rulesSymbol).toBe("DYDX");

    // Binance, isolated: 40,000 of BTC is bracket 1 (0–50,000: maintenance 0.40 %, amount 0). Binance's formula
    // LP = (WB + cum − side·Q·EP) / (Q·MMR − side·Q) with WB = 4,000, Q = 40,000 / EP, side = 1:
    // LP = (4,000 − 40,000) / (Q (0.004 − 1)) = EP × 36,000 / (40,000 × 0.996).
    const binance = result.venues.find((v) => v.venueSlug === "binance-usdm")!;
    const mid = (Number(book.bids[0][0]) + Number(book.asks[0][0])) / 2;
    const pos = binance.isolated.positions[0];
    expect(pos.startPriceUsd).toBeCloseTo(mid, 6);
    expect(pos.rule).toMatchObject({ tier: 1, maintenanceMarginRate: 0.004, maintenanceAmountUsd: 0 });
    expect(pos.liquidationPriceStartUsd).toBeCloseTo((mid * 36_000) / (40_000 * 0.996), 6);

    // −20 % over 6 h: the mark reaches the liquidation price (−9.64 %) at hour 6 × 0.0964 / 0.2 ≈ 2.892,
    // between the 2.75 and 3 h steps; the liquidation is placed there (to the second), at the liquidation
    // price, not at the 3 h step's −10 %. The close sells Q BTC into the recorded bids, moved to that mark
    // and kept at 40 % of their size.
    const l = pos.liquidation!;
    const lp = pos.liquidationPriceStartUsd!;
    expect(l.hours).toBeGreaterThan(2.75);
    expect(l.hours).toBeCloseTo((6 * (1 - lp / mid)) / 0.2, 3);
    expect(l.markUsd).toBeLessThanOrEqual(lp);
    expect((lp - l.markUsd) / lp).toBeLessThan(2e-5); // one second of a 20 %-in-6-h ramp
    let remaining = 40_000 / mid;
    let cost = 0;
    for (const [p, s] of book.bids) {
      if (remaining <= 0) break;
      const take = Math.min(Number(s) * 0.4, remaining);
      cost += (l.markUsd - Number(p) * (l.markUsd / mid)) * take;
      remaining -= take;
    }
    expect(remaining).toBeLessThanOrEqual(1e-12);
    expect(l.costUsd).toBeCloseTo(cost, 6);
    expect(l.fill?.beyondVisibleDepth).toBe(false);
    // Binance publishes no liquidation fee rate we could source: none charged, and the run says so.
    expect(l.feeRate).toBeNull();
    expect(evidence.warnings.some((w) => w.startsWith("binance-usdm: no published liquidation fee"))).toBe(true);

    // dYdX: the short gains on the fall; its maintenance fraction is the recorded 3 %.
    const dydx = result.venues.find((v) => v.venueSlug === "dydx-v4")!;
    expect(dydx.cross.positions[0].rule.maintenanceMarginRate).toBe(0.03);
    expect(dydx.cross.lossUsd).toBeLessThan(0);
    expect(result.ranking[0].venueSlug).toBe("binance-usdm");
  });
});
