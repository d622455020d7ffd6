// Tardis.dev datasets: `import` of real derivative_ticker and book_snapshot files (tests/fixtures/tardis, sources
// in tests/fixtures/README.md), and `backfill --source tardis` against a local server in Tardis's URL layout
// (tests/integration/archive-server.ts) that enforces its key rule: without TARDIS_API_KEY only a month's first
// day is served, so other days are skipped (not failed, not fetched) and a wrong key stops the task.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { useArchiveHarness } from "./archive-harness";
import { importArchive, sniffArchive } from "../../lib/ingest/import-archive";
import { backfill, type BackfillOptions } from "../../lib/ingest/backfill";
import { decodeLevels } from "../../lib/books/level-codec";

const decodeBookLevels = (b: { bids: Uint8Array; asks: Uint8Array }) => ({ bids: decodeLevels(b.bids), asks: decodeLevels(b.asks) });

const FIX = "tests/fixtures/tardis";
const BOOK = fs.readFileSync(path.join(FIX, "binance-futures_book_snapshot_5_BTCUSDT.csv"));
const DERIBIT = fs.readFileSync(path.join(FIX, "deribit_derivative_ticker_BTC-PERPETUAL.csv"));
const BOOK_0901 = "/v1/binance-futures/book_snapshot_25/2020/09/01/BTCUSDT.csv.gz";
const RETRY = { attempts: 3, baseDelayMs: 20, maxDelayMs: 2_000 };

const h = useArchiveHarness("tardis");
const tmp = () => h.tmp();
async function clean() {
  await h.t.db.bookSnapshot.deleteMany();
  await h.t.db.openInterestReading.deleteMany();
  await h.t.db.fundingRecord.deleteMany();
  await h.t.db.backfillCursor.deleteMany();
}
const opts = (cacheDir: string, o: Partial<BackfillOptions>): BackfillOptions => ({
  venue: "binance-usdm",
  symbols: ["BTCUSDT"],
  kinds: ["depth"],
  source: "tardis",
  from: Date.parse("2020-08-31T00:00:00Z"),
  to: Date.parse("2020-09-02T23:59:59.999Z"),
  archive: { baseUrl: h.server.base, tardisBaseUrl: h.server.base, cacheDir, cacheCapBytes: 50 * 1024 * 1024 },
  retry: RETRY,
  ...o,
});


describe("import of Tardis files", () => {
  it("derivative_ticker (Deribit, gzipped): recognised by its header; one open-interest reading of 705,041,730 USD = 10,810.19 BTC at mark 65,220.13; no settlement; a re-import writes nothing", async () => {
    await clean();
    const file = path.join(tmp(), "deribit_derivative_ticker_2026-08-10_BTC-PERPETUAL.csv.gz");
    fs.writeFileSync(file, zlib.gzipSync(DERIBIT));
    expect((await sniffArchive(file)).format).toBe("tardis-derivative-ticker-csv");
    const r = await importArchive(h.t.db, { file });
    expect(r).toMatchObject({ status: "ok", venue: "deribit", symbol: "BTC-PERPETUAL", rowsRead: 3, written: 1, skipped: 0, rowsRejected: 0 });
    expect(r.message).toMatch(/no funding settlement shown/);
    const oi = await h.t.db.openInterestReading.findMany({ include: { market: { select: { symbol: true } } } });
    expect(oi).toHaveLength(1);
    expect(oi[0].ts.toISOString()).toBe("2026-08-10T00:11:05.523Z");
    expect(oi[0].valueUsd).toBeCloseTo(705041730, 3);
    expect(oi[0].sizeBase).toBeCloseTo(705041730 / 65220.13, 6);
    expect(oi[0].sizeBase).toBeCloseTo(10810.19, 2);
    const again = await importArchive(h.t.db, { file });
    expect(again).toMatchObject({ status: "ok", written: 0, skipped: 1 });
  });

  it("book_snapshot (Binance USD-M, real 2020-09-01 rows): one book a minute, or six at a 100 ms cadence; levels in base units; a bad row is named with its line", async () => {
    await clean();
    const dir = tmp();
    const file = path.join(dir, "binance-futures_book_snapshot_5_2020-09-01_BTCUSDT.csv");
    fs.writeFileSync(file, BOOK);
    expect((await sniffArchive(file)).format).toBe("tardis-book-snapshot-csv");
    const r = await importArchive(h.t.db, { file });
    expect(r).toMatchObject({ status: "ok", venue: "binance-usdm", symbol: "BTCUSDT", rowsRead: 10, snapshots: 1, written: 1 });
    const books = await h.t.db.bookSnapshot.findMany({ orderBy: { ts: "asc" } });
    expect(books).toHaveLength(1);
    expect(books[0].ts.toISOString()).toBe("2020-09-01T00:00:03.696Z");
    const { bids, asks } = decodeBookLevels(books[0]);
    expect(asks[0]).toEqual([11657.08, 1.714]);
    expect(bids[0]).toEqual([11657.07, 10.896]);
    expect(asks).toHaveLength(5);
    const fine = await importArchive(h.t.db, { file, cadenceMs: 100 });
    expect(fine).toMatchObject({ snapshots: 6, written: 5, skipped: 1 });

    const lines = BOOK.toString("utf8").split("\n");
    // line 4 (the third data row, a sampled one at 100 ms) gets a crossed best bid
    lines[3] = lines[3].replace("11657.08,1.475,11657.07", "11657.08,1.475,11658.00");
    const broken = path.join(dir, "broken_book_snapshot_5_BTCUSDT.csv");
    fs.writeFileSync(broken, lines.join("\n"));
    await clean();
    const b = await importArchive(h.t.db, { file: broken, format: "tardis-book-snapshot-csv", cadenceMs: 100 });
    expect(b.status).toBe("partial");
    expect(b.rejections[0]).toMatchObject({ file: "broken_book_snapshot_5_BTCUSDT.csv", line: 4, field: "bids[0].price" });
    // the bad row does not cost its slot: the next row (line 5, .965) is sampled in its place
    expect(b.written).toBe(6);
  });
});

describe("import of Tardis incremental_book_L2 files", () => {
  it("the real Deribit opening snapshot (asks only) gives no whole book; with hand-made updates after it, books in base units, a resync reported, a bad row named", async () => {
    await clean();
    const dir = tmp();
    const realFile = path.join(dir, "deribit_incremental_book_L2_2020-04-01_BTC-PERPETUAL.csv.gz");
    const real = fs.readFileSync(path.join(FIX, "deribit_incremental_book_L2_BTC-PERPETUAL.csv"));
    fs.writeFileSync(realFile, zlib.gzipSync(real));
    expect((await sniffArchive(realFile)).format).toBe("tardis-incremental-l2-csv");
    const r = await importArchive(h.t.db, { file: realFile });
    expect(r).toMatchObject({ status: "ok", venue: "deribit", symbol: "BTC-PERPETUAL", rowsRead: 15, written: 0 });

    // hand-made rows after the real snapshot: a bid at 00:00:00.300, an update a minute later, a bad side, then a
    // new snapshot (the feed reconnected) two minutes in
    const more = [
      "deribit,BTC-PERPETUAL,1585699200300000,1585699200400000,false,bid,6421,10000",
      "deribit,BTC-PERPETUAL,1585699260500000,1585699260600000,false,ask,6421.5,0",
      "deribit,BTC-PERPETUAL,1585699260600000,1585699260700000,false,buy,6420,10",
      "deribit,BTC-PERPETUAL,1585699320000000,1585699320100000,true,bid,6430,5000",
      "deribit,BTC-PERPETUAL,1585699320000000,1585699320100000,true,ask,6431,6000",
    ];
    const file = path.join(dir, "deribit_incremental_book_L2_made_BTC-PERPETUAL.csv");
    fs.writeFileSync(file, real.toString("utf8") + more.join("\n") + "\n");
    const m = await importArchive(h.t.db, { file });
    expect(m).toMatchObject({ status: "partial", written: 3, rowsRejected: 1 });
    expect(m.rejections[0]).toMatchObject({ line: 19, field: "side" });
    expect(m.message).toMatch(/1 resyncs \(a snapshot after updates: the feed reconnected/);
    const books = await h.t.db.bookSnapshot.findMany({ orderBy: { ts: "asc" } });
    expect(books.map((b) => [b.ts.toISOString(), b.bestBid, b.bestAsk])).toEqual([
      ["2020-04-01T00:00:00.300Z", 6421, 6421.5],
      ["2020-04-01T00:01:00.500Z", 6421, 6422],
      ["2020-04-01T00:02:00.000Z", 6430, 6431],
    ]);
    // Deribit's amounts are USD: 10,000 USD at 6,421 is 1.557390 BTC
    expect(decodeBookLevels(books[0]).bids[0][1]).toBeCloseTo(10_000 / 6421, 6);
  });
});

describe("backfill --source tardis", () => {
  it("without a key: only 2020-09-01 is fetched (a month's first day is free); 08-31 and 09-02 are skipped, never requested, and the cursor stays before them", async () => {
    await clean();
    h.server.tardisKey = "k1";
    h.server.files.set(BOOK_0901, zlib.gzipSync(BOOK));
    const cache = tmp();
    const r = await backfill(h.t.db, opts(cache, {}));
    expect(r.tasks[0]).toMatchObject({ status: "ok", steps: 3, rowsWritten: 1, skipped: ["2020-08-31", "2020-09-02"], failures: [], coveredTo: null });
    expect(r.tasks[0].skipReason).toMatch(/TARDIS_API_KEY/);
    expect(r.skipped).toBe(2);
    expect(h.server.requests.map((q) => q.path)).toEqual([BOOK_0901]);
    expect(await h.t.db.bookSnapshot.count()).toBe(1);

    // with the key: the two other days are asked for (404: not published), 09-01 comes from the cache
    h.server.requests.length = 0;
    const k = await backfill(h.t.db, opts(cache, { archive: { ...opts(cache, {}).archive, tardisApiKey: "k1" } }));
    expect(k.tasks[0]).toMatchObject({ status: "ok", rowsWritten: 0, rowsSkipped: 1, cachedFiles: 1, notPublished: ["2020-08-31", "2020-09-02"], skipped: [], coveredTo: "2020-09-02T23:59:59.999Z" });
    expect(h.server.requests.map((q) => q.path).sort()).toEqual(["/v1/binance-futures/book_snapshot_25/2020/08/31/BTCUSDT.csv.gz", "/v1/binance-futures/book_snapshot_25/2020/09/02/BTCUSDT.csv.gz"]);
  });

  it("a wrong key: 401 stops the task at its first day with the reason, nothing retried", async () => {
    await clean();
    h.server.tardisKey = "k1";
    const cache = tmp();
    const r = await backfill(h.t.db, opts(cache, { archive: { ...opts(cache, {}).archive, tardisApiKey: "wrong" } }));
    expect(r.tasks[0].status).toBe("failed");
    expect(r.tasks[0].failures).toHaveLength(1);
    expect(r.tasks[0].failures[0]).toMatchObject({ step: "2020-08-31" });
    expect(r.tasks[0].failures[0].message).toMatch(/access denied \(HTTP 401\)/);
    expect(h.server.requests).toHaveLength(1);
  });

  it("open interest for Deribit from derivative_ticker with a key: the real 2026-08-10 file gives its reading; kinds Tardis has no file for say why", async () => {
    await clean();
    h.server.tardisKey = "k1";
    h.server.files.set("/v1/deribit/derivative_ticker/2026/08/10/BTC-PERPETUAL.csv.gz", zlib.gzipSync(DERIBIT));
    const cache = tmp();
    const r = await backfill(h.t.db, opts(cache, { venue: "deribit", symbols: ["BTC-PERPETUAL"], kinds: ["oi", "fees"], from: Date.parse("2026-08-10T00:00:00Z"), to: Date.parse("2026-08-10T23:59:59.999Z"), archive: { ...opts(cache, {}).archive, tardisApiKey: "k1" } }));
    expect(r.tasks[0]).toMatchObject({ kind: "oi", status: "ok", rowsWritten: 1, coveredTo: "2026-08-10T23:59:59.999Z" });
    expect(r.tasks[1]).toMatchObject({ kind: "fees", status: "not-supported" });
    expect(r.tasks[1].message).toMatch(/current fee schedule only/);
    expect(await h.t.db.openInterestReading.count()).toBe(1);
  });
});
