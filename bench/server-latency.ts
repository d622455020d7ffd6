// Server latency under concurrent load: `next start` (production build) on the scale dataset, driven by
// autocannon from this process over loopback. First request per route (cold figures) is reported apart.
import { spawn } from "node:child_process";
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
  p50Ms: number;
  p95Ms: number;
  rps: number;
  errors: number;
  non2xx: number;
}

export async function benchServer(dbFile: string, routes: string[], opts: { connections?: number; seconds?: number } = {}): Promise<RouteLatency[]> {
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
      await res.arrayBuffer();
      const coldMs = performance.now() - t0;
      // Every response time is kept so p95 is exact (autocannon's summary has p90 and p97.5, not p95).
      const times: number[] = [];
      const r = await new Promise<autocannon.Result>((resolve, reject) => {
        const instance = autocannon({ url: `${base}${route}`, connections: opts.connections ?? 8, duration: opts.seconds ?? 8 }, (err, result) => (err ? reject(err) : resolve(result)));
        instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => times.push(responseTime));
      });
      out.push({ route, coldMs, p50Ms: percentile(times, 50) ?? NaN, p95Ms: percentile(times, 95) ?? NaN, rps: r.requests.average, errors: r.errors, non2xx: r.non2xx });
    }
    return out;
  } finally {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      /* gone */
    }
  }
}
