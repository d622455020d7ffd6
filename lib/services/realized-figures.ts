// A market's realized execution: stored trade prints in a window grouped into sweeps, against the stored books
// and stress windows (lib/metrics/sweeps.ts), with the book-implied slippage of each size bucket beside it.
// Work is bounded: at most MAX_REALIZED_PRINTS prints and MAX_REALIZED_BOOKS books per request.
import "server-only";
import type { Db } from "../db";
import { walkedBookPoints, SWEEP_BUCKET_EDGES_USD, type BookPoint, type TradePrint } from "../metrics/sweeps";
import { realizedExecutionAt } from "../metrics/realized-summary";
import { curveMid, CURVE_GRID_USD } from "../metrics/liquidity-curve";
import { curveSlippageSamples, CURVE_BOUND_TOLERANCE } from "../metrics/curve-samples";
import { curvesById } from "../store/book-curves";
import type { Book } from "../metrics/types";
import { detectStressWindows, type MidSpreadPoint } from "../metrics/stress";
import { slippageSamples, summarizeSlippage } from "../metrics/slippage-series";
import type { TimeWindow } from "../metrics/types";
import { resolveWindow, type WindowSpec } from "../views/windows";
import { MAX_REALIZED_BOOKS, MAX_REALIZED_PRINTS, type RealizedBucket, type RealizedFigures } from "../views/realized";
import { booksById, booksByIds } from "./market-data";
import { bookDayColumns } from "../store/book-days";
import { venueOfMarket } from "./figure-cache";
import { idleSqlite, msOf, readRows, sqliteAll, sqliteMs, timeSpan } from "../store/sqlite-read";

/**
 * The notional a bucket's implied slippage is read at: the stored liquidity curves' grid notional (CURVE_GRID_USD)
 * nearest, in log distance, to the geometric middle of the bucket's edges ($5k below $10k, $31.6M above $10M), so
 * it is read exactly from the curves: $10k (the grid's first point) for sweeps under $10k, then $20k, $60k, $200k,
 * $600k, $2M, $6M and $30M.
 */
export function bucketMiddleUsd(bucket: number): number {
  const e = SWEEP_BUCKET_EDGES_USD;
  const middle = bucket === 0 ? 5_000 : bucket >= e.length ? e[e.length - 1] * Math.sqrt(10) : Math.sqrt(e[bucket - 1] * e[bucket]);
  let best = CURVE_GRID_USD[0];
  for (const g of CURVE_GRID_USD) if (Math.abs(Math.log(g / middle)) < Math.abs(Math.log(best / middle))) best = g;
  return best;
}

type PrintRow = { ts: number; price: number; sizeBase: number; side: string; tradeId: string; groupKey: string | null; quoteMid: number | null; provenance: string };

/** The latest MAX_REALIZED_PRINTS prints of the window, oldest first. */
async function latestPrints(db: Db, marketId: number, window: TimeWindow): Promise<PrintRow[]> {
  // On SQLite straight from the idle connection (lib/store/sqlite-read.ts): Prisma maps each of up to 250k rows
  // into an object with a Date, ~4 µs a row.
  const conn = idleSqlite(db);
  const rows = conn
    ? sqliteAll<Omit<PrintRow, "ts"> & { ts: string }>(conn, `SELECT "ts", "price", "sizeBase", "side", "tradeId", "groupKey", "quoteMid", "provenance" FROM "TradePrint" WHERE "marketId" = ? AND "ts" >= ? AND "ts" <= ? ORDER BY "ts" DESC, "id" DESC LIMIT ?`, [marketId, new Date(window.from), new Date(window.to), MAX_REALIZED_PRINTS]).map((r) => ({ ts: sqliteMs(r.ts), price: r.price, sizeBase: r.sizeBase, side: r.side, tradeId: r.tradeId, groupKey: r.groupKey, quoteMid: r.quoteMid, provenance: r.provenance }))
    : (await db.tradePrint.findMany({ where: { marketId, ts: { gte: new Date(window.from), lte: new Date(window.to) } }, orderBy: [{ ts: "desc" }, { id: "desc" }], take: MAX_REALIZED_PRINTS, select: { ts: true, price: true, sizeBase: true, side: true, tradeId: true, groupKey: true, quoteMid: true, provenance: true } })).map((r) => ({ ...r, ts: r.ts.getTime() }));
  return rows.reverse();
}

/**
 * `bookStressWindows`: the stress windows from the market's book series (and named ones); null when the market
 * has no books, in which case they are detected from trade prices with the same rule (per-minute closes as the mid,
 * no spread). Null when the market holds no raw prints in the window.
 */
export async function computeRealizedFigures(db: Db, marketId: number, spec: WindowSpec, bookStressWindows: readonly TimeWindow[] | null): Promise<RealizedFigures | null> {
  const span = await timeSpan(db, "TradePrint", "ts", `"marketId" = ?`, [marketId]);
  const window = resolveWindow(spec, span.first, span.last);
  if (!window) return null;
  const [counted] = await readRows<{ n: number | bigint }>(db, `SELECT COUNT(*) AS "n" FROM "TradePrint" WHERE "marketId" = ? AND "ts" >= ? AND "ts" <= ?`, [marketId, new Date(window.from), new Date(window.to)]);
  const count = Number(counted?.n ?? 0);
  if (count === 0) return null;
  const rows = await latestPrints(db, marketId, window);
  const prints: TradePrint[] = rows.map((r) => ({ ts: r.ts, price: r.price, sizeBase: r.sizeBase, side: r.side as "buy" | "sell", tradeId: r.tradeId, groupKey: r.groupKey, quoteMid: r.quoteMid }));
  const from = prints[0].ts;
  // books from 10 s before the first print (a pre-trade mid) to 5 min after the last (markouts)
  // (their ids from the day rollups: lib/store/book-days.ts)
  const cols = await bookDayColumns(db, marketId, await venueOfMarket(db, marketId), from - 10_000, window.to + 5 * 60_000);
  const step = Math.max(1, Math.ceil(cols.length / MAX_REALIZED_BOOKS));
  const bookIds: number[] = [];
  for (let i = 0; i < cols.length; i += step) bookIds.push(cols.id[i]);
  // Mids from the books' stored curves (best bid/ask as stored); levels decoded only for the books a sweep walks.
  const curves = await curvesById(db, bookIds);
  const points: BookPoint[] = [];
  const pointIds: number[] = [];
  for (const id of bookIds) {
    const c = curves.get(id);
    if (!c?.sides) continue;
    points.push({ ts: c.ts, mid: curveMid(c.sides), book: null });
    pointIds.push(id);
  }
  const walked = [...walkedBookPoints(prints, points)];
  const walkedBooks = await booksById(db, walked.map((i) => pointIds[i]));
  for (const i of walked) points[i].book = walkedBooks.get(pointIds[i]) ?? null;
  // aggregates: the same window spec resolved over the minutes (they reach back past the raw window)
  const mSpan = await timeSpan(db, "TradeMinute", "minute", `"marketId" = ?`, [marketId]);
  const aggWindow = resolveWindow(spec, mSpan.first, mSpan.last) ?? window;
  const minuteRows = await readRows<{ minute: unknown; prints: number; buyUsd: number; sellUsd: number; sweeps: number; sweepBuckets: string; close: number }>(
    db,
    `SELECT "minute", "prints", "buyUsd", "sellUsd", "sweeps", "sweepBuckets", "close" FROM "TradeMinute" WHERE "marketId" = ? AND "minute" >= ? AND "minute" <= ? ORDER BY "minute" ASC`,
    [marketId, new Date(Math.floor(aggWindow.from / 60_000) * 60_000), new Date(aggWindow.to)],
  );
  const minutes = minuteRows.map((m) => ({ ...m, minute: msOf(m.minute) }));
  const stressSource: RealizedFigures["stressSource"] = bookStressWindows === null ? "trades" : "books";
  let stressWindows: TimeWindow[] = bookStressWindows ? [...bookStressWindows] : [];
  if (bookStressWindows === null) {
    // no books: the same rule over trade prices (per-minute closes), spreads unknown (0, so never the trigger)
    const series: MidSpreadPoint[] = minutes.map((m) => ({ ts: m.minute, mid: m.close, spreadBps: 0 }));
    stressWindows = detectStressWindows(series).windows.map((w) => ({ from: w.from, to: w.to }));
  }
  const summary = realizedExecutionAt(prints, points, stressWindows);
  const aggSweeps = new Array(summary.buckets.length).fill(0);
  for (const m of minutes) (JSON.parse(m.sweepBuckets) as [number, number, number][]).forEach(([b, s], i) => (aggSweeps[i] += b + s));
  // Book-implied slippage of each bucket from the curves (interpolated with a bound between grid notionals); the
  // books are walked exactly where the bound exceeds CURVE_BOUND_TOLERANCE, as the market's figures do.
  const curveList = bookIds.map((id) => curves.get(id)).filter((c) => c !== undefined);
  let books: Book[] | null = null;
  const impliedAt = async (notional: number) => {
    const s = curveSlippageSamples(curveList, notional, "buy");
    const sum = summarizeSlippage(s);
    const tolerance = Math.max(CURVE_BOUND_TOLERANCE.bps, CURVE_BOUND_TOLERANCE.share * Math.max(sum.p50Bps ?? 0, 0));
    if (s.boundBps <= tolerance) return sum;
    books ??= await booksByIds(db, bookIds);
    return summarizeSlippage(slippageSamples(books, notional, "buy"));
  };
  const implieds = new Map<number, Awaited<ReturnType<typeof impliedAt>>>();
  for (const b of summary.buckets) implieds.set(b.bucket, await impliedAt(bucketMiddleUsd(b.bucket)));
  const buckets: RealizedBucket[] = summary.buckets.map((b) => {
    const notional = bucketMiddleUsd(b.bucket);
    const implied = curveList.length ? implieds.get(b.bucket)! : null;
    return { ...b, impliedNotionalUsd: notional, impliedP50Bps: implied?.p50Bps ?? null, impliedBeyondShare: implied?.beyondShare ?? null, aggregateSweeps: aggSweeps[b.bucket] };
  });
  return {
    window,
    provenance: [...new Set(rows.map((r) => r.provenance))].sort(),
    prints: prints.length,
    sweeps: summary.sweeps,
    capped: count > MAX_REALIZED_PRINTS,
    booksUsed: curves.size,
    stressSource,
    stressWindows,
    horizonsMs: summary.horizonsMs,
    buckets,
    aggregates: {
      minutes: minutes.length,
      prints: minutes.reduce((a, m) => a + m.prints, 0),
      notionalUsd: minutes.reduce((a, m) => a + m.buyUsd + m.sellUsd, 0),
      sweeps: minutes.reduce((a, m) => a + m.sweeps, 0),
      firstMinute: minutes[0]?.minute ?? null,
      lastMinute: minutes.at(-1)?.minute ?? null,
    },
    rule: summary.rule,
  };
}
