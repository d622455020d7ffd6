// Hyperliquid's S3 archive (hyperliquid-archive, requester pays): `import` of an l2Book .lz4 file and
// `backfill --venue hyperliquid --source archive --kinds depth` against a local server in the bucket's layout
// (market_data/<YYYYMMDD>/<H>/l2Book/<coin>.lz4) that refuses unsigned or unpaid requests with 403.
// The books are real: the 46 l2Book messages of the Hyperliquid WebSocket recording bundled in
// data/archives/hyperliquid (2025-01-26 19:14 UTC, source in data/archives/README.md). The archive's wrapper
// around each message ({"time": <capture time>, "ver_num": 1, "raw": <message>}) and its LZ4 framing are built
// here from the documented layout: no real archive file with a source that can be named was found.
import fs from "node:fs";
import path from "node:path";
import * as lz4 from "lz4js";
import { beforeAll, describe, expect, it } from "vitest";
import { useArchiveHarness } from "./archive-harness";
import { archivesDir } from "../../lib/bootstrap";
import { archiveLines, openArchive } from "../../lib/archives/read";
import { importArchive, sniffArchive } from "../../lib/ingest/import-archive";
import { backfill, type BackfillOptions } from "../../lib/ingest/backfill";
import { decodeLevels } from "../../lib/books/level-codec";

const KEY = "/market_data/20250126/19/l2Book/BTC.lz4";
const CREDS = { accessKeyId: "AKIDVENUESCOPETEST", secretAccessKey: "not-a-real-secret" };

const h = useArchiveHarness("hl-s3");
let hourFile: Buffer;
let firstBook: { time: number; bid: [string, string]; ask: [string, string] };
const tmp = () => h.tmp();

/** The recording's l2Book messages in the archive's line shape, LZ4-framed. */
async function archiveHour(): Promise<Buffer> {
  const src = path.join(archivesDir(), "hyperliquid/hftbacktest_ws_btcusd_20250126.gz");
  const out: string[] = [];
  for await (const { line } of archiveLines(await openArchive(src), src)) {
    const sp = line.indexOf(" ");
    const raw = JSON.parse(line.slice(sp + 1));
    if (raw.channel !== "l2Book") continue;
    const ns = BigInt(line.slice(0, sp));
    const iso = new Date(Number(ns / 1_000_000n)).toISOString().replace("Z", "") + String(ns % 1_000_000n).padStart(6, "0");
    if (!firstBook) firstBook = { time: raw.data.time, bid: [raw.data.levels[0][0].px, raw.data.levels[0][0].sz], ask: [raw.data.levels[1][0].px, raw.data.levels[1][0].sz] };
    out.push(JSON.stringify({ time: iso, ver_num: 1, raw }));
  }
  return Buffer.from(lz4.compress(Buffer.from(out.join("\n") + "\n")));
}

const opts = (cacheDir: string, o: Partial<BackfillOptions>): BackfillOptions => ({
  venue: "hyperliquid",
  symbols: ["BTC"],
  kinds: ["depth"],
  source: "archive",
  from: Date.parse("2025-01-26T00:00:00Z"),
  to: Date.parse("2025-01-26T23:59:59.999Z"),
  archive: { baseUrl: h.server.base, hyperliquidArchiveUrl: h.server.base, aws: CREDS, cacheDir, cacheCapBytes: 50 * 1024 * 1024 },
  retry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 500 },
  now: () => Date.parse("2026-12-06T00:00:00Z"),
  ...o,
});

beforeAll(async () => {
  hourFile = await archiveHour();
}, 120_000);

describe("Hyperliquid S3 l2Book archive", () => {
  it("imports an .lz4 hour: recognised by its bytes and first line; 46 real books, one a minute by default (1) or every 5 s (6)", async () => {
    await h.t.db.bookSnapshot.deleteMany();
    const file = path.join(tmp(), "BTC.lz4");
    fs.writeFileSync(file, hourFile);
    const sniff = await sniffArchive(file);
    expect(sniff).toMatchObject({ format: "hyperliquid-s3-l2book", compression: "lz4" });
    const r = await importArchive(h.t.db, { file });
    expect(r).toMatchObject({ status: "ok", venue: "hyperliquid", symbol: "BTC", rowsRead: 46, written: 1 });
    const b = await h.t.db.bookSnapshot.findFirstOrThrow();
    expect(b.ts.getTime()).toBe(firstBook.time);
    expect(decodeLevels(b.bids)[0]).toEqual([Number(firstBook.bid[0]), Number(firstBook.bid[1])]);
    expect(decodeLevels(b.asks)[0]).toEqual([Number(firstBook.ask[0]), Number(firstBook.ask[1])]);
    expect(b.levelLimit).toBe(20);
    const fine = await importArchive(h.t.db, { file, cadenceMs: 5_000 });
    expect(fine.written + fine.skipped).toBe(fine.snapshots);
    expect(fine.skipped).toBe(1);
  });

  it("a cut LZ4 file is refused with the reason, nothing stored", async () => {
    const file = path.join(tmp(), "BTC.lz4");
    fs.writeFileSync(file, hourFile.subarray(0, Math.floor(hourFile.length / 2)));
    await expect(importArchive(h.t.db, { file, format: "hyperliquid-s3-l2book" })).rejects.toThrow(/LZ4/);
  });

  it("backfills a day: 24 signed, requester-pays requests; hour 19 stored, the 23 others not published (the day is old enough, so covered); a rerun fetches nothing", async () => {
    await h.t.db.bookSnapshot.deleteMany();
    await h.t.db.backfillCursor.deleteMany();
    h.server.s3AccessKeyId = CREDS.accessKeyId;
    h.server.files.set(KEY, hourFile);
    const cache = tmp();
    const r = await backfill(h.t.db, opts(cache, {}));
    expect(r.tasks[0]).toMatchObject({ status: "ok", steps: 1, rowsWritten: 1, failures: [], notPublished: [], coveredTo: "2025-01-26T23:59:59.999Z" });
    expect(h.server.requests).toHaveLength(24);
    expect(h.server.requests.map((q) => q.path)).toContain(KEY);
    expect(await h.t.db.bookSnapshot.count()).toBe(1);
    h.server.requests.length = 0;
    const again = await backfill(h.t.db, opts(cache, {}));
    expect(again.tasks[0].status).toBe("covered");
    expect(h.server.requests).toHaveLength(0);
  });

  it("other credentials are refused (403): the task stops at the first file with the reason", async () => {
    await h.t.db.backfillCursor.deleteMany();
    h.server.s3AccessKeyId = CREDS.accessKeyId;
    h.server.files.set(KEY, hourFile);
    const r = await backfill(h.t.db, opts(tmp(), { archive: { ...opts("", {}).archive, cacheDir: tmp(), aws: { accessKeyId: "AKIDSOMEONEELSE", secretAccessKey: "x" } } }));
    expect(r.tasks[0].status).toBe("failed");
    expect(r.tasks[0].failures[0].message).toMatch(/access denied \(HTTP 403\)/);
    expect(h.server.requests).toHaveLength(1);
  });

  it("open interest from asset_ctxs (hand-made rows in the documented header): BTC every 5 min of 12 minute rows, ETH rows not read, a bad row named; backfilled as one signed file a day", async () => {
    await h.t.db.openInterestReading.deleteMany();
    await h.t.db.backfillCursor.deleteMany();
    const header = "time,coin,funding,open_interest,prev_day_px,day_ntl_vlm,premium,oracle_px,mark_px,mid_px,impact_bid_px,impact_ask_px";
    const lines = [header];
    for (let m = 0; m < 12; m++) {
      const hh = `2025-01-26T19:${String(m).padStart(2, "0")}:00Z`;
      lines.push(`${hh},BTC,0.0000125,${100 + m},104000.0,5000000.0,0.0001,105040.0,${105050 + m}.0,105049.5,105049.0,105050.0`);
      lines.push(`${hh},ETH,0.0000125,2000,3300.0,100.0,0.0,3310.0,3311.0,3310.5,3310.0,3311.0`);
    }
    lines.splice(4, 0, "2025-01-26T19:01:30Z,BTC,0.0000125,-5,104000.0,1.0,0.0,1.0,1.0,1.0,1.0,1.0");
    const ctxs = Buffer.from(lz4.compress(Buffer.from(lines.join("\n") + "\n")));
    const file = path.join(tmp(), "20250126.csv.lz4");
    fs.writeFileSync(file, ctxs);
    expect((await sniffArchive(file)).format).toBe("hyperliquid-s3-asset-ctxs");
    const r = await importArchive(h.t.db, { file, symbol: "BTC" });
    expect(r).toMatchObject({ status: "partial", written: 3, rowsRejected: 1 });
    expect(r.rejections[0]).toMatchObject({ line: 5, field: "open_interest" });
    const oi = await h.t.db.openInterestReading.findMany({ orderBy: { ts: "asc" } });
    // 19:00, 19:05, 19:10: OI 100, 105, 110 BTC at marks 105,050, 105,055, 105,060
    expect(oi.map((o) => [o.ts.toISOString().slice(11, 16), o.sizeBase, o.valueUsd])).toEqual([
      ["19:00", 100, 100 * 105050],
      ["19:05", 105, 105 * 105055],
      ["19:10", 110, 110 * 105060],
    ]);
    h.server.s3AccessKeyId = CREDS.accessKeyId;
    h.server.files.set("/asset_ctxs/20250126.csv.lz4", ctxs);
    const b = await backfill(h.t.db, opts(tmp(), { kinds: ["oi"] }));
    expect(b.tasks[0]).toMatchObject({ source: "archive", status: "ok", rowsWritten: 0, rowsSkipped: 3 });
    expect(h.server.requests.map((q) => q.path)).toEqual(["/asset_ctxs/20250126.csv.lz4"]);
  });

  it("without AWS credentials the task is not supported, with what to do instead", async () => {
    const r = await backfill(h.t.db, opts(tmp(), { archive: { ...opts("", {}).archive, aws: null } }));
    expect(r.tasks[0]).toMatchObject({ status: "not-supported" });
    expect(r.tasks[0].message).toMatch(/requester pays: it needs AWS credentials .* --source tardis/);
    expect(h.server.requests).toHaveLength(0);
  });
});
