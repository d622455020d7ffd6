// Live term quotes: fetch a venue's dated futures and the perpetual beside them (lib/venues/term-fetchers.ts),
// optionally save the raw responses for replay, parse every capture with the venue's parser and store the quotes
// of the asked base assets as `live` rows in one run. Run on a cadence (`ingest --kinds term --watch 300`) it builds
// the curve's history; a fetch that fails is stored as a failed run with the venue's error.
import "server-only";
import type { Db } from "../db";
import { connectorFor } from "../venues/registry";
import { createVenueHttp, type HttpOptions } from "../venues/http";
import { curvesOnly, mergeTermQuoteSets, type TermQuoteSet } from "../venues/dated-futures-kit";
import { termQuoteParserFor } from "../venues/dated-futures";
import { termQuoteFetcherFor } from "../venues/term-fetchers";
import type { Provenance, RawCapture, Rejection } from "../venues/types";
import { ensureVenue } from "../store/venue-rows";
import { saveCaptures } from "./capture-files";
import { writeTermQuotes } from "./term-quotes";

export interface TermIngestSummary {
  runId: number;
  venue: string;
  kind: "term";
  status: "ok" | "partial" | "failed";
  bodies: number;
  rowsWritten: number;
  rowsSkipped: number;
  rowsRejected: number;
  /** Requests that failed without failing the fetch (an OKX swap a base does not list), and unreadable bodies. */
  rejections: Rejection[];
  /** Instruments of the bodies not stored, with why (options, expired, other base assets). */
  leftOut: { symbol: string; reason: string }[];
  durationMs: number;
  error: string | null;
}

export interface LiveTermOptions {
  venue: string;
  /** Base assets ("BTC"); defaults to the connector's list. */
  markets?: string[];
  recordDir?: string | null;
  http?: HttpOptions;
}

export async function ingestLiveTermQuotes(db: Db, opts: LiveTermOptions): Promise<TermIngestSummary> {
  const connector = connectorFor(opts.venue);
  const venue = connector.info.slug;
  const fetchTerm = termQuoteFetcherFor(venue);
  const bases = (opts.markets?.length ? opts.markets : connector.defaultBases).map((b) => b.toUpperCase());
  const http = createVenueHttp(connector, opts.http);
  const started = Date.now();
  try {
    await fetchTerm(http, bases);
  } catch (err) {
    if (opts.recordDir) saveCaptures(opts.recordDir, http.captures);
    return failedTermRun(db, venue, started, err, http.captures.length);
  }
  if (opts.recordDir) saveCaptures(opts.recordDir, http.captures);
  return storeTermBodies(db, venue, http.captures, { bases, warnings: http.warnings, provenance: "live", mode: "live", source: `ccxt ${connector.ccxtId ?? venue}`, started });
}

/**
 * Parse captured term bodies with the venue's parser and store them as one run: a body that does not parse is
 * named among the rejections (status "partial") and the others are kept. Only curves are stored (curvesOnly): the
 * dated futures of `bases` (all in a replay) and the perpetuals beside them.
 * Shared by the live fetch and the replay of its recorded captures (`import <dir>`).
 */
export async function storeTermBodies(
  db: Db,
  venue: string,
  captures: Iterable<Pick<RawCapture, "body" | "symbol">> | AsyncIterable<Pick<RawCapture, "body" | "symbol">>,
  opts: { bases?: string[]; warnings?: Rejection[]; provenance: Provenance; mode: "live" | "replay"; source: string; started?: number },
): Promise<TermIngestSummary> {
  const started = opts.started ?? Date.now();
  const parse = termQuoteParserFor(venue);
  const rejections: Rejection[] = [...(opts.warnings ?? [])];
  const sets: TermQuoteSet[] = [];
  let bodies = 0;
  for await (const c of captures) {
    try {
      sets.push(parse(c.body));
    } catch (err) {
      rejections.push({ venue, symbol: c.symbol, field: "body", message: (err as Error).message.slice(0, 500), index: bodies });
    }
    bodies++;
  }
  if (sets.length === 0) return failedTermRun(db, venue, started, new Error(rejections.map((r) => r.message).join("; ") || "no body to read"), bodies, opts);
  const merged = mergeTermQuoteSets(sets);
  const r = await writeTermQuotes(db, venue, curvesOnly(merged, opts.bases), { provenance: opts.provenance, source: opts.source, mode: opts.mode });
  const status = rejections.length > 0 ? "partial" : "ok";
  if (status === "partial") await db.ingestRun.update({ where: { id: r.runId }, data: { status, rowsRejected: rejections.length, rejections: JSON.stringify(rejections.slice(0, 500)) } });
  return { runId: r.runId, venue, kind: "term", status, bodies, rowsWritten: r.written, rowsSkipped: r.skipped, rowsRejected: rejections.length, rejections, leftOut: r.leftOut, durationMs: Date.now() - started, error: null };
}

async function failedTermRun(db: Db, venue: string, started: number, err: unknown, bodies: number, opts: { provenance: Provenance; mode: string; source?: string } = { provenance: "live", mode: "live" }): Promise<TermIngestSummary> {
  const venueId = await ensureVenue(db, connectorFor(venue), opts.provenance);
  const finished = Date.now();
  const error = `${venue} term: ${err instanceof Error ? `${err.constructor.name}: ${err.message}` : String(err)}`.slice(0, 2000);
  const run = await db.ingestRun.create({
    data: { venueId, venueSlug: venue, kind: "term", mode: opts.mode, source: opts.source ?? null, provenance: opts.provenance, startedAt: new Date(started), finishedAt: new Date(finished), durationMs: finished - started, status: "failed", error },
  });
  return { runId: run.id, venue, kind: "term", status: "failed", bodies, rowsWritten: 0, rowsSkipped: 0, rowsRejected: 0, rejections: [], leftOut: [], durationMs: finished - started, error };
}
