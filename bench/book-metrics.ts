// Book-metrics throughput over stored snapshots: decode the packed levels, then mid, spread, depth
// bands and slippage at three notionals on both sides for every book. Levels/s counts every stored
// level of every processed book. Two paths, same books, same sitting: the per-book functions on
// [price, size] tuples (book.ts, slippage-series.ts) and the column kernel on typed arrays (book-columns.ts).
import { createDb, type Db } from "../lib/db";
import { decodeLevels } from "../lib/books/level-codec";
import { decodeBookColumns } from "../lib/books/book-columns";
import { bookMetrics } from "../lib/metrics/book";
import { bookMetricsColumns, slippageSamplesColumns } from "../lib/metrics/book-columns";
import { slippageSeries, summarizeSlippage } from "../lib/metrics/slippage-series";
import type { Book } from "../lib/metrics/types";

const NOTIONALS = [100_000, 1_000_000, 5_000_000];

/** The best of `runs` timings of `fn` (seconds) and its last value; shared by the book benchmarks. */
export function timed<T>(fn: () => T, runs = 3): { sec: number; value: T } {
  let sec = Infinity;
  let value!: T;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    value = fn();
    sec = Math.min(sec, (performance.now() - t) / 1000);
  }
  return { sec, value };
}

export async function benchBookMetrics(db: Db, limit = 20_000) {
  const rows = await db.bookSnapshot.findMany({ take: limit, orderBy: { id: "asc" }, select: { ts: true, bids: true, asks: true, truncated: true, bidLevels: true, askLevels: true } });
  const levels = rows.reduce((s, r) => s + r.bidLevels + r.askLevels, 0);
  const packed = rows.map((r) => ({ ts: r.ts.getTime(), bids: r.bids, asks: r.asks, truncated: r.truncated }));

  // Tuples (the path before columns).
  const decode = timed(() => packed.map((r): Book => ({ ts: r.ts, bids: decodeLevels(r.bids), asks: decodeLevels(r.asks), truncated: r.truncated })));
  const books = decode.value;
  const metrics = timed(() => {
    let filled = 0;
    for (const b of books) {
      const m = bookMetrics(b, NOTIONALS);
      if (m && m.slippage[0]?.buy?.kind === "filled") filled++;
    }
    return filled;
  });
  const series = timed(() => [slippageSeries(books, 1_000_000, "buy"), slippageSeries(books, 1_000_000, "sell")]);

  // Columns.
  // Fresh columns pay the first touch of every new page (64 MB here); reused ones do not.
  const colDecode = timed(() => decodeBookColumns(packed));
  const cols = colDecode.value;
  const colDecodeReused = timed(() => decodeBookColumns(packed, { into: cols }));
  const colMetrics = timed(() => {
    const m = bookMetricsColumns(cols, NOTIONALS);
    let filled = 0;
    for (let i = 0; i < m.length; i++) if (m.buySlippageBps[i * NOTIONALS.length] === m.buySlippageBps[i * NOTIONALS.length]) filled++;
    return filled;
  });
  const colSeries = timed(() => [summarizeSlippage(slippageSamplesColumns(cols, 1_000_000, "buy")), summarizeSlippage(slippageSamplesColumns(cols, 1_000_000, "sell"))]);
  // Stored bytes to metrics in chunks of 1,000 books through columns reused from chunk to chunk.
  const chunked = timed(() => {
    let scratch: ReturnType<typeof decodeBookColumns> | undefined;
    let filled = 0;
    for (let i = 0; i < packed.length; i += 1000) {
      scratch = decodeBookColumns(packed.slice(i, i + 1000), { into: scratch });
      const m = bookMetricsColumns(scratch, NOTIONALS);
      for (let b = 0; b < m.length; b++) if (m.buySlippageBps[b * NOTIONALS.length] === m.buySlippageBps[b * NOTIONALS.length]) filled++;
    }
    return filled;
  });
  if (chunked.value !== metrics.value || colMetrics.value !== metrics.value || JSON.stringify(colSeries.value) !== JSON.stringify(series.value)) throw new Error("bench books: column kernel disagrees with the per-book functions");

  const perSec = (sec: number, n = levels) => n / sec;
  return {
    books: books.length,
    levels,
    filled: metrics.value,
    tuples: {
      decodeLevelsPerSec: perSec(decode.sec),
      metricsLevelsPerSec: perSec(metrics.sec),
      seriesLevelsPerSec: perSec(series.sec, 2 * levels),
      endToEndLevelsPerSec: perSec(decode.sec + metrics.sec),
    },
    columns: {
      decodeLevelsPerSec: perSec(colDecode.sec),
      decodeReusedLevelsPerSec: perSec(colDecodeReused.sec),
      metricsLevelsPerSec: perSec(colMetrics.sec),
      seriesLevelsPerSec: perSec(colSeries.sec, 2 * levels),
      endToEndLevelsPerSec: perSec(colDecode.sec + colMetrics.sec),
      chunkedEndToEndLevelsPerSec: perSec(chunked.sec),
    },
  };
}

export { createDb };
