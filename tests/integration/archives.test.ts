// Venue archive files (data/archives, copied from the shared real fixtures): format detection, depth-band
// import into a real database (idempotent, bad rows rejected with file/line/field, truncated zips refused),
// replay of the WebSocket recordings, and the scorecard scoring Binance BTCUSDT from the two real days.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDb, type TempDb } from "./db-helper";
import { runCli } from "./cli-helper";
import { importArchive, sniffArchive } from "../../lib/ingest/import-archive";
import { archivesDir, loadBundledArchives, loadRecordedDataset } from "../../lib/bootstrap";
import { getScorecard } from "../../lib/services/scorecard";
import { getMarketFigures } from "../../lib/services/market-figures";

const A = archivesDir();
const f = (rel: string) => path.join(A, rel);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "venuescope-archives-"));
let t: TempDb;

beforeAll(async () => {
  t = await tempDb();
  await loadRecordedDataset(t.db); // the venues' markets (Binance BTCUSDT among them)
}, 120_000);
afterAll(async () => {
  await t.cleanup();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("archive formats", () => {
  it("recognises every bundled archive by its content, zipped, gzipped or plain", async () => {
    const seen = await Promise.all(
      ["binance-usdm/BTCUSDT-bookDepth-2023-10-16.zip", "binance-usdm/BTCUSDT-bookDepth-2026-01-31.zip", "binance-usdm/hftbacktest_ws_btcusdt_20240808.gz", "hyperliquid/hftbacktest_ws_btcusd_20250126.gz", "hyperliquid/historical_data_liquidations.csv", "hyperliquid/historical_data_non_mm_trades.csv"].map(async (rel) => {
        const s = await sniffArchive(f(rel));
        return [s.format, s.compression];
      }),
    );
    expect(seen).toEqual([
      ["binance-bookdepth", "zip"], ["binance-bookdepth", "zip"], ["binance-ws-recording", "gzip"], ["hyperliquid-ws-recording", "gzip"], ["hyperliquid-liquidations-csv", "none"], ["hyperliquid-trades-csv", "none"],
    ]);
    // by content, not name: a bookDepth CSV gzipped under another name is still recognised
    const renamed = path.join(tmp, "whatever.gz");
    fs.writeFileSync(renamed, zlib.gzipSync("timestamp,percentage,depth,notional\n"));
    expect((await sniffArchive(renamed)).format).toBe("binance-bookdepth");
  });

  it("says Hyperliquid's liquidations file is recognised but not imported, and why", async () => {
    const r = await importArchive(t.db, { file: f("hyperliquid/historical_data_liquidations.csv") });
    expect(r).toMatchObject({ status: "recognised", format: "hyperliquid-liquidations-csv" });
    expect(r.message).toMatch(/format recognised, not imported: .*no coin, side or price/);
  });
});

describe("bookDepth import into a real database", () => {
  it("stores 2,880 band snapshots from 28,800 rows of 2023-10-16, exact figures at 00:00:13; a second import writes nothing", async () => {
    const r = await importArchive(t.db, { file: f("binance-usdm/BTCUSDT-bookDepth-2023-10-16.zip") });
    expect(r).toMatchObject({ status: "ok", symbol: "BTCUSDT", rowsRead: 28800, rowsRejected: 0, snapshots: 2880, written: 2880, skipped: 0 });
    const row = await t.db.depthBandSnapshot.findFirstOrThrow({ where: { ts: new Date("2023-10-16T00:00:13Z") } });
    const bands = JSON.parse(row.bands) as { pct: number; qty: number; notionalUsd: number }[];
    // CSV lines 6-7: "2023-10-16 00:00:13,-1,3261.77500000,88118459.18580000" and "…,1,3507.51200000,95646901.03296000"
    expect(bands.find((b) => b.pct === -1)).toEqual({ pct: -1, qty: 3261.775, notionalUsd: 88118459.1858 });
    expect(bands.find((b) => b.pct === 1)).toEqual({ pct: 1, qty: 3507.512, notionalUsd: 95646901.03296 });
    expect(row.refPrice).toBeCloseTo(27142.3257, 3);
    expect([row.status, row.provenance, row.source]).toEqual(["ok", "recorded", "BTCUSDT-bookDepth-2023-10-16.zip"]);
    const again = await importArchive(t.db, { file: f("binance-usdm/BTCUSDT-bookDepth-2023-10-16.zip") });
    expect(again).toMatchObject({ status: "ok", written: 0, skipped: 2880 });
    expect(await t.db.depthBandSnapshot.count()).toBe(2880);
  });

  it("stores the 2026-01-31 day's 6 crossed band books flagged with their reason", async () => {
    const r = await importArchive(t.db, { file: f("binance-usdm/BTCUSDT-bookDepth-2026-01-31.zip") });
    expect(r).toMatchObject({ status: "ok", snapshots: 2717, written: 2717, flagged: { crossed: 6 } });
    const crossed = await t.db.depthBandSnapshot.findMany({ where: { status: "crossed" }, orderBy: { ts: "asc" } });
    expect(crossed.map((c) => c.ts.toISOString().slice(11, 19))).toEqual(["17:12:32", "17:13:00", "17:14:00", "18:44:01", "18:44:30", "18:45:05"]);
    expect(crossed[0].reason).toMatch(/^crossed: bid band -0.2 % priced at 78712.87/);
  });

  it("rejects bad rows with file, line and field and keeps the rest (gzipped CSV, through the CLI)", async () => {
    const file = path.join(tmp, "BTCUSDT-bookDepth-2099-01-01.csv.gz");
    const lines = [
      "timestamp,percentage,depth,notional",
      "2099-01-01 00:00:00,-1,10,995",
      "2099-01-01 00:00:00,1,10,1005",
      "2099-01-01 00:00:30,-1,ten,995", // line 4: depth
      "2099-01-01 00:00:30,1,10,1005",
      "2099-01-01 25:00:60,1,10,1005", // line 6: timestamp
      "2099-01-01 00:01:00,0,10,1005", // line 7: percentage
    ];
    fs.writeFileSync(file, zlib.gzipSync(lines.join("\n") + "\n"));
    try {
      const r = await runCli(t.url, "import", file, "--json");
      expect(r.code).toBe(0);
      const j = JSON.parse(r.stdout) as { status: string; rowsRead: number; rowsRejected: number; written: number; rejections: { file: string; line: number; field: string }[] };
      expect(j).toMatchObject({ status: "partial", rowsRead: 6, rowsRejected: 3, written: 2 });
      expect(j.rejections.map((e) => `${e.file}:${e.line}:${e.field}`)).toEqual([
        "BTCUSDT-bookDepth-2099-01-01.csv.gz:4:depth", "BTCUSDT-bookDepth-2099-01-01.csv.gz:6:timestamp", "BTCUSDT-bookDepth-2099-01-01.csv.gz:7:percentage",
      ]);
      const line = await runCli(t.url, "import", file);
      expect(line.stdout).toMatch(/^import BTCUSDT-bookDepth-2099-01-01\.csv\.gz \(binance-bookdepth binance-usdm BTCUSDT\): partial, 6 rows read, 3 rejected; .*first errors: BTCUSDT-bookDepth-2099-01-01\.csv\.gz:4:depth/);
      // 00:00:30 kept its ask band only: stored, flagged "inconsistent" (a side has no bands), used by no figure
      expect((await t.db.depthBandSnapshot.findFirstOrThrow({ where: { ts: new Date("2099-01-01T00:00:30Z") } })).status).toBe("inconsistent");
    } finally {
      // the year-2099 rows would move every preset window; later tests score the real days
      await t.db.depthBandSnapshot.deleteMany({ where: { ts: { gte: new Date("2099-01-01T00:00:00Z") } } });
    }
  });

  it("flags band books frozen for over an hour as stale while streaming, and keeps the live ones", async () => {
    const file = path.join(tmp, "BTCUSDT-bookDepth-2098-01-01.csv");
    const rows = ["timestamp,percentage,depth,notional"];
    const at = (min: number) => `2098-01-01 ${String(Math.floor(min / 60)).padStart(2, "0")}:${String(min % 60).padStart(2, "0")}:00`;
    // minute 0 live; minutes 1..62 frozen (61 minutes identical); minute 63 live again
    for (let m = 0; m <= 63; m++) {
      const q = m === 0 ? 9 : m === 63 ? 11 : 10;
      rows.push(`${at(m)},-1,${q},${q * 99.5}`, `${at(m)},1,${q},${q * 100.5}`);
    }
    fs.writeFileSync(file, rows.join("\n") + "\n");
    try {
      const r = await importArchive(t.db, { file });
      expect(r).toMatchObject({ status: "ok", snapshots: 64, written: 64, flagged: { stale: 62 } });
      const stale = await t.db.depthBandSnapshot.findFirstOrThrow({ where: { ts: new Date("2098-01-01T00:30:00Z") } });
      expect(stale.reason).toBe("stale: every band identical from 2098-01-01T00:01:00.000Z to 2098-01-01T01:02:00.000Z");
      expect((await t.db.depthBandSnapshot.findFirstOrThrow({ where: { ts: new Date("2098-01-01T01:03:00Z") } })).status).toBe("ok");
    } finally {
      await t.db.depthBandSnapshot.deleteMany({ where: { ts: { gte: new Date("2098-01-01T00:00:00Z") } } });
    }
  });

  it("refuses a truncated zip with a clear message and stores nothing from it", async () => {
    const whole = fs.readFileSync(f("binance-usdm/BTCUSDT-bookDepth-2023-10-16.zip"));
    const cut = path.join(tmp, "BTCUSDT-bookDepth-2023-10-17.zip");
    fs.writeFileSync(cut, whole.subarray(0, Math.floor(whole.length / 2)));
    const before = await t.db.depthBandSnapshot.count();
    await expect(importArchive(t.db, { file: cut })).rejects.toThrow(/BTCUSDT-bookDepth-2023-10-17\.zip: .*truncated/);
    expect(await t.db.depthBandSnapshot.count()).toBe(before);
  });
});

describe("replay of the WebSocket recordings", () => {
  it("Binance 2024-08-08: no sequence gap in 6,551 diffs; partial until the REST snapshot, then whole books each minute", async () => {
    const r = await importArchive(t.db, { file: f("binance-usdm/hftbacktest_ws_btcusdt_20240808.gz") });
    const rp = r.replay!;
    expect(rp.gaps).toEqual([]);
    expect([rp.bookMessages, rp.snapshotsSeen, rp.messages]).toEqual([6552, 1, 93954]);
    expect(rp.samples.map((s) => s.partial)).toEqual([true, false, false, false, false, false, false]);
    // the six whole books are stored as recorded level books; the partial first sample is left out
    expect([r.status, r.written]).toEqual(["partial", 6]);
    const m = await t.db.market.findFirstOrThrow({ where: { symbol: "BTCUSDT", venue: { slug: "binance-usdm" } } });
    const stored = await t.db.bookSnapshot.findMany({ where: { marketId: m.id, ts: { gte: new Date("2024-08-08T00:00:00Z"), lt: new Date("2024-08-10T00:00:00Z") } }, orderBy: { ts: "asc" } });
    expect(stored.map((b) => [b.ts.toISOString(), b.bestBid, b.bestAsk, b.provenance])[0]).toEqual(["2024-08-08T23:55:00.047Z", 61807.7, 61807.8, "recorded"]);
    expect(stored).toHaveLength(6);
    expect(rp.samples[1].ts).toBe(Date.parse("2024-08-08T23:55:00.047Z"));
    expect([rp.samples[1].bids[0], rp.samples[1].asks[0]]).toEqual([[61807.7, 4.701], [61807.8, 0.797]]);
  });

  it("Hyperliquid 2025-01-26: 46 whole l2Book snapshots, sampled once in their 25 s at the default 1 min", async () => {
    const r = await importArchive(t.db, { file: f("hyperliquid/hftbacktest_ws_btcusd_20250126.gz") });
    // stored, but as a separate database state: the bootstrap test below samples the same file every 5 s
    await t.db.bookSnapshot.deleteMany({ where: { ingestRunId: r.runId! } });
    const rp = r.replay!;
    expect([rp.bookMessages, rp.otherMessages, rp.samples.length, rp.partial]).toEqual([46, 9, 1, false]);
    expect([rp.samples[0].bids[0], rp.samples[0].asks[0], rp.samples[0].bids.length]).toEqual([[105055, 3.03622], [105056, 6.34472], 20]);
  });
});

describe("scores from the real band days", () => {
  it("bootstrap's archive step is idempotent, and the home scorecard gives Binance BTCUSDT a total from depth bands", async () => {
    const first = await loadBundledArchives(t.db); // not yet loaded by bootstrap: all run, the band days writing nothing new
    expect(first.map((r) => [r.file, r.written])).toEqual([["BTCUSDT-bookDepth-2023-10-16.zip", 0], ["BTCUSDT-bookDepth-2026-01-31.zip", 0], ["hftbacktest_ws_btcusd_20250126.gz", 6]]);
    expect(await loadBundledArchives(t.db)).toHaveLength(0);
    const rows = await getScorecard(t.db, { notionalUsd: 1_000_000, window: { preset: "30d" }, asset: "BTC" });
    const bn = rows.find((r) => r.venue.slug === "binance-usdm")!;
    expect(bn.market?.symbol).toBe("BTCUSDT");
    expect(bn.figures?.depthSource).toMatchObject({ kind: "bands", label: "estimated from depth bands", flagged: { crossed: 6 } });
    expect(bn.figures?.snapshots.inWindow).toBe(2711);
    expect(bn.score.total).not.toBeNull();
    const depth = bn.score.items.find((i) => i.id === "depth")!;
    expect(depth.status).toBe("scored");
    expect(depth.evidence[0].source).toMatch(/2711 depth-band snapshots.*estimated from depth bands/);
    // ±1 % depth is exact: the median over the sampled books of the archive's own cumulative notional
    const onePct = bn.figures!.depthBands.find((b) => b.bandBps === 100)!;
    expect(onePct.bidUsd).toBeGreaterThan(0);
    expect(bn.figures!.depthBands.find((b) => b.bandBps === 10)).toMatchObject({ bidUsd: null, askUsd: null });
  }, 120_000);

  it("over both days, a stress window is detected around the 2023-10-16 13:30 UTC headline spike", async () => {
    const m = await t.db.market.findFirstOrThrow({ where: { symbol: "BTCUSDT", venue: { slug: "binance-usdm" } } });
    const fig = await getMarketFigures(t.db, m.id, { preset: "all" }, 1_000_000);
    expect(fig.depthSource?.kind).toBe("bands");
    const spike = Date.parse("2023-10-16T13:30:00Z");
    expect(fig.stress!.windows.some((w) => w.from <= spike && w.to >= spike)).toBe(true);
    expect(fig.stress!.buy.insideCount).toBeGreaterThan(0);
  }, 120_000);

  it("book refill from the real band books: the latest 2,000 30-second snapshots, drops and their half-lives", async () => {
    const m = await t.db.market.findFirstOrThrow({ where: { symbol: "BTCUSDT", venue: { slug: "binance-usdm" } } });
    const fig = await getMarketFigures(t.db, m.id, { preset: "all" }, 1_000_000);
    // The window's latest 2,000 band snapshots run from 2026-01-31 06:17Z, one every 30 s (no cadence note).
    expect(fig.refill).toMatchObject({ source: "bands", bandBps: 100, cadenceMs: 30_000, snapshots: 2000, note: null });
    expect(fig.refill!.all).toMatchObject({ events: 32, recovered50: 24, recovered90: 22, medianHalfLifeMs: 134_000 });
    expect(fig.refill!.normal.events + fig.refill!.stress.events).toBe(32);
    // The first drop, checked on the stored rows: the −1 % band of 08:38:01Z against the snapshot before it.
    const drop = Date.parse("2026-01-31T08:38:01Z");
    const [prev] = await t.db.depthBandSnapshot.findMany({ where: { marketId: m.id, status: "ok", ts: { lt: new Date(drop) } }, orderBy: { ts: "desc" }, take: 1 });
    const at = await t.db.depthBandSnapshot.findFirstOrThrow({ where: { marketId: m.id, ts: new Date(drop) } });
    const bid1 = (r: { bands: string }) => (JSON.parse(r.bands) as { pct: number; notionalUsd: number }[]).find((b) => b.pct === -1)!.notionalUsd;
    expect([bid1(prev), bid1(at)]).toEqual([208878734.0414, 121204010.764]); // 121.2 / 208.9 = 58 %: a 42 % drop
    // 50 % back = 121,204,010.76 + 0.5 × 87,674,723.28 = 165,041,372.4, first reached 182 s later (90 % too).
    const back = await t.db.depthBandSnapshot.findMany({ where: { marketId: m.id, status: "ok", ts: { gt: new Date(drop), lte: new Date(drop + 182_000) } }, orderBy: { ts: "asc" } });
    expect(back.slice(0, -1).every((r) => bid1(r) < 165041372.4)).toBe(true);
    expect(back.at(-1)!.ts.getTime() - drop).toBe(182_000);
    expect(bid1(back.at(-1)!)).toBeGreaterThanOrEqual(121204010.764 + 0.9 * (208878734.0414 - 121204010.764));
  }, 120_000);
});
