// The incident ledger in the database: bundled ledgers load once (a second load writes nothing), a changed file
// replaces the venue's ledger whole in one go, the service lists incidents newest first and bounded, the CLI
// lists them, and the resiliency item of the scoring input reads the ledger over the 12 months before the
// window's end (hand-checked), never the count fact once a venue has a ledger.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDb, type TempDb } from "./db-helper";
import { runCli } from "./cli-helper";
import { loadProfiles } from "../../lib/facts/load-profiles";
import { loadIncidentLedgers } from "../../lib/incidents/load-ledgers";
import { getVenueIncidents, ledgerIncidentFigure } from "../../lib/services/incidents";
import { venueScoreInput } from "../../lib/services/scorecard";
import { scoreVenue } from "../../lib/scoring";

let t: TempDb;
beforeAll(async () => {
  t = await tempDb();
  await loadProfiles(t.db, path.resolve("data/facts"));
});
afterAll(async () => t.cleanup());

const venueId = async (slug: string) => (await t.db.venue.findUniqueOrThrow({ where: { slug } })).id;

describe("incident ledger", () => {
  it("loads every bundled ledger once; a second load writes nothing", async () => {
    const first = await loadIncidentLedgers(t.db, path.resolve("data/incidents"), path.resolve("data/facts"));
    // Every bundled real venue has a ledger (22, with edgeX and the HIP-3 dex hyperliquid-xyz), 32 incidents between them.
    expect(first.length).toBe(22);
    const incidents = await t.db.venueIncident.count();
    expect(incidents).toBe(32);
    // each venue: its ledger row + its incidents
    expect(first.reduce((a, r) => a + r.written, 0)).toBe(22 + 32);
    const runs = await t.db.ingestRun.count({ where: { kind: "incidents" } });
    expect(runs).toBe(22);
    const second = await loadIncidentLedgers(t.db, path.resolve("data/incidents"), path.resolve("data/facts"));
    expect(second.every((r) => r.written === 0 && r.removed === 0)).toBe(true);
    expect(await t.db.venueIncident.count()).toBe(incidents);
    expect(await t.db.ingestRun.count({ where: { kind: "incidents" } })).toBe(runs);
  });

  it("a bad file stops the load with nothing written; an edited file replaces the ledger", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ledger-"));
    const paradex = JSON.parse(fs.readFileSync("data/incidents/paradex.json", "utf8"));
    fs.writeFileSync(path.join(dir, "paradex.json"), JSON.stringify({ ...paradex, incidents: [] }));
    fs.writeFileSync(path.join(dir, "okx.json"), JSON.stringify({ venue: "okx", reviewed: null, note: "a bad file for the test", incidents: [{ id: "x" }] }));
    await expect(loadIncidentLedgers(t.db, dir, path.resolve("data/facts"))).rejects.toThrow(/okx\.json: incidents\.0\./);
    expect(await t.db.venueIncident.count({ where: { venueId: await venueId("paradex") } })).toBe(1);
    fs.rmSync(path.join(dir, "okx.json"));
    const [r] = await loadIncidentLedgers(t.db, dir, path.resolve("data/facts"));
    expect(r).toMatchObject({ venue: "paradex", removed: 1 });
    expect(await t.db.venueIncident.count({ where: { venueId: await venueId("paradex") } })).toBe(0);
    await loadIncidentLedgers(t.db, path.resolve("data/incidents"), path.resolve("data/facts"));
    expect(await t.db.venueIncident.count({ where: { venueId: await venueId("paradex") } })).toBe(1);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("lists a venue's incidents newest first, bounded by the limit", async () => {
    const all = await getVenueIncidents(t.db, "hyperliquid", { limit: 100 });
    expect(all.total).toBe(4);
    expect(all.incidents.map((i) => i.id)).toEqual(["2025-10-10-cross-margin-adl", "2025-08-26-xpl-hyperp-squeeze", "2025-07-29-api-outage", "2025-03-26-jelly-manipulation"]);
    expect(all.incidents[2]).toMatchObject({ durationMinutes: 37, compensationUsd: 1990000, lossesUsd: null, severity: "moderate", severityWeight: 0.5 });
    expect(all.incidents[2].source.thirdPartyReason).toMatch(/press report/);
    expect(all.ledger).toEqual({ reviewedFrom: "2025-01-01", reviewedTo: "2026-12-05", note: expect.stringContaining("Searched") });
    const two = await getVenueIncidents(t.db, "hyperliquid", { limit: 2 });
    expect(two.incidents).toHaveLength(2);
    expect(two.total).toBe(4);
    // A reviewed ledger with nothing found: the ledger is listed, with no incident.
    const none = await getVenueIncidents(t.db, "krakenfutures", { limit: 100 });
    expect(none).toMatchObject({ ledger: { reviewedFrom: "2025-01-01", reviewedTo: "2026-12-05" }, incidents: [], total: 0 });
    await t.db.venue.create({ data: { slug: "no-ledger", name: "No ledger", kind: "cex", provenance: "recorded" } });
    expect(await getVenueIncidents(t.db, "no-ledger", { limit: 100 })).toMatchObject({ ledger: null, incidents: [], total: 0 });
    await expect(getVenueIncidents(t.db, "nowhere", { limit: 10 })).rejects.toThrow(/no venue nowhere/);
  });

  it("the resiliency item reads the ledger over the 12 months before the window end", async () => {
    // binance-usdm, window end 2026-01-31: 2025-08-29 UM halt (moderate 0.5) + 2025-10-10 depeg (critical 2) = 2.5
    // → scale 70 + (2.5 − 2)/(5 − 2) × (30 − 70) = 63.333.
    const binance = await venueId("binance-usdm");
    const f = await ledgerIncidentFigure(t.db, binance, Date.parse("2026-01-31T23:59:00Z"));
    expect(f).toEqual({ weight: 2.5, missing: null, source: "incident ledger, 2025-01-31 → 2026-01-31: 2025-08-29-um-futures-halt (moderate), 2025-10-10-collateral-depeg (critical)" });
    // Through the scoring input: one live API run (ok) on 2026-01-31 gives the resiliency window's end.
    await t.db.ingestRun.create({ data: { venueId: binance, venueSlug: "binance-usdm", kind: "funding", mode: "live", source: "test", provenance: "live", startedAt: new Date("2026-01-31T12:00:00Z"), finishedAt: new Date("2026-01-31T12:00:01Z"), durationMs: 1000, status: "ok", rowsWritten: 1, rowsSkipped: 0 } });
    const v = await t.db.venue.findUniqueOrThrow({ where: { slug: "binance-usdm" }, include: { facts: true } });
    const { input } = await venueScoreInput(t.db, v, null, { window: { preset: "30d" }, notionalUsd: 1e6 });
    expect(input.incidentWeight12m).toBe(2.5);
    const sub = scoreVenue(input).items.find((i) => i.id === "resiliency")!.subScores.find((s) => s.id === "incidents12m")!;
    expect(sub.score).toBeCloseTo(70 - (0.5 / 3) * 40, 9);
    // A window end before the ledger's review (2025-06-30: months from 2024-06-30) has no figure, and the
    // count fact is not read instead: the sub-score is missing.
    expect(await ledgerIncidentFigure(t.db, binance, Date.parse("2025-06-30T00:00:00Z"))).toMatchObject({ weight: null, missing: expect.stringContaining("not the whole 12 months 2024-06-30 → 2025-06-30") });
    // A reviewed ledger with nothing found in the 12 months (Kraken Futures) weighs 0.
    expect(await ledgerIncidentFigure(t.db, await venueId("krakenfutures"), Date.parse("2026-01-31T00:00:00Z"))).toEqual({ weight: 0, missing: null, source: "incident ledger, 2025-01-31 → 2026-01-31: no incident" });
    // A venue without a ledger has no ledger figure: the scoring reads its fact.
    expect(await ledgerIncidentFigure(t.db, await venueId("no-ledger"), Date.parse("2026-01-31T00:00:00Z"))).toBeNull();
    // A ledger without a reviewed period (OKX) never yields a figure.
    const okx = await venueId("okx");
    await t.db.ingestRun.create({ data: { venueId: okx, venueSlug: "okx", kind: "funding", mode: "live", source: "test", provenance: "live", startedAt: new Date("2026-01-31T12:00:00Z"), finishedAt: new Date("2026-01-31T12:00:01Z"), durationMs: 1000, status: "ok", rowsWritten: 1, rowsSkipped: 0 } });
    const o = await t.db.venue.findUniqueOrThrow({ where: { slug: "okx" }, include: { facts: true } });
    const okxInput = (await venueScoreInput(t.db, o, null, { window: { preset: "30d" }, notionalUsd: 1e6 })).input;
    const okxSub = scoreVenue(okxInput).items.find((i) => i.id === "resiliency")!.subScores.find((s) => s.id === "incidents12m")!;
    expect(okxSub).toMatchObject({ score: null, missing: "the incident ledger claims no reviewed period" });
  });

  it("the CLI lists a venue's ledger", async () => {
    const r = await runCli(t.url, "incidents", "--venue", "dydx-v4");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("2025-10-10  chain-halt   high");
    expect(r.stdout.trim().split("\n").at(-1)).toBe("dYdX v4: 2 incident(s) in the ledger (reviewed 2024-01-01 → 2026-12-05)");
    const bad = await runCli(t.url, "incidents", "--venue", "dydx-v4", "--limit", "500");
    expect(bad.code).toBe(2);
  });
});
