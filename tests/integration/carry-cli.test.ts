// The CLI `carry` on a database holding the bundled Binance USD-M and dYdX recorded funding: the one-line summary
// with hand-checked money (Σ of the 100 recorded BTCUSDT rates = 0.00430321), --json, and clear usage errors.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDb, type TempDb } from "./db-helper";
import { runCli } from "./cli-helper";
import { loadRecordedDataset, readManifest, recordedDir } from "../../lib/bootstrap";

let t: TempDb;

beforeAll(async () => {
  t = await tempDb();
  // A manifest with only these venues' bundled files (as bootstrap loads them).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "venuescope-carry-"));
  const m = readManifest();
  const entries = m.entries.filter((e) => e.venue === "binance-usdm" || e.venue === "dydx-v4");
  for (const e of entries) {
    fs.mkdirSync(path.dirname(path.join(dir, e.file)), { recursive: true });
    fs.copyFileSync(path.join(recordedDir(), e.file), path.join(dir, e.file));
  }
  fs.writeFileSync(path.join(dir, "manifest.json"), JSON.stringify({ ...m, entries }));
  await loadRecordedDataset(t.db, () => {}, dir);
});
afterAll(async () => t?.cleanup());

describe("venuescope carry", () => {
  it("one market: a one-line summary and the same figures under --json", async () => {
    const r = await runCli(t.url, "carry", "--venue", "binance-usdm", "--symbol", "BTCUSDT", "--window", "all", "--notional", "1000000");
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split("\n")).toHaveLength(1);
    expect(r.stdout).toContain("paid $4.3k over 100 settlements (-4.71 %/yr");
    expect(r.stdout).toContain("7d holds p5/p50/p95 -10.95 %/yr / -5.93 %/yr / 1.82 %/yr (79 windows)");
    const j = await runCli(t.url, "carry", "--venue", "binance-usdm", "--symbol", "BTCUSDT", "--window", "all", "--side", "short", "--json");
    expect(j.code).toBe(0);
    expect(JSON.parse(j.stdout).summary.carryUsd).toBeCloseTo(4303.21, 6);
  });

  it("an asset across venues, and usage errors that name the option", async () => {
    const r = await runCli(t.url, "carry", "--asset", "BTC", "--window", "all");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("binance-usdm BTCUSDT -4.71 %/yr (100 settlements, recorded); dydx-v4 BTC-USD -0.97 %/yr (3 settlements, recorded); dispersion: no common hours");
    const bad = await runCli(t.url, "carry", "--venue", "binance-usdm", "--symbol", "BTCUSDT", "--hold", "0");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--hold: hold is at least 1 day");
    const missing = await runCli(t.url, "carry", "--venue", "binance-usdm", "--symbol", "NOPE");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("binance-usdm: no market NOPE in the database");
  });
});
