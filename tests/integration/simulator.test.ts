import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDb, type TempDb } from "./db-helper";
import { simulate, SIM_HISTORY_SOURCE, type SimulateResult } from "../../lib/simulator/run-simulation";
import { buildWorld } from "../../lib/simulator/world";
import { bookDay, bookDays } from "../../lib/simulator/books";
import { fundingRecords } from "../../lib/simulator/funding";
import { feeVersions } from "../../lib/simulator/fees";
import { insuranceBalances, marketFlow } from "../../lib/simulator/liquidations";
import { simulatedFacts } from "../../lib/simulator/facts";
import { simulatedRuns } from "../../lib/simulator/runs";
import { simMarginTables } from "../../lib/simulator/margin";
import { tradeDays, tradesOfDay } from "../../lib/simulator/trades";
import { fundingEstimates } from "../../lib/simulator/funding";
import { loadVenueMarginRules } from "../../lib/services/margin-rules";
import { decodeLevels } from "../../lib/books/level-codec";

const REAL_VENUES = /binance|bybit|okx|bitget|bitmex|deribit|kraken|coinbase|hyperliquid|dydx|gmx|aster|kucoin|gate\.io|mexc|htx|huobi|bitfinex|lighter|grvt|backpack|edgex/i;
// Small on purpose (the suite stays fast): 2 venues × 1 market × 2 days at 15 minutes.
const OPTIONS = { venues: 2, markets: 1, days: 2, cadenceMinutes: 15, seed: "it" } as const;

let t: TempDb;
let first: SimulateResult;

beforeAll(async () => {
  t = await tempDb();
  first = await simulate(t.db, OPTIONS);
});
afterAll(async () => {
  await t.cleanup();
});

/** A row without its ids, run ids and wall-clock times (which differ between loads by design). */
function omitIds<T extends object>(row: T): Partial<T> {
  const out: Record<string, unknown> = {};
  // predictedRunId names a run of the collection history, which each load writes afresh
  for (const [k, v] of Object.entries(row)) if (!["id", "ingestRunId", "predictedRunId", "venueId", "marketId", "createdAt", "updatedAt"].includes(k)) out[k] = v;
  return out as Partial<T>;
}

/** Every row the simulator writes, comparable across loads. */
async function dump() {
  const db = t.db;
  const withMarket = { include: { market: { select: { symbol: true } } } } as const;
  return {
    venues: (await db.venue.findMany({ orderBy: { slug: "asc" } })).map(omitIds),
    markets: (await db.market.findMany({ orderBy: [{ symbol: "asc" }, { venueId: "asc" }] })).map(omitIds),
    books: (await db.bookSnapshot.findMany({ orderBy: [{ marketId: "asc" }, { ts: "asc" }], ...withMarket })).map(omitIds),
    funding: (await db.fundingRecord.findMany({ orderBy: [{ marketId: "asc" }, { fundingTime: "asc" }], ...withMarket })).map(omitIds),
    fees: (await db.feeSchedule.findMany({ orderBy: [{ venueId: "asc" }, { tier: "asc" }, { effectiveFrom: "asc" }] })).map(omitIds),
    liquidations: (await db.liquidation.findMany({ orderBy: [{ marketId: "asc" }, { ts: "asc" }, { price: "asc" }], ...withMarket })).map(omitIds),
    oi: (await db.openInterestReading.findMany({ orderBy: [{ marketId: "asc" }, { ts: "asc" }], ...withMarket })).map(omitIds),
    insurance: (await db.insuranceFundBalance.findMany({ orderBy: [{ venueId: "asc" }, { ts: "asc" }] })).map(omitIds),
    facts: (await db.venueFact.findMany({ orderBy: [{ venueId: "asc" }, { key: "asc" }] })).map(omitIds),
    marginTiers: (await db.marginTier.findMany({ orderBy: [{ venueId: "asc" }, { symbol: "asc" }, { tier: "asc" }] })).map(omitIds),
    marginPolicies: (await db.marginPolicy.findMany({ orderBy: { venueId: "asc" } })).map(omitIds),
    collateral: (await db.collateralAsset.findMany({ orderBy: [{ venueId: "asc" }, { asset: "asc" }] })).map(omitIds),
    history: (await db.ingestRun.findMany({ where: { source: SIM_HISTORY_SOURCE }, orderBy: [{ venueSlug: "asc" }, { kind: "asc" }, { startedAt: "asc" }] })).map(omitIds),
    trades: (await db.tradePrint.findMany({ orderBy: [{ marketId: "asc" }, { tradeId: "asc" }], ...withMarket })).map(omitIds),
    tradeMinutes: (await db.tradeMinute.findMany({ orderBy: [{ marketId: "asc" }, { minute: "asc" }], ...withMarket })).map(omitIds),
  };
}

describe("simulate() into a real database", () => {
  it("writes the generated dataset through ingestBodies: expected row counts, all provenance simulated", async () => {
    const world = buildWorld(OPTIONS);
    let books = 0;
    let funding = 0;
    let fees = 0;
    let liquidations = 0;
    let oi = 0;
    let insurance = 0;
    let facts = 0;
    let history = 0;
    let margin = 0;
    for (let v = 0; v < world.venues.length; v++) {
      // Tier rows of every market's table, one policy and the collateral assets.
      margin += simMarginTables(world.venues[v], world.assets).reduce((s, t) => s + t.tiers.length, 0) + 1 + world.venues[v].margin.collateral.length;
      for (let a = 0; a < world.assets.length; a++) {
        for (let d = 0; d < bookDays(world); d++) books += bookDay(world, v, a, d).length;
        funding += fundingRecords(world, v, a).length;
        liquidations += marketFlow(world, v, a).liquidations.length;
        oi += marketFlow(world, v, a).oi.length;
      }
      fees += feeVersions(world, world.venues[v]).reduce((s, x) => s + x.tiers.length, 0);
      insurance += insuranceBalances(world, v).length;
      facts += simulatedFacts(world, world.venues[v]).length;
      history += simulatedRuns(world, world.venues[v]).length;
    }
    expect(first.rowsWritten).toEqual({ markets: 2, fees, depth: books, funding, liquidations, oi, insurance, margin });
    expect(Object.values(first.rowsRejected).every((n) => n === 0)).toBe(true);
    expect(first.ok).toBe(true);
    const db = t.db;
    expect(await db.bookSnapshot.count({ where: { provenance: "simulated" } })).toBe(books);
    expect(await db.bookSnapshot.count()).toBe(books);
    expect(await db.fundingRecord.count({ where: { provenance: "simulated" } })).toBe(funding);
    expect(await db.feeSchedule.count({ where: { provenance: "simulated" } })).toBe(fees);
    expect(await db.liquidation.count({ where: { provenance: "simulated" } })).toBe(liquidations);
    expect(await db.openInterestReading.count({ where: { provenance: "simulated", valueUsd: { gt: 0 } } })).toBe(oi);
    expect(await db.insuranceFundBalance.count({ where: { provenance: "simulated" } })).toBe(insurance);
    expect(await db.venueFact.count({ where: { provenance: "simulated", updatedBy: "simulator" } })).toBe(facts);
    expect(await db.ingestRun.count({ where: { source: SIM_HISTORY_SOURCE, mode: "simulate", provenance: "simulated" } })).toBe(history);
    expect(await db.ingestRun.count({ where: { source: SIM_HISTORY_SOURCE, status: "failed" } })).toBeGreaterThan(0);
    // The load's own runs: one per venue and kind, mode simulate, and one trades run per venue.
    expect(await db.ingestRun.count({ where: { mode: "simulate", NOT: { source: SIM_HISTORY_SOURCE } } })).toBe(2 * 8 + 2);
    expect(await db.ingestRun.count({ where: { mode: "simulate", kind: "trades", status: "ok" } })).toBe(2);
    // Trades: every generated print stored raw, provenance simulated, each in its minute aggregate.
    let prints = 0;
    for (let v = 0; v < world.venues.length; v++) for (let a = 0; a < world.assets.length; a++) for (const d of tradeDays(world)) prints += tradesOfDay(world, v, a, d).length;
    expect(prints).toBeGreaterThan(100);
    expect([first.trades.prints, first.trades.printsWritten]).toEqual([prints, prints]);
    expect(await db.tradePrint.count({ where: { provenance: "simulated" } })).toBe(prints);
    expect((await db.tradeMinute.aggregate({ where: { provenance: "simulated" }, _sum: { prints: true } }))._sum.prints).toBe(prints);
    // Predicted funding: Alpha publishes the next rate; the estimate read by each successful collection funding
    // run is on the settlement it predicted, linked to that run.
    const alpha = await db.market.findFirstOrThrow({ where: { venue: { slug: "sim-cex-alpha" } } });
    const reads = await db.ingestRun.findMany({ where: { venueSlug: "sim-cex-alpha", source: SIM_HISTORY_SOURCE, kind: "funding", status: { not: "failed" } } });
    const estimates = fundingEstimates(world, 0, 0, reads.map((r) => r.startedAt.getTime()));
    const predicted = await db.fundingRecord.findMany({ where: { marketId: alpha.id, predicted: false, predictedRate: { not: null } }, orderBy: { fundingTime: "asc" } });
    expect(predicted.length).toBeGreaterThan(0);
    expect(await db.fundingRecord.count({ where: { predicted: false, predictedRate: { not: null } } })).toBe(first.predictions.written);
    const byTime = new Map(estimates.map((e) => [e.fundingTime, e]));
    for (const r of predicted) {
      const e = byTime.get(r.fundingTime.getTime())!;
      expect(r.predictedRate).toBe(e.rate);
      expect(reads.find((x) => x.id === r.predictedRunId)!.startedAt.getTime()).toBe(e.observedAt);
    }
    expect(await db.marginTier.count({ where: { provenance: "simulated" } })).toBe(await db.marginTier.count());
    const rules = await loadVenueMarginRules(db, "sim-cex-alpha");
    expect(rules.markets.BTCUSDT).toMatchObject({ symbol: "BTCUSDT", provenance: "simulated" });
    expect(rules.markets.BTCUSDT.tiers[0]).toMatchObject({ tier: 1, notionalFloorUsd: 0, maxLeverage: 125 });
    expect(rules.policy).toMatchObject({ liquidationFeeRate: 0.005, liquidationStyle: "partial", provenance: "simulated" });
    expect(rules.collateral.map((c) => c.asset)).toEqual(["BTC", "ETH", "USDT"]);
    expect(await db.ingestRun.count({ where: { NOT: { provenance: "simulated" } } })).toBe(0);
  });

  it("stores fictional venues only, with valid books", async () => {
    const venues = await t.db.venue.findMany({ orderBy: { slug: "asc" }, include: { markets: true } });
    expect(venues.map((v) => [v.slug, v.name, v.kind])).toEqual([
      ["sim-cex-alpha", "Sim CEX Alpha", "cex"],
      ["sim-cex-bravo", "Sim CEX Bravo", "cex"],
    ]);
    for (const v of venues) {
      expect(`${v.name} ${v.slug} ${v.websiteUrl}`).not.toMatch(REAL_VENUES);
      expect(v.provenance).toBe("simulated");
      expect(v.websiteUrl).toMatch(/^https:\/\/example\.invalid\//);
      expect(JSON.parse(v.capabilities).has).toMatchObject({ depth: true, liquidations: true, insurance: true });
      expect(v.markets.map((m) => m.base)).toEqual(["BTC"]);
    }
    const books = await t.db.bookSnapshot.findMany({ take: 50 });
    for (const b of books) {
      const bids = decodeLevels(b.bids);
      const asks = decodeLevels(b.asks);
      expect([bids.length, asks.length, b.truncated, b.levelLimit]).toEqual([50, 50, false, 50]);
      expect(bids[0][0]).toBe(b.bestBid);
      expect(b.bestBid).toBeLessThan(b.bestAsk);
      expect(b.spreadBps).toBeGreaterThan(0);
    }
    const hike = await t.db.feeSchedule.findMany({ where: { venue: { slug: "sim-cex-bravo" }, tier: "regular" }, orderBy: { effectiveFrom: "asc" } });
    expect(hike).toHaveLength(2);
    expect(hike[0].effectiveTo?.getTime()).toBe(hike[1].effectiveFrom.getTime());
    expect(hike[1].takerRate).toBeGreaterThan(hike[0].takerRate);
  });

  it("is idempotent and deterministic: a second run writes nothing; --replace regenerates identical rows", async () => {
    const before = await dump();
    const again = await simulate(t.db, OPTIONS);
    expect(Object.values(again.rowsWritten).every((n) => n === 0)).toBe(true);
    expect([again.trades.printsWritten, again.trades.minutesWritten]).toEqual([0, 0]);
    expect(again.facts.written).toBe(0);
    expect(await dump()).toEqual(before);
    const replaced = await simulate(t.db, { ...OPTIONS, replace: true });
    expect(replaced.rowsWritten).toEqual(first.rowsWritten);
    expect(await dump()).toEqual(before);
  });
});
