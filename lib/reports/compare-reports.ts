// A saved report beside a re-run on today's data: per-venue allocation and score deltas (pure).
import type { BindingConstraint } from "./allocate";
import type { AllocationReport } from "./types";

export interface VenueSide {
  allocationUsd: number;
  constraint: BindingConstraint;
  score: number | null;
  capacityUsd: number | null;
}

export interface VenueDelta {
  venue: string;
  name: string;
  provenance: string;
  saved: VenueSide | null;
  rerun: VenueSide | null;
  /** rerun − saved allocation (a venue missing on one side counts as 0). */
  allocationDeltaUsd: number;
  /** rerun − saved score; null when either is missing. */
  scoreDelta: number | null;
  constraintChanged: boolean;
  status: "same" | "changed" | "new" | "gone";
}

export interface ReportComparison {
  savedAt: string;
  rerunAt: string;
  feasible: { saved: boolean; rerun: boolean };
  allocatedDeltaUsd: number;
  methodologyVersion: { saved: string; rerun: string; changed: boolean };
  venues: VenueDelta[];
}

function sides(r: AllocationReport): Map<string, { name: string; provenance: string; side: VenueSide }> {
  return new Map(r.allocation.lines.map((l) => [l.venue, { name: l.name, provenance: l.provenance, side: { allocationUsd: l.allocationUsd, constraint: l.constraint, score: l.score, capacityUsd: l.capacityUsd } }]));
}

export function compareReports(saved: AllocationReport, rerun: AllocationReport): ReportComparison {
  const a = sides(saved);
  const b = sides(rerun);
  const slugs = [...new Set([...a.keys(), ...b.keys()])];
  const venues = slugs.map((slug): VenueDelta => {
    const sa = a.get(slug);
    const rb = b.get(slug);
    const s = sa?.side;
    const r = rb?.side;
    const allocationDeltaUsd = Math.round(((r?.allocationUsd ?? 0) - (s?.allocationUsd ?? 0)) * 100) / 100;
    const scoreDelta = s?.score != null && r?.score != null ? r.score - s.score : null;
    const constraintChanged = !!s && !!r && s.constraint !== r.constraint;
    const status = !s ? "new" : !r ? "gone" : allocationDeltaUsd !== 0 || constraintChanged || (scoreDelta !== null && Math.abs(scoreDelta) > 1e-9) || (s.score === null) !== (r.score === null) ? "changed" : "same";
    return { venue: slug, name: (rb ?? sa)!.name, provenance: (rb ?? sa)!.provenance, saved: s ?? null, rerun: r ?? null, allocationDeltaUsd, scoreDelta, constraintChanged, status };
  });
  const top = (v: VenueDelta) => Math.max(v.saved?.allocationUsd ?? 0, v.rerun?.allocationUsd ?? 0);
  venues.sort((x, y) => Math.abs(y.allocationDeltaUsd) - Math.abs(x.allocationDeltaUsd) || top(y) - top(x) || x.name.localeCompare(y.name));
  return {
    savedAt: saved.generatedAt,
    rerunAt: rerun.generatedAt,
    feasible: { saved: saved.allocation.feasible, rerun: rerun.allocation.feasible },
    allocatedDeltaUsd: Math.round((rerun.allocation.allocatedUsd - saved.allocation.allocatedUsd) * 100) / 100,
    methodologyVersion: { saved: saved.methodologyVersion, rerun: rerun.methodologyVersion, changed: saved.methodologyVersion !== rerun.methodologyVersion },
    venues,
  };
}
