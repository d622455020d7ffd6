// The stress service on a real SQLite file: a three-venue portfolio through a correlation break and through a
// replayed stored crash, with every number traced to the rule and book behind it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PDFParse } from "pdf-parse";
import { parse } from "csv-parse/sync";
import { ZodError } from "zod";
import { saveStressRun, getStressRun, listStressRuns } from "../../lib/services/stress-runs";
import { renderStressRun } from "../../lib/export/render-download";
import { listReplayWindows, runStressTest, StressInputError } from "../../lib/services/stress";
import { portfolioFromCsv } from "../../lib/stress/portfolio";
import { tempDb, type TempDb } from "./db-helper";
import { CRASH_AT, midAt, POINTS, seedStressWorld, T0, THREE_VENUE_PORTFOLIO } from "./stress-seed";

let t: TempDb;
beforeAll(async () => {
  t = await tempDb();
  await seedStressWorld(t.db);
}, 60_000);
afterAll(async () => t?.cleanup());

describe("stress service", () => {
  it("runs a three-venue portfolio through the correlation break and names the venue that hurt", async () => {
    const { result, evidence } = await runStressTest(t.db, THREE_VENUE_PORTFOLIO, "correlation-break");
    expect(result.venues.map((v) => v.venueSlug)).toEqual(["deep-cex", "thin-dex", "mid-cex"]);
    const startBtc = midAt("BTC", POINTS - 1);
    const btc = evidence.positions.find((p) => p.venueSlug === "deep-cex" && p.asset === "BTC")!;
    expect(btc.startPriceUsd).toBeCloseTo(startBtc, 0);
    expect(btc.sizeBase).toBeCloseTo(1_000_000 / btc.startPriceUsd, 9);
    expect(btc.rulesSource).toBe("https://example.test/deep-cex/tiers");
    expect(btc.bookTs).toBe(T0 + (POINTS - 1) * 15 * 60_000);
    // BTC −20 % on a 1M long = −200k; ETH −35 % on an 800k short = +280k: the cross account gains 80k less funding.
    for (const v of result.venues) {
      expect(v.cross.liquidatedCount).toBe(0);
      expect(v.cross.lossUsd).toBeLessThan(-70_000);
    }
    // Isolated: collateral is shared by initial margin. 1M of BTC is tier 2 (≥ 1M: 2 × 5 % = 10 % initial) and
    // 800k of ETH tier 1 (5 %): the BTC leg gets 100k × 100k / (100k + 40k) and loses 200k → liquidated.
    const thin = result.venues.find((v) => v.venueSlug === "thin-dex")!;
    const thinBtc = thin.isolated.positions.find((p) => p.asset === "BTC")!;
    expect(thinBtc.liquidation).not.toBeNull();
    expect(thinBtc.isolatedMarginUsd).toBeCloseTo((100_000 * 100_000) / 140_000, 6);
    expect(thinBtc.rule).toMatchObject({ tier: 2, maintenanceMarginRate: 0.06, source: "https://example.test/thin-dex/tiers" });
    // Thin DEX liquidates first: higher maintenance (3 %) leaves less room.
    const firstLiq = (slug: string) => result.venues.find((v) => v.venueSlug === slug)!.isolated.firstLiquidationHours!;
    expect(firstLiq("thin-dex")).toBeLessThan(firstLiq("deep-cex"));
    // Its book walk is on the thin, drained (40 %) book: beyond visible depth, flagged as a lower bound.
    expect(thinBtc.liquidation!.depthFactor).toBe(0.4);
    expect(thinBtc.liquidation!.fill!.beyondVisibleDepth).toBe(true);
    expect(thinBtc.liquidation!.bookProvenance).toBe("simulated");
    // Mid CEX publishes no liquidation fee: no fee charged, and a warning says so.
    expect(result.venues.find((v) => v.venueSlug === "mid-cex")!.isolated.liquidationFeesUsd).toBe(0);
    expect(evidence.warnings.some((w) => w.includes("mid-cex: no published liquidation fee"))).toBe(true);
    // Normal times: cross needs less collateral than isolated for the hedged pair.
    expect(thin.normalTimes.crossSavesUsd).toBeGreaterThan(0);
    expect(result.ranking).toHaveLength(3);
    expect(result.venues.every((v) => v.provenance.includes("simulated"))).toBe(true);
  });

  it("finds the stored crash as a replay window and replays its price path", async () => {
    const windows = await listReplayWindows(t.db, { venues: ["deep-cex"] });
    const btcWindow = windows.find((w) => w.asset === "BTC")!;
    expect(btcWindow).toBeDefined();
    expect(btcWindow.from).toBeLessThanOrEqual(T0 + CRASH_AT * 15 * 60_000);
    expect(btcWindow.label).toContain("Deep CEX BTCUSDT");
    const { result, evidence } = await runStressTest(
      t.db,
      { name: "long BTC", positions: [{ venue: "deep-cex", market: "BTC", side: "long", notionalUsd: 2_000_000 }], collateral: [{ venue: "deep-cex", asset: "USDT", amount: 150_000 }] },
      { name: "replay", replayWindow: btcWindow.id, stepMinutes: 15 },
    );
    expect(evidence.replay?.assets["deep-cex:BTC"]?.points).toBeGreaterThan(2);
    const run = result.venues[0].cross;
    // The replayed fall (15 %) exceeds 150k / 2M = 7.5 % of margin: liquidated in the window, on the book stored then.
    expect(run.liquidatedCount).toBe(1);
    const l = run.positions[0].liquidation!;
    expect(l.bookTs!).toBeGreaterThanOrEqual(btcWindow.from);
    expect(l.bookTs!).toBeLessThanOrEqual(btcWindow.from + l.hours * 3_600_000);
  });

  it("rejects a portfolio it cannot run with the field named", async () => {
    await expect(runStressTest(t.db, { positions: [{ venue: "nowhere", market: "BTC", side: "long", size: 1 }], collateral: [{ venue: "nowhere", asset: "USDT", amount: 1 }] }, "crash-gap")).rejects.toMatchObject({
      field: "positions.0.venue",
    });
    await expect(runStressTest(t.db, { positions: [{ venue: "deep-cex", market: "DOGE", side: "long", size: 1 }], collateral: [{ venue: "deep-cex", asset: "USDT", amount: 1 }] }, "crash-gap")).rejects.toBeInstanceOf(StressInputError);
    await expect(runStressTest(t.db, THREE_VENUE_PORTFOLIO, "no-such-scenario")).rejects.toThrow(/unknown scenario/);
    await expect(runStressTest(t.db, { positions: [{ venue: "deep-cex", market: "BTC", side: "long", size: 1, notionalUsd: 5 }], collateral: [] }, "crash-gap")).rejects.toBeInstanceOf(ZodError);
  });

  it("reads the same portfolio from CSV, thousands separators and a BOM included", async () => {
    const csv = "\uFEFFkind,venue,market,side,notional_usd,asset,amount,mode\r\n" +
      'position,deep-cex,BTC,long,"1,000,000",,,\r\nposition,deep-cex,ETHUSDT,short,800000,,,\r\ncollateral,deep-cex,,,,usdt,100000,\r\nmode,deep-cex,,,,,,isolated\r\n';
    const p = portfolioFromCsv(csv, "from csv");
    expect(p.positions[0]).toMatchObject({ venue: "deep-cex", market: "BTC", side: "long", notionalUsd: 1_000_000 });
    expect(p.collateral[0]).toMatchObject({ asset: "USDT", amount: 100_000 });
    expect(p.modes["deep-cex"]).toBe("isolated");
    const { result } = await runStressTest(t.db, p, "correlation-break");
    expect(result.venues[0].chosenMode).toBe("isolated");
    expect(result.venues[0].chosen).toBe(result.venues[0].isolated);
    expect(() => portfolioFromCsv("kind,venue\nfoo,bar\n")).toThrow(/row 2: kind must be/);
  });

  it("exports the run as CSV tables, JSON and a PDF with the same numbers, and saves it", async () => {
    const run = await runStressTest(t.db, THREE_VENUE_PORTFOLIO, "correlation-break");
    const summary = await renderStressRun(run, "csv", "summary");
    const rows = parse(summary.body as string, { bom: true, columns: true, cast: true }) as Record<string, unknown>[];
    expect(rows).toHaveLength(6); // 3 venues × 2 modes
    const thinIso = rows.find((r) => r.venue === "thin-dex" && r.margin_mode === "isolated")!;
    const thin = run.result.venues.find((v) => v.venueSlug === "thin-dex")!;
    // CSV money is rounded to the cent (lib/export/csv-precision.ts).
    expect(thinIso.loss_usd).toBe(Math.round(thin.isolated.lossUsd * 100) / 100);
    expect(thinIso.liquidation_cost_is_lower_bound).toBe("true");
    const path = parse((await renderStressRun(run, "csv", "path")).body as string, { bom: true, columns: true, cast: true }) as Record<string, unknown>[];
    expect(path).toHaveLength(3 * 2 * 97); // 24 h at 15 min: 97 steps
    const pdf = await renderStressRun(run, "pdf");
    expect(pdf.filename).toMatch(/\.pdf$/);
    const parser = new PDFParse({ data: new Uint8Array(pdf.body as Buffer) });
    const text = (await parser.getText()).text;
    await parser.destroy();
    expect(text).toContain("Which venue lost most");
    expect(text).toContain("Thin DEX - isolated margin");
    expect(text).toContain("https://example.test/thin-dex/tiers");
    expect(text).toContain("Includes simulated (fictional) data");
    const saved = await saveStressRun(t.db, run, "pdf check");
    expect((await getStressRun(t.db, saved.id))?.run.result.totals.lossUsd).toBeCloseTo(run.result.totals.lossUsd, 6);
    expect((await listStressRuns(t.db)).find((r) => r.id === saved.id)).toMatchObject({ title: "pdf check", scenario: "correlation-break", simulated: true });
  });

  it("sizes inverse contracts by their USD face value: margin on the face, the close trades face / mark", async () => {
    const { result, evidence } = await runStressTest(
      t.db,
      { name: "inverse", positions: [{ venue: "deep-cex", market: "BTCUSD_PERP", side: "long", contracts: 1_000 }], collateral: [{ venue: "deep-cex", asset: "USDT", amount: 5_000 }] },
      { name: "gap", horizonHours: 1, stepMinutes: 60, shocks: [{ asset: "BTC", movePct: -10 }] },
    );
    const start = evidence.positions[0].startPriceUsd;
    expect(evidence.positions[0].sizeBase).toBeCloseTo(100_000 / start, 9); // 1,000 contracts × 100 USD
    const p = result.venues[0].cross.positions[0];
    expect(p.startNotionalUsd).toBe(100_000);
    expect(p.initialMarginUsd).toBeCloseTo(2_000, 9);
    // −10 %: PnL = (100,000 / start) × (−0.1 start) = −10,000 > 5,000 of margin → liquidated at 0.9 start,
    // where the notional is still 100,000 and the close sells 100,000 / (0.9 start) BTC.
    const l = p.liquidation!;
    expect(l.notionalUsd).toBe(100_000);
    expect(l.fill!.beyondVisibleDepth).toBe(false);
    expect(l.fill!.filledBase).toBeCloseTo(100_000 / l.markUsd, 9);
    expect(l.markUsd).toBeCloseTo(start * 0.9, 6);
  });
});
