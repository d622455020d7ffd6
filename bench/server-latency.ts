// Server latency under concurrent load: `next start` (production build) on the scale dataset, driven by
// autocannon from this process over loopback. First request per route (cold figures) is reported apart.
import { spawn } from "node:child_process";
import fs from "node:fs";
import readline from "node:readline";
import path from "node:path";
import net from "node:net";
import autocannon from "autocannon";
import { percentile } from "../lib/metrics/stats";

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export interface RouteLatency {
  route: string;
  coldMs: number;
  /** Bytes of the first response. */
  coldBytes: number;
  p50Ms: number;
  p95Ms: number;
  rps: number;
  errors: number;
  non2xx: number;
}

/** Under an ingest: the route's latency while bench/ingest-load-child.ts writes into the same database. */
export interface UnderIngest {
  route: string;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  requests: number;
  /** Ingest runs (20 snapshots each) the child finished meanwhile. */
  ingestRuns: number;
  errors: number;
  non2xx: number;
}

export interface ServerBench {
  routes: RouteLatency[];
  underIngest: UnderIngest | null;
  /** Peak resident memory of the server's processes (VmHWM; the largest one), after every request above. */
  peakRssMb: number | null;
}

/** Peak resident set (VmHWM) of a process and its descendants, the largest one, in MB (Linux /proc). */
function peakRssMb(pid: number): number | null {
  const read = (p: number): number | null => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${p}/status`, "utf8"));
      return m ? Number(m[1]) / 1024 : null;
    } catch {
      return null;
    }
  };
  const children = (p: number): number[] => {
    try {
      return fs.readFileSync(`/proc/${p}/task/${p}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return [];
    }
  };
  let best: number | null = null;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    const r = read(p);
    if (r !== null && (best === null || r > best)) best = r;
    stack.push(...children(p));
  }
  return best;
}

export async function benchServer(dbFile: string, routes: string[], opts: { connections?: number; seconds?: number; underIngest?: string } = {}): Promise<ServerBench> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.resolve("node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...process.env, DATABASE_URL: `file:${dbFile}` },
    detached: true,
    stdio: "ignore",
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; i < 240; i++) {
      try {
        if ((await fetch(`${base}/api/methodology`)).ok) break;
      } catch {
        /* starting */
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    const out: RouteLatency[] = [];
    for (const route of routes) {
      const t0 = performance.now();
      const res = await fetch(`${base}${route}`);
      const coldBytes = (await res.arrayBuffer()).byteLength;
      const coldMs = performance.now() - t0;
      // Every response time is kept so p95 is exact (autocannon's summary has p90 and p97.5, not p95).
      const times: number[] = [];
      const r = await new Promise<autocannon.Result>((resolve, reject) => {
        const instance = autocannon({ url: `${base}${route}`, connections: opts.connections ?? 8, duration: opts.seconds ?? 8 }, (err, result) => (err ? reject(err) : resolve(result)));
        instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => times.push(responseTime));
      });
      out.push({ route, coldMs, coldBytes, p50Ms: percentile(times, 50) ?? NaN, p95Ms: percentile(times, 95) ?? NaN, rps: r.requests.average, errors: r.errors, non2xx: r.non2xx });
    }
    const underIngest = opts.underIngest ? await latencyUnderIngest(base, dbFile, opts.underIngest, opts.connections ?? 8, opts.seconds ?? 8) : null;
    return { routes: out, underIngest, peakRssMb: peakRssMb(child.pid!) };
  } finally {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      /* gone */
    }
  }
}

/**
 * The route under load while an ingest runs into the same database (bench/ingest-load-child.ts: a run of 20
 * Binance depth snapshots every ~0.2 s). The figures an ingest does not touch stay cached (lib/store/touched.ts);
 * every response time is kept for an exact p99. The child's rows are deleted afterwards (its own venue).
 */
async function latencyUnderIngest(base: string, dbFile: string, route: string, connections: number, seconds: number): Promise<UnderIngest> {
  const ingest = spawn(process.execPath, ["--import", "tsx", path.resolve("bench/ingest-load-child.ts"), String(Date.now() % 1_000_000)], { env: { ...process.env, DATABASE_URL: `file:${dbFile}` }, stdio: ["ignore", "pipe", "inherit"] });
  let ingestRuns = 0;
  const lines = readline.createInterface({ input: ingest.stdout! });
  const ready = new Promise<void>((resolve) => lines.on("line", (l) => {
    ingestRuns++;
    if (l === "ready") resolve();
  }));
  try {
    await ready;
    await (await fetch(`${base}${route}`)).arrayBuffer();
    const times: number[] = [];
    const r = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon({ url: `${base}${route}`, connections, duration: seconds }, (err, result) => (err ? reject(err) : resolve(result)));
      instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => times.push(responseTime));
    });
    return { route, p50Ms: percentile(times, 50) ?? NaN, p99Ms: percentile(times, 99) ?? NaN, maxMs: Math.max(...times), requests: times.length, ingestRuns, errors: r.errors, non2xx: r.non2xx };
  } finally {
    ingest.kill("SIGKILL");
  }
}
