// What an ingest run wrote (markets, data kinds, data time ranges) and what a cached figure read: the
// figure cache (lib/services/figure-cache.ts) recomputes a figure only when a run since it was computed
// touched something it read (issue #18.3), instead of on every run of the venue.
import "server-only";

/** Data kinds as ingest runs name them (IngestRun.kind); depth covers level books and depth-band books. */
export type TouchKind = "depth" | "funding" | "liquidations" | "oi" | "fees" | "insurance" | "markets" | "margin" | (string & {});

/** One market's (or, marketId null, the whole venue's) rows of one kind, written between from and to (epoch ms; null = unknown / all time). */
export interface Touch {
  marketId: number | null;
  kind: TouchKind;
  from: number | null;
  to: number | null;
}

/** A window a figure read and the data span it was resolved from (a preset counts back from the span's end). */
export interface KindRange {
  from: number;
  to: number;
  first: number;
  last: number;
}

/**
 * What a cached figure read. `data`: per kind, the window and span read ("ignore": the kind is not read);
 * a kind not listed is read in full, so any touch of it invalidates. "ignore" for all of `data`: the figure
 * reads no ingested rows. `marketId`: touches naming another market do not matter. `runsStarted`: the
 * figure reads the ingest runs themselves (resiliency), those started in this range.
 */
export interface FigureScope {
  marketId?: number;
  data: "ignore" | Partial<Record<TouchKind, KindRange | "ignore">>;
  runsStarted?: { from: number; to: number };
}

/** Add touches into a list, one entry per (market, kind) with the union of their ranges. */
export function mergeTouches(into: Touch[], add: readonly Touch[]): Touch[] {
  for (const t of add) {
    const same = into.find((x) => x.marketId === t.marketId && x.kind === t.kind);
    if (!same) into.push({ ...t });
    else if (same.from === null || t.from === null || same.to === null || t.to === null) same.from = same.to = null;
    else {
      same.from = Math.min(same.from, t.from);
      same.to = Math.max(same.to, t.to);
    }
  }
  return into;
}

/** Touches of a batch of rows of one market and kind, from their timestamps (none when the list is empty). */
export function touchOfTimes(marketId: number | null, kind: TouchKind, times: readonly number[]): Touch[] {
  if (times.length === 0) return [];
  let from = Infinity;
  let to = -Infinity;
  for (const t of times) {
    if (t < from) from = t;
    if (t > to) to = t;
  }
  return [{ marketId, kind, from, to }];
}

export function parseTouched(json: string | null): Touch[] | null {
  if (json === null) return null;
  try {
    const v = JSON.parse(json) as Touch[];
    return Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}

/**
 * True when a run (its start time and what it touched; null = it did not say) may have changed a figure of
 * this scope. A null scope reads anything of the venue: every run invalidates it.
 */
export function runInvalidates(scope: FigureScope | null, run: { startedAt: number; touched: readonly Touch[] | null }): boolean {
  if (scope === null) return true;
  if (scope.runsStarted && run.startedAt >= scope.runsStarted.from && run.startedAt <= scope.runsStarted.to) return true;
  if (scope.data === "ignore") return false;
  if (run.touched === null) return true;
  for (const t of run.touched) {
    if (scope.marketId !== undefined && t.marketId !== null && t.marketId !== scope.marketId) continue;
    const r = scope.data[t.kind];
    if (r === "ignore") continue;
    if (r === undefined || t.from === null || t.to === null) return true;
    // Rows inside the window change what was read; rows outside the span move a preset window's ends.
    if (t.to >= r.from && t.from <= r.to) return true;
    if (t.from < r.first || t.to > r.last) return true;
  }
  return false;
}

/**
 * What a batch of parsed rows of one kind touches. Level books, liquidations and open interest are per market
 * at their timestamps; funding per market at all times (writing a record re-infers its neighbours' intervals);
 * every other kind (fees, insurance, market metadata, margin) venue-wide. `written` 0 on an insert-only kind:
 * nothing changed, nothing touched.
 */
export function touchesOfRows(kind: TouchKind, rows: readonly unknown[], marketIdOf: (symbol: string) => number | undefined, written: number): Touch[] {
  const insertOnly = kind === "depth" || kind === "liquidations" || kind === "oi" || kind === "insurance";
  if (rows.length === 0 || (insertOnly && written === 0)) return [];
  if (kind === "depth" || kind === "liquidations" || kind === "oi") {
    const byMarket = new Map<number | null, number[]>();
    for (const r of rows as { symbol: string; ts?: number; exchangeTs?: number | null; receivedTs?: number }[]) {
      const id = marketIdOf(r.symbol) ?? null;
      const ts = kind === "depth" ? (r.exchangeTs ?? r.receivedTs!) : r.ts!;
      byMarket.set(id, [...(byMarket.get(id) ?? []), ts]);
    }
    // A row whose market is unknown here is counted venue-wide (never happens after writeRows succeeded).
    return [...byMarket].flatMap(([id, times]) => (id === null ? [{ marketId: null, kind, from: null, to: null }] : touchOfTimes(id, kind, times)));
  }
  if (kind === "funding") {
    const ids = new Set((rows as { symbol: string }[]).map((r) => marketIdOf(r.symbol) ?? null));
    return [...ids].map((marketId) => ({ marketId, kind, from: null, to: null }));
  }
  return [{ marketId: null, kind, from: null, to: null }];
}
