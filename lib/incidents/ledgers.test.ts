// The curated incident ledgers in data/incidents validate, and the loader refuses a bad file with the file and
// field named: an unsourced incident, a non-https source, an unknown venue, an off-domain source without a
// third-party mark, a duplicate id, an end before the start, a file named after another venue.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readLedgers } from "./load-ledgers";

const good = {
  id: "2026-01-19-maintenance-rollback",
  start: "2026-01-19",
  kind: "rollback",
  title: "Chain rolled back",
  mechanism: "A race condition wrote corrupted data on-chain; the chain was rolled back.",
  severity: "high",
  sourceUrl: "https://docs.paradex.trade/incidents/2026-01-19",
  quote: "the chain was rolled back to a snapshot",
  asOf: "2026-12-05",
};
const file = (incidents: unknown[], venue = "paradex") => ({ venue, reviewed: { from: "2025-01-01", to: "2026-12-05" }, note: "searched the venue's announcements", incidents });

let dirs: string[] = [];
function ledgerDir(files: Record<string, unknown>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "incidents-"));
  dirs.push(dir);
  for (const [name, body] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), typeof body === "string" ? body : JSON.stringify(body));
  return dir;
}
const errorsOf = (files: Record<string, unknown>) => readLedgers(ledgerDir(files), path.resolve("data/facts")).flatMap((r) => (r.ok ? [] : r.errors)).join(" | ");

afterEach(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  dirs = [];
});

describe("incident ledgers", () => {
  it("every bundled ledger file validates (sources https, official or marked third-party; known venue)", () => {
    const results = readLedgers(path.resolve("data/incidents"), path.resolve("data/facts"));
    expect(results.filter((r) => !r.ok).map((r) => `${path.basename(r.file)}: ${r.errors.join("; ")}`)).toEqual([]);
    // Every bundled venue profile has a ledger.
    const venues = fs.readdirSync(path.resolve("data/facts")).filter((n) => n.endsWith(".json")).map((n) => n.replace(/\.json$/, "")).sort();
    expect(results.map((r) => r.ledger!.venue).sort()).toEqual(venues);
    // the incidents issue #15 names are on file
    const ids = results.flatMap((r) => r.ledger!.incidents.map((e) => `${r.ledger!.venue}/${e.id}`));
    expect(ids).toEqual(expect.arrayContaining([
      "binance-usdm/2025-10-10-collateral-depeg",
      "hyperliquid/2025-10-10-cross-margin-adl",
      "dydx-v4/2025-10-10-chain-halt",
      "hyperliquid/2025-03-26-jelly-manipulation",
      "hyperliquid/2025-08-26-xpl-hyperp-squeeze",
      "hyperliquid/2025-07-29-api-outage",
      "paradex/2026-01-19-maintenance-rollback",
    ]));
  });

  it("accepts a sourced incident on an official domain", () => {
    expect(errorsOf({ "paradex.json": file([good]) })).toBe("");
  });

  it("rejects an unsourced incident and a non-https source", () => {
    const { sourceUrl: _omit, ...unsourced } = good;
    expect(errorsOf({ "paradex.json": file([unsourced]) })).toMatch(/incidents\.0\.sourceUrl/);
    expect(errorsOf({ "paradex.json": file([{ ...good, sourceUrl: "http://paradex.trade/x" }]) })).toMatch(/incidents\.0\.sourceUrl: must be an https:\/\/ URL/);
    expect(errorsOf({ "paradex.json": file([{ ...good, sourceUrl: "javascript:alert(1)" }]) })).toMatch(/incidents\.0\.sourceUrl/);
    expect(errorsOf({ "paradex.json": file([{ ...good, quote: "" }]) })).toMatch(/incidents\.0\.quote/);
  });

  it("rejects an unknown venue and a file named after another venue", () => {
    expect(errorsOf({ "nowhere.json": file([good], "nowhere") })).toMatch(/nowhere: venue not supported/);
    expect(errorsOf({ "okx.json": file([good]) })).toMatch(/must be named paradex\.json/);
  });

  it("rejects an off-domain source unless marked third-party with a reason", () => {
    const press = { ...good, sourceUrl: "https://www.cryptopolitan.com/paradex-refunds-users-after-maintenance/" };
    expect(errorsOf({ "paradex.json": file([press]) })).toMatch(/not on an official domain of paradex/);
    expect(errorsOf({ "paradex.json": file([{ ...press, thirdParty: { reason: "short" } }]) })).toMatch(/at least 10 characters/);
    expect(errorsOf({ "paradex.json": file([{ ...press, thirdParty: { reason: "press report of the post-mortem published on X" } }]) })).toBe("");
    // a further source for one figure follows the same rule
    expect(errorsOf({ "paradex.json": file([{ ...good, extraSources: [{ url: "https://example.org/x", supports: "the refund total" }] }]) })).toMatch(/example\.org\/x is not on an official domain/);
  });

  it("rejects a duplicate id, an end before the start, an unknown kind or severity, and a made-up loss", () => {
    expect(errorsOf({ "paradex.json": file([good, good]) })).toMatch(/duplicate incident id/);
    expect(errorsOf({ "paradex.json": file([{ ...good, end: "2026-01-18" }]) })).toMatch(/end is before start/);
    expect(errorsOf({ "paradex.json": file([{ ...good, kind: "glitch" }]) })).toMatch(/incidents\.0\.kind/);
    expect(errorsOf({ "paradex.json": file([{ ...good, severity: "severe" }]) })).toMatch(/incidents\.0\.severity/);
    expect(errorsOf({ "paradex.json": file([{ ...good, lossesUsd: -1 }]) })).toMatch(/incidents\.0\.lossesUsd/);
    expect(errorsOf({ "paradex.json": "{ not json" })).toMatch(/not JSON/);
  });
});
