// `venuescope backfill` as a process: killed with SIGKILL mid-download, then run again — it resumes the
// cut file (Range request), ends with the same rows as a clean run, prints plain progress lines when its
// output is not a terminal, a one-line summary, and --json.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDb, type TempDb } from "./db-helper";
import { runCli } from "./cli-helper";
import { startArchiveServer, type ArchiveServer } from "./archive-server";
import { archivesDir } from "../../lib/bootstrap";

const DAY16 = fs.readFileSync(path.join(archivesDir(), "binance-usdm/BTCUSDT-bookDepth-2023-10-16.zip"));
const ZIP16 = "data/futures/um/daily/bookDepth/BTCUSDT/BTCUSDT-bookDepth-2023-10-16.zip";
let server: ArchiveServer;
let t: TempDb;
const cache = fs.mkdtempSync(path.join(os.tmpdir(), "venuescope-backfill-cli-"));
const ARGS = ["backfill", "--venue", "binance-usdm", "--symbols", "BTCUSDT", "--kinds", "depth", "--from", "2023-10-15", "--to", "2023-10-16"];

beforeAll(async () => {
  server = await startArchiveServer();
  server.days.set("2023-10-16", DAY16);
  t = await tempDb();
  process.env.BINANCE_VISION_URL = server.base;
  process.env.VENUESCOPE_ARCHIVE_CACHE = cache;
}, 120_000);
afterAll(async () => {
  delete process.env.BINANCE_VISION_URL;
  delete process.env.VENUESCOPE_ARCHIVE_CACHE;
  await server.close();
  await t.cleanup();
  fs.rmSync(cache, { recursive: true, force: true });
});

describe("venuescope backfill (CLI)", () => {
  it("resumes after SIGKILL mid-download and ends with a clean run's 2,880 band books", async () => {
    server.chunkDelayMs = 400; // about 3 s for the file: time to kill the process mid-way
    const part = path.join(cache, `${ZIP16}.part`);
    const child = spawn(process.execPath, ["--import", "tsx", "bin/venuescope.ts", ...ARGS], { env: { ...process.env, DATABASE_URL: t.url }, stdio: "ignore" });
    const exited = new Promise((r) => child.on("exit", r));
    const deadline = Date.now() + 60_000;
    while (!(fs.existsSync(part) && fs.statSync(part).size > 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    child.kill("SIGKILL");
    await exited;
    const cut = fs.statSync(part).size;
    expect(cut).toBeGreaterThan(0);
    expect(cut).toBeLessThan(DAY16.length);
    const killed = await t.db.backfillCursor.findFirstOrThrow();
    expect(killed.status).toBe("running"); // a killed run leaves its cursor as it was: /data shows it unfinished

    server.chunkDelayMs = 1;
    server.requests.length = 0;
    const r = await runCli(t.url, ...ARGS);
    expect(r.code).toBe(0);
    // the killed run had covered the 15th (not published) before it died: the rerun starts at the 16th
    expect(r.stdout.trim().split("\n").at(-1)).toBe("backfill binance-usdm 2023-10-15..2023-10-16: 1 tasks, 2880 rows written (" + r.stdout.match(/written \((\d+)\/s\)/)![1] + "/s), 0 already stored, 0 days not published, 0 with failures");
    // plain lines (no terminal): one per day, no carriage returns
    expect(r.stdout).toMatch(/binance-usdm BTCUSDT depth \(archive\) 1\/1 stored: 2023-10-16: 2880 band snapshots \(2880 written, 0 already stored\), checksum verified/);
    expect(r.stdout + r.stderr).not.toContain("\r");
    expect(server.requests.find((q) => q.path === `/${ZIP16}`)?.range).toBe(`bytes=${cut}-`);
    expect(await t.db.depthBandSnapshot.count()).toBe(2880);
    expect((await t.db.backfillCursor.findFirstOrThrow()).status).toBe("ok");
  }, 180_000);

  it("--json prints the result; a rerun writes nothing", async () => {
    const r = await runCli(t.url, ...ARGS, "--json");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.tasks[0]).toMatchObject({ kind: "depth", symbol: "BTCUSDT", source: "archive", status: "covered", rowsWritten: 0 });
    expect(j.rowsWritten).toBe(0);
  }, 120_000);

  it("a bad date is a usage error (exit 2)", async () => {
    const r = await runCli(t.url, "backfill", "--venue", "binance-usdm", "--from", "2023-13-45");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--from: not a date/);
  }, 60_000);
});
