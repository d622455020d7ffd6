// What an allocation report warns about (pure): a venue holding more than the set share of the capital,
// an allocated venue whose figures rest on fewer than the set number of order-book snapshots, data older
// than the window (its latest snapshot is further back from the report time than the window is long), and
// allocated venues whose data windows do not overlap (figures from different periods side by side).
// The table, CSV, JSON and PDF all print these same warnings.
import { DAY_MS } from "../metrics/time";
import { WINDOW_PRESETS } from "../views/windows";
import type { AllocationLine } from "./allocate";
import { DEFAULT_MAX_VENUE_SHARE_PCT, DEFAULT_MIN_SNAPSHOTS, type AllocationParams } from "./params";

export type ReportWarningCode = "concentration" | "few-snapshots" | "stale-data" | "different-periods";

export interface ReportWarning {
  code: ReportWarningCode;
  /** The venues the warning is about (slugs). */
  venues: string[];
  message: string;
}

export interface WarningVenue {
  slug: string;
  name: string;
  snapshots: number;
  windowFromUtc: string | null;
  windowToUtc: string | null;
}

type WarningParams = Pick<AllocationParams, "window" | "from" | "to"> & { maxVenueSharePct?: number; minSnapshots?: number };

/** The window's length in ms: a preset's days, or to − from; null for "all" (no length to be older than). */
export function windowLengthMs(p: WarningParams): number | null {
  if (p.from !== undefined && p.to !== undefined) return Date.parse(p.to) - Date.parse(p.from);
  const days = WINDOW_PRESETS[p.window ?? "30d"];
  return days === null ? null : days * DAY_MS;
}

const day = (iso: string) => iso.slice(0, 10);
const pct = (share: number) => `${+(share * 100).toFixed(1)} %`;

/**
 * Warnings of an allocation. Only venues that receive capital are checked for snapshots, age and periods:
 * those are the figures the split rests on.
 */
export function allocationWarnings(lines: AllocationLine[], venues: WarningVenue[], params: WarningParams, generatedAt: string): ReportWarning[] {
  const maxShare = (params.maxVenueSharePct ?? DEFAULT_MAX_VENUE_SHARE_PCT) / 100;
  const minSnapshots = params.minSnapshots ?? DEFAULT_MIN_SNAPSHOTS;
  const bySlug = new Map(venues.map((v) => [v.slug, v]));
  const allocated = lines.filter((l) => l.allocationUsd > 0);
  const out: ReportWarning[] = [];

  for (const l of allocated) {
    if (l.allocationShare > maxShare + 1e-12) out.push({ code: "concentration", venues: [l.venue], message: `${l.name} holds ${pct(l.allocationShare)} of the capital, above the ${pct(maxShare)} limit for one venue` });
  }
  for (const l of allocated) {
    const n = bySlug.get(l.venue)?.snapshots ?? 0;
    if (n < minSnapshots) out.push({ code: "few-snapshots", venues: [l.venue], message: `${l.name}: figures rest on ${n} order-book snapshot${n === 1 ? "" : "s"}, fewer than the minimum of ${minSnapshots}` });
  }
  const lengthMs = windowLengthMs(params);
  const now = Date.parse(generatedAt);
  if (lengthMs !== null) {
    for (const l of allocated) {
      const to = bySlug.get(l.venue)?.windowToUtc;
      if (!to) continue;
      const ageMs = now - Date.parse(to);
      if (ageMs > lengthMs) out.push({ code: "stale-data", venues: [l.venue], message: `${l.name}: latest data from ${day(to)}, ${Math.floor(ageMs / DAY_MS)} days before this report, older than the ${+(lengthMs / DAY_MS).toFixed(1)}-day window` });
    }
  }
  const apart = differentPeriods(allocated.map((l) => bySlug.get(l.venue)).filter((v): v is WarningVenue => !!v));
  if (apart) out.push(apart);
  return out;
}

/** A venue's data period, as the "periods differ" rule reads it (ISO times; null = no data). */
export type DatedVenue = Pick<WarningVenue, "slug" | "name" | "windowFromUtc" | "windowToUtc">;

/**
 * The "different periods" rule, the one check for figures shown side by side (allocation reports and the
 * compare page): two venues whose data windows do not overlap at all. Null when every pair overlaps or
 * fewer than two venues have dated data; `what` names the figures in the message ("figures", "funding").
 */
export function differentPeriods(venues: DatedVenue[], what = "figures"): ReportWarning | null {
  const dated = venues.filter((v) => !!v.windowFromUtc && !!v.windowToUtc);
  const apart = new Set<string>();
  for (let i = 0; i < dated.length; i++)
    for (let j = i + 1; j < dated.length; j++) {
      const [a, b] = [dated[i], dated[j]];
      if (Date.parse(a.windowToUtc!) < Date.parse(b.windowFromUtc!) || Date.parse(b.windowToUtc!) < Date.parse(a.windowFromUtc!)) apart.add(a.slug).add(b.slug);
    }
  if (apart.size === 0) return null;
  const list = dated.filter((v) => apart.has(v.slug));
  return { code: "different-periods", venues: list.map((v) => v.slug), message: `${what} compared side by side come from different periods: ${list.map((v) => `${v.name} ${day(v.windowFromUtc!)} to ${day(v.windowToUtc!)}`).join("; ")}` };
}

/** The warnings about one venue, as one cell of text ("" when none). */
export function warningsFor(warnings: ReportWarning[], venue: string): string {
  return warnings
    .filter((w) => w.venues.includes(venue))
    .map((w) => w.message)
    .join("; ");
}

/** A report's warnings: the stored ones, or computed from its lines for a report saved before warnings. */
export function reportWarnings(r: { allocation: { lines: AllocationLine[] }; venues: WarningVenue[]; params: WarningParams; generatedAt: string; warnings?: ReportWarning[] }): ReportWarning[] {
  return r.warnings ?? allocationWarnings(r.allocation.lines, r.venues, r.params, r.generatedAt);
}
