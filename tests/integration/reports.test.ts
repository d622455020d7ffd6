// Allocation reports on a real database: books from the recorded Binance fixture (importFile), one synthetic
// venue labelled recorded (a stand-in for a second real venue) and two simulated ones, written through
// lib/ingest writeRows; build (real venues by default, the simulated demo on request, never both), save,
// list, download and re-run.
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDb, type TempDb } from "./db-helper";
import { importFile } from "../../lib/ingest/import-file";
import { writeRows } from "../../lib/ingest/write-rows";
import type { BookRow } from "../../lib/venues/types";
import type { Level } from "../../lib/metrics/types";
import { slippageSeries } from "../../lib/metrics/slippage-series";
import { booksByIds, midSpreadSeriesFor } from "../../lib/services/market-data";
import { getScorecard } from "../../lib/services/scorecard";
import { buildAllocationReport } from "../../lib/services/build-allocation";
import { AllocationRequest } from "../../lib/reports/params";
import { getSavedReport, listReports, rerunSavedReport, saveReport } from "../../lib/services/saved-reports";
import { renderReport } from "../../lib/export/render-download";
import { METHODOLOGY_VERSION } from "../../lib/scoring";

const DEPTH = path.resolve("tests/fixtures/binance-usdm/depth_BTCUSDT_limit100_2024-11-01.json");
const T0 = Date.parse("2024-11-01T00:00:00Z");
const STEP = 5 * 60_000;
let t: TempDb;

/** A book around `mid` with 200 levels a side, $1 apart, `size` BTC each. */
function book(ts: number, mid: number, size: number, halfSpread = 0.5): BookRow {
  const bids: Level[] = Array.from({ length: 200 }, (_, i) => [mid - halfSpread - i, size]);
  const asks: Level[] = Array.from({ length: 200 }, (_, i) => [mid + halfSpread + i, size]);
  return { symbol: "BTC-PERP", exchangeTs: ts, receivedTs: ts, bids, asks, levelLimit: 200, truncated: true };
}

async function writeBooks(slug: string, name: string, rows: BookRow[], provenance: "simulated" | "recorded" = "simulated") {
  const venue = await t.db.venue.upsert({ where: { slug }, create: { slug, name, kind: "cex", provenance }, update: {}, select: { id: true } });
  const run = await t.db.ingestRun.create({ data: { venueId: venue.id, venueSlug: slug, kind: "depth", mode: "import", status: "ok", provenance, finishedAt: new Date() } });
  await t.db.$transaction(async (tx) => {
    const ctx = { venueId: venue.id, provenance, ingestRunId: run.id, marketIds: new Map<string, number>() };
    await writeRows(tx, "markets", [{ symbol: "BTC-PERP", base: "BTC", quote: "USD", settle: "USD", contractType: "linear", sizeUnit: "base", contractSize: 1, tickSize: 0.5, maxLeverage: null, fundingIntervalHours: 8, active: true }], ctx);
    const market = await tx.market.findUniqueOrThrow({ where: { venueId_symbol: { venueId: venue.id, symbol: "BTC-PERP" } } });
    ctx.marketIds.set("BTC-PERP", market.id);
    await writeRows(tx, "depth", rows, ctx);
  });
}

// 240 snapshots 5 min apart. "Steady": a constant $50,000 mid and 2 BTC a level (no price move → no stress
// window → overall-p5 fallback). "Stressed": the same, but six snapshots at i = 120..125 where the mid
// drops 3 % and the book thins to 0.2 BTC a level: those fall inside the detected stress window, so the
// stressed p5 capacity is that of the thin books (~$0.85M at 10 bps) although the overall p5 (~$10M) is not.
const steady = () => Array.from({ length: 240 }, (_, i) => book(T0 + i * STEP, 50_000, 2));
const stressed = () => Array.from({ length: 240 }, (_, i) => (i >= 120 && i <= 125 ? book(T0 + i * STEP, 48_500, 0.2, 5) : book(T0 + i * STEP, 50_000, 2)));

const request = (over: Record<string, unknown> = {}) =>
  AllocationRequest.parse({ capitalUsd: 10_000_000, targetOrderNotionalUsd: 1_000_000, slippageBudgetBps: 10, minScore: 0, window: "30d", asset: "BTC", ...over });

beforeAll(async () => {
  t = await tempDb();
  const r = await importFile(t.db, { file: DEPTH, venue: "binance-usdm", kind: "depth", symbol: "BTCUSDT" });
  expect(r.status).toBe("ok");
  await writeBooks("test-steady", "Test Steady Perps", steady());
  await writeBooks("test-stressed", "Test Stressed Perps", stressed());
  await writeBooks("test-deep", "Test Deep Perps", steady(), "recorded");
});

const provenances = (r: { allocation: { lines: { provenance: string }[] } }) => [...new Set(r.allocation.lines.map((l) => l.provenance === "simulated" ? "simulated" : "real"))];
afterAll(async () => t?.cleanup());

describe("allocation report from the database", () => {
  it("allocates over real venues only by default, with the warnings its data calls for", async () => {
    const now = new Date("2024-11-20T00:00:00Z");
    const report = await buildAllocationReport(t.db, request(), now);
    expect(report.params.venueSet).toBe("real");
    const line = Object.fromEntries(report.allocation.lines.map((l) => [l.venue, l]));
    // The two simulated venues are not lines at all: no capital, no "not eligible" row beside real venues.
    expect(Object.keys(line).sort()).toEqual(["binance-usdm", "test-deep"]);
    expect(provenances(report)).toEqual(["real"]);
    expect(report.provenance.simulated).toEqual([]);
    expect(report.provenance.recorded.sort()).toEqual(["binance-usdm", "test-deep"]);
    // Binance: one recorded snapshot, no stress window; 100 levels a side reach only ~2 bps, so the
    // capacity is the whole visible ask side, $2,340,894.52 (the worse side), a lower bound. It stays
    // eligible (one snapshot is a warning, not a ban) and is warned about below.
    expect(line["binance-usdm"]).toMatchObject({ capacityBasis: "overall-p5", eligible: true, provenance: "recorded" });
    expect(line["binance-usdm"].capacityUsd).toBeCloseTo(2_340_894.52, 2);
    expect(line["test-deep"]).toMatchObject({ capacityBasis: "overall-p5", stressWindowCount: 0, eligible: true });
    expect(line["test-deep"].capacityUsd!).toBeGreaterThan(9_000_000);
    const [a, b] = [line["binance-usdm"], line["test-deep"]];
    expect(a.allocationUsd + b.allocationUsd).toBeCloseTo(10_000_000, 2);
    expect(a.allocationUsd / b.allocationUsd).toBeCloseTo(a.score! / b.score!, 4);
    expect(report.methodologyVersion).toBe(METHODOLOGY_VERSION);

    // Warnings, hand-checked: Binance rests on 1 snapshot (< 30); test-deep on 240. Data ends 2024-11-01
    // (Binance 05:53, test-deep 19:55), 18–19 days before the report: inside the 30-day window, not stale.
    // Both windows contain 05:53 on 2024-11-01: same period. A venue above 50 % of the capital is warned.
    const codes = report.warnings!.map((w) => `${w.code}:${w.venues.join(",")}`);
    expect(codes).toContain("few-snapshots:binance-usdm");
    expect(codes).not.toContain("few-snapshots:test-deep");
    expect(codes.filter((c) => c.startsWith("stale-data") || c.startsWith("different-periods"))).toEqual([]);
    const big = [a, b].filter((l) => l.allocationShare > 0.5).map((l) => `concentration:${l.venue}`);
    expect(codes.filter((c) => c.startsWith("concentration"))).toEqual(big);

    // The same request a year later: both venues' data is older than the 30-day window.
    const late = await buildAllocationReport(t.db, request(), new Date("2025-11-20T00:00:00Z"));
    expect(late.warnings!.filter((w) => w.code === "stale-data").flatMap((w) => w.venues).sort()).toEqual(["binance-usdm", "test-deep"]);
  });

  it("builds the simulated demo only on request, over simulated venues only, labelled as such", async () => {
    const report = await buildAllocationReport(t.db, request({ venueSet: "simulated" }));
    expect(provenances(report)).toEqual(["simulated"]);
    expect(report.title).toMatch(/^Simulated demo \(fictional venues\): /);
    expect(report.provenance.simulated.sort()).toEqual(["test-steady", "test-stressed"]);
    expect(report.provenance.recorded).toEqual([]);
    const line = Object.fromEntries(report.allocation.lines.map((l) => [l.venue, l]));
    expect(Object.keys(line).sort()).toEqual(["test-stressed", "test-steady"].sort());
    // Stressed capacity where there is a stress window, overall p5 otherwise.
    expect(line["test-steady"]).toMatchObject({ capacityBasis: "overall-p5", stressWindowCount: 0, eligible: true, allocationUsd: 10_000_000 });
    expect(line["test-stressed"]).toMatchObject({ capacityBasis: "stress-p5", eligible: false, constraint: "capacity below target" });
    expect(line["test-stressed"].stressWindowCount).toBeGreaterThan(0);
    expect(line["test-stressed"].capacityUsd!).toBeLessThan(900_000);
    expect(line["test-stressed"].reasons.join(" ")).toMatch(/stressed p5 over \d+ stress window/);
    const venue = report.venues.find((v) => v.slug === "test-stressed")!;
    expect(venue.capacity.buy.overallP5Usd!).toBeGreaterThan(9_000_000);
    expect(venue.curve.length).toBeGreaterThan(5);
    // Execution figures as the score read them: no trade prints (no realized figures); the books keep their depth
    // between snapshots (no 30 % drop within 1 %), so no refill is read either — stated as 0 drops, not as a half-life.
    for (const v of report.venues) expect(v.execution).toEqual({ realizedToImplied: null, realizedStressRatio: null, refillHalfLifeMs: null, refillDrops: 0 });
    // Ranks are renumbered inside the demo: 1 and 2, not the places they would hold among real venues.
    const ranks = report.venues.map((v) => v.rank).filter((r): r is number => r !== null).sort();
    expect(ranks).toEqual(ranks.map((_, i) => i + 1));
  });

  it("never mixes real and simulated venues, whatever the request says", async () => {
    // A legacy request (includeSimulated: true once mixed both) builds a real-only report.
    const legacy = await buildAllocationReport(t.db, AllocationRequest.parse({ capitalUsd: 10_000_000, targetOrderNotionalUsd: 1_000_000, slippageBudgetBps: 10, window: "30d", asset: "BTC", includeSimulated: true }));
    expect(provenances(legacy)).toEqual(["real"]);
    // A cap or exclusion naming a venue of the other set does not bring it in.
    const capped = await buildAllocationReport(t.db, request({ caps: { "test-steady": { sharePct: 10 } }, exclude: ["test-stressed"] }));
    expect(provenances(capped)).toEqual(["real"]);
    expect(capped.allocation.notes).toEqual(expect.arrayContaining(['Cap for unknown venue "test-steady" ignored.', 'Exclusion of unknown venue "test-stressed" ignored.']));
    expect(() => AllocationRequest.parse({ capitalUsd: 1, targetOrderNotionalUsd: 1, slippageBudgetBps: 10, venueSet: "both" })).toThrow(/venueSet is/);
  });

  it("recomputes capacity at a budget other than the scorecard's 10 bps from the stored books", async () => {
    const report = await buildAllocationReport(t.db, request({ slippageBudgetBps: 25, venueSet: "simulated" }));
    const v = report.venues.find((x) => x.slug === "test-steady")!;
    const market = await t.db.market.findFirstOrThrow({ where: { symbol: "BTC-PERP", venue: { slug: "test-steady" } } });
    const series = await midSpreadSeriesFor(t.db, market.id, { from: T0, to: T0 + 240 * STEP });
    const books = await booksByIds(t.db, series.map((p) => p.id));
    const direct = Math.min(slippageSeries(books, 1_000_000, "buy", { budgetBps: 25 }).capacityP5Usd!, slippageSeries(books, 1_000_000, "sell", { budgetBps: 25 }).capacityP5Usd!);
    expect(v.capacity).toMatchObject({ budgetBps: 25, basis: "overall-p5" });
    expect(v.capacity.capacityUsd).toBeCloseTo(direct, 6);
    // At 25 bps the walk takes all 200 visible levels of 2 BTC (~$20M, a lower bound) vs ~$10M at 10 bps.
    expect(v.capacity.capacityUsd!).toBeGreaterThan(19_000_000);
  });

  it("explains an infeasible request built from the database", async () => {
    const report = await buildAllocationReport(t.db, request({ capitalUsd: 50_000_000, targetOrderNotionalUsd: 20_000_000 }));
    expect(report.allocation.feasible).toBe(false);
    // Scoring 2.0: at $20M Binance's one snapshot (cut at 100 levels, ~$2.3M visible) leaves depth unknown, so
    // Binance has no total (insufficient data) while test-deep has too little capacity: the causes are mixed.
    expect(report.allocation.explanation).toMatchObject({ cause: "mixed" });
    expect(report.allocation.lines.map((l) => l.venue).sort()).toEqual(["binance-usdm", "test-deep"]);
    const line = Object.fromEntries(report.allocation.lines.map((l) => [l.venue, l]));
    expect(line["binance-usdm"].reasons.join(" ")).toContain("score: no data");
    expect(line["test-deep"].constraint).toBe("capacity below target");
  });

  it("saves the report, lists it, re-downloads it and re-runs it on today's data with the differences", async () => {
    const params = request({ title: "IT report", caps: { "test-deep": { sharePct: 40 } } });
    const saved = await saveReport(t.db, await buildAllocationReport(t.db, params));
    const row = await t.db.savedReport.findUniqueOrThrow({ where: { id: saved.id } });
    expect(row).toMatchObject({ kind: "allocation", title: "IT report", methodologyVersion: METHODOLOGY_VERSION });
    expect(JSON.parse(row.params)).toEqual(params);

    const list = await listReports(t.db);
    expect(list[0]).toMatchObject({ id: saved.id, title: "IT report", feasible: true, venuesAllocated: 2, capitalUsd: 10_000_000 });
    const loaded = await getSavedReport(t.db, saved.id);
    expect(loaded!.report.allocation).toEqual(saved.report.allocation);

    const csv = await renderReport(loaded!, "csv");
    expect(csv.filename).toMatch(new RegExp(`^venuescope-allocation-${saved.id}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    const rows = parse(csv.body as string, { bom: true, columns: true, cast: true }) as Record<string, unknown>[];
    expect(rows.find((r) => r.venue === "test-deep")).toMatchObject({ allocation_usd: 4_000_000, binding_constraint: "cap", cap_usd: 4_000_000 });
    expect(rows.find((r) => r.venue === "binance-usdm")).toMatchObject({ allocation_usd: 6_000_000, binding_constraint: "score-weighted" });
    // The warnings travel in the CSV (per venue) and the JSON (whole list): Binance holds 60 % (> 50 %) on one snapshot.
    expect(String(rows.find((r) => r.venue === "binance-usdm")!.warnings)).toMatch(/holds 60 % of the capital, above the 50 % limit for one venue; Binance USD-M Futures: figures rest on 1 order-book snapshot, fewer than the minimum of 30; Binance USD-M Futures: latest data from 2024-11-01, \d+ days before this report/);
    const pdf = await renderReport(loaded!, "pdf");
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe("%PDF-");
    const json = JSON.parse((await renderReport(loaded!, "json")).body as string);
    expect(json).toMatchObject({ id: saved.id, methodologyVersion: METHODOLOGY_VERSION, params: { title: "IT report", venueSet: "real" } });
    expect(json.warnings.map((w: { code: string }) => w.code)).toEqual(expect.arrayContaining(["concentration", "few-snapshots"]));

    // Same data: nothing changes.
    const same = await rerunSavedReport(t.db, saved.id);
    expect(same!.comparison.venues.every((v) => v.status === "same")).toBe(true);

    // New data: the steady venue's last 60 books thin to 0.05 BTC a level (5 % of snapshots and more) so
    // its p5 capacity drops below the $1M target; everything moves to Binance.
    const thin = Array.from({ length: 60 }, (_, i) => book(T0 + (240 + i) * STEP, 50_000, 0.05));
    await writeBooks("test-deep", "Test Deep Perps", thin, "recorded");
    const rerun = await rerunSavedReport(t.db, saved.id);
    const d = Object.fromEntries(rerun!.comparison.venues.map((v) => [v.venue, v]));
    expect(d["test-deep"]).toMatchObject({ status: "changed", constraintChanged: true, allocationDeltaUsd: -4_000_000 });
    expect(d["test-deep"].rerun!.constraint).toBe("capacity below target");
    expect(d["binance-usdm"].allocationDeltaUsd).toBe(4_000_000);
    expect(d["test-deep"].scoreDelta).not.toBeNull();
    expect(rerun!.comparison.allocatedDeltaUsd).toBe(0);
    // The re-run is not stored.
    expect(await t.db.savedReport.count()).toBe(1);
  });

  it("keeps the scorecard's capacity figures at 10 bps (the helper reads them from the figures)", async () => {
    const rows = await getScorecard(t.db, { notionalUsd: 1_000_000, window: { preset: "30d" }, asset: "BTC" });
    const report = await buildAllocationReport(t.db, request());
    expect(report.venues.length).toBeGreaterThan(0);
    for (const v of report.venues) {
      const r = rows.find((x) => x.venue.slug === v.slug)!;
      const s = r.figures?.slippage;
      if (!s) continue;
      const overall = Math.min(s.buy.capacityP5Usd!, s.sell.capacityP5Usd!);
      if (v.capacity.basis === "overall-p5") expect(v.capacity.capacityUsd).toBe(overall);
      else expect(v.capacity.capacityUsd).toBe(Math.min(r.figures!.stress!.buy.insideCapacityP5Usd!, r.figures!.stress!.sell.insideCapacityP5Usd!));
    }
  });
});
