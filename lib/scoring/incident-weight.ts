// The resiliency item's incident figure from an incident ledger (pure): Σ severity weight of the incidents that
// started in the 12 months before the scored window's end, when the ledger's reviewed period covers those 12
// months; otherwise no figure (missing data counts 0, it never reads as "no incidents").
import { INCIDENT_SEVERITY_WEIGHTS, type IncidentSeverity } from "./items";
import { DAY_MS } from "../metrics/time";

export interface LedgerIncident {
  startedAtMs: number;
  severity: IncidentSeverity;
}

export interface IncidentWeightResult {
  /** Σ severity weight over the trailing 12 months; null when the ledger does not cover them. */
  weight: number | null;
  /** Incidents counted. */
  count: number;
  /** The trailing 12 months: (fromMs, toMs]. */
  fromMs: number;
  toMs: number;
  /** Why there is no figure, when there is none. */
  missing: string | null;
}

/** The same UTC instant 12 calendar months earlier (29 Feb → 28 Feb … via Date's own month arithmetic clamp). */
export function twelveMonthsBefore(ms: number): number {
  const d = new Date(ms);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCFullYear(d.getUTCFullYear() - 1);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return d.getTime();
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Incident weight for a window ending at `windowEndMs`: incidents with from < start ≤ end count with their
 * severity weight. `reviewed` is the ledger's searched period (whole UTC days, inclusive); it must hold the
 * whole trailing 12 months, or the figure is missing.
 */
export function incidentWeight12m(
  incidents: readonly LedgerIncident[],
  reviewed: { fromMs: number; toMs: number } | null,
  windowEndMs: number,
): IncidentWeightResult {
  const toMs = windowEndMs;
  const fromMs = twelveMonthsBefore(windowEndMs);
  if (reviewed === null) return { weight: null, count: 0, fromMs, toMs, missing: "the incident ledger claims no reviewed period" };
  // reviewed.to is a whole day: it covers instants up to the end of that day.
  if (reviewed.fromMs > fromMs || reviewed.toMs + DAY_MS <= toMs) {
    return { weight: null, count: 0, fromMs, toMs, missing: `the incident ledger was reviewed ${day(reviewed.fromMs)} → ${day(reviewed.toMs)}, not the whole 12 months ${day(fromMs)} → ${day(toMs)}` };
  }
  let weight = 0;
  let count = 0;
  for (const i of incidents) {
    if (i.startedAtMs > fromMs && i.startedAtMs <= toMs) {
      weight += INCIDENT_SEVERITY_WEIGHTS[i.severity];
      count++;
    }
  }
  return { weight, count, fromMs, toMs, missing: null };
}
