// Live ingestion: a connector fetches raw bodies from the venue (ccxt or native HTTP), optionally saves
// them for replay, and the same pipeline stores them as `live` rows. Fetch failures become failed runs.
import "server-only";
import type { Db } from "../db";
import { connectorFor } from "../venues/registry";
import { createVenueHttp, type HttpOptions } from "../venues/http";
import type { DataKind } from "../venues/types";
import { ingestBodies, type IngestSummary } from "./ingest-bodies";
import { saveCaptures } from "./capture-files";
import { ensureVenue } from "../store/venue-rows";

export interface LiveIngestOptions {
  venue: string;
  kinds: DataKind[];
  /** Base assets ("BTC"), mapped with the connector's symbolFor; defaults to its list. */
  markets?: string[];
  /** Venue symbols as the venue spells them; used as given. */
  symbols?: string[];
  levelLimit?: number;
  /** History window (epoch ms, inclusive): history endpoints page until it is covered (lib/venues/paging.ts). */
  since?: number;
  until?: number;
  /** Bound on history pages per symbol (default HISTORY_MAX_PAGES). */
  maxPages?: number;
  recordDir?: string | null;
  http?: HttpOptions;
}

export async function ingestLive(db: Db, opts: LiveIngestOptions): Promise<IngestSummary[]> {
  const connector = connectorFor(opts.venue);
  const symbols = opts.symbols?.length ? opts.symbols : (opts.markets?.length ? opts.markets : connector.defaultBases).map((b) => connector.symbolFor(b.toUpperCase()));
  const kinds = [...opts.kinds].sort((a, b) => (a === "markets" ? -1 : b === "markets" ? 1 : 0));
  const out: IngestSummary[] = [];
  for (const kind of kinds) {
    if (!connector.has[kind]) {
      out.push(await notPublished(db, connector.info.slug, kind, connector.notes[kind] ?? "not published by venue"));
      continue;
    }
    const http = createVenueHttp(connector, opts.http);
    const started = Date.now();
    try {
      await connector.fetch(kind, http, { symbols, levelLimit: opts.levelLimit, since: opts.since, until: opts.until, maxPages: opts.maxPages });
    } catch (err) {
      out.push(await failedRun(db, connector.info.slug, kind, started, err, http.captures.length));
      if (opts.recordDir) saveCaptures(opts.recordDir, http.captures);
      continue;
    }
    if (opts.recordDir) saveCaptures(opts.recordDir, http.captures);
    out.push(await ingestBodies(db, connector, kind, http.captures, { provenance: "live", mode: "live", source: connector.ccxtId ? `ccxt ${connector.ccxtId}` : "native", warnings: http.warnings }));
  }
  return out;
}

async function failedRun(db: Db, venue: string, kind: DataKind, started: number, err: unknown, bodies: number): Promise<IngestSummary> {
  const connector = connectorFor(venue);
  const venueId = await ensureVenue(db, connector, "live");
  const finished = Date.now();
  const error = `${venue} ${kind}: ${err instanceof Error ? `${err.constructor.name}: ${err.message}` : String(err)}`.slice(0, 2000);
  const run = await db.ingestRun.create({
    data: { venueId, venueSlug: venue, kind, mode: "live", provenance: "live", startedAt: new Date(started), finishedAt: new Date(finished), durationMs: finished - started, status: "failed", error },
  });
  return { runId: run.id, venue, kind, status: "failed", bodies, rowsWritten: 0, rowsSkipped: 0, rowsRejected: 0, rejections: [], durationMs: finished - started, error };
}

async function notPublished(db: Db, venue: string, kind: DataKind, note: string): Promise<IngestSummary> {
  return { runId: 0, venue, kind, status: "not-published", bodies: 0, rowsWritten: 0, rowsSkipped: 0, rowsRejected: 0, rejections: [], durationMs: 0, error: `not published by venue: ${note}` };
}
