// Fault class 7 of issue #19: a directory import survives anything. A symbolic-link loop, a FIFO, a file of an
// unknown venue, a corrupt zip or gzip, a non-capture file: each skipped with a line saying why, the rest
// imported, nothing hangs (a FIFO is never opened). Tried with generated directories, then through the CLI.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveCaptures } from "../../lib/ingest/capture-files";
import { importCaptureDir, importFile, ImportError } from "../../lib/ingest/import-file";
import { runCli } from "./cli-helper";
import { tempDb, type TempDb } from "./db-helper";

const FX = path.resolve("tests/fixtures");
const depth = JSON.parse(fs.readFileSync(path.join(FX, "binance-usdm/depth_BTCUSDT_limit100_2024-11-01.json"), "utf8")) as { T: number };

let t: TempDb;
let tmp: string;
let stamp = 0;
beforeAll(async () => {
  t = await tempDb();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "vs-import-dir-"));
});
afterAll(async () => {
  await t?.cleanup();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** A fresh Binance depth capture at its own time (so every one writes a new book). */
function capture(venue = "binance-usdm") {
  stamp++;
  const ts = depth.T + stamp * 60_000;
  return { venue, kind: "depth" as const, symbol: "BTCUSDT", receivedTs: ts, levelLimit: 100, request: { method: "GET", url: "https://fapi.binance.com/fapi/v1/depth" }, body: { ...depth, T: ts } };
}

type Bad = "loop" | "loop2" | "fifo" | "unknown-venue" | "corrupt-zip" | "corrupt-gz" | "not-json" | "not-capture" | "other-file" | "dir-link" | "dangling";

/** Put one bad entry named `name` in `dir`; returns the message the summary must give for it. */
function plant(dir: string, name: string, bad: Bad): RegExp {
  const p = path.join(dir, name);
  switch (bad) {
    case "loop":
      fs.symlinkSync(`${name}.json`, `${p}.json`);
      return /symbolic link loop: not followed/;
    case "loop2":
      fs.symlinkSync(`${name}-b.json`, `${p}-a.json`);
      fs.symlinkSync(`${name}-a.json`, `${p}-b.json`);
      return /symbolic link loop: not followed/;
    case "fifo":
      execFileSync("mkfifo", [`${p}.json`]);
      return /a FIFO \(named pipe\): not opened/;
    case "unknown-venue":
      saveCaptures(dir, [capture("no-such-venue")]);
      return /^no-such-venue: venue not supported \(known: binance-usdm, /;
    case "corrupt-zip":
      fs.writeFileSync(`${p}.zip`, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]));
      return /not a readable zip/;
    case "corrupt-gz":
      fs.writeFileSync(`${p}.csv.gz`, Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), Buffer.alloc(200, 7)]));
      return /read failed after line 0|incorrect header|invalid|unexpected end/i;
    case "not-json":
      fs.writeFileSync(`${p}.json`, "{ not json");
      return /not JSON/;
    case "not-capture":
      fs.writeFileSync(`${p}.json`, "{}");
      return /not a capture file/;
    case "other-file":
      fs.writeFileSync(`${p}.txt`, "notes");
      return /not a capture \(\.json\) or archive/;
    case "dir-link":
      fs.symlinkSync(dir, p);
      return /symbolic link to a directory: not followed/;
    case "dangling":
      fs.symlinkSync(path.join(dir, "nowhere.json"), `${p}.json`);
      return /symbolic link to nothing \(ENOENT\)/;
  }
}

const BADS: Bad[] = ["loop", "loop2", "fifo", "unknown-venue", "corrupt-zip", "corrupt-gz", "not-json", "not-capture", "other-file", "dir-link", "dangling"];

describe("directory import", () => {
  it("skips each bad entry with a line and imports the rest, for any generated directory", async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 3 }), fc.array(fc.constantFrom(...BADS), { maxLength: 6 }), fc.boolean(), async (good, bads, nested) => {
        const dir = path.join(tmp, `gen-${n++}`);
        const where = nested ? path.join(dir, "binance-usdm", "sub") : dir;
        fs.mkdirSync(where, { recursive: true });
        saveCaptures(dir, Array.from({ length: good }, () => capture()));
        const expected = bads.map((b, i) => plant(where, `bad${i}`, b));
        const started = Date.now();
        const r = await importCaptureDir(t.db, dir);
        expect(Date.now() - started).toBeLessThan(20_000);
        const written = r.runs.reduce((s, x) => s + x.rowsWritten, 0);
        expect(written).toBe(good);
        // loop2 plants two links, each its own line; every other bad entry is one line.
        expect(r.invalid).toHaveLength(bads.reduce((s, b) => s + (b === "loop2" ? 2 : 1), 0));
        for (const re of expected) expect(r.invalid.some((x) => re.test(x.message)), `${re} in ${JSON.stringify(r.invalid)}`).toBe(true);
        expect(r.archives).toEqual([]);
      }),
      { numRuns: 12 },
    );
  }, 180_000);

  it("never opens a FIFO given as the file itself", async () => {
    const fifo = path.join(tmp, "pipe.json");
    execFileSync("mkfifo", [fifo]);
    await expect(importFile(t.db, { file: fifo, venue: "binance-usdm", kind: "depth" })).rejects.toThrow(ImportError);
    await expect(importFile(t.db, { file: fifo, venue: "binance-usdm", kind: "depth" })).rejects.toThrow(/not a regular file/);
  });

  it("prints a one-line summary and one line per skipped entry from the CLI, exit 1, nothing hung", async () => {
    const dir = path.join(tmp, "cli");
    fs.mkdirSync(dir);
    saveCaptures(dir, [capture(), capture()]);
    plant(dir, "pipe", "fifo");
    plant(dir, "loop", "loop");
    plant(dir, "venue", "unknown-venue");
    plant(dir, "broken", "corrupt-zip");
    plant(dir, "broken", "corrupt-gz");
    const r = await runCli(t.url, "import", dir);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split("\n");
    expect(lines[0]).toBe(`replayed ${dir}: 1 runs, 0 archive files, 2 rows written, 0 rejected, 5 entries skipped`);
    const venueLine = lines.findIndex((l) => l.startsWith("  skipped no-such-venue/depth/"));
    expect(lines[venueLine]).toMatch(/^ {2}skipped no-such-venue\/depth\/[^ ]+_BTCUSDT_0\.json: no-such-venue: venue not supported \(known: binance-usdm, /);
    expect(lines.filter((_, i) => i > 0 && i !== venueLine).sort()).toEqual([
      "  skipped broken.csv.gz: read failed after line 0 (invalid block type); the archive may be truncated",
      "  skipped broken.zip: not a readable zip (End of central directory record signature not found. Either not a zip file, or file is truncated.); the file may be truncated",
      "  skipped loop.json: symbolic link loop: not followed",
      "  skipped pipe.json: a FIFO (named pipe): not opened",
    ]);
  }, 120_000);

  it("refuses a directory that is not one", async () => {
    await expect(importCaptureDir(t.db, path.join(tmp, "missing"))).rejects.toThrow(/not a directory/);
  });
});
