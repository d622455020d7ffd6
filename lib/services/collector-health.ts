// Health of the configured collector, from the database alone (so it is right whether the collector runs
// inside `npm start` or as a separate `venuescope collect`): per venue × kind, the newest data time against
// the cadence, gaps in the last 24 hours, and how many live runs failed.
import "server-only";
import type { Db } from "../db";
import { cadenceLabel, CollectorConfigError, type CollectTask } from "../collector/config";
import { loadCollectorConfig } from "../collector/load";
import { periodMs } from "../collector/schedule";
import { lastDataTime, settlementHours } from "../store/data-times";
import { allConnectors } from "../venues/registry";
import type { CollectorHealth, CollectorTaskHealth } from "../views/collector";
import { DAY_MS } from "../metrics/time";
import { hip3DexOfSlug } from "../venues/hyperliquid/dex-slug";

/** Rows read per task for the gap count: 24 h at a 30 s cadence for a dozen markets; more is cut (bounded work). */
const GAP_ROWS = 40_000;

/** Stretches between consecutive data times (per market) longer than `limit` ms. */
export function gapsOf(timesByMarket: Map<number, number[]>, limit: number, from: number, to: number): { count: number; longest: number | null } {
  let count = 0;
  let longest: number | null = null;
  for (const times of timesByMarket.values()) {
    const t = [from, ...times.sort((a, b) => a - b), to];
    for (let i = 1; i < t.length; i++) {
      const d = t[i] - t[i - 1];
      if (d > limit) {
        count++;
        longest = Math.max(longest ?? 0, d);
      }
    }
  }
  return { count, longest };
}

async function dataTimes(db: Db, task: CollectTask, from: Date): Promise<Map<number, number[]> | null> {
  const where = { market: { venue: { slug: task.venue } } };
  let rows: { marketId: number; t: Date }[];
  if (task.kind === "depth") rows = (await db.bookSnapshot.findMany({ where: { ...where, ts: { gte: from } }, select: { marketId: true, ts: true }, take: GAP_ROWS })).map((r) => ({ marketId: r.marketId, t: r.ts }));
  else if (task.kind === "oi") rows = (await db.openInterestReading.findMany({ where: { ...where, ts: { gte: from } }, select: { marketId: true, ts: true }, take: GAP_ROWS })).map((r) => ({ marketId: r.marketId, t: r.ts }));
  else if (task.kind === "funding") rows = (await db.fundingRecord.findMany({ where: { ...where, predicted: false, fundingTime: { gte: from } }, select: { marketId: true, fundingTime: true }, take: GAP_ROWS })).map((r) => ({ marketId: r.marketId, t: r.fundingTime }));
  else return null; // liquidations come when they happen; schedules have no series
  const m = new Map<number, number[]>();
  for (const r of rows) m.set(r.marketId, [...(m.get(r.marketId) ?? []), r.t.getTime()]);
  return m;
}

export async function getCollectorHealth(db: Db, configFile: string | null, now = Date.now()): Promise<CollectorHealth> {
  const generatedAt = new Date(now).toISOString();
  if (!configFile) return { config: null, error: null, tasks: [], generatedAt };
  const known = new Set(allConnectors().map((c) => c.info.slug));
  let tasks: CollectTask[];
  try {
    tasks = loadCollectorConfig(configFile, (s) => known.has(s) || hip3DexOfSlug(s) !== null).tasks;
  } catch (err) {
    if (err instanceof CollectorConfigError) return { config: configFile, error: err.message, tasks: [], generatedAt };
    throw err;
  }
  const from = new Date(now - DAY_MS);
  const out: CollectorTaskHealth[] = [];
  for (const t of tasks) {
    const hours = t.cadence.kind === "settlement" ? await settlementHours(db, t.venue, now) : 8;
    const period = periodMs(t.cadence, hours);
    const last = await lastDataTime(db, t.venue, t.kind);
    const age = last === null ? null : now - last;
    const runs = await db.ingestRun.groupBy({ by: ["status"], where: { venueSlug: t.venue, kind: t.kind, mode: "live", startedAt: { gte: from } }, _count: { _all: true } });
    const lastFailed = await db.ingestRun.findFirst({ where: { venueSlug: t.venue, kind: t.kind, mode: "live", status: "failed", startedAt: { gte: from } }, orderBy: { startedAt: "desc" }, select: { error: true } });
    const times = await dataTimes(db, t, from);
    // A market that has had no data all day is one gap of 24 h, not none.
    const gaps = times ? gapsOf(times.size ? times : new Map([[0, []]]), 2 * period, from.getTime(), now) : { count: 0, longest: null };
    out.push({
      id: t.id,
      venue: t.venue,
      kind: t.kind,
      cadence: cadenceLabel(t.cadence),
      periodMs: period,
      lastData: last === null ? null : new Date(last).toISOString(),
      state: age === null ? "no data" : age <= 2 * period ? "fresh" : age <= 6 * period ? "late" : "stale",
      gaps24h: gaps.count,
      longestGapMs: gaps.longest,
      runs24h: runs.reduce((n, r) => n + r._count._all, 0),
      failed24h: runs.find((r) => r.status === "failed")?._count._all ?? 0,
      lastError: lastFailed?.error ?? null,
    });
  }
  return { config: configFile, error: null, tasks: out, generatedAt };
}
