// From a report's venues to what allocate() reads and to the provenance summary every export states. Pure.
import type { AllocationVenueInput } from "./allocate";
import { PROVENANCE_NOTES, type AllocationReport, type ReportVenue } from "./types";

/** Venue slugs by provenance (a venue counts once as simulated; real venues by the rows they were computed from), with a note per provenance present. */
export function provenanceSummary(venues: { slug: string; provenance: string; dataProvenance: string[] }[]): AllocationReport["provenance"] {
  const of = (p: string) => venues.filter((v) => v.provenance === p || (p !== "simulated" && v.provenance !== "simulated" && v.dataProvenance.includes(p))).map((v) => v.slug);
  const out = { live: of("live"), recorded: of("recorded"), simulated: of("simulated"), notes: [] as string[] };
  for (const p of ["live", "recorded", "simulated"] as const) if (out[p].length) out.notes.push(`${PROVENANCE_NOTES[p]}: ${out[p].join(", ")}`);
  return out;
}

/** A report's venues as allocate() inputs: score, capacity at the budget, all-in cost. */
export function allocationInputs(venues: ReportVenue[]): AllocationVenueInput[] {
  return venues.map((v) => ({
    venue: v.slug,
    name: v.name,
    provenance: v.provenance,
    score: v.scoreTotal,
    capacityUsd: v.capacity.capacityUsd,
    capacityBasis: v.capacity.basis,
    stressWindowCount: v.capacity.stressWindowCount,
    allInCostBps: v.allInCostBps,
  }));
}
