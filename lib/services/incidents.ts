// The incident ledger: a venue's incidents for the page, API and CLI, and the resiliency item's incident figure
// for a scored window (the trailing 12 months before its end, lib/scoring/incident-weight.ts).
import "server-only";
import type { Db } from "../db";
import { INCIDENT_SEVERITY_WEIGHTS, type IncidentSeverity } from "../scoring/items";
import { incidentWeight12m } from "../scoring/incident-weight";
import { sourceHost } from "../sources/official";
import type { IncidentSourceView, IncidentView, IncidentsQuery, VenueIncidentsView } from "../views/incidents";
import { NotFoundError } from "./errors";
import { cachedFigure } from "./figure-cache";

const severityWeight = (s: string) => INCIDENT_SEVERITY_WEIGHTS[s as IncidentSeverity] ?? 0;

function extraSourcesOf(json: string): IncidentSourceView[] {
  try {
    const arr = JSON.parse(json) as { url: string; supports: string; thirdPartyReason: string | null }[];
    return arr.map((x) => ({ url: x.url, host: sourceHost(x.url), supports: x.supports, thirdPartyReason: x.thirdPartyReason }));
  } catch {
    return [];
  }
}

/** A venue's ledger, newest incident first, at most `limit` incidents. Throws NotFoundError for an unknown venue. */
export async function getVenueIncidents(db: Db, slug: string, q: IncidentsQuery): Promise<VenueIncidentsView> {
  const venue = await db.venue.findUnique({ where: { slug }, select: { id: true, slug: true, name: true, incidentLedger: true } });
  if (!venue) throw new NotFoundError(`no venue ${slug}`);
  const [rows, total] = await Promise.all([
    db.venueIncident.findMany({ where: { venueId: venue.id }, orderBy: [{ startedAt: "desc" }, { key: "asc" }], take: q.limit }),
    db.venueIncident.count({ where: { venueId: venue.id } }),
  ]);
  const l = venue.incidentLedger;
  return {
    venue: { slug: venue.slug, name: venue.name },
    ledger: l ? { reviewedFrom: l.reviewedFrom?.toISOString().slice(0, 10) ?? null, reviewedTo: l.reviewedTo?.toISOString().slice(0, 10) ?? null, note: l.note } : null,
    incidents: rows.map((r): IncidentView => ({
      id: r.key,
      startedAt: r.startedAt.toISOString(),
      endedAt: r.endedAt?.toISOString() ?? null,
      kind: r.kind,
      title: r.title,
      mechanism: r.mechanism,
      durationMinutes: r.durationMinutes,
      lossesUsd: r.lossesUsd,
      compensation: r.compensation,
      compensationUsd: r.compensationUsd,
      severity: r.severity,
      severityWeight: severityWeight(r.severity),
      source: { url: r.sourceUrl, host: sourceHost(r.sourceUrl), supports: null, thirdPartyReason: r.thirdPartyReason },
      quote: r.quote,
      extraSources: extraSourcesOf(r.extraSources),
      asOf: r.asOf.toISOString().slice(0, 10),
    })),
    total,
  };
}

export interface LedgerFigure {
  /** Σ severity weight over the trailing 12 months; null with `missing` when the ledger gives no figure. */
  weight: number | null;
  /** Evidence text: which incidents, over which months. */
  source: string | null;
  missing: string | null;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The resiliency incident figure of a venue for a window ending at `windowEndMs`; null when the venue has no
 * ledger (the scoring then reads the curated count fact).
 */
export async function ledgerIncidentFigure(db: Db, venueId: number, windowEndMs: number | null): Promise<LedgerFigure | null> {
  // Cached like the market figures: a ledger load writes an "incidents" run of its venue, which recomputes it.
  return cachedFigure(db, `ledger1|${venueId}|${windowEndMs ?? "none"}`, () => readLedgerFigure(db, venueId, windowEndMs), venueId);
}

async function readLedgerFigure(db: Db, venueId: number, windowEndMs: number | null): Promise<LedgerFigure | null> {
  const ledger = await db.venueIncidentLedger.findUnique({ where: { venueId } });
  if (!ledger) return null;
  if (windowEndMs === null) return { weight: null, source: null, missing: "no scored window, so no 12 months to read the incident ledger over" };
  const rows = await db.venueIncident.findMany({ where: { venueId }, select: { key: true, startedAt: true, severity: true } });
  const reviewed = ledger.reviewedFrom && ledger.reviewedTo ? { fromMs: ledger.reviewedFrom.getTime(), toMs: ledger.reviewedTo.getTime() } : null;
  const r = incidentWeight12m(
    rows.filter((x) => x.severity in INCIDENT_SEVERITY_WEIGHTS).map((x) => ({ startedAtMs: x.startedAt.getTime(), severity: x.severity as IncidentSeverity })),
    reviewed,
    windowEndMs,
  );
  if (r.weight === null) return { weight: null, source: null, missing: r.missing };
  const counted = rows.filter((x) => x.startedAt.getTime() > r.fromMs && x.startedAt.getTime() <= r.toMs).map((x) => `${x.key} (${x.severity})`);
  return { weight: r.weight, source: `incident ledger, ${day(r.fromMs)} → ${day(r.toMs)}: ${counted.length ? counted.join(", ") : "no incident"}`, missing: null };
}
