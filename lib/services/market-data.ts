// Loaders: the database rows a market's metrics need, turned into the pure metric input types.
import "server-only";
import type { Db } from "../db";
import { decodeLevels } from "../books/level-codec";
import { idleSqlite, sqliteAll, sqliteMs } from "../store/sqlite-read";
import type { Book, FeeTier, FundingPoint, IngestRunPoint, LiquidationPoint, OiPoint } from "../metrics/types";
import type { MidSpreadPoint } from "../metrics/stress";
import type { PredictedSettlement } from "../metrics/funding-prediction";
import { fundAt, fundSeries, type PoolFund, type PoolReading } from "../metrics/insurance-pools";

export interface TimeRange {
  from: number;
  to: number;
}

const inRange = (r: TimeRange) => ({ gte: new Date(r.from), lte: new Date(r.to) });

/** First and last snapshot time of a market (two index seeks; no count: counting a year of rows scans ~10^5 index entries). */
export async function bookTimeRange(db: Db, marketId: number): Promise<{ first: number | null; last: number | null }> {
  const agg = await db.bookSnapshot.aggregate({ where: { marketId }, _min: { ts: true }, _max: { ts: true } });
  return { first: agg._min.ts?.getTime() ?? null, last: agg._max.ts?.getTime() ?? null };
}

/** Mid and spread of every snapshot in the range, from stored columns (no level decoding). */
export async function midSpreadSeriesFor(db: Db, marketId: number, range: TimeRange): Promise<(MidSpreadPoint & { id: number })[]> {
  const rows = await db.bookSnapshot.findMany({ where: { marketId, ts: inRange(range) }, select: { id: true, ts: true, midPrice: true, spreadBps: true }, orderBy: { ts: "asc" } });
  return rows.map((r) => ({ id: r.id, ts: r.ts.getTime(), mid: r.midPrice, spreadBps: r.spreadBps }));
}

/** Decode the books with these ids (levels unpacked), in time order. */
export async function booksByIds(db: Db, ids: number[]): Promise<Book[]> {
  return [...(await booksById(db, ids)).values()].sort((a, b) => a.ts - b.ts);
}

/** Decode the books with these ids (levels unpacked), by id. */
export async function booksById(db: Db, ids: readonly number[]): Promise<Map<number, Book>> {
  const out = new Map<number, Book>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    // On SQLite, straight from the idle connection (lib/store/sqlite-read.ts: Prisma base64-encodes every BLOB).
    const conn = idleSqlite(db);
    if (conn) {
      const rows = sqliteAll<{ id: number; ts: string; bids: Uint8Array; asks: Uint8Array; truncated: number }>(conn, `SELECT "id", "ts", "bids", "asks", "truncated" FROM "BookSnapshot" WHERE "id" IN (${chunk.map(() => "?").join(",")})`, chunk);
      for (const r of rows) out.set(r.id, { ts: sqliteMs(r.ts), bids: decodeLevels(r.bids), asks: decodeLevels(r.asks), truncated: r.truncated === 1 });
      continue;
    }
    const rows = await db.bookSnapshot.findMany({ where: { id: { in: chunk } }, select: { id: true, ts: true, bids: true, asks: true, truncated: true } });
    for (const r of rows) out.set(r.id, { ts: r.ts.getTime(), bids: decodeLevels(r.bids), asks: decodeLevels(r.asks), truncated: r.truncated });
  }
  return out;
}

export async function fundingPoints(db: Db, marketId: number, range?: TimeRange): Promise<FundingPoint[]> {
  const rows = await db.fundingRecord.findMany({ where: { marketId, predicted: false, ...(range ? { fundingTime: inRange(range) } : {}) }, orderBy: { fundingTime: "asc" } });
  return rows.map((r) => ({ ts: r.fundingTime.getTime(), rate: r.rate, intervalHours: r.intervalHours, premium: r.premium, markPrice: r.markPrice, indexPrice: r.indexPrice }));
}

/**
 * Settled records with from < fundingTime ≤ to that replaced a published estimate (predictedRate), at most `take`.
 * The estimate's read time is its run's start only for live runs (a file import runs long after the value was read).
 */
export async function predictedSettlements(db: Db, marketId: number, range: TimeRange, take: number): Promise<PredictedSettlement[]> {
  const rows = await db.fundingRecord.findMany({
    where: { marketId, predicted: false, predictedRate: { not: null }, fundingTime: { gt: new Date(range.from), lte: new Date(range.to) } },
    select: { fundingTime: true, rate: true, intervalHours: true, predictedRate: true, predictedRunId: true },
    orderBy: { fundingTime: "desc" },
    take,
  });
  const runIds = [...new Set(rows.map((r) => r.predictedRunId).filter((id): id is number => id !== null))];
  // Each settlement may name its own run: looked up 500 ids a query (SQLite bounds a statement's parameters).
  const runs = new Map<number, number>();
  for (let i = 0; i < runIds.length; i += 500) {
    for (const r of await db.ingestRun.findMany({ where: { id: { in: runIds.slice(i, i + 500) }, mode: "live" }, select: { id: true, startedAt: true } })) runs.set(r.id, r.startedAt.getTime());
  }
  return rows.reverse().map((r) => ({ fundingTime: r.fundingTime.getTime(), rate: r.rate, predictedRate: r.predictedRate!, intervalHours: r.intervalHours, observedAt: r.predictedRunId !== null ? (runs.get(r.predictedRunId) ?? null) : null }));
}

export async function liquidationPoints(db: Db, marketId: number, range: TimeRange): Promise<LiquidationPoint[]> {
  const rows = await db.liquidation.findMany({ where: { marketId, ts: inRange(range) }, orderBy: { ts: "asc" }, select: { ts: true, side: true, notionalUsd: true } });
  return rows.map((r) => ({ ts: r.ts.getTime(), side: r.side === "buy" ? "buy" : "sell", notionalUsd: r.notionalUsd }));
}

export async function oiPoints(db: Db, marketId: number, range: TimeRange): Promise<OiPoint[]> {
  const rows = await db.openInterestReading.findMany({ where: { marketId, ts: inRange(range), valueUsd: { not: null } }, orderBy: { ts: "asc" }, select: { ts: true, valueUsd: true } });
  return rows.map((r) => ({ ts: r.ts.getTime(), valueUsd: r.valueUsd! }));
}

export async function feeTiers(db: Db, venueId: number): Promise<(FeeTier & { source: string; provenance: string })[]> {
  const rows = await db.feeSchedule.findMany({ where: { venueId, scope: "perp" }, orderBy: [{ tier: "asc" }, { effectiveFrom: "asc" }] });
  return rows.map((r) => ({ tier: r.tier, makerRate: r.makerRate, takerRate: r.takerRate, effectiveFrom: r.effectiveFrom.getTime(), effectiveTo: r.effectiveTo?.getTime() ?? null, source: r.source, provenance: r.provenance }));
}

/** Runs that measure a venue's API (live fetches and their simulated stand-ins), not file imports. */
export async function apiRuns(db: Db, venueId: number, range: TimeRange): Promise<IngestRunPoint[]> {
  // A year of 5-minute collection is ~10^5 runs a venue: on SQLite read them straight from the idle connection
  // (Prisma maps each row into an object with Date fields, ~3 µs a row).
  const conn = idleSqlite(db);
  if (conn) {
    const sql = `SELECT "startedAt", "kind", "status" FROM "IngestRun" WHERE "venueId" = ? AND "mode" IN ('live', 'simulate') AND "startedAt" >= ? AND "startedAt" <= ?`;
    return sqliteAll<{ startedAt: string; kind: string; status: string }>(conn, sql, [venueId, new Date(range.from), new Date(range.to)]).map((r) => ({ startedAt: sqliteMs(r.startedAt), kind: r.kind, status: r.status as IngestRunPoint["status"] }));
  }
  const rows = await db.ingestRun.findMany({ where: { venueId, mode: { in: ["live", "simulate"] }, startedAt: inRange(range) }, select: { startedAt: true, kind: true, status: true } });
  return rows.map((r) => ({ startedAt: r.startedAt.getTime(), kind: r.kind, status: r.status as IngestRunPoint["status"] }));
}

/** Each pool's (asset's) latest reading of a venue strictly before `before` (inclusive when `inclusive`). */
async function latestPoolReadings(db: Db, venueId: number, before: number, inclusive: boolean): Promise<PoolReading[]> {
  const ts = inclusive ? { lte: new Date(before) } : { lt: new Date(before) };
  const groups = await db.insuranceFundBalance.groupBy({ by: ["asset"], where: { venueId, ts }, _max: { ts: true } });
  const keys = groups.filter((g) => g._max.ts !== null).map((g) => ({ asset: g.asset, ts: g._max.ts! }));
  if (keys.length === 0) return [];
  const rows = await db.insuranceFundBalance.findMany({ where: { venueId, OR: keys }, select: { ts: true, asset: true, balanceUsd: true } });
  return rows.map((r) => ({ ts: r.ts.getTime(), asset: r.asset, balanceUsd: r.balanceUsd }));
}

/**
 * A venue's insurance fund as of its newest reading at or before `atOrBefore`: every pool (asset) at its own
 * latest reading, pools read more than POOL_STALE_MS before the newest left out and listed (lib/metrics/insurance-pools.ts).
 */
export async function insuranceLatest(db: Db, venueId: number, atOrBefore: number): Promise<PoolFund | null> {
  return fundAt(await latestPoolReadings(db, venueId, atOrBefore, true), atOrBefore);
}

/**
 * The venue's fund at each reading time in [from, to], oldest first: pools carried forward from their latest
 * reading (including one read before `from`) for up to POOL_STALE_MS, so pools read seconds apart are summed.
 */
export async function insuranceSeries(db: Db, venueId: number, from: number, to: number): Promise<PoolFund[]> {
  const carried = await latestPoolReadings(db, venueId, from, false);
  const rows = await db.insuranceFundBalance.findMany({ where: { venueId, ts: { gte: new Date(from), lte: new Date(to) } }, orderBy: { ts: "asc" }, select: { ts: true, asset: true, balanceUsd: true } });
  return fundSeries([...carried, ...rows.map((r) => ({ ts: r.ts.getTime(), asset: r.asset, balanceUsd: r.balanceUsd }))], from, to);
}

/**
 * The data version: the highest ingest-run id, of one venue when `venueId` is given (so ingesting one
 * venue does not invalidate every other venue's cached figures), else of the whole database.
 */
export async function dataVersion(db: Db, venueId?: number): Promise<number> {
  const last = await db.ingestRun.findFirst({ where: venueId === undefined ? {} : { venueId }, orderBy: { id: "desc" }, select: { id: true } });
  return last?.id ?? 0;
}
