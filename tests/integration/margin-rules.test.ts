// Margin rules in a real SQLite file: recorded and curated bodies through the import path, idempotent
// re-ingest, whole-table replacement, rejection of a bad table without losing the others, the loader and
// the coverage summary, bootstrap of the bundled margin files.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDb, type TempDb } from "./db-helper";
import { importFile } from "../../lib/ingest/import-file";
import { ingestBodies } from "../../lib/ingest/ingest-bodies";
import { loadCuratedMargin } from "../../lib/ingest/margin-files";
import { loadRecordedDataset } from "../../lib/bootstrap";
import { connectorFor } from "../../lib/venues/registry";
import { loadVenueMarginRules, marginRulesCoverage, UnknownMarginVenueError } from "../../lib/services/margin-rules";

const FX = path.resolve("tests/fixtures");
const RISK_LIMIT = path.join(FX, "bybit/linear_risk-limit_BTCUSDT_2023-08.json");
let t: TempDb;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "venuescope-margin-"));

beforeAll(async () => {
  t = await tempDb();
});
afterAll(async () => {
  await t.cleanup();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const tiersOf = (symbol: string) => t.db.marginTier.findMany({ where: { venue: { slug: "bybit" }, symbol }, orderBy: { tier: "asc" } });

describe("margin rules in a real SQLite database", () => {
  it("imports the recorded Bybit risk limits as 34 tiers with an ingest run of kind margin; a second import changes nothing", async () => {
    const first = await importFile(t.db, { file: RISK_LIMIT, venue: "bybit", kind: "margin" });
    expect(first).toMatchObject({ status: "ok", rowsWritten: 34, rowsRejected: 0 });
    const rows = await tiersOf("BTCUSDT");
    expect(rows).toHaveLength(34);
    expect(rows[1]).toMatchObject({ tier: 2, notionalFloorUsd: 2_000_000, notionalCapUsd: 4_000_000, maintenanceMarginRate: 0.01, initialMarginRate: 0.0175, maintenanceAmountUsd: 10_000, provenance: "recorded" });
    expect(rows[0].asOf.toISOString()).toBe("2023-08-16T05:45:01.897Z");
    const run = await t.db.ingestRun.findUniqueOrThrow({ where: { id: first.runId } });
    expect(run).toMatchObject({ kind: "margin", venueSlug: "bybit", status: "ok", rowsWritten: 34 });
    const again = await importFile(t.db, { file: RISK_LIMIT, venue: "bybit", kind: "margin" });
    expect(again).toMatchObject({ status: "ok", rowsWritten: 0, rowsSkipped: 34 });
    const after = await tiersOf("BTCUSDT");
    expect(after).toEqual(rows);
  });

  it("replaces a symbol's table whole when a later body changes it, and keeps it when an older one arrives", async () => {
    const raw = JSON.parse(fs.readFileSync(RISK_LIMIT, "utf8"));
    // A later observation with three tiers and a changed first rate.
    const later = { ...raw, time_now: "1700000000.0", result: raw.result.slice(0, 3).map((r: Record<string, unknown>, i: number) => (i === 0 ? { ...r, maintain_margin: 0.004 } : r)) };
    const file = path.join(tmp, "risk-limit-later.json");
    fs.writeFileSync(file, JSON.stringify(later));
    const r = await importFile(t.db, { file, venue: "bybit", kind: "margin" });
    expect(r).toMatchObject({ status: "ok", rowsWritten: 3 });
    const rows = await tiersOf("BTCUSDT");
    expect(rows.map((x) => [x.tier, x.maintenanceMarginRate, x.notionalCapUsd])).toEqual([[1, 0.004, 2_000_000], [2, 0.01, 4_000_000], [3, 0.015, 6_000_000]]);
    expect(rows.every((x) => x.asOf.getTime() === 1_700_000_000_000 && x.ingestRunId === r.runId)).toBe(true);
    // The 2023 recording is older than what is stored: it does not bring the old table back.
    const old = await importFile(t.db, { file: RISK_LIMIT, venue: "bybit", kind: "margin" });
    expect(old).toMatchObject({ status: "ok", rowsWritten: 0 });
    expect(await tiersOf("BTCUSDT")).toHaveLength(3);
  });

  it("rejects a bad table naming venue, symbol and field, and stores the good ones of the same body", async () => {
    const raw = JSON.parse(fs.readFileSync(RISK_LIMIT, "utf8"));
    const eth = raw.result.slice(0, 2).map((r: Record<string, unknown>) => ({ ...r, symbol: "ETHUSDT" }));
    const sol = raw.result.slice(0, 2).map((r: Record<string, unknown>) => ({ ...r, symbol: "SOLUSDT", max_leverage: 0.5 }));
    const file = path.join(tmp, "risk-limit-mixed.json");
    fs.writeFileSync(file, JSON.stringify({ ...raw, time_now: "1710000000.0", result: [...eth, ...sol] }));
    const r = await importFile(t.db, { file, venue: "bybit", kind: "margin" });
    expect(r.status).toBe("partial");
    expect(r.rowsWritten).toBe(2);
    expect(r.rejections).toEqual([expect.objectContaining({ venue: "bybit", symbol: "SOLUSDT", field: "tiers[0].maxLeverage" })]);
    expect(await tiersOf("ETHUSDT")).toHaveLength(2);
    expect(await tiersOf("SOLUSDT")).toHaveLength(0);
    const run = await t.db.ingestRun.findUniqueOrThrow({ where: { id: r.runId } });
    expect(JSON.parse(run.rejections)[0]).toMatchObject({ symbol: "SOLUSDT", field: "tiers[0].maxLeverage" });
  });

  it("live-style ingest of a body with simulated provenance goes through the same path", async () => {
    const connector = connectorFor("hyperliquid");
    const meta = JSON.parse(fs.readFileSync(path.join(FX, "hyperliquid/meta_2023-07-17.json"), "utf8"));
    const s = await ingestBodies(t.db, connector, "margin", [{ body: meta, symbol: null, receivedTs: Date.UTC(2023, 6, 17), levelLimit: null }], { provenance: "live", mode: "live", source: "test" });
    expect(s).toMatchObject({ status: "ok", rowsWritten: 28 });
    const rules = await loadVenueMarginRules(t.db, "hyperliquid");
    expect(Object.keys(rules.markets)).toHaveLength(28);
    expect(rules.markets.BTC).toMatchObject({ venueSlug: "hyperliquid", symbol: "BTC", provenance: "live", asOf: "2023-07-17T00:00:00.000Z" });
    expect(rules.markets.BTC.tiers).toEqual([{ tier: 1, notionalFloorUsd: 0, notionalCapUsd: null, maxLeverage: 50, initialMarginRate: 0.02, maintenanceMarginRate: 0.01, maintenanceAmountUsd: 0 }]);
    expect(rules.policy).toBeNull();
    await expect(loadVenueMarginRules(t.db, "nope")).rejects.toThrow(UnknownMarginVenueError);
  });

  it("bootstrap loads the bundled margin bodies and curated files once; coverage lists every venue", async () => {
    const dir = path.resolve("data/recorded");
    await loadRecordedDataset(t.db, () => {}, dir);
    const curated = await loadCuratedMargin(t.db);
    expect(curated.map((r) => [r.venue, r.status])).toEqual([["binance-usdm", "ok"], ["bybit", "ok"], ["dydx-v4", "ok"], ["hyperliquid", "ok"], ["okx", "ok"]]);
    // Unchanged files are not loaded again (no new run, so cached figures stay valid).
    const runs = await t.db.ingestRun.count();
    expect(await loadCuratedMargin(t.db)).toEqual([]);
    expect(await t.db.ingestRun.count()).toBe(runs);

    const binance = await loadVenueMarginRules(t.db, "binance-usdm");
    expect(binance.markets.BTCUSDT.tiers).toHaveLength(10);
    expect(binance.markets.BTCUSDT).toMatchObject({ provenance: "recorded", asOf: "2021-03-18T09:00:00.000Z" });
    expect(binance.markets.BTCUSDT.source).toMatch(/^https:\/\/www\.binance\.com\//);
    expect(binance.collateral.find((c) => c.asset === "BTC")).toMatchObject({ haircut: 0.05, provenance: "recorded" });
    expect(binance.policy).toMatchObject({ crossMargin: true, isolatedMargin: true, liquidationFeeRate: null, liquidationStyle: "partial" });
    const dydx = await loadVenueMarginRules(t.db, "dydx-v4");
    expect(dydx.markets["BTC-USD"].tiers[0]).toMatchObject({ maxLeverage: 20, initialMarginRate: 0.05, maintenanceMarginRate: 0.03 });
    expect(dydx.policy?.liquidationFeeRate).toBe(0.015);
    expect(dydx.collateral).toEqual([expect.objectContaining({ asset: "USDC", haircut: 0 })]);

    const coverage = await marginRulesCoverage(t.db);
    const row = (slug: string) => coverage.find((c) => c.venueSlug === slug)!;
    expect(row("binance-usdm")).toMatchObject({ published: false, tables: 1, symbols: ["BTCUSDT"], maxTiers: 10, collateralAssets: expect.arrayContaining(["BTC", "USDT"]) });
    expect(row("bybit")).toMatchObject({ published: true, policy: expect.objectContaining({ liquidationStyle: "partial" }) });
    expect(row("hyperliquid").tables).toBe(28);
    expect(row("bitget")).toMatchObject({ tables: 0, policy: null, latestAsOf: null });
  });
});
