// The ingestion pipeline: raw bodies -> connector parser (zod) -> rows -> one transaction per batch of
// rows, idempotent on natural keys -> an ingest run recording counts, duration, status and every rejection.
// Live fetches, replays of recorded directories and single-file imports all come through here.
import "server-only";
import { checkRowTimestamps } from "../venues/timestamps";
import { retryOnWriteConflict } from "./conflict-retry";
import { INGEST_TX_OPTIONS, lockVenueWrites } from "../store/write-lock";
import { sqliteConnectionOf, type Db } from "../db";
import { writeRows } from "./write-rows";
import type { WriteResult } from "./write-types";
import { ensureVenue, loadMarketRows } from "../store/venue-rows";
import { fillFundingIntervals } from "./funding-intervals";
import { earlierFundingFrontier, recordIntervalChanges } from "./funding-changes";
import type { DataKind, MarketRow, ParseContext, ParseResult, Provenance, RawCapture, Rejection, RowsByKind, VenueConnector } from "../venues/types";
import { checkParsedRows } from "../venues/row-checks";
import { mergeTouches, touchesOfRows, type Touch } from "../store/touched";

/** Rows written per transaction by kind (a batch commits whole or not at all): books are large (levels), other kinds small. */
export const FLUSH_ROWS: Record<DataKind, number> = { markets: 1, depth: 500, funding: 5000, fees: 500, liquidations: 5000, oi: 5000, insurance: 5000, margin: 500 };

export interface IngestSummary {
  runId: number;
  venue: string;
  kind: DataKind;
  /** not-published: the venue offers no public API for this kind (nothing fetched, no run stored). */
  status: "ok" | "partial" | "failed" | "not-published";
  bodies: number;
  rowsWritten: number;
  rowsSkipped: number;
  rowsRejected: number;
  rejections: Rejection[];
  durationMs: number;
  error: string | null;
}

export interface IngestOptions {
  provenance: Provenance;
  /** Parser to use instead of the connector's (Tardis CSV files); same result shape. */
  parser?: (body: unknown, ctx: ParseContext) => Promise<ParseResult<DataKind>>;
  mode: "live" | "import" | "replay" | "bootstrap" | "simulate";
  source: string | null;
  now?: () => number;
  /** Shortfalls the fetch reported (a history window its page cap did not cover): listed with the rejections. */
  warnings?: Rejection[];
}

export type IngestBody = Pick<RawCapture, "body" | "symbol" | "receivedTs" | "levelLimit">;

/** The time range of each market's settled and predicted funding rows in a batch. */
function fundingRangesOf(rows: RowsByKind["funding"][]): Map<string, { from: number; to: number }> {
  const out = new Map<string, { from: number; to: number }>();
  for (const r of rows) {
    const g = out.get(r.symbol);
    out.set(r.symbol, g ? { from: Math.min(g.from, r.fundingTime), to: Math.max(g.to, r.fundingTime) } : { from: r.fundingTime, to: r.fundingTime });
  }
  return out;
}

/** Store a batch of raw bodies of one kind for one venue, as one ingest run. */
export async function ingestBodies(
  db: Db,
  connector: VenueConnector,
  kind: DataKind,
  /** An array, or an async iterable that reads one body at a time (directory imports: memory stays bounded). */
  bodies: Iterable<IngestBody> | AsyncIterable<IngestBody>,
  opts: IngestOptions,
): Promise<IngestSummary> {
  let bodyCount = 0;
  const now = opts.now ?? Date.now;
  const started = now();
  const venueId = await ensureVenue(db, connector, opts.provenance);
  // The run's row is committed before any of its rows, running: the figure cache versions a value by the newest
  // run id it has seen, below any run still running (lib/services/figure-cache.ts), so a run must be visible
  // before its data (on PostgreSQL a run created inside its first batch could commit after a newer run and be
  // missed). Its outcome is written by the last batch's transaction, with that batch's rows (one commit less a
  // call: on SQLite each commit waits for the disk); a call whose last batch did not write it stores it after.
  const run = await db.ingestRun.create({
    // touched starts empty and grows inside each batch's transaction: the figure cache reads it (lib/store/touched.ts).
    data: { venueId, venueSlug: connector.info.slug, kind, mode: opts.mode, source: opts.source, provenance: opts.provenance, startedAt: new Date(started), touched: "[]" },
    select: { id: true },
  });
  let touched: Touch[] = [];
  const totals: WriteResult = { written: 0, skipped: 0 };
  const rejections: Rejection[] = [...(opts.warnings ?? [])];
  let error: string | null = null;
  /** The run's outcome once written (by the last batch's transaction, or after the batches). */
  let outcome: { finished: number; status: IngestSummary["status"] } | null = null;
  const outcomeOf = (written: number, skipped: number, err: string | null) => {
    const finished = now();
    const status: IngestSummary["status"] = err ? "failed" : rejections.length ? (written + skipped > 0 ? "partial" : "failed") : "ok";
    const data = {
      finishedAt: new Date(finished),
      durationMs: finished - started,
      status,
      rowsWritten: written,
      rowsSkipped: skipped,
      rowsRejected: rejections.length,
      rejections: JSON.stringify(rejections.slice(0, 500)),
      error: err ?? (status === "failed" && rejections.length ? rejections[0].message : null),
    };
    return { finished, status, data };
  };
  try {
    const markets = await loadMarketRows(db, venueId);
    let pending: RowsByKind[DataKind][] = [];
    /** When the newest body of the pending rows was received. */
    let pendingReceivedTs: number | null = null;
    // One transaction per batch: rows from consecutive bodies are written together, up to FLUSH_ROWS
    // (a markets body is flushed at once so that later bodies of the call can use its markets).
    /** `last`: no rows follow, so the batch also writes the run's outcome. */
    const flush = async (last = false) => {
      if (pending.length === 0) return;
      const rows = pending;
      const observedAt = pendingReceivedTs;
      pending = [];
      pendingReceivedTs = null;
      const newMarkets = [...markets.values()].filter((m) => m.id === -1);
      const result = await retryOnWriteConflict(() => db.$transaction(async (tx) => {
        await lockVenueWrites(tx, venueId);
        if (newMarkets.length) await writeRows(tx, "markets", newMarkets as MarketRow[], { venueId, provenance: opts.provenance, ingestRunId: run.id, marketIds: new Map() });
        // (on SQLite straight from the transaction's own connection: a Prisma round per batch costs more than the query)
        const conn = sqliteConnectionOf(db);
        const ids = conn?.inTransaction ? (conn.prepare(`SELECT "id", "symbol" FROM "Market" WHERE "venueId" = ?`).safeIntegers(false).all(venueId) as { id: number; symbol: string }[]) : await tx.market.findMany({ where: { venueId }, select: { id: true, symbol: true } });
        const marketIds = new Map(ids.map((m) => [m.symbol, m.id]));
        // On SQLite, bulk rows go through prepared statements on the transaction's own connection (write-rows.ts).
        const writeCtx = { venueId, provenance: opts.provenance, ingestRunId: run.id, marketIds, observedAt, sqlite: conn };
        // Funding: how far each market's records from earlier runs reach (interval changes are recorded past it).
        const fundingRanges = kind === "funding" ? fundingRangesOf(rows as RowsByKind["funding"][]) : new Map<string, { from: number; to: number }>();
        const frontiers = new Map<string, number | null>();
        for (const symbol of fundingRanges.keys()) frontiers.set(symbol, await earlierFundingFrontier(tx, marketIds.get(symbol)!, run.id));
        const written = await writeRows(tx, kind, rows, writeCtx);
        for (const [symbol, range] of fundingRanges) {
          await fillFundingIntervals(tx, marketIds.get(symbol)!, range);
          const frontier = frontiers.get(symbol) ?? null;
          if (frontier !== null) await recordIntervalChanges(tx, { id: marketIds.get(symbol)!, symbol }, range, frontier, writeCtx);
        }
        const batchTouches = touchesOfRows(kind, rows, (s) => marketIds.get(s), written.written);
        if (newMarkets.length) batchTouches.push({ marketId: null, kind: "markets", from: null, to: null });
        const next = mergeTouches(touched.map((t) => ({ ...t })), batchTouches);
        const end = last ? outcomeOf(totals.written + written.written, totals.skipped + written.skipped, null) : null;
        if (end) await tx.ingestRun.update({ where: { id: run.id }, data: { touched: JSON.stringify(next), ...end.data } });
        else if (batchTouches.length) {
          // On SQLite through the transaction's own connection (as the book inserts): one prepared UPDATE, not a Prisma round.
          if (writeCtx.sqlite?.inTransaction) writeCtx.sqlite.prepare(`UPDATE "IngestRun" SET "touched" = ? WHERE "id" = ?`).run(JSON.stringify(next), run.id);
          else await tx.ingestRun.update({ where: { id: run.id }, data: { touched: JSON.stringify(next) } });
        }
        return { ...written, next, end };
      }, INGEST_TX_OPTIONS));
      // Committed (with the run's outcome when this was the last batch).
      if (result.end) outcome = { finished: result.end.finished, status: result.end.status };
      touched = result.next;
      // Committed: markets inferred or written in this batch now have ids; later bodies see them.
      if (newMarkets.length || kind === "markets") for (const [symbol, m] of await loadMarketRows(db, venueId)) markets.set(symbol, m);
      totals.written += result.written;
      totals.skipped += result.skipped;
    };
    for await (const capture of bodies) {
      bodyCount++;
      pendingReceivedTs = Math.max(pendingReceivedTs ?? capture.receivedTs, capture.receivedTs);
      const ctx = { venue: connector.info.slug, markets, symbol: capture.symbol, receivedTs: capture.receivedTs, levelLimit: capture.levelLimit };
      // A custom parser (Tardis CSV, curated files) passes the same row checks the registry applies to connectors.
      const raw = opts.parser ? checkParsedRows(kind, await opts.parser(capture.body, ctx), ctx) : await connector.parse(kind, capture.body, ctx);
      // Every row's timestamps checked the same way whatever the connector or import (lib/venues/timestamps.ts).
      const parsed = { ...raw, ...checkRowTimestamps(raw.rows, connector.info.slug, Math.max(now(), Date.now())) };
      rejections.push(...raw.rejected, ...parsed.rejected);
      // Rows naming a market we do not hold yet: infer it from the connector (base-sized venues) or reject.
      // Margin tables are keyed by the venue's symbol alone (a venue publishes them for markets we may not
      // track, and "*" is the venue default), so they need no market row.
      for (const row of parsed.rows) {
        const symbol = (row as { symbol?: string }).symbol;
        if (kind === "markets" || kind === "margin" || symbol === undefined || markets.has(symbol)) {
          pending.push(row);
          continue;
        }
        const inferred = connector.inferMarket?.(symbol) ?? null;
        if (inferred) {
          markets.set(symbol, { ...inferred, id: -1 });
          pending.push(row);
        } else {
          rejections.push({ venue: connector.info.slug, symbol, field: "symbol", message: `unknown market ${symbol}; import the venue's markets first (--kind markets)`, index: null });
        }
      }
      if (kind === "markets" || pending.length >= FLUSH_ROWS[kind]) await flush();
    }
    await flush(true);
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
  }
  if (!outcome) {
    // No batch wrote the outcome: nothing was left to write, or a batch failed.
    const end = outcomeOf(totals.written, totals.skipped, error);
    await db.ingestRun.update({ where: { id: run.id }, data: end.data });
    outcome = { finished: end.finished, status: end.status };
  }
  const { finished, status } = outcome;
  return {
    runId: run.id,
    venue: connector.info.slug,
    kind,
    status,
    bodies: Array.isArray(bodies) ? bodies.length : bodyCount,
    rowsWritten: totals.written,
    rowsSkipped: totals.skipped,
    rowsRejected: rejections.length,
    rejections,
    durationMs: finished - started,
    error,
  };
}
