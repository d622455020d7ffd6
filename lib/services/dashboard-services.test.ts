// The dashboard's services on a real database (SQLite, or PostgreSQL under npm run test:pg): the bundled
// recorded data plus a small simulated world.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestBodies } from "../ingest/ingest-bodies";
import { binanceUsdm } from "../venues/binance-usdm/connector";
import { tempDb, type TempDb } from "../../tests/integration/db-helper";
import { bootstrap } from "../bootstrap";
import { simulate } from "../simulator/run-simulation";
import { getDataStatus } from "./data-status";
import { DataStatusQuery } from "../views/data-status";
import { findMarket, getMarketSeries } from "./series";
import { MAX_SERIES_POINTS } from "../views/market";
import { getVenueMarket, getVenueProfile } from "./venue-profile";
import { deleteWeightProfile, listWeightProfiles, saveWeightProfile } from "./weight-profiles";
import { WeightProfileInput } from "../views/weight-profiles";
import { DEFAULT_WEIGHTS } from "../scoring";

let t: TempDb;

beforeAll(async () => {
  // The bundled recorded data only; the small simulated world below is this test's own.
  process.env.VENUESCOPE_SKIP_SIMULATED = "1";
  t = await tempDb();
  await bootstrap(t.db);
  // Two venues, one market, 10 days at 15 min: 960 books per market, more than the series keeps.
  await simulate(t.db, { days: 10, cadenceMinutes: 15, venues: 2, markets: 1 });
}, 180_000);
afterAll(async () => t?.cleanup());

describe("market series", () => {
  it("thins the slippage series to at most MAX_SERIES_POINTS snapshots and keeps the stress windows of the figures", async () => {
    const m = (await findMarket(t.db, "sim-cex-alpha", (await t.db.market.findFirstOrThrow({ where: { venue: { slug: "sim-cex-alpha" }, base: "BTC" } })).symbol))!;
    const s = await getMarketSeries(t.db, m.id, { preset: "all" }, 1_000_000);
    expect(s.slippage.inWindow).toBeGreaterThan(MAX_SERIES_POINTS);
    expect(s.slippage.points.length).toBeLessThanOrEqual(MAX_SERIES_POINTS);
    expect(s.slippage.points.length).toBeGreaterThan(MAX_SERIES_POINTS / 2);
    expect(s.slippage.provenance).toEqual(["simulated"]);
    const ts = s.slippage.points.map((p) => p.ts);
    expect([...ts].sort((a, b) => a - b)).toEqual(ts);
    expect(s.slippage.points.every((p) => p.buyBps === null || p.buyBps >= -1e-9)).toBe(true);
    expect(s.funding.count).toBeGreaterThan(0);
    expect(s.funding.points.every((p) => p.intervalHours === null || p.aprSimple !== null)).toBe(true);
    // Cached: the second call returns the same JSON.
    expect(await getMarketSeries(t.db, m.id, { preset: "all" }, 1_000_000)).toEqual(s);
  });

  it("annualizes a recorded funding record as rate × 8760 / interval", async () => {
    const m = (await findMarket(t.db, "binance-usdm", "BTCUSDT"))!;
    const s = await getMarketSeries(t.db, m.id, { preset: "all" }, 1_000_000);
    const p = s.funding.points.find((x) => x.intervalHours === 8)!;
    expect(p.aprSimple).toBeCloseTo((p.rate * 8760) / 8, 12);
    expect(s.slippage.points).toHaveLength(1);
  });
});

describe("data status", () => {
  it("lists ingest runs latest first, paginated, and filters runs with errors", async () => {
    const all = await getDataStatus(t.db, DataStatusQuery.parse({ pageSize: "10" }));
    expect(all.runs.items).toHaveLength(10);
    expect(all.runs.total).toBeGreaterThan(10);
    const started = all.runs.items.map((r) => r.startedAt);
    expect([...started].sort().reverse()).toEqual(started);
    // A real venue's failure, then a later simulated one: the real one still leads the problems list.
    const binanceId = (await t.db.venue.findUniqueOrThrow({ where: { slug: "binance-usdm" } })).id;
    const simVenue = await t.db.venue.findFirstOrThrow({ where: { provenance: "simulated" } });
    await t.db.ingestRun.create({ data: { venueId: binanceId, venueSlug: "binance-usdm", kind: "depth", mode: "live", status: "failed", provenance: "live", error: "HTTP 418", startedAt: new Date("2030-01-01T00:00:00Z") } });
    await t.db.ingestRun.create({ data: { venueId: simVenue.id, venueSlug: simVenue.slug, kind: "depth", mode: "simulate", status: "failed", provenance: "simulated", error: "boom", startedAt: new Date("2030-01-02T00:00:00Z") } });
    const errors = await getDataStatus(t.db, DataStatusQuery.parse({ runs: "errors", pageSize: "200" }));
    expect(errors.runs.items.every((r) => r.status === "failed" || r.status === "partial" || r.rowsRejected > 0 || r.error !== null)).toBe(true);
    // Real venues' problems first, simulated runs' failures after, each group latest first.
    expect(errors.runs.items[0]).toMatchObject({ venueSlug: "binance-usdm", error: "HTTP 418" });
    const sim = errors.runs.items.map((r) => r.provenance === "simulated");
    expect(sim).toEqual([...sim].sort((a, b) => Number(a) - Number(b)));
    for (const group of [false, true]) {
      const s = errors.runs.items.filter((r) => (r.provenance === "simulated") === group).map((r) => r.startedAt);
      expect([...s].sort().reverse()).toEqual(s);
    }
    const beyond = await getDataStatus(t.db, DataStatusQuery.parse({ page: "9999" }));
    expect(beyond.runs.page).toBe(beyond.runs.pages);
  });

  it("gives freshness per venue and kind and a per-day grid ending at the latest stored day", async () => {
    const s = await getDataStatus(t.db, DataStatusQuery.parse({ days: "90" }));
    const binance = s.freshness.find((v) => v.slug === "binance-usdm")!;
    expect(binance.kinds.find((k) => k.kind === "depth")!.latest).toBe("2024-11-01T05:53:06.476Z");
    // Binance publishes its insurance fund (/fapi/v1/insuranceBalance, issue #22); Hyperliquid publishes none.
    expect(binance.kinds.find((k) => k.kind === "insurance")!.published).toBe(true);
    expect(s.freshness.find((v) => v.slug === "hyperliquid")!.kinds.find((k) => k.kind === "insurance")!.published).toBe(false);
    expect(s.grid.days).toHaveLength(90);
    const alphaBooks = s.grid.rows.find((r) => r.slug === "sim-cex-alpha" && r.kind === "depth")!;
    // 96 books a day at 15 min on the days fully inside the simulated history.
    expect(Math.max(...alphaBooks.counts)).toBe(96);
  });

  it("counts books from the per-day counts every write keeps exact (an ingest's rerun counts nothing twice)", async () => {
    const before = await getDataStatus(t.db, DataStatusQuery.parse({ days: "90" }));
    const depth = (s: typeof before, slug: string) => s.freshness.find((v) => v.slug === slug)!.kinds.find((k) => k.kind === "depth")!;
    const onDay = (s: typeof before, slug: string, day: string) => s.grid.rows.find((r) => r.slug === slug && r.kind === "depth")!.counts[s.grid.days.indexOf(day)];
    // the stored counts are the snapshots themselves
    const sums = await t.db.bookDayCount.aggregate({ _sum: { count: true } });
    expect(sums._sum.count).toBe(await t.db.bookSnapshot.count());
    // a real Binance book a minute after the simulated venues' latest, through the ingestion path, twice
    const T = Date.parse(depth(before, "sim-cex-alpha").latest!) + 60_000;
    const body = { ...JSON.parse(fs.readFileSync(path.resolve("tests/fixtures/binance-usdm/depth_BTCUSDT_limit100_2024-11-01.json"), "utf8")), T };
    for (let i = 0; i < 2; i++) await ingestBodies(t.db, binanceUsdm, "depth", [{ body, symbol: "BTCUSDT", receivedTs: T, levelLimit: 100 }], { provenance: "recorded", mode: "import", source: "test" });
    const after = await getDataStatus(t.db, DataStatusQuery.parse({ days: "90" }));
    expect(depth(after, "binance-usdm").count).toBe(depth(before, "binance-usdm").count + 1);
    expect(depth(after, "binance-usdm").latest).toBe(new Date(T).toISOString());
    const day = new Date(T).toISOString().slice(0, 10);
    expect(after.grid.days).toContain(day);
    expect(onDay(after, "binance-usdm", day)).toBe((before.grid.days.includes(day) ? onDay(before, "binance-usdm", day) : 0) + 1);
    expect(depth(after, "sim-cex-alpha")).toEqual(depth(before, "sim-cex-alpha"));
    expect((await t.db.bookDayCount.aggregate({ _sum: { count: true } }))._sum.count).toBe(await t.db.bookSnapshot.count());
  });

  it("rejects a bad query", () => {
    expect(DataStatusQuery.safeParse({ page: "0" }).success).toBe(false);
    expect(DataStatusQuery.safeParse({ runs: "some" }).success).toBe(false);
  });
});

describe("venue profile", () => {
  it("returns null for an unknown venue, and the profile with coverage and stale-flagged facts for a known one", async () => {
    expect(await getVenueProfile(t.db, "no-such-venue")).toBeNull();
    const p = (await getVenueProfile(t.db, "binance-usdm"))!;
    expect(p.defaultSymbol).toBe("BTCUSDT");
    expect(p.coverage?.markets.find((m) => m.symbol === "BTCUSDT")?.funding.count).toBe(100);
    expect(p.has?.insurance).toBe(true);
    expect(p.has?.liquidations).toBe(false);
    const far = (await getVenueProfile(t.db, "binance-usdm", Date.UTC(2100, 0, 1)))!;
    expect(far.facts.length).toBeGreaterThan(0);
    expect(far.facts.every((f) => f.stale)).toBe(true);
  });

  it("scores one market with evidence", async () => {
    const v = (await getVenueMarket(t.db, "binance-usdm", "BTCUSDT", { preset: "30d" }, 1_000_000))!;
    expect(v.score.items).toHaveLength(7);
    expect(v.score.items.find((i) => i.id === "depth")!.evidence.length).toBeGreaterThan(0);
    // Facts in key order on either database (PostgreSQL has no inherent row order).
    const keys = v.input.facts.map((f) => f.key);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys).toEqual([...keys].sort());
    expect(await getVenueMarket(t.db, "binance-usdm", "NOPE", { preset: "30d" }, 1_000_000)).toBeNull();
  });
});

describe("weight profiles", () => {
  it("saves by name (saving again replaces), fills defaults, lists and deletes", async () => {
    const a = await saveWeightProfile(t.db, WeightProfileInput.parse({ name: "Execution desk", weights: { depth: 60, fees: 30 } }));
    expect(a.weights).toEqual({ ...DEFAULT_WEIGHTS, depth: 60, fees: 30 });
    const b = await saveWeightProfile(t.db, WeightProfileInput.parse({ name: "Execution desk", weights: { depth: 10 } }));
    expect(b.id).toBe(a.id);
    expect(b.weights.depth).toBe(10);
    expect((await listWeightProfiles(t.db)).map((p) => p.name)).toEqual(["Execution desk"]);
    expect(await deleteWeightProfile(t.db, a.id)).toBe(true);
    expect(await listWeightProfiles(t.db)).toEqual([]);
  });

  it("validates names and weights", () => {
    expect(WeightProfileInput.safeParse({ name: "", weights: {} }).success).toBe(false);
    expect(WeightProfileInput.safeParse({ name: "x", weights: { depth: -1 } }).success).toBe(false);
    expect(WeightProfileInput.safeParse({ name: "x", weights: { depth: 101 } }).success).toBe(false);
    expect(WeightProfileInput.safeParse({ name: "x", weights: { leverage: 5 } }).success).toBe(false);
    expect(WeightProfileInput.safeParse({ name: "x", weights: { depth: 0, fees: 0 } }).success).toBe(false);
    expect(WeightProfileInput.safeParse({ name: "<script>", weights: { depth: 1 } }).success).toBe(false);
    expect(WeightProfileInput.safeParse({ name: "Risk (PM) desk", weights: { depth: 1 } }).success).toBe(true);
  });
});
