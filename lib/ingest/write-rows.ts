// Idempotent writes of parsed rows, one batch per transaction. Natural keys decide what is new: a row
// already stored (same market and time, same fee version, ...) is counted as skipped, never duplicated.
import "server-only";
import type BetterSqlite3 from "better-sqlite3";
import { encodeLevels } from "../books/level-codec";
import { encodeCurve, liquidityCurve } from "../metrics/liquidity-curve";
import { addToBookDays, forgetBookDays, type CountedBook } from "../store/book-days";
import { msOf } from "../store/sqlite-read";
import { bindValue } from "../sql-dialect";
import type { DataKind, RowsByKind } from "../venues/types";
import { insertIgnore, insertIgnoreReturning } from "./insert-ignore";
import { writeMargin } from "./write-margin";
import { fromEarlierRun, type Tx, type WriteContext, type WriteResult } from "./write-types";
import { HOUR_MS } from "../metrics/time";
import { feeChange, fundingCapChange } from "../metrics/change-diff";
import { recordChangeEvent } from "../store/change-events";
import { processWide } from "../process-wide";

const date = (ms: number) => new Date(ms);

function marketId(ctx: WriteContext, symbol: string): number {
  const id = ctx.marketIds.get(symbol);
  if (id === undefined) throw new Error(`no market row for ${symbol}`);
  return id;
}

/** Keep the first of rows sharing a key (a body listing the same record twice stores it once). */
function uniqueBy<T>(rows: T[], key: (r: T) => string): T[] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const k = key(r);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

const BOOK_COLUMNS = ["marketId", "ts", "exchangeTs", "receivedTs", "bids", "asks", "bidLevels", "askLevels", "levelLimit", "truncated", "bestBid", "bestAsk", "midPrice", "spreadBps", "provenance", "ingestRunId", "aggregated", "exactLevels", "curve"] as const;

/** Books are the bulk of the data: packed levels, inserted in bulk, idempotent on (market, time). */
async function writeBooks(tx: Tx, rows: RowsByKind["depth"][], ctx: WriteContext): Promise<WriteResult> {
  const values = rows.map((r) => {
    const bestBid = r.bids[0][0];
    const bestAsk = r.asks[0][0];
    const mid = (bestBid + bestAsk) / 2;
    const ts = r.exchangeTs ?? r.receivedTs;
    return [
      marketId(ctx, r.symbol),
      date(ts),
      r.exchangeTs === null ? null : date(r.exchangeTs),
      date(r.receivedTs),
      encodeLevels(r.bids),
      encodeLevels(r.asks),
      r.bids.length,
      r.asks.length,
      r.levelLimit,
      r.truncated,
      bestBid,
      bestAsk,
      mid,
      ((bestAsk - bestBid) / mid) * 1e4,
      ctx.provenance,
      ctx.ingestRunId,
      r.aggregated ?? false,
      r.exactLevels ?? null,
      // The liquidity curve the figures read instead of walking the levels (issue #18.1).
      encodeCurve(liquidityCurve({ ts, bids: r.bids, asks: r.asks, truncated: r.truncated })),
    ];
  });
  const inserted = ctx.sqlite?.inTransaction ? insertBooksSqlite(ctx.sqlite, values) : await insertedBooks(tx, values);
  const written = inserted.reduce((n, x) => n + (x ? 1 : 0), 0);
  // The day rollups these books fall in are rebuilt on their next read (lib/store/book-days.ts); the new
  // books are added to their days' counts in this transaction (BookDayCount, read by /data and coverage).
  if (written > 0) {
    await forgetBookDays(tx, values.map((v) => [v[0] as number, (v[1] as Date).getTime()] as const));
    const books: CountedBook[] = [];
    values.forEach((v, i) => {
      if (!inserted[i]) return;
      const at = (c: (typeof BOOK_COLUMNS)[number]) => v[BOOK_COLUMNS.indexOf(c)];
      books.push({ marketId: at("marketId") as number, ts: (at("ts") as Date).getTime(), truncated: at("truncated") as boolean, aggregated: at("aggregated") as boolean, bidLevels: at("bidLevels") as number, askLevels: at("askLevels") as number, exactLevels: at("exactLevels") as number | null, provenance: at("provenance") as string });
    });
    await addToBookDays(tx, books);
  }
  return { written, skipped: rows.length - written };
}

const bookInserts = processWide("book-inserts", () => new WeakMap<BetterSqlite3.Database, BetterSqlite3.Statement>());

/**
 * insertIgnore's statement for books, one row at a time through a prepared statement on the connection the
 * caller's transaction holds (so inside that transaction): the same columns, values bound the same way
 * (bindValue), the same natural key; returns how many rows were new.
 */
function insertBooksSqlite(conn: BetterSqlite3.Database, values: readonly unknown[][]): boolean[] {
  let stmt = bookInserts.get(conn);
  if (!stmt) {
    const cols = BOOK_COLUMNS.map((c) => `"${c}"`).join(",");
    stmt = conn.prepare(`INSERT INTO "BookSnapshot" (${cols}) VALUES (${BOOK_COLUMNS.map(() => "?").join(",")}) ON CONFLICT ("marketId","ts") DO NOTHING`);
    bookInserts.set(conn, stmt);
  }
  return values.map((row) => stmt.run(row.map((v) => bindValue("sqlite", v))).changes === 1);
}

/** insertIgnore of books, saying which of `values` were new (by their returned (market, time) keys). */
async function insertedBooks(tx: Tx, values: readonly unknown[][]): Promise<boolean[]> {
  const keyOf = (marketId: unknown, ts: number) => `${String(marketId)}|${ts}`;
  const returned = await insertIgnoreReturning(tx, "BookSnapshot", BOOK_COLUMNS, ["marketId", "ts"], values, ["marketId", "ts"]);
  const fresh = new Set(returned.map((r) => keyOf(Number(r.marketId), msOf(r.ts))));
  // (a key listed twice was inserted once: only its first listing counts)
  return values.map((v) => fresh.delete(keyOf(v[0], (v[1] as Date).getTime())));
}

const FUNDING_COLUMNS = ["marketId", "fundingTime", "rate", "intervalHours", "premium", "markPrice", "indexPrice", "predicted", "provenance", "ingestRunId"];
/** Venues stamp settlements ms to seconds after the time their estimate named (dYdX 16:00:00.219Z). */
const SETTLEMENT_MATCH_MS = 600_000;

async function writeFunding(tx: Tx, rows: RowsByKind["funding"][], ctx: WriteContext): Promise<WriteResult> {
  const unique = uniqueBy(rows, (r) => `${r.symbol}|${r.fundingTime}`);
  let written = 0;
  let skipped = rows.length - unique.length;
  const byMarket = new Map<number, RowsByKind["funding"][]>();
  for (const r of unique) {
    const id = marketId(ctx, r.symbol);
    byMarket.set(id, [...(byMarket.get(id) ?? []), r]);
  }
  for (const [mId, list] of byMarket) {
    const times = list.map((r) => r.fundingTime);
    const lo = Math.min(...times) - SETTLEMENT_MATCH_MS;
    const hi = Math.max(...times) + SETTLEMENT_MATCH_MS;
    // Existing records in range (one query), then: new -> bulk insert; estimate -> replaced by the
    // settlement; existing settled -> fill only what it lacked.
    const existing = await tx.fundingRecord.findMany({ where: { marketId: mId, fundingTime: { gte: date(lo), lte: date(hi) } } });
    const exact = new Map(existing.map((e) => [e.fundingTime.getTime(), e]));
    const estimates = existing.filter((e) => e.predicted);
    const fresh: unknown[][] = [];
    for (const r of list) {
      const values = { rate: r.rate, intervalHours: r.intervalHours, premium: r.premium, markPrice: r.markPrice, indexPrice: r.indexPrice, predicted: r.predicted };
      let prev = exact.get(r.fundingTime);
      if (!prev && !r.predicted) prev = estimates.find((e) => Math.abs(e.fundingTime.getTime() - r.fundingTime) <= SETTLEMENT_MATCH_MS);
      if (!prev) {
        fresh.push([mId, date(r.fundingTime), r.rate, r.intervalHours, r.premium, r.markPrice, r.indexPrice, r.predicted, ctx.provenance, ctx.ingestRunId]);
      } else if (prev.predicted && !r.predicted) {
        await tx.fundingRecord.update({
          where: { id: prev.id },
          // The estimate's rate is kept beside the settled one (predicted vs settled, issue #21.2).
          data: { ...values, fundingTime: date(r.fundingTime), premium: r.premium ?? prev.premium, markPrice: r.markPrice ?? prev.markPrice, indexPrice: r.indexPrice ?? prev.indexPrice, provenance: ctx.provenance, ingestRunId: ctx.ingestRunId, predictedRate: prev.rate, predictedRunId: prev.ingestRunId },
        });
        estimates.splice(estimates.indexOf(prev), 1);
        written++;
      } else if (
        (prev.premium === null && r.premium !== null) ||
        (prev.markPrice === null && r.markPrice !== null) ||
        (prev.indexPrice === null && r.indexPrice !== null) ||
        (prev.intervalHours === null && r.intervalHours !== null)
      ) {
        await tx.fundingRecord.update({
          where: { id: prev.id },
          data: { premium: prev.premium ?? r.premium, markPrice: prev.markPrice ?? r.markPrice, indexPrice: prev.indexPrice ?? r.indexPrice, intervalHours: prev.intervalHours ?? r.intervalHours },
        });
        written++;
      } else skipped++;
    }
    const inserted = await insertIgnore(tx, "FundingRecord", FUNDING_COLUMNS, ["marketId", "fundingTime"], fresh);
    written += inserted;
    skipped += fresh.length - inserted;
  }
  return { written, skipped };
}

/** Fee history: a changed rate closes the open version and opens a new one; an unchanged rate is skipped. */
async function writeFees(tx: Tx, rows: RowsByKind["fees"][], ctx: WriteContext): Promise<WriteResult> {
  let written = 0;
  let skipped = 0;
  for (const r of rows) {
    const same = await tx.feeSchedule.findUnique({
      where: { venueId_scope_tier_effectiveFrom: { venueId: ctx.venueId, scope: r.scope, tier: r.tier, effectiveFrom: date(r.effectiveFrom) } },
    });
    if (same) {
      skipped++;
      continue;
    }
    const versions = await tx.feeSchedule.findMany({
      where: { venueId: ctx.venueId, scope: r.scope, tier: r.tier },
      orderBy: { effectiveFrom: "asc" },
    });
    // The version in force at r.effectiveFrom, and the next one after it (if r is an older observation).
    const before = versions.filter((v) => v.effectiveFrom.getTime() < r.effectiveFrom).at(-1);
    const after = versions.find((v) => v.effectiveFrom.getTime() > r.effectiveFrom);
    if (before && before.makerRate === r.makerRate && before.takerRate === r.takerRate) {
      skipped++;
      continue;
    }
    if (after && after.makerRate === r.makerRate && after.takerRate === r.takerRate) {
      // An earlier observation of the same rates: move the next version's start back instead of adding one.
      await tx.feeSchedule.update({ where: { id: after.id }, data: { effectiveFrom: date(r.effectiveFrom) } });
      if (before) await tx.feeSchedule.update({ where: { id: before.id }, data: { effectiveTo: date(r.effectiveFrom) } });
      written++;
      continue;
    }
    if (before) await tx.feeSchedule.update({ where: { id: before.id }, data: { effectiveTo: date(r.effectiveFrom) } });
    // A new latest version against one an earlier run stored is a change event (in this transaction, so the event
    // exists exactly when the version does); versions all from this run are a first load, and an older
    // observation filled in behind the latest version is history, not a change the venue just made.
    const change = before && !after && versions.some((v) => fromEarlierRun(v, ctx)) ? feeChange(r.scope, r.tier, before, r) : null;
    if (change) {
      await recordChangeEvent(tx, {
        ...change,
        venueId: ctx.venueId,
        kind: "fee-schedule",
        subject: null,
        occurredAt: r.effectiveFrom,
        provenance: ctx.provenance,
        dedupeKey: `fee-schedule|${ctx.venueId}|${r.scope}|${r.tier}|${r.effectiveFrom}|${r.makerRate}|${r.takerRate}`,
        ingestRunId: ctx.ingestRunId,
      });
    }
    await tx.feeSchedule.create({
      data: {
        venueId: ctx.venueId,
        scope: r.scope,
        tier: r.tier,
        makerRate: r.makerRate,
        takerRate: r.takerRate,
        effectiveFrom: date(r.effectiveFrom),
        effectiveTo: after ? after.effectiveFrom : null,
        source: r.source,
        provenance: ctx.provenance,
        ingestRunId: ctx.ingestRunId,
      },
    });
    written++;
  }
  return { written, skipped };
}

async function writeLiquidations(tx: Tx, rows: RowsByKind["liquidations"][], ctx: WriteContext): Promise<WriteResult> {
  const values = rows.map((r) => [marketId(ctx, r.symbol), date(r.ts), r.side, r.price, r.sizeBase, r.notionalUsd, ctx.provenance, ctx.ingestRunId]);
  const written = await insertIgnore(tx, "Liquidation", ["marketId", "ts", "side", "price", "sizeBase", "notionalUsd", "provenance", "ingestRunId"], ["marketId", "ts", "side", "price", "sizeBase"], values);
  return { written, skipped: rows.length - written };
}

/** A stored price for a market within an hour of ts (funding mark, else book mid); NaN when none. */
async function priceNear(tx: Tx, marketIdValue: number, ts: number): Promise<number> {
  const window = { gte: date(ts - HOUR_MS), lte: date(ts + HOUR_MS) };
  const funding = await tx.fundingRecord.findFirst({ where: { marketId: marketIdValue, fundingTime: window, markPrice: { not: null } }, select: { markPrice: true } });
  if (funding?.markPrice) return funding.markPrice;
  const book = await tx.bookSnapshot.findFirst({ where: { marketId: marketIdValue, ts: window }, select: { midPrice: true } });
  return book?.midPrice ?? Number.NaN;
}

async function writeOpenInterest(tx: Tx, rows: RowsByKind["oi"][], ctx: WriteContext): Promise<WriteResult> {
  const values: unknown[][] = [];
  for (const r of rows) {
    const id = marketId(ctx, r.symbol);
    // Readings without a price (Binance /openInterest) are valued at a stored mark or mid nearby; readings
    // with only a USD value (Bybit inverse history, in USD contracts) get their base size from it the same way.
    const price = r.valueUsd === null || r.sizeBase === null ? await priceNear(tx, id, r.ts) : NaN;
    const sizeBase = r.sizeBase ?? r.valueUsd! / price;
    // sizeBase is required: without a price nearby the reading is not stored (counted as skipped).
    if (!Number.isFinite(sizeBase)) continue;
    const valueUsd = r.valueUsd ?? price * sizeBase;
    values.push([id, date(r.ts), sizeBase, Number.isFinite(valueUsd) ? valueUsd : null, ctx.provenance, ctx.ingestRunId]);
  }
  const written = await insertIgnore(tx, "OpenInterestReading", ["marketId", "ts", "sizeBase", "valueUsd", "provenance", "ingestRunId"], ["marketId", "ts"], values);
  return { written, skipped: rows.length - written };
}

async function writeInsurance(tx: Tx, rows: RowsByKind["insurance"][], ctx: WriteContext): Promise<WriteResult> {
  const values = rows.map((r) => [ctx.venueId, date(r.ts), r.asset, r.balanceUsd, ctx.provenance, ctx.ingestRunId]);
  const written = await insertIgnore(tx, "InsuranceFundBalance", ["venueId", "ts", "asset", "balanceUsd", "provenance", "ingestRunId"], ["venueId", "ts", "asset"], values);
  return { written, skipped: rows.length - written };
}

async function writeMarkets(tx: Tx, rows: RowsByKind["markets"][], ctx: WriteContext): Promise<WriteResult> {
  let written = 0;
  let skipped = 0;
  for (const r of rows) {
    const prev = await tx.market.findUnique({ where: { venueId_symbol: { venueId: ctx.venueId, symbol: r.symbol } } });
    const fields = {
      base: r.base,
      quote: r.quote,
      settle: r.settle,
      contractType: r.contractType,
      sizeUnit: r.sizeUnit,
      contractSize: r.contractSize,
      // A partial source (e.g. a funding-info body) leaves what it does not know as it was.
      tickSize: r.tickSize ?? prev?.tickSize ?? null,
      maxLeverage: r.maxLeverage ?? prev?.maxLeverage ?? null,
      fundingIntervalHours: r.fundingIntervalHours ?? prev?.fundingIntervalHours ?? null,
      fundingCapRate: r.fundingCapRate ?? prev?.fundingCapRate ?? null,
      fundingFloorRate: r.fundingFloorRate ?? prev?.fundingFloorRate ?? null,
      active: r.active,
    };
    if (prev && Object.entries(fields).every(([k, v]) => (prev as Record<string, unknown>)[k] === v)) {
      skipped++;
      continue;
    }
    const stored = await tx.market.upsert({
      where: { venueId_symbol: { venueId: ctx.venueId, symbol: r.symbol } },
      create: { venueId: ctx.venueId, symbol: r.symbol, ...fields, provenance: ctx.provenance },
      update: fields,
      select: { id: true },
    });
    const capChange = prev ? fundingCapChange(r.symbol, { capRate: prev.fundingCapRate, floorRate: prev.fundingFloorRate }, { capRate: fields.fundingCapRate, floorRate: fields.fundingFloorRate }) : null;
    if (capChange) {
      // Market rows carry no data time: the change is dated when the body was received.
      const at = ctx.observedAt ?? Date.now();
      await recordChangeEvent(tx, {
        ...capChange,
        venueId: ctx.venueId,
        kind: "funding-cap",
        subject: r.symbol,
        occurredAt: at,
        provenance: ctx.provenance,
        dedupeKey: `funding-cap|${stored.id}|${ctx.ingestRunId ?? at}|${prev!.fundingCapRate}:${prev!.fundingFloorRate}->${fields.fundingCapRate}:${fields.fundingFloorRate}`,
        ingestRunId: ctx.ingestRunId,
      });
    }
    written++;
  }
  return { written, skipped };
}

export async function writeRows<K extends DataKind>(tx: Tx, kind: K, rows: RowsByKind[K][], ctx: WriteContext): Promise<WriteResult> {
  if (rows.length === 0) return { written: 0, skipped: 0 };
  switch (kind) {
    case "markets":
      return writeMarkets(tx, rows as RowsByKind["markets"][], ctx);
    case "depth":
      return writeBooks(tx, rows as RowsByKind["depth"][], ctx);
    case "funding":
      return writeFunding(tx, rows as RowsByKind["funding"][], ctx);
    case "fees":
      return writeFees(tx, rows as RowsByKind["fees"][], ctx);
    case "liquidations":
      return writeLiquidations(tx, rows as RowsByKind["liquidations"][], ctx);
    case "oi":
      return writeOpenInterest(tx, rows as RowsByKind["oi"][], ctx);
    case "insurance":
      return writeInsurance(tx, rows as RowsByKind["insurance"][], ctx);
    case "margin":
      return writeMargin(tx, rows as RowsByKind["margin"][], ctx);
  }
  throw new Error(`unknown data kind ${kind as string}`);
}
