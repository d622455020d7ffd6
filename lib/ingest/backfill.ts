// `venuescope backfill`: fetch a venue's published history for a window and store it, resumably. Sources:
//  - api:     the venue's history endpoints (funding for every connector that walks one, open-interest
//             history where the connector walks it), through the connector's own paged fetch
//             (lib/venues/paging.ts) and the ingest pipeline, one step (a span of days) at a time;
//  - archive / tardis: published files, one day (or month) at a time, per lib/archives/archive-sources.ts:
//             Binance Vision (daily bookDepth → depth-band books, daily metrics → open-interest readings,
//             monthly fundingRate → settled funding rows) and Tardis.dev's daily CSVs (trades, liquidations,
//             book_snapshot_25 → sampled level books, derivative_ticker → open interest and settlements),
//             downloaded into a cache with checksum verification where published and resumed transfers
//             (lib/archives/download.ts), imported by the streaming archive import (import-archive.ts).
// Each venue × kind × market × source has a BackfillCursor row: how far the window is covered without a
// hole. A killed run continues from there; a rerun of a covered window fetches nothing; and every write is
// idempotent on natural keys, so a step repeated after a kill stores nothing twice.
//
// Why the connectors' paged fetch and not ccxt's unified fetchFundingRateHistory / fetchOpenInterestHistory
// with `paginate: true`: the connectors already call the same endpoints through ccxt (implicit API methods,
// ccxt's rate limiter on) with each venue's documented page size (Binance 1000, Bybit 200, OKX 100/400,
// Hyperliquid 500, ...), keep every raw body for the zod parsers, and say when a walk stopped short
// (paging.ts warnIncomplete). ccxt's `paginate` stops silently after `paginationCalls` pages (10 by default)
// and hands back normalised objects, so a truncated history would pass as complete.
import "server-only";
import type { Db } from "../db";
import { connectorFor } from "../venues/registry";
import { createVenueHttp } from "../venues/http";
import type { DataKind, VenueConnector } from "../venues/types";
import { DAY_MS } from "../metrics/time";
import { archivePlan, type ArchivePlan, type ArchiveSourceConfig } from "../archives/archive-sources";
import { runArchiveTask } from "./backfill-archive";
import { BACKFILL_KINDS, BACKFILL_SOURCES, aborted, iso, type BackfillKind, type BackfillOptions, type BackfillResult, type BackfillSource, type BackfillTaskResult, type Task } from "./backfill-types";

export { BACKFILL_KINDS, BACKFILL_SOURCES };
export type { BackfillArchiveConfig, BackfillKind, BackfillOptions, BackfillProgress, BackfillResult, BackfillSource, BackfillTaskResult } from "./backfill-types";
import { ingestBodies } from "./ingest-bodies";

/** Connectors whose `oi` fetch walks an open-interest history endpoint when given a window. */
const OI_HISTORY_VENUES = new Set(["binance-usdm", "bybit", "okx"]);
/** API steps: the window one resumable step covers. */
export const API_STEP_MS: Record<"funding" | "oi", number> = { funding: 30 * DAY_MS, oi: 20 * DAY_MS };


/**
 * The source each kind comes from when the user names none: funding and open interest from the venue's
 * history API; depth and trades from the venue's own archive where it has one Venuescope reads, else Tardis;
 * liquidations (no venue publishes their history as files or a walkable API) from Tardis.
 */
export function defaultSource(kind: BackfillKind, venue = "", cfg: ArchiveSourceConfig = { baseUrl: "" }): BackfillSource {
  if (kind === "funding" || kind === "oi" || kind === "fees") return "api";
  // (Hyperliquid's archive needs AWS credentials: without them its depth comes from Tardis)
  if (kind === "depth" || kind === "trades") return typeof archivePlan(venue, kind, "archive", cfg) === "string" ? "tardis" : "archive";
  return "tardis";
}

/** Why a venue × kind × source cannot be backfilled, or null when it can. */
export function unsupportedReason(connector: VenueConnector, kind: BackfillKind, source: BackfillSource, cfg: ArchiveSourceConfig = { baseUrl: "" }, symbol: string | null = null): string | null {
  const venue = connector.info.slug;
  if (kind === "fees") return `${venue}: venues publish their current fee schedule only, not its history; \`venuescope ingest --kinds fees\` records it and the collector records each change as an event`;
  if (source !== "api") {
    const plan = archivePlan(venue, kind, source, cfg, symbol);
    return typeof plan === "string" ? plan : null;
  }
  if (kind === "depth") return `${venue} publishes no order-book history over its API; depth history comes from archives (--source archive or tardis)`;
  if (kind === "trades" || kind === "liquidations") return `${venue}: its API serves only recent ${kind}, not a history to walk; use --source tardis`;
  if (!connector.has[kind]) return `${venue} does not publish ${kind}: ${connector.notes[kind] ?? "not published by venue"}`;
  if (kind === "oi" && !OI_HISTORY_VENUES.has(venue)) return `${venue}: open-interest history is not walked by its connector yet (only current readings)`;
  return null;
}


/** Open (or create) a task's cursor and say where this run starts: after what is already covered. */
async function openCursor(db: Db, t: Task, from: number, to: number) {
  const key = { venueSlug: t.connector.info.slug, kind: t.kind, symbol: t.symbol, source: t.source };
  const existing = await db.backfillCursor.findUnique({ where: { venueSlug_kind_symbol_source: key } });
  let start = from;
  let coveredTo: number | null = null;
  let fromTs = from;
  if (existing && existing.coveredTo && existing.fromTs.getTime() <= from && existing.coveredTo.getTime() >= from - 1) {
    coveredTo = existing.coveredTo.getTime();
    start = Math.max(from, coveredTo + 1);
    fromTs = existing.fromTs.getTime();
  }
  const data = { fromTs: new Date(fromTs), toTs: new Date(Math.max(to, existing?.toTs.getTime() ?? to)), coveredTo: coveredTo === null ? null : new Date(coveredTo), status: "running", startedAt: new Date(), finishedAt: null, message: null };
  const row = existing
    ? await db.backfillCursor.update({ where: { id: existing.id }, data: { ...data, steps: 0, stepsTotal: null, rowsWritten: 0, rowsSkipped: 0, failedSteps: 0, bytes: 0, notPublished: "[]", notPublishedCount: 0 } })
    : await db.backfillCursor.create({ data: { ...key, ...data } });
  return { id: row.id, start, coveredTo };
}

function newTaskResult(t: Task, from: number, to: number): BackfillTaskResult {
  return { venue: t.connector.info.slug, kind: t.kind, symbol: t.symbol, source: t.source, status: "ok", from: iso(from)!, to: iso(to)!, startedAt: null, coveredTo: null, steps: 0, stepsTotal: 0, rowsWritten: 0, rowsSkipped: 0, rowsRejected: 0, rowsRead: 0, notPublished: [], skipped: [], skipReason: null, failures: [], bytesFetched: 0, cachedFiles: 0, resumedDownloads: 0, ms: 0, message: "" };
}

async function saveCursor(db: Db, id: number, r: BackfillTaskResult, done: boolean) {
  await db.backfillCursor.update({
    where: { id },
    data: {
      coveredTo: r.coveredTo ? new Date(r.coveredTo) : null,
      steps: r.steps,
      stepsTotal: r.stepsTotal,
      rowsWritten: r.rowsWritten,
      rowsSkipped: r.rowsSkipped,
      failedSteps: r.failures.length,
      notPublished: JSON.stringify(r.notPublished.slice(0, 200)),
      notPublishedCount: r.notPublished.length,
      bytes: r.bytesFetched,
      ...(done ? { status: r.status === "covered" ? "ok" : r.status, finishedAt: new Date(), message: r.message.slice(0, 2000) } : {}),
    },
  });
}


async function runApiTask(db: Db, t: Task, opts: BackfillOptions, r: BackfillTaskResult, cursor: { id: number; start: number; coveredTo: number | null }) {
  const kind = t.kind as "funding" | "oi";
  const stepMs = opts.apiStepMs ?? API_STEP_MS[kind];
  const steps: [number, number][] = [];
  for (let a = cursor.start; a <= opts.to; a += stepMs) steps.push([a, Math.min(opts.to, a + stepMs - 1)]);
  r.stepsTotal = steps.length;
  let coveredTo = cursor.coveredTo;
  // One HTTP object (one ccxt instance, its rate limiter shared) for the whole task; each step stores the
  // bodies it added.
  const http = createVenueHttp(t.connector, { ...opts.http, ...(opts.retry ? { retry: opts.retry } : {}) });
  for (const [a, b] of steps) {
    if (aborted(opts.signal)) {
      r.status = "stopped";
      break;
    }
    const label = `${iso(a)}..${iso(b)}`;
    const [bodiesBefore, warningsBefore] = [http.captures.length, http.warnings.length];
    let failure: string | null = null;
    try {
      // A generous page cap: a step is a few weeks, so hitting it means the venue ignored the bounds.
      await t.connector.fetch(kind as DataKind, http, { symbols: [t.symbol], since: a, until: b, maxPages: 200, historyOnly: true });
    } catch (err) {
      failure = err instanceof Error ? err.message : String(err);
    }
    r.steps++;
    if (failure === null) {
      const warnings = http.warnings.slice(warningsBefore);
      const run = await ingestBodies(db, t.connector, kind, http.captures.slice(bodiesBefore), { provenance: "live", mode: "live", source: `backfill ${t.connector.ccxtId ? `ccxt ${t.connector.ccxtId}` : "native"}`, warnings });
      r.rowsWritten += run.rowsWritten;
      r.rowsSkipped += run.rowsSkipped;
      r.rowsRejected += run.rowsRejected;
      // A walk its page cap stopped short did not cover the step: the cursor stays before it.
      if (run.status === "failed" || warnings.length) failure = run.error ?? warnings.map((w) => w.message).join("; ");
    }
    if (failure !== null) {
      r.failures.push({ step: label, message: failure });
      opts.onProgress?.({ venue: r.venue, kind: t.kind, symbol: t.symbol, source: t.source, step: label, outcome: "failed", stepsDone: r.steps, stepsTotal: r.stepsTotal, rowsWritten: r.rowsWritten, bytes: 0, message: failure });
      await saveCursor(db, cursor.id, r, false);
      // The next windows would meet the same refusal (a ban, a rate limit beyond the retries): stop here;
      // a rerun continues from the cursor.
      break;
    }
    coveredTo = b;
    r.coveredTo = iso(coveredTo);
    await saveCursor(db, cursor.id, r, false);
    opts.onProgress?.({ venue: r.venue, kind: t.kind, symbol: t.symbol, source: t.source, step: label, outcome: "stored", stepsDone: r.steps, stepsTotal: r.stepsTotal, rowsWritten: r.rowsWritten, bytes: 0, message: `${label}: ${r.rowsWritten} rows so far` });
  }
}

/** Backfill every requested kind × market of a venue over [from, to]. */
export async function backfill(db: Db, opts: BackfillOptions): Promise<BackfillResult> {
  const t0 = Date.now();
  if (!(opts.from <= opts.to)) throw new Error("--from must not be after --to");
  const connector = connectorFor(opts.venue);
  const symbols = opts.symbols?.length ? opts.symbols : (opts.markets?.length ? opts.markets : connector.defaultBases).map((b) => connector.symbolFor(b.toUpperCase()));
  const tasks: BackfillTaskResult[] = [];
  for (const kind of opts.kinds) {
    const source = opts.source ?? defaultSource(kind, connector.info.slug, opts.archive);
    for (const symbol of symbols) {
      const t: Task = { connector, kind, symbol, source };
      const r = newTaskResult(t, opts.from, opts.to);
      tasks.push(r);
      const why = unsupportedReason(connector, kind, source, opts.archive, symbol);
      if (why) {
        r.status = "not-supported";
        r.message = why;
        continue;
      }
      if (aborted(opts.signal)) {
        r.status = "stopped";
        r.message = "stopped before it began";
        continue;
      }
      const started = Date.now();
      const cursor = await openCursor(db, t, opts.from, opts.to);
      r.coveredTo = iso(cursor.coveredTo);
      if (cursor.start > opts.to) {
        r.status = "covered";
        r.message = `already covered to ${r.coveredTo} by an earlier backfill; nothing fetched`;
        await saveCursor(db, cursor.id, r, true);
        continue;
      }
      r.startedAt = iso(cursor.start);
      const plan = source === "api" ? null : (archivePlan(connector.info.slug, kind, source, opts.archive, symbol) as ArchivePlan);
      if (plan) await runArchiveTask(db, t, opts, r, cursor, plan, (done) => saveCursor(db, cursor.id, r, done));
      else await runApiTask(db, t, opts, r, cursor);
      if (r.status !== "stopped") r.status = r.failures.length === 0 ? (r.skipped.length && r.rowsWritten + r.rowsSkipped === 0 && r.skipped.length === r.steps ? "partial" : "ok") : r.rowsWritten + r.rowsSkipped > 0 ? "partial" : "failed";
      const unit = plan ? (plan.monthly ? "months" : "days") : "windows";
      const np = r.notPublished.length ? `, ${r.notPublished.length} ${unit} not published` : "";
      const sk = r.skipped.length ? `, ${r.skipped.length} ${unit} skipped (${r.skipReason})` : "";
      const fl = r.failures.length ? `, ${r.failures.length} failed (${r.failures[0].step}: ${r.failures[0].message})` : "";
      const resumed = cursor.coveredTo !== null ? ` (resumed after ${iso(cursor.coveredTo)})` : "";
      r.message = `${r.steps}/${r.stepsTotal} ${unit}${resumed}: ${r.rowsWritten} rows written, ${r.rowsSkipped} already stored${np}${sk}${fl}${r.status === "stopped" ? "; stopped, a rerun continues from the cursor" : ""}`;
      r.ms = Date.now() - started;
      await saveCursor(db, cursor.id, r, true);
    }
  }
  return {
    venue: connector.info.slug,
    tasks,
    rowsWritten: tasks.reduce((s, t) => s + t.rowsWritten, 0),
    rowsSkipped: tasks.reduce((s, t) => s + t.rowsSkipped, 0),
    notPublished: tasks.reduce((s, t) => s + t.notPublished.length, 0),
    skipped: tasks.reduce((s, t) => s + t.skipped.length, 0),
    failed: tasks.filter((t) => t.status === "failed" || t.status === "partial").length,
    stopped: tasks.some((t) => t.status === "stopped"),
    ms: Date.now() - t0,
  };
}
