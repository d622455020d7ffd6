import { describe, expect, it } from "vitest";
import { hyperliquid } from "./connector";
import { tickAtPrice } from "./dex-connector";
import { hip3Facts, parsePerpDexLimits, parsePerpDexs } from "./dexes";
import { hip3DexOfSlug, parentVenueOf } from "./dex-slug";
import { connectorFor, isKnownVenue } from "../registry";
import { context, fetchOffline, readFixture } from "../test-kit";
import { createVenueHttp } from "../http";
import { readProfiles } from "../../facts/load-profiles";

// Recorded bodies (tests/fixtures/README.md): the mainnet perpDexs list when xyz was the only builder dex,
// a trimmed testnet perpDexs list, a testnet perpDexLimits body, and the main dex's 2023 meta, DYDX book and
// 2026 allDexsAssetCtxs message.
const DEXS_MAINNET = "hyperliquid/perpDexs_mainnet_xyz_2025-10.json";
const DEXS_TESTNET = "hyperliquid/perpDexs_testnet_trimmed_2026.json";
const LIMITS_HYNA = "hyperliquid/perpDexLimits_testnet_hyna_2026.json";
const META = "hyperliquid/meta_2023-07-17.json";
const BOOK = "hyperliquid/l2Book_DYDX_2023-07-17.json";
const CTXS = "hyperliquid/ws_allDexsAssetCtxs_2026.json";
const SPOT = "hyperliquid/spotMetaAndAssetCtxs_2025-11-09.json";

const xyz = connectorFor("hyperliquid-xyz");
type Meta = { universe: { name: string; szDecimals: number; maxLeverage: number }[] };
type Book = { coin: string; levels: { px: string; sz: string; n: number }[][]; time: number };

/**
 * DERIVED, not recorded: no real meta, l2Book or fundingHistory body of a builder dex was found (README). These
 * helpers rename the coins of recorded main-dex bodies to "xyz:<COIN>" to drive the dex parsers; every value
 * asserted on them is the recorded one, only the names carry the prefix.
 */
function derivedDexMeta(extra: Record<string, unknown> = {}): Meta & Record<string, unknown> {
  const meta = structuredClone(readFixture(META) as Meta);
  meta.universe.forEach((a) => (a.name = `xyz:${a.name}`));
  return { ...meta, ...extra };
}
function derivedDexMetaAndCtxs(collateralToken = 0): [unknown, Record<string, unknown>[]] {
  const msg = readFixture(CTXS) as { data: { ctxs: [string, Record<string, unknown>[]][] } };
  return [derivedDexMeta({ collateralToken }), msg.data.ctxs[0][1].slice(0, 28)];
}
const derivedDexBook = (coin = "xyz:DYDX"): Book => ({ ...(readFixture(BOOK) as Book), coin });

describe("HIP-3 dex discovery and limits on recorded bodies", () => {
  it("reads the mainnet perpDexs list: the main dex's null skipped, xyz with deployer, oracle updater and OI caps", () => {
    const r = parsePerpDexs(readFixture(DEXS_MAINNET));
    expect(r.rejected).toEqual([]);
    expect(r.dexes).toEqual([
      {
        index: 1,
        name: "xyz",
        fullName: "XYZ",
        deployer: "0x88806a71d74ad0a510b350545c9ae490912f0888",
        oracleUpdater: "0x1234567890545d1df9ee64b35fdd16966e08acec",
        feeRecipient: "0x79c0650064b10f73649b7b64c5ebf0b319606140",
        streamingOiCaps: [["xyz:XYZ100", "100000000.0"]],
        fundingMultipliers: null,
      },
    ]);
  });

  it("reads null oracle updaters and funding multipliers of the testnet list, and rejects a bad entry by index", () => {
    const body = readFixture(DEXS_TESTNET) as unknown[];
    const r = parsePerpDexs(body);
    expect(r.dexes.map((d) => [d.name, d.oracleUpdater, d.feeRecipient, d.fundingMultipliers])).toEqual([
      ["test", null, null, []],
      ["felix", null, "0x3a4ca3a93fc224c0a073d087c19ba8f0f04c7f00", [["felix:CRCL", "1.0"]]],
    ]);
    const bad = structuredClone(body) as Record<string, unknown>[];
    bad[2] = { ...bad[2], deployer: "nobody" };
    bad.push({ ...(body[1] as object), name: "TOON" });
    const r2 = parsePerpDexs(bad);
    expect(r2.dexes.map((d) => d.name)).toEqual(["test"]);
    expect(r2.rejected).toEqual([expect.objectContaining({ field: "deployer", index: 2 }), expect.objectContaining({ field: "name", index: 3 })]);
  });

  it("reads perpDexLimits caps as the body writes them; null for the main dex; another dex's coins refused", () => {
    expect(parsePerpDexLimits(readFixture(LIMITS_HYNA), "hyna")).toEqual({
      limits: { totalOiCap: "50000000.0", oiSzCapPerPerp: "10000000000.0", maxTransferNtl: "1000000000.0", coinToOiCap: [["hyna:BTC", "100000.0"]] },
      rejected: [],
    });
    expect(parsePerpDexLimits(null, "hyna")).toEqual({ limits: null, rejected: [] });
    expect(parsePerpDexLimits(readFixture(LIMITS_HYNA), "xyz").rejected[0]).toMatchObject({ venue: "hyperliquid-xyz", symbol: "hyna:BTC", field: "coinToOiCap" });
    const bad = parsePerpDexLimits({ ...(readFixture(LIMITS_HYNA) as object), totalOiCap: "lots" }, "hyna");
    expect(bad.limits).toBeNull();
    expect(bad.rejected[0]).toMatchObject({ venue: "hyperliquid-hyna", field: "totalOiCap" });
  });

  it("turns a dex and its limits into dated facts quoting the bodies; what a body leaves out stays unknown", () => {
    const [felix] = parsePerpDexs(readFixture(DEXS_TESTNET)).dexes.slice(1);
    const { limits } = parsePerpDexLimits(readFixture(LIMITS_HYNA), "hyna");
    const facts = hip3Facts(felix, limits, { asOf: "2026-09-01", origin: "test" });
    const byKey = Object.fromEntries(facts.map((f) => [f.key, f]));
    expect(byKey["hip3.deployer"]).toMatchObject({ status: "known", value: "0x3a4ca3a93fc224c0a073d087c19ba8f0f04c7f00", quote: '"deployer":"0x3a4ca3a93fc224c0a073d087c19ba8f0f04c7f00"', asOf: "2026-09-01", sourceUrl: expect.stringContaining("info-endpoint/perpetuals") });
    expect(byKey["hip3.oracle_updater"]).toMatchObject({ status: "unknown", sourceUrl: null, note: expect.stringContaining("oracleUpdater as null") });
    expect(byKey["hip3.funding_multipliers"]).toMatchObject({ status: "known", value: "1 asset(s): felix:CRCL 1.0" });
    expect(byKey["hip3.total_oi_cap"]).toMatchObject({ status: "known", value: "50000000.0", quote: '"totalOiCap":"50000000.0"', note: expect.stringContaining('"dex":"felix"') });
    expect(byKey["hip3.coin_oi_caps"]).toMatchObject({ value: "1 coin(s): hyna:BTC 100000.0" });
    const noLimits = hip3Facts(felix, null, { asOf: "2026-09-01", origin: "test" });
    expect(noLimits.filter((f) => f.key.includes("oi_cap") && f.key !== "hip3.streaming_oi_caps").every((f) => f.status === "unknown")).toBe(true);
  });

  it("ships the xyz profile exactly as the recorded mainnet perpDexs body gives it (nothing added)", () => {
    const [profile] = readProfiles().filter((p) => p.venue === "hyperliquid-xyz");
    expect(profile.ok).toBe(true);
    const [dex] = parsePerpDexs(readFixture(DEXS_MAINNET)).dexes;
    const origin = "mainnet body recorded no later than 2025-10-30 by astraly-labs/hyperliquid-rust-sdk @ 100aeac3f86d8f203dd116113c62ed9d7ec997a3 : src/info/response_structs.rs; kept in tests/fixtures/hyperliquid/perpDexs_mainnet_xyz_2025-10.json";
    const expected = hip3Facts(dex, null, { asOf: "2025-10-30", origin }, { asOf: "2025-10-30", origin: "no recorded mainnet perpDexLimits body was found; `venuescope hip3` fetches it live" });
    expect(profile.profile!.facts.map(({ key, status, value, quote, asOf }) => ({ key, status, value, quote, asOf }))).toEqual(expected.map(({ key, status, value, quote, asOf }) => ({ key, status, value, quote: quote ?? undefined, asOf })).map((f) => ({ ...f, quote: f.quote ?? null })));
  });
});

describe("hyperliquid-<dex> venues", () => {
  it("resolves any dex slug to a venue of its own, listed under Hyperliquid", () => {
    expect(xyz.info).toMatchObject({ slug: "hyperliquid-xyz", name: "Hyperliquid · xyz", kind: "dex", chain: "Hyperliquid L1" });
    expect(connectorFor("hyperliquid-km").info.slug).toBe("hyperliquid-km");
    expect(parentVenueOf("hyperliquid-xyz")).toBe("hyperliquid");
    expect(parentVenueOf("hyperliquid")).toBeNull();
    expect(hip3DexOfSlug("hyperliquid-toolong")).toBeNull();
    expect(isKnownVenue("hyperliquid-xyz")).toBe(true);
    expect(isKnownVenue("hyperliquid-XYZ")).toBe(false);
    expect(() => connectorFor("hyperliquid-XYZ")).toThrow(/venue not supported/);
    expect(xyz.symbolFor("NVDA")).toBe("xyz:NVDA");
  });

  it("ticks at 5 significant figures and 6 − szDecimals decimals, integers always allowed", () => {
    expect(tickAtPrice(77562, 5)).toBe(1);
    expect(tickAtPrice(2123.7, 4)).toBe(0.1);
    expect(tickAtPrice(4.4716, 1)).toBe(0.0001);
    expect(tickAtPrice(0.000012, 0)).toBe(0.000001);
    expect(tickAtPrice(0, 2)).toBeNull();
  });

  it("parses a dex's meta into markets keyed by the prefixed coin, base without the prefix (derived body)", async () => {
    const r = await xyz.parse("markets", derivedDexMetaAndCtxs(), context("hyperliquid-xyz"));
    expect(r.rejected).toEqual([]);
    expect(r.rows).toHaveLength(28);
    expect(r.rows.find((m) => m.symbol === "xyz:BTC")).toEqual({
      symbol: "xyz:BTC", base: "BTC", quote: "USDC", settle: "USDC", contractType: "linear", sizeUnit: "base", contractSize: 1,
      tickSize: 1, maxLeverage: 50, fundingIntervalHours: 1, fundingCapRate: null, fundingFloorRate: null, active: true,
    });
    // The same ticks ccxt derives for the main dex from the same marks (connector.test.ts): 1 and 0.1.
    expect(r.rows.find((m) => m.symbol === "xyz:ETH")?.tickSize).toBe(0.1);
  });

  it("names a non-USDC collateral from the recorded spotMeta bundled with the body (USDE = token 235, USDH = 360)", async () => {
    const spot = readFixture(SPOT);
    const usde = await xyz.parse("markets", [derivedDexMetaAndCtxs(235), spot], context("hyperliquid-xyz"));
    expect(usde.rejected).toEqual([]);
    expect(usde.rows.find((m) => m.symbol === "xyz:BTC")).toMatchObject({ quote: "USDE", settle: "USDE", tickSize: 1 });
    const usdh = await xyz.parse("markets", [derivedDexMetaAndCtxs(360), spot], context("hyperliquid-xyz"));
    expect(usdh.rows[0]).toMatchObject({ settle: "USDH" });
    const unknown = await xyz.parse("markets", [derivedDexMetaAndCtxs(99999), spot], context("hyperliquid-xyz"));
    expect(unknown.rejected[0]).toMatchObject({ field: "collateralToken", message: expect.stringContaining("spot token 99999, which is not in the bundled spotMeta") });
  });

  it("refuses a non-USDC dex without spotMeta, the main dex's meta, and a foreign coin by name", async () => {
    const usdh = await xyz.parse("markets", derivedDexMeta({ collateralToken: 360 }), context("hyperliquid-xyz"));
    expect(usdh.rows).toEqual([]);
    expect(usdh.rejected[0]).toMatchObject({ venue: "hyperliquid-xyz", field: "collateralToken", message: expect.stringContaining("spot token 360, which is named only in spotMeta") });
    const main = await xyz.parse("markets", readFixture(META), context("hyperliquid-xyz"));
    expect(main.rejected[0]).toMatchObject({ field: "universe", message: 'meta of the main dex, not of dex "xyz"' });
    const mixed = derivedDexMeta();
    mixed.universe[1].name = "km:ETH";
    const r = await xyz.parse("markets", mixed, context("hyperliquid-xyz"));
    expect(r.rows).toHaveLength(27);
    expect(r.rejected).toEqual([expect.objectContaining({ symbol: "km:ETH", field: "name", index: 1 })]);
  });

  it("keeps the main dex's parser to the main dex: a builder dex's meta names the venue it belongs to", async () => {
    const r = await hyperliquid.parse("markets", derivedDexMeta(), context("hyperliquid"));
    expect(r.rejected[0].message).toBe('builder-deployed (HIP-3) dex "xyz": its markets belong to venue hyperliquid-xyz');
    const m = await hyperliquid.parse("margin", derivedDexMeta(), context("hyperliquid"));
    expect(m.rejected[0].message).toMatch(/meta of builder-deployed \(HIP-3\) dex "xyz", not of the main perp dex/);
  });

  it("reads a dex's margin tables from its meta, one tier table per coin (derived body)", async () => {
    const r = await xyz.parse("margin", derivedDexMeta(), context("hyperliquid-xyz"));
    expect(r.rejected).toEqual([]);
    expect(r.rows).toHaveLength(28);
    expect(r.rows.find((x) => x.type === "tiers" && x.symbol === "xyz:BTC")).toMatchObject({ type: "tiers", tiers: [expect.objectContaining({ maxLeverage: 50, initialMarginRate: 0.02, maintenanceMarginRate: 0.01 })] });
  });

  it("takes only its own dex's contexts from the recorded allDexsAssetCtxs message, never by guessed index", async () => {
    const r = await xyz.parse("oi", readFixture(CTXS), context("hyperliquid-xyz"));
    expect(r.rows).toEqual([]);
    expect(r.rejected).toEqual([expect.objectContaining({ venue: "hyperliquid-xyz", field: "data.ctxs", message: expect.stringMatching(/^dex "xyz": 80 asset contexts but no meta/) })]);
    const km = await connectorFor("hyperliquid-km").parse("funding", readFixture(CTXS), context("hyperliquid-km"));
    expect(km.rejected[0].message).toMatch(/^dex "km": 23 asset contexts/);
  });

  it("reads predicted funding and OI of its coins from metaAndAssetCtxs (derived body)", async () => {
    const f = await xyz.parse("funding", derivedDexMetaAndCtxs(), context("hyperliquid-xyz"));
    expect(f.rows.find((x) => x.symbol === "xyz:BTC")).toMatchObject({ rate: -0.0000015186, markPrice: 77562, indexPrice: 77605, predicted: true, intervalHours: 1 });
    const oi = await xyz.parse("oi", derivedDexMetaAndCtxs(), context("hyperliquid-xyz"));
    expect(oi.rows.find((x) => x.symbol === "xyz:BTC")?.sizeBase).toBe(27353.17682);
  });

  it("refuses settled funding and books of another dex's coins (the recorded main-dex bodies)", async () => {
    const history = [{ coin: "BTC", fundingRate: "-0.00061334", premium: "-0.00091334", time: 1683849600048 }];
    const f = await xyz.parse("funding", history, context("hyperliquid-xyz"));
    expect(f.rows).toEqual([]);
    expect(f.rejected[0]).toMatchObject({ symbol: "BTC", field: "coin", message: 'BTC is not a coin of dex "xyz"' });
    const b = await xyz.parse("depth", readFixture(BOOK), context("hyperliquid-xyz"));
    expect(b.rows).toEqual([]);
    expect(b.rejected[0]).toMatchObject({ symbol: "DYDX", field: "coin" });
    const own = await xyz.parse("funding", history.map((h) => ({ ...h, coin: "xyz:BTC" })), context("hyperliquid-xyz"));
    expect(own.rows[0]).toMatchObject({ symbol: "xyz:BTC", fundingTime: 1683849600048, rate: -0.00061334, predicted: false });
  });
});

describe("hyperliquid-<dex> live path (offline)", () => {
  const dexs = readFixture(DEXS_MAINNET);

  it("checks perpDexs lists the dex, then posts metaAndAssetCtxs with the dex; only that body is captured", async () => {
    const requests: unknown[] = [];
    const captures = await fetchOffline(xyz, "markets", { symbols: [] }, ({ body }) => {
      requests.push(body);
      return (body as { type: string }).type === "perpDexs" ? dexs : derivedDexMetaAndCtxs();
    });
    expect(requests).toEqual([{ type: "perpDexs" }, { type: "metaAndAssetCtxs", dex: "xyz" }]);
    expect(captures).toHaveLength(1);
    expect(captures[0]).toMatchObject({ venue: "hyperliquid-xyz", kind: "markets" });
    const r = await xyz.parse("markets", captures[0].body, context("hyperliquid-xyz"));
    expect(r.rows).toHaveLength(28);
  });

  it("bundles spotMeta with the markets body of a dex margined in another token", async () => {
    const requests: unknown[] = [];
    const captures = await fetchOffline(xyz, "markets", { symbols: [] }, ({ body }) => {
      requests.push(body);
      const type = (body as { type: string }).type;
      return type === "perpDexs" ? dexs : type === "spotMeta" ? (readFixture(SPOT) as unknown[])[0] : derivedDexMetaAndCtxs(360);
    });
    expect(requests).toEqual([{ type: "perpDexs" }, { type: "metaAndAssetCtxs", dex: "xyz" }, { type: "spotMeta" }]);
    expect(captures).toHaveLength(1);
    const r = await xyz.parse("markets", captures[0].body, context("hyperliquid-xyz"));
    expect(r.rejected).toEqual([]);
    expect(r.rows.every((m) => m.settle === "USDH")).toBe(true);
  });

  it("fails a dex perpDexs does not list", async () => {
    await expect(fetchOffline(connectorFor("hyperliquid-flx"), "oi", { symbols: [] }, () => dexs)).rejects.toThrow('hyperliquid-flx: perpDexs lists no builder dex "flx"');
  });

  it("asks l2Book with the prefixed coin, full book then nSigFigs passes, as one bundle", async () => {
    const requests: unknown[] = [];
    const captures = await fetchOffline(xyz, "depth", { symbols: ["xyz:DYDX"] }, ({ body }) => {
      requests.push(body);
      return (body as { type: string }).type === "perpDexs" ? dexs : derivedDexBook();
    });
    expect(requests.slice(0, 3)).toEqual([{ type: "perpDexs" }, { type: "l2Book", coin: "xyz:DYDX" }, { type: "l2Book", coin: "xyz:DYDX", nSigFigs: 5 }]);
    expect(captures).toHaveLength(1);
    const r = await xyz.parse("depth", captures[0].body, context("hyperliquid-xyz", { symbol: "xyz:DYDX", levelLimit: 20 }));
    expect(r.rejected).toEqual([]);
    expect(r.rows[0]).toMatchObject({ symbol: "xyz:DYDX", exchangeTs: 1689630203930 });
    expect(r.rows[0].bids[0]).toEqual([2.111, 134.4]);
  });

  it("without named markets, takes the dex's three largest by open interest at mark", async () => {
    const requests: { type: string; coin?: string }[] = [];
    await fetchOffline(xyz, "funding", { symbols: [] }, ({ body }) => {
      const b = body as { type: string; coin?: string };
      requests.push(b);
      return b.type === "perpDexs" ? dexs : b.type === "metaAndAssetCtxs" ? derivedDexMetaAndCtxs() : [];
    });
    // OI × mark in the recorded contexts: BTC 2.12 bn, ETH 1.29 bn, SOL 0.34 bn USD lead the 28.
    expect(requests.filter((r) => r.type === "fundingHistory").map((r) => r.coin)).toEqual(["xyz:BTC", "xyz:ETH", "xyz:SOL"]);
    expect(requests.at(-1)).toEqual({ type: "metaAndAssetCtxs", dex: "xyz" });
  });
});

describe.skipIf(process.env.LIVE !== "1")("hyperliquid HIP-3 live API", () => {
  it("discovers the builder dexes and reads one dex's limits, markets, book and funding", async () => {
    const http = createVenueHttp(hyperliquid);
    const { dexes } = parsePerpDexs(await http.ccxtCall("publicPostInfo", { type: "perpDexs" }, { kind: "markets", symbol: null }));
    expect(dexes.length).toBeGreaterThan(0);
    const limits = parsePerpDexLimits(await http.ccxtCall("publicPostInfo", { type: "perpDexLimits", dex: dexes[0].name }, { kind: "markets", symbol: null }), dexes[0].name);
    expect(limits.rejected).toEqual([]);
    // The first dex with active markets (many dexes have delisted every asset).
    for (const d of dexes) {
      const c = connectorFor(`hyperliquid-${d.name}`);
      const mh = createVenueHttp(c);
      await c.fetch("markets", mh, { symbols: [] });
      const markets = await c.parse("markets", mh.captures[0].body, context(c.info.slug));
      if (markets.rows.filter((m) => m.active).length === 0) continue;
      const dh = createVenueHttp(c);
      await c.fetch("depth", dh, { symbols: [] });
      const book = await c.parse("depth", dh.captures[0].body, context(c.info.slug, { symbol: dh.captures[0].symbol, receivedTs: dh.captures[0].receivedTs, levelLimit: 20 }));
      expect(book.rejected).toEqual([]);
      expect(book.rows[0].symbol.startsWith(`${d.name}:`)).toBe(true);
      const fh = createVenueHttp(c);
      await c.fetch("funding", fh, { symbols: [dh.captures[0].symbol!] });
      const funding = await c.parse("funding", fh.captures[0].body, context(c.info.slug, { symbol: fh.captures[0].symbol }));
      expect(funding.rejected).toEqual([]);
      expect(funding.rows.length).toBeGreaterThan(0);
      return;
    }
    throw new Error("no builder dex with active markets");
  }, 90_000);
});
