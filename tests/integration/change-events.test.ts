// Change events on a real database (SQLite, or PostgreSQL under `npm run test:pg`): each writer records an event
// in the transaction that stores a changed fee schedule, margin tier table, funding interval or cap, or a new
// ledger incident — exactly once however often the same data is ingested again, and never for a first load.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDb, type TempDb } from "./db-helper";
import { ingestBodies } from "../../lib/ingest/ingest-bodies";
import { loadIncidentLedgers } from "../../lib/incidents/load-ledgers";
import { listChangeEvents } from "../../lib/services/change-events";
import { binanceUsdm } from "../../lib/venues/binance-usdm/connector";
import type { DataKind, FeeRow, FundingRow, MarginRow, MarketRow, RowsByKind } from "../../lib/venues/types";

let t: TempDb;
beforeAll(async () => {
  t = await tempDb();
});
afterAll(async () => t.cleanup());

const H = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);

/** One body of ready rows through the whole pipeline (row checks, one transaction, an ingest run). */
function ingestRows<K extends DataKind>(kind: K, rows: RowsByKind[K][], receivedTs = T0, provenance: "recorded" | "simulated" = "recorded") {
  return ingestBodies(t.db, binanceUsdm, kind, [{ body: rows, symbol: null, receivedTs, levelLimit: null }], {
    provenance,
    mode: "import",
    source: "test",
    parser: async (body) => ({ rows: body as RowsByKind[DataKind][], rejected: [] }),
  });
}

const events = (kind: string) => t.db.changeEvent.findMany({ where: { kind }, orderBy: { id: "asc" } });

const market = (symbol: string, cap: number | null): MarketRow => ({ symbol, base: symbol.replace("USDT", ""), quote: "USDT", settle: "USDT", contractType: "linear", sizeUnit: "base", contractSize: 1, tickSize: 0.1, maxLeverage: 125, fundingIntervalHours: null, fundingCapRate: cap, fundingFloorRate: cap === null ? null : -cap, active: true });

describe("fee schedule changes", () => {
  const fee = (takerRate: number, effectiveFrom: number, tier = "VIP0"): FeeRow => ({ scope: "perp", tier, makerRate: 0.0002, takerRate, effectiveFrom, source: "test" });

  it("records nothing for the first schedule, one event for a changed one, and nothing more on re-ingest", async () => {
    expect((await ingestRows("fees", [fee(0.0005, T0)])).rowsWritten).toBe(1);
    expect(await events("fee-schedule")).toEqual([]);
    const changed = await ingestRows("fees", [fee(0.00045, T0 + 24 * H)]);
    expect(changed.rowsWritten).toBe(1);
    const [e] = await events("fee-schedule");
    expect(e).toMatchObject({ summary: "perp VIP0 fees: taker 5.0 → 4.5 bps", subject: null, provenance: "recorded", ingestRunId: changed.runId, alertedAt: null, alertAttempts: 0 });
    expect(e.occurredAt.getTime()).toBe(T0 + 24 * H);
    expect(JSON.parse(e.details)).toEqual({ scope: "perp", tier: "VIP0", before: { makerRate: 0.0002, takerRate: 0.0005 }, after: { makerRate: 0.0002, takerRate: 0.00045 } });
    // The same body again, and the unchanged first one: no new version, no new event.
    await ingestRows("fees", [fee(0.00045, T0 + 24 * H)]);
    await ingestRows("fees", [fee(0.0005, T0)]);
    expect(await events("fee-schedule")).toHaveLength(1);
    // An older observation filled in between the two versions is stored, but it is history, not news.
    expect((await ingestRows("fees", [fee(0.00048, T0 + 12 * H)])).rowsWritten).toBe(1);
    expect(await t.db.feeSchedule.count({ where: { tier: "VIP0" } })).toBe(3);
    expect(await events("fee-schedule")).toHaveLength(1);
  });

  it("records nothing for changes inside one first load (a tier's whole history in one run)", async () => {
    const r = await ingestRows("fees", [fee(0.0007, T0, "VIP1"), fee(0.0006, T0 + H, "VIP1"), fee(0.0005, T0 + 2 * H, "VIP1")]);
    expect(r.rowsWritten).toBe(3);
    expect(await events("fee-schedule")).toHaveLength(1);
  });
});

describe("margin tier table changes", () => {
  const table = (lev1: number, asOf: number): MarginRow => ({
    type: "tiers",
    symbol: "BTCUSDT",
    source: "test",
    asOf,
    tiers: [
      { tier: 1, notionalFloorUsd: 0, notionalCapUsd: 50_000, maxLeverage: lev1, initialMarginRate: 1 / lev1, maintenanceMarginRate: 0.004, maintenanceAmountUsd: 0 },
      { tier: 2, notionalFloorUsd: 50_000, notionalCapUsd: null, maxLeverage: 50, initialMarginRate: 0.02, maintenanceMarginRate: 0.01, maintenanceAmountUsd: 300 },
    ],
  });

  it("records one event when a later table replaces the stored one, none for the first or a re-ingest", async () => {
    await ingestRows("margin", [table(125, T0)]);
    expect(await events("margin-tiers")).toEqual([]);
    const r = await ingestRows("margin", [table(100, T0 + 48 * H)]);
    expect(r.rowsWritten).toBe(2);
    const [e] = await events("margin-tiers");
    expect(e).toMatchObject({ subject: "BTCUSDT", summary: "BTCUSDT margin tiers: 2 tiers; 1 tier differs, first tier 1: max leverage 125× → 100×, initial margin 0.8 % → 1 %" });
    expect(e.occurredAt.getTime()).toBe(T0 + 48 * H);
    await ingestRows("margin", [table(100, T0 + 48 * H)]);
    await ingestRows("margin", [table(100, T0 + 72 * H)]); // same table seen later: asOf moves on, no change
    await ingestRows("margin", [table(125, T0)]); // older than what is stored: not written, no event
    expect(await events("margin-tiers")).toHaveLength(1);
    expect((await t.db.marginTier.findFirstOrThrow({ where: { symbol: "BTCUSDT", tier: 1 } })).maxLeverage).toBe(100);
  });
});

describe("funding interval and cap changes", () => {
  const rec = (symbol: string, ts: number, intervalHours: number | null): FundingRow => ({ symbol, fundingTime: ts, rate: 0.0001, intervalHours, premium: null, markPrice: null, indexPrice: null, predicted: false });

  beforeAll(async () => {
    await ingestRows("markets", [market("BTCUSDT", 0.02), market("ETHUSDT", null)]);
  });

  it("records an 8h → 1h interval change once, and nothing for the first load", async () => {
    // First load: three 8-hourly records, given as 8 h.
    await ingestRows("funding", [0, 8, 16].map((h) => rec("BTCUSDT", T0 + h * H, 8)));
    expect(await events("funding-interval")).toEqual([]);
    // The venue moves the market to 1 h.
    const r = await ingestRows("funding", [17, 18, 19].map((h) => rec("BTCUSDT", T0 + h * H, 1)));
    expect(r.rowsWritten).toBe(3);
    const [e] = await events("funding-interval");
    expect(e).toMatchObject({ subject: "BTCUSDT", summary: "BTCUSDT funding interval 8h → 1h", ingestRunId: r.runId });
    expect(e.occurredAt.getTime()).toBe(T0 + 17 * H);
    expect(JSON.parse(e.details)).toEqual({ symbol: "BTCUSDT", before: { intervalHours: 8 }, after: { intervalHours: 1 } });
    await ingestRows("funding", [17, 18, 19].map((h) => rec("BTCUSDT", T0 + h * H, 1)));
    await ingestRows("funding", [20].map((h) => rec("BTCUSDT", T0 + h * H, 1)));
    expect(await events("funding-interval")).toHaveLength(1);
    // A backfill of older 4-hourly history: the 4h → 8h change it reveals lies behind what was stored, so no event.
    expect((await ingestRows("funding", [-12, -8, -4].map((h) => rec("BTCUSDT", T0 + h * H, 4)))).rowsWritten).toBe(3);
    expect(await events("funding-interval")).toHaveLength(1);
  });

  it("finds a change in intervals inferred from the timestamps (venues that do not state them)", async () => {
    await ingestRows("funding", [0, 8, 16, 24].map((h) => rec("ETHUSDT", T0 + h * H, null)));
    // 4 h spacing from 28 h on: inferred as a regime change at 28 h (lib/metrics/funding.ts inferIntervals).
    await ingestRows("funding", [28, 32, 36].map((h) => rec("ETHUSDT", T0 + h * H, null)));
    const eth = (await events("funding-interval")).filter((e) => e.subject === "ETHUSDT");
    expect(eth.map((e) => [e.summary, e.occurredAt.getTime()])).toEqual([["ETHUSDT funding interval 8h → 4h", T0 + 28 * H]]);
  });

  it("records a changed funding cap once, dated when the body was received; a first cap is not a change", async () => {
    expect(await events("funding-cap")).toEqual([]);
    const at = T0 + 100 * H;
    const r = await ingestRows("markets", [market("BTCUSDT", 0.03)], at);
    const [e] = await events("funding-cap");
    expect(e).toMatchObject({ subject: "BTCUSDT", summary: "BTCUSDT funding cap 2 % → 3 %, floor -2 % → -3 % per interval", ingestRunId: r.runId });
    expect(e.occurredAt.getTime()).toBe(at);
    await ingestRows("markets", [market("BTCUSDT", 0.03)], at + H);
    // ETHUSDT had no cap: its first published one is not a change.
    await ingestRows("markets", [market("ETHUSDT", 0.0075)], at);
    expect(await events("funding-cap")).toHaveLength(1);
  });
});

describe("new incidents", () => {
  it("records an incident added to a ledger loaded before, once; a venue's first ledger records none", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ledger-events-"));
    const file = path.join(dir, "paradex.json");
    const paradex = JSON.parse(fs.readFileSync("data/incidents/paradex.json", "utf8"));
    expect(paradex.incidents.length).toBeGreaterThan(0);
    fs.writeFileSync(file, JSON.stringify({ ...paradex, incidents: [] }));
    await loadIncidentLedgers(t.db, dir, path.resolve("data/facts"));
    expect(await events("incident")).toEqual([]);
    fs.writeFileSync(file, JSON.stringify(paradex));
    await loadIncidentLedgers(t.db, dir, path.resolve("data/facts"));
    await loadIncidentLedgers(t.db, dir, path.resolve("data/facts"));
    const inc = paradex.incidents[0];
    const [e] = await events("incident");
    expect(await events("incident")).toHaveLength(paradex.incidents.length);
    expect(e.summary).toBe(`${inc.severity} ${inc.kind}: ${inc.title}`);
    expect(e.occurredAt.toISOString().slice(0, 10)).toBe(inc.start.slice(0, 10));
    expect(e.provenance).toBe("recorded");
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("listing", () => {
  it("lists newest first, filters by venue and kind, pages back by id and keeps simulated events apart", async () => {
    const all = await listChangeEvents(t.db, { limit: 200 });
    const ids = all.events.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(all.events.map((e) => e.kind))).toEqual(new Set(["fee-schedule", "margin-tiers", "funding-interval", "funding-cap", "incident"]));
    const fees = await listChangeEvents(t.db, { limit: 200, kind: "fee-schedule", venue: "binance-usdm" });
    expect(fees.events.map((e) => [e.venue.slug, e.summary])).toEqual([["binance-usdm", "perp VIP0 fees: taker 5.0 → 4.5 bps"]]);
    const page1 = await listChangeEvents(t.db, { limit: 2 });
    expect(page1.events.map((e) => e.id)).toEqual(ids.slice(0, 2));
    const page2 = await listChangeEvents(t.db, { limit: 2, before: page1.nextBefore! });
    expect(page2.events.map((e) => e.id)).toEqual(ids.slice(2, 4));
    expect((await listChangeEvents(t.db, { limit: 200, venue: "okx" })).events).toEqual([]);
    // A simulated-provenance change is labelled so and left out unless asked for.
    await ingestRows("fees", [{ scope: "perp", tier: "SIM", makerRate: 0.0002, takerRate: 0.0005, effectiveFrom: T0, source: "test" }], T0, "simulated");
    await ingestRows("fees", [{ scope: "perp", tier: "SIM", makerRate: 0.0001, takerRate: 0.0005, effectiveFrom: T0 + H, source: "test" }], T0, "simulated");
    const sim = await listChangeEvents(t.db, { limit: 200, simulated: "only" });
    expect(sim.events.map((e) => [e.provenance, e.summary])).toEqual([["simulated", "perp SIM fees: maker 2.0 → 1.0 bps"]]);
    expect((await listChangeEvents(t.db, { limit: 200 })).events.some((e) => e.provenance === "simulated")).toBe(false);
    expect((await listChangeEvents(t.db, { limit: 200, simulated: "show" })).events).toHaveLength(all.events.length + 1);
  });
});
