// Loaders: the database rows a market's metrics need, turned into the pure metric input types.
import "server-only";
import type { Db } from "../db";
import { decodeLevels } from "../books/level-codec";
import { idleSqlite, msOf, msOrNull, readRows, sqliteAll, sqliteMs, timeSpan } from "../store/sqlite-read";
import type { Book, FeeTier, FundingPoint, LiquidationPoint, OiPoint } from "../metrics/types";
import type { MidSpreadPoint } from "../metrics/stress";
import type { PredictedSettlement } from "../metrics/funding-prediction";
import { fundAt, fundSeries, type PoolFund, type PoolReading } from "../metrics/insurance-pools";

export interface TimeRange {
  from: number;
  to: number;
}

const inRange = (r: TimeRange) => ({ gte: new Date(r.from), lte: new Date(r.to) });

/** The market fields its figures show, with its venue's slug, name and id. */
export async function marketWithVenue(db: Db, marketId: number) {
  const [r] = await readRows<{ symbol: string; base: string; venueId: number; fundingIntervalHours: number | null; fundingCapRate: number | null; slug: string; name: string }>(
    db,
    `SELECT m."symbol", m."base", m."venueId", m."fundingIntervalHours", m."fundingCapRate", v."slug", v."name" FROM "Market" m JOIN "Venue" v ON v."id" = m."venueId" WHERE m."id" = ?`,
    [marketId],
  );
  if (!r) throw new Error(`market ${marketId} not found`);
  return { symbol: r.symbol, base: r.base, venueId: r.venueId, fundingIntervalHours: r.fundingIntervalHours, fundingCapRate: r.fundingCapRate, venue: { slug: r.slug, name: r.name } };
}

/** First and last snapshot time of a market (two index seeks; no count: counting a year of rows scans ~10^5 index entries). */
export async function bookTimeRange(db: Db, marketId: number): Promise<{ first: number | null; last: number | null }> {
  return timeSpan(db, "BookSnapshot", "ts", `"marketId" = ?`, [marketId]);
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

// The figures' loaders read through readRows (lib/store/sqlite-read.ts): one SQL text for both databases,
// without Prisma's ~1 ms of planning and mapping per query.
type FundingRow = { fundingTime: unknown; rate: number; intervalHours: number | null; premium: number | null; markPrice: number | null; indexPrice: number | null };

export async function fundingPoints(db: Db, marketId: number, range?: TimeRange): Promise<FundingPoint[]> {
  const within = range ? ` AND "fundingTime" >= ? AND "fundingTime" <= ?` : "";
  const rows = await readRows<FundingRow>(db, `SELECT "fundingTime", "rate", "intervalHours", "premium", "markPrice", "indexPrice" FROM "FundingRecord" WHERE "marketId" = ? AND "predicted" = ?${within} ORDER BY "fundingTime" ASC`, [marketId, false, ...(range ? [new Date(range.from), new Date(range.to)] : [])]);
  return rows.map((r) => ({ ts: msOf(r.fundingTime), rate: r.rate, intervalHours: r.intervalHours, premium: r.premium, markPrice: r.markPrice, indexPrice: r.indexPrice }));
}

/** The provenances of a market's settled funding records in a range. */
export async function fundingProvenances(db: Db, marketId: number, range: TimeRange): Promise<string[]> {
  const rows = await readRows<{ provenance: string }>(db, `SELECT DISTINCT "provenance" FROM "FundingRecord" WHERE "marketId" = ? AND "fundingTime" >= ? AND "fundingTime" <= ?`, [marketId, new Date(range.from), new Date(range.to)]);
  return rows.map((r) => r.provenance);
}

/**
 * Settled records with from < fundingTime ≤ to that replaced a published estimate (predictedRate), at most `take`.
 * The estimate's read time is its run's start only for live runs (a file import runs long after the value was read).
 */
export async function predictedSettlements(db: Db, marketId: number, range: TimeRange, take: number): Promise<PredictedSettlement[]> {
  const rows = await readRows<{ fundingTime: unknown; rate: number; intervalHours: number | null; predictedRate: number; predictedRunId: number | null }>(
    db,
    `SELECT "fundingTime", "rate", "intervalHours", "predictedRate", "predictedRunId" FROM "FundingRecord" WHERE "marketId" = ? AND "predicted" = ? AND "predictedRate" IS NOT NULL AND "fundingTime" > ? AND "fundingTime" <= ? ORDER BY "fundingTime" DESC LIMIT ?`,
    [marketId, false, new Date(range.from), new Date(range.to), take],
  );
  const runIds = [...new Set(rows.map((r) => r.predictedRunId).filter((id): id is number => id !== null))];
  // Each settlement may name its own run: looked up 500 ids a query (SQLite bounds a statement's parameters).
  const runs = new Map<number, number>();
  for (let i = 0; i < runIds.length; i += 500) {
    const chunk = runIds.slice(i, i + 500);
    const found = await readRows<{ id: number; startedAt: unknown }>(db, `SELECT "id", "startedAt" FROM "IngestRun" WHERE "mode" = 'live' AND "id" IN (${chunk.map(() => "?").join(",")})`, chunk);
    for (const r of found) runs.set(Number(r.id), msOf(r.startedAt));
  }
  return rows.reverse().map((r) => ({ fundingTime: msOf(r.fundingTime), rate: r.rate, predictedRate: r.predictedRate, intervalHours: r.intervalHours, observedAt: r.predictedRunId !== null ? (runs.get(r.predictedRunId) ?? null) : null }));
}

export async function liquidationPoints(db: Db, marketId: number, range: TimeRange): Promise<LiquidationPoint[]> {
  const rows = await readRows<{ ts: unknown; side: string; notionalUsd: number }>(db, `SELECT "ts", "side", "notionalUsd" FROM "Liquidation" WHERE "marketId" = ? AND "ts" >= ? AND "ts" <= ? ORDER BY "ts" ASC`, [marketId, new Date(range.from), new Date(range.to)]);
  return rows.map((r) => ({ ts: msOf(r.ts), side: r.side === "buy" ? "buy" : "sell", notionalUsd: r.notionalUsd }));
}

export async function oiPoints(db: Db, marketId: number, range: TimeRange): Promise<OiPoint[]> {
  const rows = await readRows<{ ts: unknown; valueUsd: number }>(db, `SELECT "ts", "valueUsd" FROM "OpenInterestReading" WHERE "marketId" = ? AND "ts" >= ? AND "ts" <= ? AND "valueUsd" IS NOT NULL ORDER BY "ts" ASC`, [marketId, new Date(range.from), new Date(range.to)]);
  return rows.map((r) => ({ ts: msOf(r.ts), valueUsd: r.valueUsd }));
}

export async function feeTiers(db: Db, venueId: number): Promise<(FeeTier & { source: string; provenance: string })[]> {
  const rows = await readRows<{ tier: string; makerRate: number; takerRate: number; effectiveFrom: unknown; effectiveTo: unknown; source: string; provenance: string }>(
    db,
    `SELECT "tier", "makerRate", "takerRate", "effectiveFrom", "effectiveTo", "source", "provenance" FROM "FeeSchedule" WHERE "venueId" = ? AND "scope" = 'perp' ORDER BY "tier" ASC, "effectiveFrom" ASC`,
    [venueId],
  );
  return rows.map((r) => ({ tier: r.tier, makerRate: r.makerRate, takerRate: r.takerRate, effectiveFrom: msOf(r.effectiveFrom), effectiveTo: msOrNull(r.effectiveTo), source: r.source, provenance: r.provenance }));
}

/** Each pool's (asset's) latest reading of a venue strictly before `before` (inclusive when `inclusive`). */
async function latestPoolReadings(db: Db, venueId: number, before: number, inclusive: boolean): Promise<PoolReading[]> {
  const rows = await readRows<{ ts: unknown; asset: string; balanceUsd: number }>(
    db,
    `SELECT b."ts", b."asset", b."balanceUsd" FROM "InsuranceFundBalance" b JOIN (SELECT "asset", MAX("ts") AS "ts" FROM "InsuranceFundBalance" WHERE "venueId" = ? AND "ts" ${inclusive ? "<=" : "<"} ? GROUP BY "asset") l ON b."asset" = l."asset" AND b."ts" = l."ts" WHERE b."venueId" = ?`,
    [venueId, new Date(before), venueId],
  );
  return rows.map((r) => ({ ts: msOf(r.ts), asset: r.asset, balanceUsd: r.balanceUsd }));
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
  const rows = await readRows<{ ts: unknown; asset: string; balanceUsd: number }>(db, `SELECT "ts", "asset", "balanceUsd" FROM "InsuranceFundBalance" WHERE "venueId" = ? AND "ts" >= ? AND "ts" <= ? ORDER BY "ts" ASC`, [venueId, new Date(from), new Date(to)]);
  return fundSeries([...carried, ...rows.map((r) => ({ ts: msOf(r.ts), asset: r.asset, balanceUsd: r.balanceUsd }))], from, to);
}

/**
 * The data version: the highest ingest-run id, of one venue when `venueId` is given (so ingesting one
 * venue does not invalidate every other venue's cached figures), else of the whole database.
 */
export async function dataVersion(db: Db, venueId?: number): Promise<number> {
  const [last] = await readRows<{ id: number | bigint }>(db, `SELECT "id" FROM "IngestRun"${venueId === undefined ? "" : ` WHERE "venueId" = ?`} ORDER BY "id" DESC LIMIT 1`, venueId === undefined ? [] : [venueId]);
  return last ? Number(last.id) : 0;
}
