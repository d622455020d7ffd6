// HIP-3 dexes end to end on the recorded bodies: the perpDexs list makes each builder dex a venue of its own
// with dated facts (stored once, then unchanged), the bundled xyz profile loads through the profile path,
// and the scorecard scores the dex apart from Hyperliquid, its missing data counting for nothing.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDb, type TempDb } from "./db-helper";
import { discoverHip3Dexes, storeHip3Bodies } from "../../lib/ingest/hip3-discovery";
import { noWaitClock } from "../../lib/venues/test-kit";
import { loadProfiles } from "../../lib/facts/load-profiles";
import { getScorecard } from "../../lib/services/scorecard";
import { ingestBodies } from "../../lib/ingest/ingest-bodies";
import { connectorFor } from "../../lib/venues/registry";

const fixture = (f: string) => JSON.parse(fs.readFileSync(path.resolve("tests/fixtures/hyperliquid", f), "utf8"));

/**
 * DERIVED, not recorded (no recorded meta or book of a builder dex was found, tests/fixtures/README.md): the
 * recorded main-dex meta, contexts and DYDX book with their coins renamed "xyz:<COIN>".
 */
function derived() {
  const meta = fixture("meta_2023-07-17.json") as { universe: { name: string }[] };
  meta.universe.forEach((a) => (a.name = `xyz:${a.name}`));
  const ctxs = (fixture("ws_allDexsAssetCtxs_2026.json") as { data: { ctxs: [string, unknown[]][] } }).data.ctxs[0][1].slice(0, 28);
  return { metaAndAssetCtxs: [{ ...meta, collateralToken: 0 }, ctxs], book: { ...fixture("l2Book_DYDX_2023-07-17.json"), coin: "xyz:DYDX" } };
}

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

  it("discovers dexes live: perpDexs, then perpDexLimits per dex, stored as live facts dated now (offline responder)", async () => {
    const requests: unknown[] = [];
    // The recorded mainnet perpDexs body; perpDexLimits answered null, the body the API gives for a dex it has no limits for.
    const responder = ({ body }: { body: unknown }) => (requests.push(body), (body as { type: string }).type === "perpDexs" ? fixture("perpDexs_mainnet_xyz_2025-10.json") : null);
    const before = Date.now();
    const r = await discoverHip3Dexes(t.db, { http: { responder, retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 }, clock: noWaitClock() } });
    expect(requests).toEqual([{ type: "perpDexs" }, { type: "perpDexLimits", dex: "xyz" }]);
    expect(r).toMatchObject({ dexes: [{ venue: "hyperliquid-xyz", limits: false }], rejected: [] });
    const oracle = await t.db.venueFact.findFirstOrThrow({ where: { venue: { slug: "hyperliquid-xyz" }, key: "hip3.oracle_updater" } });
    expect(oracle).toMatchObject({ value: "0x1234567890545d1df9ee64b35fdd16966e08acec", provenance: "live" });
    expect(oracle.asOf.getTime()).toBeGreaterThanOrEqual(before - 1000);
    // Reset for the bundled-profile test below (the profile load writes its recorded facts over these).
    await t.db.venue.delete({ where: { slug: "hyperliquid-xyz" } });
  });

  it("stores a dex's markets and books under its own venue through the one ingest pipeline (derived bodies)", async () => {
    const xyz = connectorFor("hyperliquid-xyz");
    const at = Date.UTC(2026, 0, 1);
    const markets = await ingestBodies(t.db, xyz, "markets", [{ body: derived().metaAndAssetCtxs, symbol: null, receivedTs: at, levelLimit: null }], { provenance: "recorded", mode: "import", source: "test" });
    expect(markets).toMatchObject({ status: "ok", rowsRejected: 0 });
    const depth = await ingestBodies(t.db, xyz, "depth", [{ body: derived().book, symbol: "xyz:DYDX", receivedTs: at, levelLimit: 20 }], { provenance: "recorded", mode: "import", source: "test" });
    expect(depth).toMatchObject({ status: "ok", rowsWritten: 1 });
    const m = await t.db.market.findFirstOrThrow({ where: { venue: { slug: "hyperliquid-xyz" }, symbol: "xyz:DYDX" }, include: { _count: { select: { books: true } } } });
    expect(m).toMatchObject({ base: "DYDX", settle: "USDC", sizeUnit: "base" });
    expect(m._count.books).toBe(1);
    // Nothing of it lands on the main Hyperliquid venue.
    expect(await t.db.market.count({ where: { venue: { slug: "hyperliquid" } } })).toBe(0);
  });

  it("loads the bundled xyz profile and scores xyz as its own venue: no BTC market with data, so no total, never Hyperliquid's", async () => {
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
