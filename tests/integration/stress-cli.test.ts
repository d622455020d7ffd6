// `venuescope stress` end to end on a real SQLite file: a three-venue portfolio file (JSON and CSV), a named
// scenario and a scenario file, --json, --save, --out, and clear errors with exit code 2.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./cli-helper";
import { tempDb, type TempDb } from "./db-helper";
import { seedStressWorld, THREE_VENUE_PORTFOLIO } from "./stress-seed";

let t: TempDb;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "venuescope-stress-cli-"));

const cli = (...args: string[]) => runCli(t.url, ...args);

beforeAll(async () => {
  t = await tempDb();
  await seedStressWorld(t.db);
  fs.writeFileSync(path.join(tmp, "book.json"), JSON.stringify(THREE_VENUE_PORTFOLIO));
  fs.writeFileSync(path.join(tmp, "scenario.json"), JSON.stringify({ name: "btc-gap", horizonHours: 2, stepMinutes: 30, shocks: [{ asset: "BTC", movePct: -9 }] }));
}, 60_000);
afterAll(async () => {
  await t.cleanup();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("venuescope stress", () => {
  it("runs a portfolio file through a named scenario: one line, or the whole run with --json", async () => {
    const a = await cli("stress", "--portfolio", path.join(tmp, "book.json"), "--scenario", "correlation-break");
    expect(a.code).toBe(0);
    expect(a.stdout.trim().split("\n")).toHaveLength(1);
    expect(a.stdout).toMatch(/^stress correlation-break on "three-venue pair": 3 venue\(s\), (loss|gain) .* in the chosen modes, 0 liquidation\(s\); worst \S+ .*\[includes simulated data\]/);
    const b = await cli("stress", "--portfolio", path.join(tmp, "book.json"), "--scenario", "correlation-break", "--json");
    const json = JSON.parse(b.stdout);
    expect(json.result.venues).toHaveLength(3);
    expect(json.result.venues[0].isolated.liquidatedCount).toBeGreaterThan(0);
    expect(json.evidence.positions[0].rulesSource).toMatch(/^https:\/\/example\.test\//);
  });

  it("takes a scenario file and a CSV portfolio, saves the run and writes the positions CSV", async () => {
    const csv = "kind,venue,market,side,size,asset,amount,mode\nposition,thin-dex,BTC,long,30,,,\ncollateral,thin-dex,,,,USDT,150000,\nmode,thin-dex,,,,,,isolated\n";
    fs.writeFileSync(path.join(tmp, "thin.csv"), csv);
    const out = path.join(tmp, "positions.csv");
    const r = await cli("stress", "--portfolio", path.join(tmp, "thin.csv"), "--scenario", path.join(tmp, "scenario.json"), "--save", "--out", out, "--table", "positions");
    expect(r.code).toBe(0);
    // 30 BTC ≈ 1.5M at 3 % maintenance (tier 2: 6 %) with 150k: the −9 % gap liquidates it.
    expect(r.stdout).toMatch(/stress btc-gap on "thin": 1 venue\(s\), .* 1 liquidation\(s\); worst thin-dex .*saved as \/stress\?run=\d+; wrote/);
    const rows = parse(fs.readFileSync(out, "utf8"), { bom: true, columns: true, cast: true }) as Record<string, unknown>[];
    expect(rows.map((x) => x.margin_mode)).toEqual(["cross", "isolated"]);
    expect(rows[1]).toMatchObject({ venue: "thin-dex", symbol: "BTCUSDT", liquidated: "true", tier: 2, rules_source: "https://example.test/thin-dex/tiers" });
    expect(await t.db.savedReport.count({ where: { kind: "stress" } })).toBe(1);
  });

  it("answers bad arguments with a clear message and exit code 2", async () => {
    const missing = await cli("stress", "--scenario", "crash-gap");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required: --portfolio");
    const unknown = await cli("stress", "--portfolio", path.join(tmp, "book.json"), "--scenario", "meteor-strike");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/neither a built-in scenario \(correlation-break, .*\) nor a file/);
    fs.writeFileSync(path.join(tmp, "bad.json"), JSON.stringify({ positions: [{ venue: "deep-cex", market: "BTC", side: "up", size: 1 }], collateral: [{ venue: "deep-cex", asset: "USDT", amount: 1 }] }));
    const bad = await cli("stress", "--portfolio", path.join(tmp, "bad.json"), "--scenario", "crash-gap", "--json");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("portfolio.positions.0.side");
    expect(JSON.parse(bad.stdout).error).toContain("positions.0.side");
    const noRules = await cli("stress", "--portfolio", path.join(tmp, "book.json"), "--scenario", path.join(tmp, "nope.json"));
    expect(noRules.code).toBe(2);
  });

  it("lists the scenarios and the stored stress windows", async () => {
    const r = await cli("stress", "--list", "--json");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json.scenarios)).toContain("crash-gap");
    expect(json.replayWindows.some((w: { venueSlug: string; asset: string }) => w.venueSlug === "deep-cex" && w.asset === "BTC")).toBe(true);
  });
});
