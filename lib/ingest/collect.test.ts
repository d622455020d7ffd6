// The collector's driving loop on a virtual clock: cadence, no overlap, back-off, gap backfill, graceful stop.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { acquireCollectorLock, startCollector, type CollectorDeps } from "./collect";
import type { CollectTask } from "../collector/config";
import type { IngestSummary } from "./ingest-bodies";

const T0 = Date.UTC(2026, 11, 5, 9, 0, 0);
const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;
const tick = () => new Promise((r) => setImmediate(r));

const summary = (t: CollectTask, status: IngestSummary["status"] = "ok", rows = 1): IngestSummary => ({ runId: 1, venue: t.venue, kind: t.kind, status, bodies: 1, rowsWritten: status === "ok" ? rows : 0, rowsSkipped: 0, rowsRejected: 0, rejections: [], durationMs: 0, error: status === "failed" ? "HTTP 503" : null });

/** A fake world: the clock moves only when the collector sleeps; each ingest takes `durationOf(task)` virtual ms. */
function world(opts: { durationOf?: (t: CollectTask) => number; statusOf?: (t: CollectTask, n: number) => IngestSummary["status"]; lastData?: (t: CollectTask) => number | null; hours?: number } = {}) {
  let now = T0;
  const calls: { id: string; start: number; end: number; since?: number; until?: number }[] = [];
  const logs: string[] = [];
  const counts = new Map<string, number>();
  const deps: CollectorDeps = {
    async ingest(t, w) {
      const start = now;
      const n = (counts.get(t.id) ?? 0) + 1;
      counts.set(t.id, n);
      const dur = opts.durationOf?.(t) ?? 0;
      // real time passes during a fetch even when the collector is not sleeping (it may be stopping)
      for (let last = now; now < start + dur; last = now) {
        await tick();
        if (now === last) now += 100;
      }
      calls.push({ id: t.id, start, end: now, ...w });
      return [summary(t, opts.statusOf?.(t, n) ?? "ok")];
    },
    lastDataTime: async (t) => opts.lastData?.(t) ?? null,
    settlementHours: async () => opts.hours ?? 8,
    now: () => now,
    async sleep(ms, signal) {
      if (!signal.aborted) now += ms;
      await tick();
    },
    random: () => 0.5,
    log: (l) => logs.push(l),
  };
  return { deps, calls, logs, clock: () => now };
}

const task = (venue: string, kind: CollectTask["kind"], cadence: CollectTask["cadence"]): CollectTask => ({ id: `${venue}:${kind}`, venue, kind, cadence });
const every = (ms: number) => ({ kind: "every", ms }) as const;

describe("collector loop", () => {
  it("runs each task at its cadence: books every minute, fees once a day", async () => {
    const w = world();
    const c = startCollector([task("binance-usdm", "depth", every(MIN)), task("binance-usdm", "fees", every(24 * H))], { jitter: 0, concurrency: 2 }, w.deps, { until: T0 + 5 * MIN });
    await c.done;
    expect(w.calls.filter((x) => x.id.endsWith("depth")).map((x) => (x.start - T0) / MIN)).toEqual([0, 1, 2, 3, 4]);
    expect(w.calls.filter((x) => x.id.endsWith("fees")).map((x) => x.start - T0)).toEqual([0]);
    expect(c.status().find((s) => s.id.endsWith("depth"))).toMatchObject({ runs: 5, failedRuns: 0, rowsWritten: 5, lastStatus: "ok" });
  });

  it("never overlaps a task with itself, and runs at most `concurrency` tasks at once", async () => {
    const w = world({ durationOf: () => 90 * S });
    const tasks = [task("a", "depth", every(MIN)), task("b", "depth", every(MIN)), task("c", "oi", every(MIN))];
    await startCollector(tasks, { jitter: 0, concurrency: 2 }, w.deps, { until: T0 + 10 * MIN }).done;
    for (const id of ["a:depth", "b:depth"]) {
      const mine = w.calls.filter((x) => x.id === id);
      expect(mine.length).toBeGreaterThan(3);
      for (let i = 1; i < mine.length; i++) expect(mine[i].start).toBeGreaterThanOrEqual(mine[i - 1].end);
    }
    // at every start, count runs in flight
    for (const x of w.calls) expect(w.calls.filter((y) => y.start <= x.start && y.end > x.start).length).toBeLessThanOrEqual(2);
    // the third task still gets its turn (tasks due longest are served first)
    expect(w.calls.some((x) => x.id === "c:oi")).toBe(true);
  });

  it("backs off after failures (2, 4, 8 min for a 1-minute task) and returns to its cadence after a success", async () => {
    const w = world({ statusOf: (_t, n) => (n <= 3 ? "failed" : "ok") });
    const c = startCollector([task("x", "depth", every(MIN))], { jitter: 0, concurrency: 1 }, w.deps, { until: T0 + 17 * MIN });
    await c.done;
    expect(w.calls.map((x) => (x.start - T0) / MIN)).toEqual([0, 2, 6, 14, 15, 16]);
    expect(c.status()[0]).toMatchObject({ failedRuns: 3, failures: 0, lastStatus: "ok" });
    expect(w.logs.some((l) => l.includes("backing off after 3 failures"))).toBe(true);
  });

  it("after downtime fetches a funding gap back from the history endpoint and only reports a book gap", async () => {
    const w = world({ lastData: (t) => (t.kind === "funding" ? T0 - 48 * H : T0 - 2 * H) });
    await startCollector([task("v", "funding", { kind: "settlement" }), task("v", "depth", every(MIN))], { jitter: 0, concurrency: 2 }, w.deps, { until: T0 + 30 * S }).done;
    const funding = w.calls.filter((x) => x.id === "v:funding");
    expect(funding[0]).toMatchObject({ since: T0 - 48 * H, until: T0 });
    expect(w.calls.filter((x) => x.id === "v:depth").every((x) => x.since === undefined)).toBe(true);
    expect(w.logs.find((l) => l.startsWith("v:depth: gap"))).toMatch(/not served back by the API/);
    // the next funding fetch waits for the 16:00 UTC settlement (+90 s)
    expect(w.calls.filter((x) => x.id === "v:funding")).toHaveLength(1);
  });

  it("stop() waits for the running task to finish and starts nothing after it", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let started = 0;
    let ended = 0;
    const w = world();
    w.deps.ingest = async (t) => {
      started++;
      await gate;
      ended++;
      return [summary(t)];
    };
    const c = startCollector([task("x", "depth", every(30 * S))], { jitter: 0, concurrency: 1 }, w.deps);
    while (started === 0) await tick();
    let finished = false;
    const stopped = c.stop().then(() => (finished = true));
    for (let i = 0; i < 20; i++) await tick();
    expect(finished).toBe(false); // the fetch is still in its transaction
    release();
    await stopped;
    expect([started, ended]).toEqual([1, 1]);
    expect(c.status()[0]).toMatchObject({ running: false, runs: 1, lastStatus: "ok" });
  });
});

describe("collector lock", () => {
  it("refuses a second collector while the first lives and takes over a dead one's lock", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "vs-lock-")), "collector.lock");
    fs.writeFileSync(file, String(process.ppid)); // a live process that is not us
    expect(() => acquireCollectorLock(file)).toThrow(`another collector (pid ${process.ppid}) is running`);
    fs.writeFileSync(file, "2147483646"); // no such process
    const release = acquireCollectorLock(file);
    expect(fs.readFileSync(file, "utf8")).toBe(String(process.pid));
    release();
    expect(fs.existsSync(file)).toBe(false);
  });
});

describe("after a task's writes", () => {
  it("hands runs that wrote rows to afterRuns (rank moves, alerts), and not runs that wrote nothing", async () => {
    const w = world({ statusOf: (t, n) => (n === 2 ? "failed" : "ok") });
    const handed: number[] = [];
    w.deps.afterRuns = (runs) => handed.push(runs.reduce((s, r) => s + r.rowsWritten, 0));
    const c = startCollector([task("binance-usdm", "depth", every(MIN))], { jitter: 0, concurrency: 1 }, w.deps, { until: T0 + 6 * MIN });
    await c.done;
    // Every run but the second (failed, 0 rows: not handed on) wrote one row.
    expect(w.calls.length).toBeGreaterThanOrEqual(3);
    expect(handed).toEqual(Array(w.calls.length - 1).fill(1));
  });
});
