// HIP-3 dexes end to end on the recorded bodies: the perpDexs list makes each builder dex a venue of its own
// with dated facts (stored once, then unchanged), the bundled xyz profile loads through the profile path,
// and the scorecard scores the dex apart from Hyperliquid, its missing data counting for nothing.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDb, type TempDb } from "./db-helper";
import { storeHip3Bodies } from "../../lib/ingest/hip3-discovery";
import { loadProfiles } from "../../lib/facts/load-profiles";
import { getScorecard } from "../../lib/services/scorecard";

const fixture = (f: string) => JSON.parse(fs.readFileSync(path.resolve("tests/fixtures/hyperliquid", f), "utf8"));

let t: TempDb;
beforeAll(async () => {
  t = await tempDb();
});
afterAll(async () => t.cleanup());

describe("HIP-3 dexes as venues", () => {
  it("stores each dex of a perpDexs body as a venue with its facts, once", async () => {
    const prov = { asOf: "2026-09-01", origin: "recorded testnet body (test)" };
    const limits = new Map([["felix", fixture("perpDexLimits_testnet_hyna_2026.json")]]);
    const opts = { provenance: "recorded" as const, dexes: prov, limits: prov, editedBy: "test", mode: "bootstrap" };
    const first = await storeHip3Bodies(t.db, fixture("perpDexs_testnet_trimmed_2026.json"), limits, opts);
    // The hyna body lists hyna:BTC, not a coin of felix: refused, felix keeps its caps unknown.
    expect(first.rejected).toEqual([expect.objectContaining({ venue: "hyperliquid-felix", field: "coinToOiCap" })]);
    expect(first.dexes.map((d) => [d.venue, d.factsWritten > 0, d.limits])).toEqual([
      ["hyperliquid-test", true, false],
      ["hyperliquid-felix", true, false],
    ]);
    const second = await storeHip3Bodies(t.db, fixture("perpDexs_testnet_trimmed_2026.json"), limits, opts);
    expect(second.dexes.every((d) => d.factsWritten === 0)).toBe(true);
    const felix = await t.db.venue.findUniqueOrThrow({ where: { slug: "hyperliquid-felix" }, include: { facts: true, officialDomains: true } });
    expect(felix).toMatchObject({ name: "Hyperliquid · felix", kind: "dex", provenance: "recorded" });
    expect(felix.officialDomains.map((d) => d.domain).sort()).toEqual(["github.com/hyperliquid-dex", "hyperliquid.gitbook.io", "hyperliquid.xyz"]);
    const deployer = felix.facts.find((f) => f.key === "hip3.deployer")!;
    expect(deployer).toMatchObject({ status: "known", value: "0x3a4ca3a93fc224c0a073d087c19ba8f0f04c7f00", provenance: "recorded" });
    expect(deployer.asOf.toISOString()).toBe("2026-09-01T00:00:00.000Z");
    expect(await t.db.ingestRun.count({ where: { venueSlug: "hyperliquid-felix", kind: "facts" } })).toBe(1);
  });

  it("loads the bundled xyz profile and scores xyz as its own venue: no BTC market, so no total, never Hyperliquid's", async () => {
    await loadProfiles(t.db, path.resolve("data/facts"));
    const xyz = await t.db.venue.findUniqueOrThrow({ where: { slug: "hyperliquid-xyz" }, include: { facts: true } });
    expect(xyz.facts.find((f) => f.key === "hip3.oracle_updater")).toMatchObject({ value: "0x1234567890545d1df9ee64b35fdd16966e08acec", status: "known" });
    expect(xyz.facts.find((f) => f.key === "hip3.total_oi_cap")).toMatchObject({ status: "unknown" });
    const rows = await getScorecard(t.db, { notionalUsd: 1e6, window: { preset: "30d" }, asset: "BTC" });
    const row = rows.find((r) => r.venue.slug === "hyperliquid-xyz")!;
    expect(row.venue).toMatchObject({ name: "Hyperliquid · xyz", kind: "dex" });
    expect(row.market).toBeNull();
    expect(row.score.total).toBeNull();
    expect(row.rank).toBeNull();
  });
});
