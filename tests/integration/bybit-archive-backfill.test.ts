// `backfill --venue bybit` from Bybit's daily archives, against a local server in their layout
// (trading/<S>/<S><day>.csv.gz and orderbook/<category>/<S>/<day>_<S>_ob<depth>.data.zip): the real
// XRPUSDT ob500 zip of 2024-12-01 and the real FXSUSDT trade rows (tests/fixtures/bybit, sources in
// tests/fixtures/README.md, the trade rows gzipped here). Depth asks for the ob200 file first and falls back to
// ob500; trades and depth default to Bybit's own archive.
import fs from "node:fs";
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { useArchiveHarness } from "./archive-harness";
import { backfill, type BackfillOptions } from "../../lib/ingest/backfill";

const OB500 = fs.readFileSync("tests/fixtures/bybit/2024-12-01_XRPUSDT_ob500.data.zip");
const TRADES = zlib.gzipSync(fs.readFileSync("tests/fixtures/bybit/FXSUSDT-ticks-2023-10-10.csv"));

const h = useArchiveHarness("bybit-archive");
const tmp = () => h.tmp();
const opts = (o: Partial<BackfillOptions>): BackfillOptions => ({
  venue: "bybit",
  symbols: ["XRPUSDT"],
  kinds: ["depth"],
  from: Date.parse("2024-12-01T00:00:00Z"),
  to: Date.parse("2024-12-01T23:59:59.999Z"),
  archive: { baseUrl: h.server.base, bybitTradesUrl: h.server.base, bybitOrderbookUrl: h.server.base, cacheDir: tmp(), cacheCapBytes: 50 * 1024 * 1024 },
  retry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 500 },
  now: () => Date.parse("2026-12-06T00:00:00Z"),
  ...o,
});


describe("backfill from Bybit's archives", () => {
  it("depth: ob200 is not published for 2024-12-01, so the ob500 file is read: its 5 s of deltas replayed into one whole 500-level book (best 1.9531 / 1.9532)", async () => {
    h.server.files.set("/orderbook/linear/XRPUSDT/2024-12-01_XRPUSDT_ob500.data.zip", OB500);
    const r = await backfill(h.t.db, opts({}));
    expect(r.tasks[0]).toMatchObject({ source: "archive", status: "ok", steps: 1, rowsWritten: 1, notPublished: [], failures: [], coveredTo: "2024-12-01T23:59:59.999Z" });
    expect(h.server.requests.map((q) => q.path)).toEqual(["/orderbook/linear/XRPUSDT/2024-12-01_XRPUSDT_ob200.data.zip", "/orderbook/linear/XRPUSDT/2024-12-01_XRPUSDT_ob500.data.zip"]);
    const b = await h.t.db.bookSnapshot.findFirstOrThrow({ where: { market: { symbol: "XRPUSDT" } } });
    expect([b.bestBid, b.bestAsk]).toEqual([1.9531, 1.9532]);
    expect(b.levelLimit).toBe(500);
  });

  it("trades: the day's CSV (15 real FXSUSDT prints: 14 buys, 1 sell) stored; a day without a file is 'not published'", async () => {
    h.server.files.set("/trading/FXSUSDT/FXSUSDT2023-10-10.csv.gz", TRADES);
    const r = await backfill(h.t.db, opts({ symbols: ["FXSUSDT"], kinds: ["trades"], from: Date.parse("2023-10-10T00:00:00Z"), to: Date.parse("2023-10-11T23:59:59.999Z") }));
    expect(r.tasks[0]).toMatchObject({ source: "archive", status: "ok", steps: 2, rowsWritten: 15, notPublished: ["2023-10-11"], coveredTo: "2023-10-11T23:59:59.999Z" });
    const prints = await h.t.db.tradePrint.findMany({ where: { market: { symbol: "FXSUSDT" } } });
    expect(prints).toHaveLength(15);
    expect(prints.filter((p) => p.side === "buy")).toHaveLength(14);
  });

  it("liquidations have no Bybit archive: the default source is Tardis, and --source archive says so", async () => {
    const r = await backfill(h.t.db, opts({ kinds: ["liquidations"], source: "archive" }));
    expect(r.tasks[0]).toMatchObject({ status: "not-supported" });
    expect(r.tasks[0].message).toMatch(/Bybit publishes no liquidations archive.*--source tardis/);
  });
});
