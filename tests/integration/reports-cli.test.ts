// `venuescope report allocation` end to end on a real database: summary line, files, saved row, exit codes.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./cli-helper";
import { tempDb, type TempDb } from "./db-helper";
import { importFile } from "../../lib/ingest/import-file";

let t: TempDb;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "venuescope-report-cli-"));

const cli = (...args: string[]) => runCli(t.url, ...args);

beforeAll(async () => {
  t = await tempDb();
  await importFile(t.db, { file: path.resolve("tests/fixtures/binance-usdm/depth_BTCUSDT_limit100_2024-11-01.json"), venue: "binance-usdm", kind: "depth", symbol: "BTCUSDT" });
});
afterAll(async () => {
  await t.cleanup();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("venuescope report allocation", () => {
  it("writes the CSV, saves the report and prints one summary line", async () => {
    const out = path.join(tmp, "alloc.csv");
    const r = await cli("report", "allocation", "--capital", "1000000", "--notional", "100000", "--budget-bps", "10", "--cap", "binance-usdm=60%", "--out", out);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split("\n")).toHaveLength(1);
    expect(r.stdout).toMatch(/^report allocation #1: \$600\.0k of \$1\.00M over 1 of 1 venues \(Binance USD-M Futures 60\.0%\), \$400\.0k unallocated \(caps\) \[3 warnings: concentration, few-snapshots, stale-data\] → /);
    const rows = parse(fs.readFileSync(out, "utf8"), { bom: true, columns: true, cast: true }) as Record<string, unknown>[];
    expect(rows[0]).toMatchObject({ venue: "binance-usdm", allocation_usd: 600000, binding_constraint: "cap", capacity_basis: "overall-p5" });
    // Rounded to meaningful precision: the capacity to the cent, the ratio to 3 decimals.
    expect(rows[0].capacity_usd).toBe(2_340_894.52);
    expect(String(rows[0].capacity_to_target_ratio)).toMatch(/^23\.\d{1,3}$/);
    expect(await t.db.savedReport.count()).toBe(1);
  });

  it("prints JSON with --json and writes a PDF", async () => {
    const out = path.join(tmp, "alloc.pdf");
    // --min-score 0: under scoring 2.0 Binance's single snapshot (adequacy 1/288, no facts, funding or fees in this
    // database) totals well under 1, so any positive minimum leaves nothing to allocate; this test is about the output.
    const r = await cli("report", "allocation", "--capital", "1000000", "--notional", "100000", "--budget-bps", "25", "--min-score", "0", "--window", "all", "--out", out, "--json");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ id: 2, file: { path: out, format: "pdf" }, params: { slippageBudgetBps: 25, window: "all" }, allocation: { feasible: true, allocatedUsd: 1_000_000 } });
    expect(fs.readFileSync(out).subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("builds the simulated demo only with --simulated: no simulated venue here, so nothing to allocate", async () => {
    const out = path.join(tmp, "demo.json");
    const r = await cli("report", "allocation", "--capital", "1000000", "--notional", "100000", "--budget-bps", "10", "--simulated", "--out", out, "--json");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ params: { venueSet: "simulated" }, allocation: { feasible: false, allocatedUsd: 0 }, rows: [] });
    expect(json.title).toMatch(/^Simulated demo/);
  });

  it("refuses bad arguments with exit 2 and a message naming the option", async () => {
    const a = await cli("report", "allocation", "--capital", "1000", "--notional", "5000", "--budget-bps", "10", "--out", path.join(tmp, "x.csv"));
    expect(a.code).toBe(2);
    expect(a.stderr).toContain("--notional: target order notional cannot exceed the capital");
    const b = await cli("report", "allocation", "--capital", "1000", "--notional", "500", "--budget-bps", "10", "--out", path.join(tmp, "x.xlsx"));
    expect(b.stderr).toContain("must end in .csv, .json or .pdf");
    const c = await cli("report", "allocation", "--capital", "1000", "--notional", "500", "--budget-bps", "10", "--cap", "okx", "--out", path.join(tmp, "x.csv"));
    expect(c.stderr).toContain("--cap okx: expected venue=usd or venue=percent%");
    expect(await t.db.savedReport.count()).toBe(3);
  });
});
