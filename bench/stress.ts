// Stress-test benchmarks: the pure engine's throughput (position-steps per second over a long, fine path) and
// the service on the scale dataset (replay-window detection cold and cached, a three-venue run end to end).
import { forgetFiguresInMemory } from "../lib/services/figure-cache";
import type { Db } from "../lib/db";
import { listReplayWindows, runStressTest } from "../lib/services/stress";
import { runStress } from "../lib/stress/run-stress";
import { Scenario } from "../lib/stress/scenario";
import { account, book, position, rules } from "../lib/stress/test-kit";

export async function benchStressEngine(): Promise<{ positionStepsPerSec: number; msPerRun: number; steps: number; positions: number }> {
  const r = rules([{ mmr: 0.004, imr: 0.01, notionalCapUsd: 1_000_000 }, { mmr: 0.01, imr: 0.02, notionalFloorUsd: 1_000_000, maintenanceAmountUsd: 6_000 }]);
  const b = book(50_000, Array.from({ length: 100 }, (_, i) => [50_000 - 5 * (i + 1), 1 + i] as [number, number]), Array.from({ length: 100 }, (_, i) => [50_000 + 5 * (i + 1), 1 + i] as [number, number]));
  const accounts = Array.from({ length: 10 }, (_, v) => {
    const a = account(
      Array.from({ length: 6 }, (_, i) => ({ ...position({ asset: i % 2 ? "ETH" : "BTC", side: i % 3 ? "long" : "short", sizeBase: 5 + i, entryPriceUsd: i % 2 ? 4_000 : 50_000, rules: r, book: b }), id: `${v}:${i}` })),
      400_000,
      0.005,
    );
    return { ...a, venueSlug: `v${v}` };
  });
  // 30 days at 5 minutes: 8,641 steps.
  const scenario = Scenario.parse({ name: "bench", horizonHours: 720, stepMinutes: 5, shocks: [{ asset: "BTC", movePct: -25, rampHours: 300 }, { asset: "ETH", movePct: -40, rampHours: 300 }], funding: [{ ratePerInterval: 0.001, fromHours: 0, toHours: 720 }], liquidityDrain: [{ depthFactor: 0.3 }] });
  const steps = Math.floor((720 * 60) / 5) + 1;
  const positions = accounts.reduce((a, x) => a + x.positions.length, 0);
  runStress("warm-up", accounts, scenario, {});
  const runs = 3;
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) runStress("bench", accounts, scenario, {});
  const ms = (performance.now() - t0) / runs;
  // Both margin modes walk every step for every position.
  return { positionStepsPerSec: (positions * steps * 2) / (ms / 1000), msPerRun: ms, steps, positions };
}

/** Give the scale dataset's venues a tier table where it predates margin rules (bench only, provenance simulated). */
async function ensureRules(db: Db, venueSlugs: string[]): Promise<void> {
  for (const slug of venueSlugs) {
    const venue = await db.venue.findUniqueOrThrow({ where: { slug }, include: { markets: true } });
    if ((await db.marginTier.count({ where: { venueId: venue.id } })) > 0) continue;
    await db.marginTier.create({ data: { venueId: venue.id, symbol: "*", tier: 1, notionalFloorUsd: 0, notionalCapUsd: null, maxLeverage: 50, initialMarginRate: 0.02, maintenanceMarginRate: 0.01, source: "bench: uniform simulated tier", asOf: new Date(), provenance: "simulated" } });
  }
}

export async function benchStressService(db: Db): Promise<{ windowsColdMs: number; windowsWarmMs: number; windows: number; runMs: number; replayMs: number }> {
  const venues = ["sim-cex-alpha", "sim-dex-echo", "sim-cex-bravo"];
  await ensureRules(db, venues);
  await db.figureCache.deleteMany({ where: { key: { startsWith: "replay-windows:" } } });
  forgetFiguresInMemory(db);
  let t0 = performance.now();
  const windows = await listReplayWindows(db, { limit: 30 });
  const windowsColdMs = performance.now() - t0;
  t0 = performance.now();
  await listReplayWindows(db, { limit: 30 });
  const windowsWarmMs = performance.now() - t0;
  const portfolio = {
    name: "bench",
    positions: venues.flatMap((v) => [
      { venue: v, market: "BTC", side: "long" as const, notionalUsd: 2_000_000 },
      { venue: v, market: "ETH", side: "short" as const, notionalUsd: 1_500_000 },
    ]),
    collateral: venues.map((v) => ({ venue: v, asset: "USDT", amount: 300_000 })),
  };
  t0 = performance.now();
  await runStressTest(db, portfolio, "correlation-break");
  const runMs = performance.now() - t0;
  const w = windows.find((x) => x.asset === "BTC") ?? windows[0];
  t0 = performance.now();
  if (w) await runStressTest(db, portfolio, { name: "replay", replayWindow: w.id, stepMinutes: 5 });
  const replayMs = performance.now() - t0;
  return { windowsColdMs, windowsWarmMs, windows: windows.length, runMs, replayMs };
}
