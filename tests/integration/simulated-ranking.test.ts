// The simulated dataset scores venues in the order its profiles imply: the deep, resilient CEX above the
// thin ones, and the venue that is fragile under stress below the resilient one on the stress item.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDb, type TempDb } from "./db-helper";
import { simulate } from "../../lib/simulator/run-simulation";
import { getScorecard } from "../../lib/services/scorecard";
import { getMarketFigures } from "../../lib/services/market-figures";
import { booksByIds } from "../../lib/services/market-data";
import { slippageSamples, summarizeSlippage } from "../../lib/metrics/slippage-series";

let t: TempDb;
beforeAll(async () => {
  t = await tempDb();
  await simulate(t.db, { days: 8, cadenceMinutes: 15, venues: 8, markets: 1 });
}, 180_000);
afterAll(async () => t.cleanup());

describe("simulated venues ranked by the checklist", () => {
  it("ranks deep & resilient Alpha above thin Delta and thin, fragile Golf", async () => {
    const rows = await getScorecard(t.db, { notionalUsd: 1_000_000, window: { preset: "all" }, asset: "BTC" });
    const rank = (slug: string) => rows.find((r) => r.venue.slug === slug)!.rank!;
    expect(rows.every((r) => r.venue.provenance === "simulated")).toBe(true);
    expect(rank("sim-cex-alpha")).toBeLessThan(rank("sim-cex-delta"));
    expect(rank("sim-cex-alpha")).toBeLessThan(rank("sim-dex-golf"));
    expect(rank("sim-dex-golf")).toBe(Math.max(...rows.map((r) => r.rank!)));
    const item = (slug: string, id: string) => rows.find((r) => r.venue.slug === slug)!.score.items.find((i) => i.id === id)!;
    // Bravo is as deep as Alpha in calm markets but thins out under stress.
    expect(item("sim-cex-bravo", "stress").score!).toBeLessThan(item("sim-cex-alpha", "stress").score!);
  });

  it("shows realized slippage, markouts, phantom depth and the funding prediction error for simulated venues, as for real ones", async () => {
    const figures = async (slug: string) => getMarketFigures(t.db, (await t.db.market.findFirstOrThrow({ where: { venue: { slug }, base: "BTC" } })).id, { preset: "all" }, 1_000_000);
    const alpha = await figures("sim-cex-alpha");
    const r = alpha.realized!;
    expect(r.provenance).toEqual(["simulated"]);
    expect(r.stressSource).toBe("books");
    expect(r.sweeps).toBeGreaterThan(300);
    // every sweep's pre-trade mid is its own recorded quote; the books just before them give the implied walk
    expect(r.buckets.every((b) => b.all.midSources.quote === b.all.withMid && b.all.withMid === b.all.sweeps)).toBe(true);
    expect(r.buckets.reduce((n, b) => n + b.phantom.withBook, 0)).toBeGreaterThan(300);
    expect(r.buckets[4].impliedP50Bps).not.toBeNull();
    // implied slippage read from the books' stored curves at grid notionals: the exact walks over the same books
    expect(r.buckets.map((b) => b.impliedNotionalUsd)).toEqual([10_000, 20_000, 60_000, 200_000, 600_000, 2_000_000, 6_000_000, 30_000_000]);
    const firstPrint = (await t.db.tradePrint.findFirstOrThrow({ where: { marketId: alpha.marketId, ts: { gte: new Date(r.window.from) } }, orderBy: { ts: "asc" } })).ts.getTime();
    const rows = await t.db.bookSnapshot.findMany({ where: { marketId: alpha.marketId, ts: { gte: new Date(firstPrint - 10_000), lte: new Date(r.window.to + 5 * 60_000) } }, select: { id: true } });
    expect(r.booksUsed).toBe(rows.length); // (all of them: fewer than MAX_REALIZED_BOOKS)
    const books = await booksByIds(t.db, rows.map((x) => x.id));
    for (const b of r.buckets) {
      const exact = summarizeSlippage(slippageSamples(books, b.impliedNotionalUsd, "buy")).p50Bps!;
      expect(Math.abs(b.impliedP50Bps! - exact)).toBeLessThan(1e-5 * Math.max(1, Math.abs(exact)));
    }
    // markouts at +1 s, +1 min and +5 min all have data
    expect(r.buckets[4].all.markouts.map((m) => m.count > 0 && m.meanImpactBps !== null)).toEqual([true, true, true]);
    // Alpha publishes its next funding rate: the estimates read by the collection runs are scored against the settlements
    expect(alpha.funding!.prediction!.matched).toBeGreaterThan(10);
    // Golf, thin and fragile, pays far more in stress than outside it
    const golf = (await figures("sim-dex-golf")).realized!;
    const b = golf.buckets.find((x) => x.stress.withMid >= 5 && x.normal.withMid >= 20)!;
    expect(b.stress.slippageBps.p95!).toBeGreaterThan(1.5 * b.normal.slippageBps.p95!);
  });
});
