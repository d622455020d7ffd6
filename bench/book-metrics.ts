// Book-metrics throughput over stored snapshots: decode the packed levels, then mid, spread, depth
// bands and slippage at three notionals on both sides for every book. Levels/s counts every stored
// level of every processed book.
import { createDb, type Db } from "../lib/db";
import { decodeLevels } from "../lib/books/level-codec";
import { bookMetrics } from "../lib/metrics/book";
import { slippageSeries } from "../lib/metrics/slippage-series";
import type { Book } from "../lib/metrics/types";

export async function benchBookMetrics(db: Db, limit = 20_000) {
  const rows = await db.bookSnapshot.findMany({ take: limit, orderBy: { id: "asc" }, select: { ts: true, bids: true, asks: true, truncated: true, bidLevels: true, askLevels: true } });
  const levels = rows.reduce((s, r) => s + r.bidLevels + r.askLevels, 0);
  let t = performance.now();
  const books: Book[] = rows.map((r) => ({ ts: r.ts.getTime(), bids: decodeLevels(r.bids), asks: decodeLevels(r.asks), truncated: r.truncated }));
  const decodeSec = (performance.now() - t) / 1000;
  t = performance.now();
  let filled = 0;
  for (const b of books) {
    const m = bookMetrics(b, [100_000, 1_000_000, 5_000_000]);
    if (m && m.slippage[0]?.buy?.kind === "filled") filled++;
  }
  const metricsSec = (performance.now() - t) / 1000;
  t = performance.now();
  slippageSeries(books, 1_000_000, "buy");
  slippageSeries(books, 1_000_000, "sell");
  const seriesSec = (performance.now() - t) / 1000;
  return { books: books.length, levels, decodeLevelsPerSec: levels / decodeSec, metricsLevelsPerSec: levels / metricsSec, seriesLevelsPerSec: (2 * levels) / seriesSec, filled };
}

export { createDb };
