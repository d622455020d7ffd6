// The venuescope CLI end to end on a real database: one-line summaries, --json output, exit codes.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./cli-helper";
import { tempDb, type TempDb } from "./db-helper";

let t: TempDb;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "venuescope-cli-"));
const depth = path.resolve("tests/fixtures/binance-usdm/depth_BTCUSDT_limit100_2024-11-01.json");

const cli = (...args: string[]) => runCli(t.url, ...args);

beforeAll(async () => {
  t = await tempDb();
});
afterAll(async () => {
  await t.cleanup();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("venuescope CLI", () => {
  it("imports a depth file with a one-line summary, and twice leaves one row", async () => {
    const a = await cli("import", depth, "--venue", "binance-usdm", "--kind", "depth", "--symbol", "BTCUSDT");
    expect(a.code).toBe(0);
    expect(a.stdout.trim().split("\n")).toHaveLength(1);
    expect(a.stdout).toMatch(/^import binance-usdm depth: ok, 1 rows written, 0 already stored, 0 rejected \(run \d+\)/);
    const b = await cli("import", depth, "--venue", "binance-usdm", "--kind", "depth", "--symbol", "BTCUSDT", "--json");
    const json = JSON.parse(b.stdout);
    expect(json).toMatchObject({ status: "ok", rowsWritten: 0, rowsSkipped: 1, rowsRejected: 0 });
    expect(await t.db.bookSnapshot.count()).toBe(1);
  });

  it("rejects a corrupted copy with a clear message naming venue, market and field (exit 1)", async () => {
    const raw = JSON.parse(fs.readFileSync(depth, "utf8"));
    raw.bids[0][0] = "abc";
    const bad = path.join(tmp, "bad.json");
    fs.writeFileSync(bad, JSON.stringify(raw));
    const r = await cli("import", bad, "--venue", "binance-usdm", "--kind", "depth", "--symbol", "BTCUSDT");
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/failed, 0 rows written.*1 rejected.*depth: bids\.0\.0: price is not a finite number: "abc"/);
  });

  it("answers bad arguments with exit 2 and a message naming the option", async () => {
    const a = await cli("import", depth, "--venue", "binance-usdm", "--kind", "candles");
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/--kind: Invalid option/);
    const b = await cli("metrics", "--venue", "binance-usdm", "--symbol", "BTCUSDT", "--notional", "lots");
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/--notional/);
    const c = await cli("frobnicate");
    expect(c.code).toBe(2);
    expect(c.stderr).toMatch(/unknown command: frobnicate/);
    const d = await cli("import", depth, "--venue", "mtgox", "--kind", "depth");
    expect(d.code).toBe(2);
    expect(d.stderr).toMatch(/mtgox: venue not supported/);
  });

  it("refuses an ingest history window without a start, exit 2, before any request", async () => {
    const a = await cli("ingest", "--venue", "binance-usdm", "--kinds", "funding", "--until", "2024-02-01T00:00:00Z");
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/--until: --until needs --since/);
  });

  it("prints metrics and scores as one line and as JSON", async () => {
    const m = await cli("metrics", "--venue", "binance-usdm", "--symbol", "BTCUSDT", "--notional", "1000000", "--window", "all");
    expect(m.code).toBe(0);
    expect(m.stdout).toMatch(/^binance-usdm BTCUSDT buy \$1\.00M \[2024-11-01→2024-11-01, recorded\]: p50 0\.1 bps/);
    const mj = JSON.parse((await cli("metrics", "--venue", "binance-usdm", "--symbol", "BTCUSDT", "--notional", "1000000", "--json")).stdout);
    expect(mj.slippage.buy.count).toBe(1);
    expect(mj.snapshots.inWindow).toBe(1);
    const s = await cli("score", "--notional", "100000");
    expect(s.stdout).toMatch(/^score BTC at \$100\.0k, last 30d of data: 1 of 1 venues scored — 1\. Binance USD-M Futures \d+\.\d\/100 \(recorded\)/);
    const weights = path.join(tmp, "w.json");
    fs.writeFileSync(weights, JSON.stringify({ depth: 1, nonsense: 2 }));
    const bad = await cli("score", "--weights", weights);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown checklist item nonsense/);
    fs.writeFileSync(weights, JSON.stringify({ depth: 100, fees: 0 }));
    const sj = JSON.parse((await cli("score", "--weights", weights, "--json")).stdout);
    expect(sj.params.weights.depth).toBe(100);
    expect(sj.venues[0].items.find((i: { id: string }) => i.id === "depth").status).toBe("scored");
  });
});
