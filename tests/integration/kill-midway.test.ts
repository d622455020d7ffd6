// A process killed in the middle of an import leaves a consistent database (whole batches only), and the
// rerun completes without duplicates. On SQLite the file also passes PRAGMA integrity_check.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDb, type TempDb } from "./db-helper";
import { saveCaptures } from "../../lib/ingest/capture-files";
import type { RawCapture } from "../../lib/venues/types";
import { FLUSH_ROWS } from "../../lib/ingest/ingest-bodies";

let t: TempDb;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "venuescope-kill-"));
const N = 4000;
const depth = JSON.parse(fs.readFileSync(path.resolve("tests/fixtures/binance-usdm/depth_BTCUSDT_limit100_2024-11-01.json"), "utf8"));

beforeAll(async () => {
  t = await tempDb();
  const captures: RawCapture[] = Array.from({ length: N }, (_, i) => ({
    venue: "binance-usdm",
    kind: "depth",
    symbol: "BTCUSDT",
    receivedTs: depth.T + i * 60_000,
    levelLimit: 100,
    request: { method: "GET", url: "https://fapi.binance.com/fapi/v1/depth?symbol=BTCUSDT&limit=100" },
    body: { ...depth, T: depth.T + i * 60_000 },
  }));
  saveCaptures(dir, captures);
});
afterAll(async () => {
  await t.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

function importDir(): { child: ReturnType<typeof spawn>; done: Promise<number | null> } {
  const child = spawn(process.execPath, ["--import", "tsx", "bin/venuescope.ts", "import", dir], { env: { ...process.env, DATABASE_URL: t.url }, stdio: "pipe" });
  const done = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  return { child, done };
}

/** Books committed so far: a fresh read-only connection on SQLite, the test's own client on PostgreSQL. */
async function committedBooks(): Promise<number> {
  if (!t.file) return t.db.bookSnapshot.count();
  const probe = new Database(t.file, { readonly: true, fileMustExist: true });
  const n = (probe.prepare("SELECT COUNT(*) AS n FROM BookSnapshot").get() as { n: number }).n;
  probe.close();
  return n;
}

describe("an import killed midway", () => {
  it("keeps whole batches only, and the rerun completes without duplicates", async () => {
    const first = importDir();
    // Kill as soon as some batches have committed (polling the database from outside the child).
    const deadline = Date.now() + 60_000;
    for (;;) {
      const n = await committedBooks();
      if (n > 0 || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    first.child.kill("SIGKILL");
    await first.done;
    let partial: number;
    if (t.file) {
      const check = new Database(t.file);
      expect((check.prepare("PRAGMA integrity_check").get() as { integrity_check: string }).integrity_check).toBe("ok");
      partial = (check.prepare("SELECT COUNT(*) AS n FROM BookSnapshot").get() as { n: number }).n;
      check.close();
    } else {
      partial = await t.db.bookSnapshot.count();
    }
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(N);
    // Batches of FLUSH_ROWS.depth (500) books commit atomically: a kill never leaves part of one.
    expect(FLUSH_ROWS.depth).toBe(500);
    expect(partial % FLUSH_ROWS.depth).toBe(0);

    const second = importDir();
    expect(await second.done).toBe(0);
    expect(await t.db.bookSnapshot.count()).toBe(N);
    const runs = await t.db.ingestRun.findMany({ orderBy: { id: "asc" } });
    expect(runs.at(-1)).toMatchObject({ status: "ok", rowsWritten: N - partial, rowsSkipped: partial });
  });
});
