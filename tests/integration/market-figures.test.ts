// Stored books -> cached market figures: the plumbing from SQLite to the pure metrics, on a real file.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDb, type TempDb } from "./db-helper";
import { ingestBodies } from "../../lib/ingest/ingest-bodies";
import { binanceUsdm } from "../../lib/venues/binance-usdm/connector";
import { getMarketFigures, computeMarketFigures } from "../../lib/services/market-figures";
import { getScorecard } from "../../lib/services/scorecard";

let t: TempDb;
const HOUR = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);

/** Depth body in Binance's shape: mid 100, 10 levels a side 1 USD apart, 1 unit each (x thin in stress). */
function body(hour: number) {
  const stressed = hour >= 30 && hour <= 32;
  const shift = stressed ? -5 : 0; // the crash: mid 100 -> 95
  const size = stressed ? "0.5" : "1";
  const gap = stressed ? 2 : 0; // spread 1 -> 5 USD (100 -> 526 bps): a spread blow-out
  const bids = Array.from({ length: 10 }, (_, i) => [(99.5 + shift - gap - i).toFixed(1), size]);
  const asks = Array.from({ length: 10 }, (_, i) => [(100.5 + shift + gap + i).toFixed(1), size]);
  return { T: T0 + hour * HOUR, bids, asks };
}

beforeAll(async () => {
  t = await tempDb();
  const bodies = Array.from({ length: 48 }, (_, h) => ({ body: body(h), symbol: "BTCUSDT", receivedTs: T0 + h * HOUR, levelLimit: 1000 }));
  const r = await ingestBodies(t.db, binanceUsdm, "depth", bodies, { provenance: "recorded", mode: "import", source: "test" });
  expect(r.rowsWritten).toBe(48);
});
afterAll(async () => t.cleanup());

describe("market figures from stored books", () => {
  it("computes slippage by walking the decoded books", async () => {
    const m = await t.db.market.findFirstOrThrow();
    const f = await computeMarketFigures(t.db, m.id, { preset: "all" }, 150);
    // Normal book: buy 150 USD = 1 unit at 100.5 (100.5 USD) + 49.5 USD at 101.5 (0.487685 units);
    // VWAP = 150 / 1.487685 = 100.8278; slippage = (100.8278 − 100) / 100 × 1e4 = 82.78 bps.
    expect(f.slippage!.buy.p50Bps).toBeCloseTo(82.78, 1);
    // $150 lies below the curves' grid ($10k up) on $100 levels: interpolated from 0 its bound would be
    // hundreds of bps, far above the tolerance, so the sampled books were walked (exact: bound 0).
    expect(f.curveBoundBps).toBe(0);
    expect(f.snapshots.inWindow).toBe(48);
    expect(f.window).toEqual({ from: T0, to: T0 + 47 * HOUR });
    expect(f.provenance).toEqual(["recorded"]);
  });

  it("finds the planted crash as a stress window and compares slippage inside vs outside", async () => {
    const m = await t.db.market.findFirstOrThrow();
    const f = await computeMarketFigures(t.db, m.id, { preset: "all" }, 150);
    const w = f.stress!.windows;
    expect(w.length).toBeGreaterThanOrEqual(1);
    // Hours 30-32 have 526 bps spreads (> 3 x the 100 bps median) and hour 33's mid moves back 5 % (top
    // decile of moves): one window from 29:30 to 33:30 once the 30-min padding merges them.
    expect(w).toHaveLength(1);
    expect([w[0].from, w[0].to]).toEqual([T0 + 29.5 * HOUR, T0 + 33.5 * HOUR]);
    // Stressed book: 0.5 unit a level at 97.5, 98.5, 99.5 -> 48.75 + 49.25 + 49.75 = 147.75 USD (1.5 units)
    // + 2.25 USD at 100.5 (0.022388 units); VWAP = 150 / 1.522388 = 98.5294 vs mid 95 -> 371.5 bps.
    // Inside: hours 30, 31, 32 (371.5) and 33 (normal, 82.78): p95 at rank 0.95 x 3 = 2.85 -> 371.5.
    expect(f.stress!.buy.insideP95Bps).toBeCloseTo(371.5, 1);
    expect(f.stress!.buy.outsideP95Bps).toBeCloseTo(82.78, 1);
    expect(f.stress!.buy.p95Ratio).toBeCloseTo(371.5 / 82.78, 2);
  });

  it("caches figures until an ingest run writes into their window", async () => {
    const m = await t.db.market.findFirstOrThrow();
    const a = await getMarketFigures(t.db, m.id, { preset: "7d" }, 150);
    // The figures at the notional ("v…") on top of the window's notional-free part ("w…"), cached apart.
    expect((await t.db.figureCache.findMany({ select: { key: true } })).map((r) => r.key[0]).sort()).toEqual(["v", "w"]);
    const other = await getMarketFigures(t.db, m.id, { preset: "7d" }, 10_000);
    expect(other.snapshots).toEqual(a.snapshots);
    expect(await t.db.figureCache.count()).toBe(3);
    const b = await getMarketFigures(t.db, m.id, { preset: "7d" }, 150);
    expect(b).toEqual(a);
    await ingestBodies(t.db, binanceUsdm, "depth", [{ body: body(48), symbol: "BTCUSDT", receivedTs: T0 + 48 * HOUR, levelLimit: 1000 }], { provenance: "recorded", mode: "import", source: "test" });
    const c = await getMarketFigures(t.db, m.id, { preset: "7d" }, 150);
    expect(c.snapshots.inWindow).toBe(49);
    // The run says what it wrote: this market's books at that one time.
    const run = await t.db.ingestRun.findFirstOrThrow({ orderBy: { id: "desc" } });
    const ts = (await t.db.bookSnapshot.findFirstOrThrow({ where: { marketId: m.id }, orderBy: { ts: "desc" } })).ts.getTime();
    expect(JSON.parse(run.touched!)).toEqual([{ marketId: m.id, kind: "depth", from: ts, to: ts }]);
    // The same book again writes nothing and touches nothing: the stored figures are served, not recomputed.
    const stored = await t.db.figureCache.findFirstOrThrow({ where: { key: { startsWith: "v" } } });
    const again = await ingestBodies(t.db, binanceUsdm, "depth", [{ body: body(48), symbol: "BTCUSDT", receivedTs: T0 + 48 * HOUR, levelLimit: 1000 }], { provenance: "recorded", mode: "import", source: "test" });
    expect(again.rowsWritten).toBe(0);
    expect((await t.db.ingestRun.findUniqueOrThrow({ where: { id: again.runId } })).touched).toBe("[]");
    expect(await getMarketFigures(t.db, m.id, { preset: "7d" }, 150)).toEqual(c);
    expect((await t.db.figureCache.findFirstOrThrow({ where: { key: stored.key } })).computedAt).toEqual(stored.computedAt);
  });

  it("scores the venue with depth from its BTC market and marks items without data", async () => {
    const rows = await getScorecard(t.db, { notionalUsd: 150, window: { preset: "all" }, asset: "BTC" });
    expect(rows).toHaveLength(1);
    const items = Object.fromEntries(rows[0].score.items.map((i) => [i.id, i]));
    expect(items.depth.status).toBe("scored");
    expect(items.funding.status).toBe("no-data");
    expect(items.funding.score).toBeNull();
    expect(rows[0].score.droppedItems).toContain("funding");
    expect(rows[0].rank).toBe(1);
  });
});

describe("a market with liquidations but no books or funding", () => {
  it("still gets its liquidation figures and a window", async () => {
    const msg = { stream: "ethusdt@forceOrder", data: { e: "forceOrder", E: T0 + 1000, o: { s: "ETHUSDT", S: "SELL", o: "LIMIT", f: "IOC", q: "2", p: "2000", ap: "1990", X: "FILLED", l: "2", z: "2", T: T0 } } };
    const r = await ingestBodies(t.db, binanceUsdm, "liquidations", [{ body: [msg], symbol: null, receivedTs: T0, levelLimit: null }], { provenance: "recorded", mode: "import", source: "test" });
    expect(r.rowsWritten).toBe(1);
    const m = await t.db.market.findFirstOrThrow({ where: { symbol: "ETHUSDT" } });
    const f = await computeMarketFigures(t.db, m.id, { preset: "30d" }, 1e6);
    // 2 ETH at the average fill price 1990 = 3980 USD.
    expect(f.liquidations).toMatchObject({ count: 1, totalUsd: 3980 });
    expect(f.window).toEqual({ from: T0, to: T0 });
    expect(f.slippage).toBeNull();
  });
});

describe("user-named stress windows", () => {
  it("are united with the detected ones and change what counts as inside stress", async () => {
    const m = await t.db.market.findFirstOrThrow({ where: { symbol: "BTCUSDT" } });
    const named = [{ name: "desk drill", from: T0 + 10 * HOUR, to: T0 + 12 * HOUR }];
    const f = await computeMarketFigures(t.db, m.id, { preset: "all" }, 150, named);
    const w = f.stress!.windows;
    expect(w.find((x) => x.source === "named")).toMatchObject({ from: T0 + 10 * HOUR, to: T0 + 12 * HOUR, names: ["desk drill"] });
    // Inside now also holds hours 10, 11, 12 (normal books, 82.78 bps): 7 snapshots inside instead of 4.
    expect(f.stress!.buy.insideCount).toBe(7);
    const { zNamedWindows } = await import("../../lib/views/params");
    expect(zNamedWindows.parse("crash:2024-01-01T10:00:00Z/2024-01-01T12:00:00Z")).toEqual([{ name: "crash", from: T0 + 10 * HOUR, to: T0 + 12 * HOUR }]);
    expect(zNamedWindows.safeParse("crash:2024-01-02/2024-01-01").success).toBe(false);
  });
});

describe("the insurance fund over the window", () => {
  it("reads the latest balance and the published history's low point inside the window (each pool at its latest reading)", async () => {
    const m = await t.db.market.findFirstOrThrow({ where: { symbol: "BTCUSDT" } });
    const row = (hours: number, asset: string, balanceUsd: number) => ({ venueId: m.venueId, ts: new Date(T0 + hours * HOUR), asset, balanceUsd, provenance: "recorded" as const });
    // Before the window 50 M; inside: 40 M at hour 10 (30 M USDT + 10 M USDC). The USDC pool, read only at hour 10,
    // is carried forward (within 2 days): 45 + 10 = 55 M at hour 24, 48 + 10 = 58 M at hour 40.
    await t.db.insuranceFundBalance.createMany({ data: [row(-24, "USDT", 50e6), row(10, "USDT", 30e6), row(10, "USDC", 10e6), row(24, "USDT", 45e6), row(40, "USDT", 48e6)] });
    const f = await computeMarketFigures(t.db, m.id, { preset: "all" }, 150);
    expect(f.window).toEqual({ from: T0, to: T0 + 48 * HOUR });
    expect(f.insurance).toMatchObject({ ts: T0 + 40 * HOUR, balanceUsd: 58e6, leftOut: [], inWindow: { readings: 3, minBalanceUsd: 40e6, minTs: T0 + 10 * HOUR, leftOutAtLow: [] } });
    expect(f.insurance!.pools!.map((p) => [p.asset, p.ts, p.balanceUsd])).toEqual([["USDC", T0 + 10 * HOUR, 10e6], ["USDT", T0 + 40 * HOUR, 48e6]]);
    // This market has no OI readings, so neither ratio can be formed.
    expect(f.insurance!.toOi).toBeNull();
    expect(f.insurance!.inWindow!.minToOi).toBeNull();
  });
});
