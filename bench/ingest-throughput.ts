// Ingest throughput of 100-level snapshots through the real pipeline (parse + validate + encode + one
// transaction per body) beside a raw better-sqlite3 batched insert of the same rows into the same table.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import Database from "better-sqlite3";
import { createDb } from "../lib/db";
import { ingestBodies } from "../lib/ingest/ingest-bodies";
import { binanceUsdm } from "../lib/venues/binance-usdm/connector";
import { encodeLevels } from "../lib/books/level-codec";
import { encodeCurve, liquidityCurve } from "../lib/metrics/liquidity-curve";

export function migratedFile(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "venuescope-bench-"));
  const file = path.join(dir, name);
  execFileSync("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: `file:${file}` }, stdio: "pipe" });
  return file;
}

/** A Binance-shaped 100-level depth body around a drifting mid (prices on a 0.1 tick, sizes to 3 dp). */
export function depthBody(i: number) {
  const mid = 60_000 + Math.sin(i / 50) * 500;
  const bids = Array.from({ length: 100 }, (_, k) => [(Math.floor(mid * 10) / 10 - 0.1 * k - 0.05).toFixed(1), (0.001 + ((i * 7 + k * 13) % 997) / 100).toFixed(3)]);
  const asks = Array.from({ length: 100 }, (_, k) => [(Math.ceil(mid * 10) / 10 + 0.1 * k + 0.05).toFixed(1), (0.001 + ((i * 11 + k * 17) % 991) / 100).toFixed(3)]);
  return { T: Date.UTC(2025, 0, 1) + i * 300_000, bids, asks };
}

/** One pass of the pipeline over `bodies` into a fresh database: seconds, and the database's size. */
async function pipelinePass(bodies: ReturnType<typeof depthBody>[], batch: number): Promise<{ sec: number; sizeBytes: number }> {
  // Pipeline: bodies in batches of `batch`, each batch one ingest run, one transaction per body.
  const file = migratedFile("pipeline.db");
  const db = createDb(file);
  await db.$queryRawUnsafe("PRAGMA journal_mode=WAL");
  const t0 = performance.now();
  for (let i = 0; i < bodies.length; i += batch) {
    const slice = bodies.slice(i, i + batch).map((body) => ({ body, symbol: "BTCUSDT", receivedTs: body.T, levelLimit: 100 }));
    await ingestBodies(db, binanceUsdm, "depth", slice, { provenance: "simulated", mode: "simulate", source: "bench" });
  }
  const sec = (performance.now() - t0) / 1000;
  await db.$disconnect();
  const sizeBytes = fs.statSync(file).size + (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0);
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  return { sec, sizeBytes };
}

/**
 * Raw: the same rows (levels parsed to numbers, packed by the same codec, the same liquidity curve) in one
 * prepared statement per batch transaction — the floor of what SQLite can do here.
 */
function rawPass(bodies: ReturnType<typeof depthBody>[], batch: number): number {
  const rawFile = migratedFile("raw.db");
  const raw = new Database(rawFile);
  raw.pragma("journal_mode = WAL");
  raw.prepare(`INSERT INTO Venue (slug, name, kind, provenance, updatedAt) VALUES ('b', 'B', 'cex', 'simulated', '2025-01-01T00:00:00.000+00:00')`).run();
  raw.prepare(`INSERT INTO Market (venueId, symbol, base, quote, settle, contractType, sizeUnit, provenance, updatedAt) VALUES (1, 'BTCUSDT', 'BTC', 'USDT', 'USDT', 'linear', 'base', 'simulated', '2025-01-01T00:00:00.000+00:00')`).run();
  const insert = raw.prepare(
    `INSERT INTO BookSnapshot (marketId, ts, exchangeTs, receivedTs, bids, asks, bidLevels, askLevels, levelLimit, truncated, bestBid, bestAsk, midPrice, spreadBps, provenance, curve) VALUES (1, ?, ?, ?, ?, ?, 100, 100, 100, 1, ?, ?, ?, ?, 'simulated', ?)`,
  );
  const insertMany = raw.transaction((rows: ReturnType<typeof depthBody>[]) => {
    for (const b of rows) {
      const bids = b.bids.map(([p, s]) => [Number(p), Number(s)] as const);
      const asks = b.asks.map(([p, s]) => [Number(p), Number(s)] as const);
      const ts = new Date(b.T).toISOString();
      const mid = (bids[0][0] + asks[0][0]) / 2;
      // The same row as the pipeline stores, liquidity curve included (computed here as there).
      const curve = encodeCurve(liquidityCurve({ ts: b.T, bids: bids as [number, number][], asks: asks as [number, number][], truncated: true }));
      insert.run(ts, ts, ts, Buffer.from(encodeLevels(bids)), Buffer.from(encodeLevels(asks)), bids[0][0], asks[0][0], mid, ((asks[0][0] - bids[0][0]) / mid) * 1e4, Buffer.from(curve));
    }
  });
  const t1 = performance.now();
  for (let i = 0; i < bodies.length; i += batch) insertMany(bodies.slice(i, i + batch));
  const sec = (performance.now() - t1) / 1000;
  raw.close();
  fs.rmSync(path.dirname(rawFile), { recursive: true, force: true });
  return sec;
}

/**
 * Pipeline and raw passes alternate (`rounds` of each, fresh databases) and the best of each counts, so a burst of
 * load from other processes on a shared machine skews the ratio less than one pass of each would.
 */
export async function benchIngest(n = 5000, batch = Number(process.env.BENCH_BATCH ?? 288), rounds = 3): Promise<{ pipelineRowsPerSec: number; rawRowsPerSec: number; ratio: number; bytesPerSnapshot: number; rounds: number }> {
  const bodies = Array.from({ length: n }, (_, i) => depthBody(i));
  let pipelineSec = Infinity;
  let rawSec = Infinity;
  let sizeBytes = 0;
  for (let r = 0; r < rounds; r++) {
    const p = await pipelinePass(bodies, batch);
    pipelineSec = Math.min(pipelineSec, p.sec);
    sizeBytes = p.sizeBytes;
    rawSec = Math.min(rawSec, rawPass(bodies, batch));
  }
  const pipelineRowsPerSec = n / pipelineSec;
  const rawRowsPerSec = n / rawSec;
  return { pipelineRowsPerSec, rawRowsPerSec, ratio: pipelineRowsPerSec / rawRowsPerSec, bytesPerSnapshot: sizeBytes / n, rounds };
}
