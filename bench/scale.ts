// The scale dataset (a year of 5-minute snapshots, 10 venues x 5 markets by default) written by the
// simulator through the normal ingestion path into bench/out/scale.db, once; and scoring over it.
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { createDb, type Db } from "../lib/db";
import { simulate } from "../lib/simulator/run-simulation";
import { getMarketFigures } from "../lib/services/market-figures";
import { getScorecard } from "../lib/services/scorecard";

export const SCALE_DB = path.resolve("bench/out/scale.db");

export interface ScaleOptions {
  days: number;
  venues: number;
  markets: number;
  cadenceMinutes: number;
}

export const SCALE_DEFAULT: ScaleOptions = { days: 365, venues: 10, markets: 5, cadenceMinutes: 5 };

export async function ensureScaleDataset(o: ScaleOptions, log: (s: string) => void): Promise<{ db: Db; generatedSec: number | null; sizeBytes: number; snapshots: number }> {
  let generatedSec: number | null = null;
  const marker = `${SCALE_DB}.json`;
  const wanted = JSON.stringify(o);
  if (!fs.existsSync(SCALE_DB) || !fs.existsSync(marker) || fs.readFileSync(marker, "utf8") !== wanted) {
    fs.mkdirSync(path.dirname(SCALE_DB), { recursive: true });
    for (const f of [SCALE_DB, `${SCALE_DB}-wal`, `${SCALE_DB}-shm`, marker]) fs.rmSync(f, { force: true });
    execFileSync("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: `file:${SCALE_DB}` }, stdio: "pipe" });
    const db = createDb(SCALE_DB);
    await db.$queryRawUnsafe("PRAGMA journal_mode=WAL");
    const t0 = performance.now();
    let last = 0;
    await simulate(db, {
      days: o.days,
      venues: o.venues,
      markets: o.markets,
      cadenceMinutes: o.cadenceMinutes,
      onProgress: (line) => {
        if (Date.now() - last > 15_000) {
          last = Date.now();
          log(`  ${line}`);
        }
      },
    });
    generatedSec = (performance.now() - t0) / 1000;
    await db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
    await db.$disconnect();
    fs.writeFileSync(marker, wanted);
  }
  const db = createDb(SCALE_DB);
  const snapshots = await db.bookSnapshot.count();
  return { db, generatedSec, sizeBytes: fs.statSync(SCALE_DB).size, snapshots };
}

/** Figures for every market over a year (cold: computed from the books), then the scorecard (cached figures). */
export async function benchScoring(db: Db, notionalUsd = 1_000_000) {
  await db.figureCache.deleteMany();
  const markets = await db.market.findMany({ where: { books: { some: {} } }, select: { id: true } });
  let t = performance.now();
  for (const m of markets) await getMarketFigures(db, m.id, { preset: "365d" }, notionalUsd);
  const figuresSec = (performance.now() - t) / 1000;
  await db.figureCache.deleteMany();
  t = performance.now();
  const rows = await getScorecard(db, { notionalUsd, window: { preset: "365d" }, asset: "BTC" });
  const scorecardColdSec = (performance.now() - t) / 1000;
  t = performance.now();
  await getScorecard(db, { notionalUsd, window: { preset: "365d" }, asset: "BTC" });
  const scorecardWarmSec = (performance.now() - t) / 1000;
  return { markets: markets.length, venues: rows.length, figuresSec, scorecardColdSec, scorecardWarmSec };
}
