// The recorded bodies of the venues added for issue #20, loaded through the bundled manifest
// (data/recorded/manifest.json) into a real database, as `bootstrap` does on first start.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDb, type TempDb } from "./db-helper";
import { loadRecordedDataset, readManifest, recordedDir } from "../../lib/bootstrap";
import { decodeLevels } from "../../lib/books/level-codec";
import { loadProfiles } from "../../lib/facts/load-profiles";
import { getCoverage } from "../../lib/services/coverage";

let t: TempDb;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "venuescope-venues-"));

/** A manifest holding only `venue`'s entries, pointing at the bundled files. */
function manifestFor(venue: string): string {
  const dir = path.join(tmp, venue);
  fs.mkdirSync(dir, { recursive: true });
  const m = readManifest();
  const entries = m.entries.filter((e) => e.venue === venue);
  for (const e of entries) {
    fs.mkdirSync(path.dirname(path.join(dir, e.file)), { recursive: true });
    fs.copyFileSync(path.join(recordedDir(), e.file), path.join(dir, e.file));
  }
  fs.writeFileSync(path.join(dir, "manifest.json"), JSON.stringify({ ...m, entries }));
  return dir;
}

beforeAll(async () => {
  t = await tempDb();
});
afterAll(async () => {
  await t.cleanup();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("binance-coinm recorded bodies into a real database", () => {
  it("stores inverse markets, a book in BTC and 8-hourly funding; a second load writes nothing", async () => {
    const dir = manifestFor("binance-coinm");
    const runs = await loadRecordedDataset(t.db, () => {}, dir);
    expect(runs.map((r) => [r.kind, r.status, r.rowsRejected])).toEqual([
      ["markets", "ok", 0],
      ["fees", "ok", 0],
      ["depth", "ok", 0],
      ["funding", "ok", 0],
      ["funding", "ok", 0],
    ]);
    const venue = await t.db.venue.findUniqueOrThrow({ where: { slug: "binance-coinm" } });
    expect(venue.provenance).toBe("recorded");
    const btc = await t.db.market.findFirstOrThrow({ where: { venueId: venue.id, symbol: "BTCUSD_PERP" } });
    expect(btc).toMatchObject({ contractType: "inverse", sizeUnit: "contracts", contractSize: 100, settle: "BTC" });
    expect(await t.db.market.count({ where: { venueId: venue.id } })).toBe(25);

    const book = await t.db.bookSnapshot.findFirstOrThrow({ where: { marketId: btc.id } });
    expect([book.bidLevels, book.askLevels, book.truncated, book.bestAsk, book.bestBid]).toEqual([100, 100, true, 69512.8, 69512.7]);
    // Stored in BTC: the USD depth of each side equals contracts × 100 USD summed over the raw levels.
    const raw = JSON.parse(fs.readFileSync(path.join(dir, "binance-coinm/depth_BTCUSD_PERP_limit100_2024-11-01.json"), "utf8")) as { bids: [string, string][]; asks: [string, string][] };
    const contractsUsd = (levels: [string, string][]) => levels.reduce((s, [, q]) => s + Number(q) * 100, 0);
    const storedUsd = (bytes: Uint8Array) => decodeLevels(bytes).reduce((s, [p, q]) => s + p * q, 0);
    expect(storedUsd(book.asks)).toBeCloseTo(contractsUsd(raw.asks), 0);
    expect(storedUsd(book.bids)).toBeCloseTo(contractsUsd(raw.bids), 0);
    // best ask 6209 contracts = 620,900 USD at 69512.8 → 8.932168 BTC
    expect(decodeLevels(book.asks)[0][1]).toBeCloseTo(8.932168, 4);

    const settled = await t.db.fundingRecord.findMany({ where: { marketId: btc.id, predicted: false }, orderBy: { fundingTime: "asc" } });
    expect(settled).toHaveLength(50);
    expect(new Set(settled.map((r) => r.intervalHours))).toEqual(new Set([8]));
    const predicted = await t.db.fundingRecord.findMany({ where: { marketId: btc.id, predicted: true } });
    expect(predicted.map((r) => [r.rate, r.markPrice])).toEqual([[0.00006292, 26780.2]]);

    const again = await loadRecordedDataset(t.db, () => {}, dir);
    expect(again).toEqual([]);
  }, 60_000);
});

describe("gate recorded bodies into a real database", () => {
  it("stores 302 linear contracts, two books in base units, the current funding and open interest", async () => {
    const dir = manifestFor("gate");
    const runs = await loadRecordedDataset(t.db, () => {}, dir);
    expect(runs.map((r) => [r.kind, r.status, r.rowsRejected])).toEqual([
      ["markets", "ok", 0],
      ["fees", "ok", 0],
      ["funding", "ok", 0],
      ["oi", "ok", 0],
      ["depth", "ok", 0],
      ["depth", "ok", 0],
    ]);
    const venue = await t.db.venue.findUniqueOrThrow({ where: { slug: "gate" } });
    expect(await t.db.market.count({ where: { venueId: venue.id } })).toBe(302);
    const btc = await t.db.market.findFirstOrThrow({ where: { venueId: venue.id, symbol: "BTC_USDT" } });
    expect(btc).toMatchObject({ contractType: "linear", sizeUnit: "contracts", contractSize: 0.0001, fundingIntervalHours: 8 });
    const oi = await t.db.openInterestReading.findFirstOrThrow({ where: { marketId: btc.id } });
    // 169,531,691 contracts × 0.0001 BTC = 16,953.1691 BTC at mark 26,704.26, at the manifest's recording time
    expect(oi.ts.toISOString()).toBe("2023-05-24T12:09:23.000Z");
    expect(oi.sizeBase).toBeCloseTo(16953.1691, 4);
    expect(oi.valueUsd).toBeCloseTo(16953.1691 * 26704.26, 0);
    const funding = await t.db.fundingRecord.findFirstOrThrow({ where: { marketId: btc.id } });
    expect([funding.rate, funding.predicted, funding.fundingTime.toISOString()]).toEqual([0.000086, true, "2023-05-24T16:00:00.000Z"]);
    const quick = await t.db.market.findFirstOrThrow({ where: { venueId: venue.id, symbol: "QUICK_USDT" } });
    const book = await t.db.bookSnapshot.findFirstOrThrow({ where: { marketId: quick.id } });
    expect([book.askLevels, book.bidLevels, book.truncated, book.bestAsk, book.bestBid]).toEqual([62, 36, false, 57, 56.91]);
    const raw = JSON.parse(fs.readFileSync(path.join(dir, "gate/futures_usdt_order_book_QUICK_USDT_limit100_2023-05-24.json"), "utf8")) as { asks: { p: string; s: number }[] };
    const rawUsd = raw.asks.reduce((s, l) => s + Number(l.p) * l.s * 0.01, 0);
    expect(decodeLevels(book.asks).reduce((s, [p, q]) => s + p * q, 0)).toBeCloseTo(rawUsd, 1);
    expect(await loadRecordedDataset(t.db, () => {}, dir)).toEqual([]);
  }, 60_000);
});

describe("htx recorded bodies into a real database", () => {
  it("stores inverse and linear swaps and the ATOM-USD book in ATOM", async () => {
    const dir = manifestFor("htx");
    const runs = await loadRecordedDataset(t.db, () => {}, dir);
    expect(runs.map((r) => [r.kind, r.status, r.rowsWritten, r.rowsRejected])).toEqual([
      ["markets", "ok", 50, 0],
      ["markets", "ok", 121, 0],
      ["depth", "ok", 1, 0],
    ]);
    const venue = await t.db.venue.findUniqueOrThrow({ where: { slug: "htx" } });
    const btc = await t.db.market.findFirstOrThrow({ where: { venueId: venue.id, symbol: "BTC-USD" } });
    expect(btc).toMatchObject({ contractType: "inverse", contractSize: 100, settle: "BTC" });
    const atom = await t.db.market.findFirstOrThrow({ where: { venueId: venue.id, symbol: "ATOM-USD" } });
    const book = await t.db.bookSnapshot.findFirstOrThrow({ where: { marketId: atom.id } });
    expect([book.bidLevels, book.askLevels, book.truncated, book.bestBid, book.ts.getTime()]).toEqual([90, 89, false, 26.5766, 1645289384842]);
    // Stored in ATOM: the bid side's USD depth equals Σ contracts × 10 USD of the raw push.
    const raw = JSON.parse(fs.readFileSync(path.join(dir, "htx/ws_depth_step0_ATOM-USD_2022-02-19.json"), "utf8")) as { tick: { bids: [number, number][] } };
    const usd = raw.tick.bids.reduce((s, [, q]) => s + q * 10, 0);
    expect(decodeLevels(book.bids).reduce((s, [p, q]) => s + p * q, 0)).toBeCloseTo(usd, 0);
    expect(await loadRecordedDataset(t.db, () => {}, dir)).toEqual([]);
  }, 60_000);
});

describe("book labels stored with the snapshot (#15.5)", () => {
  it("stores the bundled 5-level dYdX book as cut at 5 levels (the recorder trimmed it), not as a whole thin book", async () => {
    const runs = await loadRecordedDataset(t.db, () => {}, manifestFor("dydx-v4"));
    expect(runs.find((r) => r.kind === "depth")).toMatchObject({ status: "ok", rowsWritten: 1 });
    const market = await t.db.market.findFirstOrThrow({ where: { symbol: "BTC-USD", venue: { slug: "dydx-v4" } } });
    const book = await t.db.bookSnapshot.findFirstOrThrow({ where: { marketId: market.id } });
    expect([book.bidLevels, book.askLevels, book.levelLimit, book.truncated, book.aggregated, book.exactLevels]).toEqual([5, 5, 5, true, false, null]);
  });

  it("stores a merged Hyperliquid bundle labelled aggregated with its 20 exact levels", async () => {
    const { ingestBodies } = await import("../../lib/ingest/ingest-bodies");
    const { hyperliquid } = await import("../../lib/venues/hyperliquid/connector");
    const full = JSON.parse(fs.readFileSync(path.resolve("tests/fixtures/hyperliquid/l2Book_DYDX_2023-07-17.json"), "utf8"));
    // A hand-built 4-figure pass (no recorded nSigFigs body exists): one bid bucket wholly past 1.81.
    const four = { coin: "DYDX", time: full.time, levels: [[{ px: "1.809", sz: "50", n: 1 }], [{ px: "2.112", sz: "700", n: 4 }]] };
    const run = await ingestBodies(t.db, hyperliquid, "depth", [{ body: [full, full, four], symbol: "DYDX", receivedTs: full.time + 500, levelLimit: 20 }], { provenance: "recorded", mode: "import", source: "test" });
    expect(run).toMatchObject({ status: "ok", rowsWritten: 1 });
    const market = await t.db.market.findFirstOrThrow({ where: { symbol: "DYDX", venue: { slug: "hyperliquid" } } });
    const book = await t.db.bookSnapshot.findFirstOrThrow({ where: { marketId: market.id } });
    expect([book.bidLevels, book.askLevels, book.truncated, book.aggregated, book.exactLevels]).toEqual([21, 20, false, true, 20]);
    expect(decodeLevels(book.bids).at(-1)).toEqual([1.808, 50]);
  });
});

describe("grvt recorded bodies into a real database", () => {
  it("stores the instrument and the BTC book (ns event_time → ms), base-sized", async () => {
    const dir = manifestFor("grvt");
    const runs = await loadRecordedDataset(t.db, () => {}, dir);
    expect(runs.map((r) => [r.kind, r.status, r.rowsWritten, r.rowsRejected])).toEqual([
      ["markets", "ok", 1, 0],
      ["depth", "ok", 1, 0],
    ]);
    const venue = await t.db.venue.findUniqueOrThrow({ where: { slug: "grvt" } });
    expect(venue.provenance).toBe("recorded");
    const aave = await t.db.market.findFirstOrThrow({ where: { venueId: venue.id, symbol: "AAVE_USDT_Perp" } });
    expect(aave).toMatchObject({ sizeUnit: "base", fundingIntervalHours: 8 });
    const btc = await t.db.market.findFirstOrThrow({ where: { venueId: venue.id, symbol: "BTC_USDT_Perp" } });
    const book = await t.db.bookSnapshot.findFirstOrThrow({ where: { marketId: btc.id } });
    expect([book.bidLevels, book.askLevels, book.truncated, book.bestBid, book.bestAsk, book.ts.toISOString()]).toEqual([10, 10, true, 88051.6, 88051.7, "2025-12-20T14:10:04.750Z"]);
    expect(await loadRecordedDataset(t.db, () => {}, dir)).toEqual([]);
  }, 60_000);
});

describe("extended recorded bodies into a real database", () => {
  it("stores BTC-USD with hourly funding and its predicted rate (the undated one-level book is not bundled)", async () => {
    const dir = manifestFor("extended");
    const runs = await loadRecordedDataset(t.db, () => {}, dir);
    expect(runs.map((r) => [r.kind, r.status, r.rowsWritten, r.rowsRejected])).toEqual([
      ["markets", "ok", 1, 0],
      ["funding", "ok", 1, 0],
    ]);
    const venue = await t.db.venue.findUniqueOrThrow({ where: { slug: "extended" } });
    const btc = await t.db.market.findFirstOrThrow({ where: { venueId: venue.id, symbol: "BTC-USD" } });
    expect(btc).toMatchObject({ sizeUnit: "base", settle: "USDC", fundingIntervalHours: 1, maxLeverage: 50 });
    const f = await t.db.fundingRecord.findFirstOrThrow({ where: { marketId: btc.id } });
    expect([f.rate, f.predicted, f.intervalHours, f.fundingTime.toISOString()]).toEqual([0.000012, true, 1, "2026-04-29T07:00:00.000Z"]);
    expect(await t.db.bookSnapshot.count({ where: { marketId: btc.id } })).toBe(0);
    expect(await loadRecordedDataset(t.db, () => {}, dir)).toEqual([]);
  }, 60_000);
});

describe("lighter recorded bodies into a real database", () => {
  it("stores the ETH perpetual and its open interest in ETH (no price in the body: valueUsd left to the writer)", async () => {
    const dir = manifestFor("lighter");
    const runs = await loadRecordedDataset(t.db, () => {}, dir);
    expect(runs.map((r) => [r.kind, r.status, r.rowsWritten, r.rowsRejected])).toEqual([
      ["markets", "ok", 1, 0],
      ["oi", "ok", 1, 0],
    ]);
    const venue = await t.db.venue.findUniqueOrThrow({ where: { slug: "lighter" } });
    const eth = await t.db.market.findFirstOrThrow({ where: { venueId: venue.id, symbol: "ETH" } });
    expect(eth).toMatchObject({ sizeUnit: "base", settle: "USDC", fundingIntervalHours: 1, tickSize: 0.01 });
    const oi = await t.db.openInterestReading.findFirstOrThrow({ where: { marketId: eth.id } });
    expect([oi.ts.toISOString(), oi.sizeBase]).toEqual(["2026-05-05T00:00:00.000Z", 27350.8981]);
    expect(await loadRecordedDataset(t.db, () => {}, dir)).toEqual([]);
  }, 60_000);
});

describe("edgex recorded bodies into a real database", () => {
  it("stores the V2 contracts, default fees, BTCUSDC settlements and the predicted rate, and open interest valued at the mark", async () => {
    const dir = manifestFor("edgex");
    const runs = await loadRecordedDataset(t.db, () => {}, dir);
    // 4 settled + predicted rows: 3 settlements and the ticker's estimate for 2026-09-14 00:00Z.
    expect(runs.map((r) => [r.kind, r.status, r.rowsWritten, r.rowsRejected])).toEqual([
      ["markets", "ok", 8, 0],
      ["fees", "ok", 1, 0],
      ["funding", "ok", 3, 0],
      ["funding", "ok", 1, 0],
      ["oi", "ok", 1, 0],
    ]);
    const venue = await t.db.venue.findUniqueOrThrow({ where: { slug: "edgex" } });
    expect(venue.kind).toBe("dex");
    const btc = await t.db.market.findFirstOrThrow({ where: { venueId: venue.id, symbol: "BTCUSDC" } });
    expect(btc).toMatchObject({ base: "BTC", sizeUnit: "base", settle: "USDC", fundingIntervalHours: 4, tickSize: 0.1 });
    const funding = await t.db.fundingRecord.findMany({ where: { marketId: btc.id }, orderBy: { fundingTime: "asc" } });
    expect(funding.map((f) => [f.fundingTime.toISOString(), f.rate])).toEqual([
      ["2026-09-13T12:00:00.000Z", -0.00005842],
      ["2026-09-13T16:00:00.000Z", -0.0000522],
      ["2026-09-13T20:00:00.000Z", -0.00005067],
      ["2026-09-14T00:00:00.000Z", -0.00005592],
    ]);
    const oi = await t.db.openInterestReading.findFirstOrThrow({ where: { marketId: btc.id } });
    expect([oi.ts.toISOString(), oi.sizeBase]).toEqual(["2026-09-13T22:37:19.906Z", 3284.957]);
    expect(await loadRecordedDataset(t.db, () => {}, dir)).toEqual([]);
  }, 60_000);
});

describe("backpack recorded bodies into a real database", () => {
  it("stores ETH funding (hourly after the 2025-08-20 switch, 8-hourly before) and open interest, the market inferred from its symbol", async () => {
    const dir = manifestFor("backpack");
    const runs = await loadRecordedDataset(t.db, () => {}, dir);
    expect(runs.map((r) => [r.kind, r.status, r.rowsWritten, r.rowsRejected])).toEqual([
      ["funding", "ok", 3, 0],
      ["funding", "ok", 1, 0],
      ["oi", "ok", 1, 0],
    ]);
    const venue = await t.db.venue.findUniqueOrThrow({ where: { slug: "backpack" } });
    const eth = await t.db.market.findFirstOrThrow({ where: { venueId: venue.id, symbol: "ETH_USDC_PERP" } });
    expect(eth).toMatchObject({ base: "ETH", sizeUnit: "base", settle: "USDC" });
    const settled = await t.db.fundingRecord.findMany({ where: { marketId: eth.id, predicted: false }, orderBy: { fundingTime: "asc" } });
    expect(settled.map((r) => [r.fundingTime.toISOString(), r.rate, r.intervalHours])).toEqual([
      ["2025-09-11T10:00:00.000Z", 0.000006196, 1],
      ["2025-09-11T11:00:00.000Z", 0.0000125, 1],
      ["2025-09-11T12:00:00.000Z", 0.0000125, 1],
    ]);
    const predicted = await t.db.fundingRecord.findFirstOrThrow({ where: { marketId: eth.id, predicted: true } });
    expect([predicted.intervalHours, predicted.fundingTime.toISOString()]).toEqual([8, "2025-08-12T00:00:00.000Z"]);
    const oi = await t.db.openInterestReading.findFirstOrThrow({ where: { marketId: eth.id } });
    expect([oi.ts.toISOString(), oi.sizeBase]).toEqual(["2025-08-12T13:53:57.991Z", 27481.6232]);
    expect(await loadRecordedDataset(t.db, () => {}, dir)).toEqual([]);
  }, 60_000);
});

describe("kucoinfutures recorded bodies into a real database", () => {
  it("stores linear and inverse contracts, the XBTUSDTM book in BTC (ns stamp) and the 8-hour current rate", async () => {
    const dir = manifestFor("kucoinfutures");
    const runs = await loadRecordedDataset(t.db, () => {}, dir);
    expect(runs.map((r) => [r.kind, r.status, r.rowsWritten, r.rowsRejected])).toEqual([
      ["markets", "ok", 2, 0],
      ["depth", "ok", 1, 0],
      ["funding", "ok", 1, 0],
    ]);
    const venue = await t.db.venue.findUniqueOrThrow({ where: { slug: "kucoinfutures" } });
    const lin = await t.db.market.findFirstOrThrow({ where: { venueId: venue.id, symbol: "XBTUSDTM" } });
    expect(lin).toMatchObject({ contractType: "linear", contractSize: 0.001, fundingIntervalHours: 8 });
    const inv = await t.db.market.findFirstOrThrow({ where: { venueId: venue.id, symbol: "XBTUSDM" } });
    expect(inv).toMatchObject({ contractType: "inverse", contractSize: 1, settle: "BTC" });
    const book = await t.db.bookSnapshot.findFirstOrThrow({ where: { marketId: lin.id } });
    expect([book.bidLevels, book.askLevels, book.bestBid, book.bestAsk, book.ts.toISOString()]).toEqual([5, 5, 89389.6, 89389.7, "2026-01-21T04:19:14.925Z"]);
    expect(decodeLevels(book.asks)[0][1]).toBeCloseTo(0.048, 9);
    const f = await t.db.fundingRecord.findFirstOrThrow({ where: { marketId: lin.id } });
    expect([f.rate, f.intervalHours, f.predicted, f.fundingTime.toISOString()]).toEqual([0.000136, 8, true, "2024-01-22T04:00:00.000Z"]);
    expect(await loadRecordedDataset(t.db, () => {}, dir)).toEqual([]);
  }, 60_000);
});

describe("mexc recorded bodies into a real database", () => {
  it("stores BTC_USDT (0.0001 BTC contracts) and its book in BTC", async () => {
    const dir = manifestFor("mexc");
    const runs = await loadRecordedDataset(t.db, () => {}, dir);
    expect(runs.map((r) => [r.kind, r.status, r.rowsWritten, r.rowsRejected])).toEqual([
      ["markets", "ok", 1, 0],
      ["depth", "ok", 1, 0],
    ]);
    const venue = await t.db.venue.findUniqueOrThrow({ where: { slug: "mexc" } });
    const btc = await t.db.market.findFirstOrThrow({ where: { venueId: venue.id, symbol: "BTC_USDT" } });
    expect(btc).toMatchObject({ contractType: "linear", sizeUnit: "contracts", contractSize: 0.0001, maxLeverage: 500 });
    const book = await t.db.bookSnapshot.findFirstOrThrow({ where: { marketId: btc.id } });
    expect([book.bidLevels, book.askLevels, book.bestBid, book.bestAsk, book.ts.toISOString()]).toEqual([5, 5, 87631.4, 87631.5, "2025-12-31T19:38:34.046Z"]);
    expect(decodeLevels(book.bids)[0][1]).toBeCloseTo(1.1742, 9);
    expect(await loadRecordedDataset(t.db, () => {}, dir)).toEqual([]);
  }, 60_000);
});

describe("the new venues in /data coverage", () => {
  it("lists each venue loaded above with its kind, provenance, has map and curated facts", async () => {
    await loadProfiles(t.db, path.resolve("data/facts"));
    const cov = await getCoverage(t.db);
    const bySlug = new Map(cov.map((v) => [v.slug, v]));
    const expected: [string, "cex" | "dex"][] = [["grvt", "dex"], ["extended", "dex"], ["lighter", "dex"], ["edgex", "dex"], ["backpack", "cex"], ["kucoinfutures", "cex"], ["mexc", "cex"]];
    for (const [slug, kind] of expected) {
      const v = bySlug.get(slug);
      expect(v, slug).toBeDefined();
      expect([v!.kind, v!.provenance, v!.has?.markets, v!.facts > 0, v!.markets.length > 0], slug).toEqual([kind, "recorded", true, true, true]);
    }
  }, 60_000);
});
