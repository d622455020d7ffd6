// The incident ledger view (/api/venues/<slug>/incidents, the venue page's incident list, `venuescope
// incidents`): the query and what it answers. Client-safe.
import { z } from "zod";

/** At most this many incidents per answer (newest first); the answer says when more exist. */
export const MAX_INCIDENTS = 200;
export const DEFAULT_INCIDENTS = 100;

export const IncidentsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_INCIDENTS).default(DEFAULT_INCIDENTS),
});
export type IncidentsQuery = z.infer<typeof IncidentsQuery>;

export interface IncidentSourceView {
  url: string;
  host: string | null;
  /** What the source supports (further sources only). */
  supports: string | null;
  /** Why a non-official source is cited; null for a source on the venue's official domains. */
  thirdPartyReason: string | null;
}

export interface IncidentView {
  id: string;
  /** ISO UTC. */
  startedAt: string;
  endedAt: string | null;
  kind: string;
  title: string;
  mechanism: string;
  durationMinutes: number | null;
  /** As a source states it; null when no source gives a figure. */
  lossesUsd: number | null;
  compensation: string | null;
  compensationUsd: number | null;
  severity: string;
  /** INCIDENT_SEVERITY_WEIGHTS of the severity (what the incident adds to the resiliency incident figure). */
  severityWeight: number;
  source: IncidentSourceView;
  quote: string;
  extraSources: IncidentSourceView[];
  asOf: string;
}

export interface VenueIncidentsView {
  venue: { slug: string; name: string };
  /** The venue's ledger file; null when it has none (its resiliency item then reads the curated count fact). */
  ledger: { reviewedFrom: string | null; reviewedTo: string | null; note: string } | null;
  incidents: IncidentView[];
  /** Incidents in the ledger (incidents.length may be fewer: the limit). */
  total: number;
}
