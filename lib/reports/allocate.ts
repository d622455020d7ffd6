// The allocation builder: a proposed split of capital across venues. Pure (no I/O).
//
// Eligibility, checked in this order (the first failing check is the line's binding constraint; every
// failing check is listed in its reasons):
//   1. "excluded"              — the user excluded the venue;
//   2. "no data"               — no score, or no capacity figure (no usable order books in the window);
//   3. "below min score"       — score < minimum venue score;
//   4. "capacity below target" — capacity at the slippage budget < target order notional: the venue
//                                cannot fill one order of the target size within budget in the bad case.
// Capacity is the STRESSED capacity: the 5th percentile of per-snapshot capacity at the budget over
// snapshots inside stress windows; without a stress window it falls back to the overall 5th percentile
// (each line says which). Capacity gates eligibility only: a position larger than one order is built from
// several orders of the target notional (ordersAtTarget = ⌈allocation / target⌉).
//
// Split (water-filling): eligible venues get capital ∝ weight, weight = score (0–100; all weights equal
// when every remaining score is 0). Each round: level = remaining capital / Σ weight of the uncapped
// venues; a venue with weight × level above its cap is fixed at its cap ("cap"), its cap is taken off the
// remaining capital and it leaves the set; repeat until no venue exceeds its cap, then the rest get
// weight × level ("score-weighted"). A venue over its cap in one round is over it in every later round
// (the level only rises), so fixing all of them at once is exact; at most one round per venue.
// Cap = min(cap USD, cap share × capital). When every eligible venue is capped the remainder stays
// unallocated (stated in the notes). Amounts are rounded to cents; the rounding residue goes to the
// largest score-weighted line so the lines sum to the allocated total.
// Infeasible inputs (no eligible venue) return an explanation with the counts per constraint and what
// would make the request feasible, plus every line with its reasons.

export type CapacityBasis = "stress-p5" | "overall-p5";
export type BindingConstraint = "cap" | "score-weighted" | "excluded" | "below min score" | "capacity below target" | "no data";

export interface CapSpec {
  /** Maximum allocation in USD. */
  usd?: number;
  /** Maximum allocation as a share of capital (0–1). */
  share?: number;
}

export interface AllocationVenueInput {
  venue: string;
  name: string;
  provenance: string;
  /** Checklist total, 0–100; null = no data. */
  score: number | null;
  /** Capacity at the slippage budget (USD), stressed p5 or overall p5 (see capacityBasis); null = no data. */
  capacityUsd: number | null;
  capacityBasis: CapacityBasis | null;
  stressWindowCount: number;
  allInCostBps: number | null;
}

export interface AllocationInput {
  capitalUsd: number;
  targetOrderNotionalUsd: number;
  slippageBudgetBps: number;
  minScore: number;
  caps?: Record<string, CapSpec>;
  exclude?: string[];
  venues: AllocationVenueInput[];
}

export interface AllocationLine extends AllocationVenueInput {
  eligible: boolean;
  constraint: BindingConstraint;
  /** Every eligibility check the venue fails (constraint is the first); empty when eligible. */
  failing: BindingConstraint[];
  allocationUsd: number;
  /** allocationUsd / capitalUsd. */
  allocationShare: number;
  /** Effective cap in USD (null = none). */
  capUsd: number | null;
  /** capacityUsd / target order notional. */
  capacityToTarget: number | null;
  /** Orders of the target notional needed to build the allocation; null when nothing is allocated. */
  ordersAtTarget: number | null;
  reasons: string[];
}

export interface AllocationExplanation {
  code: "nothing-eligible";
  /** The constraint that ruled out the venues (or "mixed" when several did). */
  cause: Exclude<BindingConstraint, "cap" | "score-weighted"> | "mixed" | "no venues";
  message: string;
  counts: Partial<Record<BindingConstraint, number>>;
  suggestions: string[];
}

export interface AllocationResult {
  feasible: boolean;
  capitalUsd: number;
  allocatedUsd: number;
  unallocatedUsd: number;
  lines: AllocationLine[];
  explanation: AllocationExplanation | null;
  notes: string[];
  rounds: number;
}

const usd = (n: number) => `$${Math.round(n).toLocaleString("en-US")}`;
const cents = (n: number) => Math.round(n * 100) / 100;

function capOf(spec: CapSpec | undefined, capitalUsd: number): number | null {
  if (!spec) return null;
  const caps = [spec.usd, spec.share === undefined ? undefined : spec.share * capitalUsd].filter((c): c is number => c !== undefined && Number.isFinite(c));
  return caps.length ? Math.max(0, Math.min(...caps)) : null;
}

function capacityReason(v: AllocationVenueInput, budgetBps: number): string {
  if (v.capacityUsd === null) return "capacity: no data (no usable order books in the window)";
  const basis = v.capacityBasis === "stress-p5" ? `stressed p5 over ${v.stressWindowCount} stress window${v.stressWindowCount === 1 ? "" : "s"}` : "overall p5, as no stress window was detected (fallback)";
  return `capacity at ${budgetBps} bps: ${usd(v.capacityUsd)}, ${basis}`;
}

/** Water-filling of `capitalUsd` over venues with weights and caps; returns allocations and rounds. */
export function waterFill(capitalUsd: number, venues: { key: string; weight: number; capUsd: number | null }[]) {
  const alloc = new Map<string, number>();
  const capped = new Set<string>();
  let active = venues.slice();
  let remaining = capitalUsd;
  let rounds = 0;
  while (active.length > 0 && remaining > 1e-9) {
    rounds++;
    const allZero = active.every((v) => v.weight <= 0);
    const w = (v: (typeof active)[number]) => (allZero ? 1 : Math.max(0, v.weight));
    const level = remaining / active.reduce((s, v) => s + w(v), 0);
    const over = active.filter((v) => v.capUsd !== null && w(v) * level > v.capUsd + 1e-9);
    if (over.length === 0) {
      for (const v of active) alloc.set(v.key, w(v) * level);
      remaining = 0;
      break;
    }
    for (const v of over) {
      alloc.set(v.key, v.capUsd!);
      capped.add(v.key);
      remaining -= v.capUsd!;
    }
    active = active.filter((v) => !capped.has(v.key));
  }
  return { alloc, capped, remaining: Math.max(0, remaining), rounds };
}

function explain(lines: AllocationLine[], input: AllocationInput): AllocationExplanation {
  const counts: Partial<Record<BindingConstraint, number>> = {};
  for (const l of lines) counts[l.constraint] = (counts[l.constraint] ?? 0) + 1;
  const kinds = Object.keys(counts) as AllocationExplanation["cause"][];
  const cause: AllocationExplanation["cause"] = lines.length === 0 ? "no venues" : kinds.length === 1 ? kinds[0] : "mixed";
  const suggestions: string[] = [];
  // Venues that fail only this check: relaxing it alone makes them eligible.
  const blockedBy = (c: BindingConstraint) => lines.filter((l) => l.failing.length === 1 && l.failing[0] === c);
  const byCapacity = blockedBy("capacity below target").filter((l) => l.capacityUsd !== null).sort((a, b) => b.capacityUsd! - a.capacityUsd!);
  if (byCapacity[0]) {
    suggestions.push(`The largest capacity within ${input.slippageBudgetBps} bps is ${usd(byCapacity[0].capacityUsd!)} at ${byCapacity[0].name}: lower the target order notional to at most that, or raise the slippage budget.`);
  }
  const byScore = blockedBy("below min score").filter((l) => l.score !== null).sort((a, b) => b.score! - a.score!);
  if (byScore[0]) suggestions.push(`The highest score is ${byScore[0].score!.toFixed(1)} at ${byScore[0].name}: lower the minimum score to at most that.`);
  if (counts.excluded) suggestions.push(`${counts.excluded} venue${counts.excluded === 1 ? " is" : "s are"} excluded: include some again.`);
  if (suggestions.length === 0 && lines.length > 0) suggestions.push("No single change makes a venue eligible: each one fails several checks (see its reasons).");
  if (counts["no data"]) suggestions.push(`${counts["no data"]} venue${counts["no data"] === 1 ? " has" : "s have"} no data for the window: widen the window or ingest order books.`);
  const parts = kinds.map((k) => `${counts[k as BindingConstraint]} ${k}`).join(", ");
  const message =
    lines.length === 0
      ? "No venue has data for this asset: nothing can be allocated."
      : cause === "capacity below target"
        ? `No venue can fill one order of ${usd(input.targetOrderNotionalUsd)} within ${input.slippageBudgetBps} bps in the stressed case: nothing can be allocated.`
        : cause === "below min score"
          ? `No venue reaches the minimum score of ${input.minScore}: nothing can be allocated.`
          : `No venue passes every constraint (${parts}): nothing can be allocated.`;
  return { code: "nothing-eligible", cause, message, counts, suggestions };
}

/** Thrown when one allocation is asked over real and simulated (fictional) venues at once. */
export class MixedVenueSetError extends Error {
  constructor(real: string[], simulated: string[]) {
    super(`an allocation is over real venues or over simulated ones, never both (real: ${real.join(", ")}; simulated: ${simulated.join(", ")})`);
    this.name = "MixedVenueSetError";
  }
}

export function allocate(input: AllocationInput): AllocationResult {
  // Fictional venues never share capital with real ones: a mixed input is a caller's bug, not a case to split.
  const simulated = input.venues.filter((v) => v.provenance === "simulated").map((v) => v.venue);
  const real = input.venues.filter((v) => v.provenance !== "simulated").map((v) => v.venue);
  if (simulated.length > 0 && real.length > 0) throw new MixedVenueSetError(real, simulated);
  const { capitalUsd, targetOrderNotionalUsd: target, slippageBudgetBps: budget, minScore } = input;
  const excluded = new Set(input.exclude ?? []);
  const caps = input.caps ?? {};
  const notes: string[] = [];
  const known = new Set(input.venues.map((v) => v.venue));
  for (const slug of Object.keys(caps)) if (!known.has(slug)) notes.push(`Cap for unknown venue "${slug}" ignored.`);
  for (const slug of excluded) if (!known.has(slug)) notes.push(`Exclusion of unknown venue "${slug}" ignored.`);

  const lines: AllocationLine[] = input.venues.map((v) => {
    const capUsd = capOf(caps[v.venue], capitalUsd);
    const failing: BindingConstraint[] = [];
    const reasons: string[] = [];
    if (excluded.has(v.venue)) {
      failing.push("excluded");
      reasons.push("excluded by the user");
    }
    reasons.push(v.score === null ? "score: no data" : `score ${v.score.toFixed(1)} (minimum ${minScore})`);
    reasons.push(capacityReason(v, budget));
    reasons.push(v.allInCostBps === null ? "all-in cost: no data" : `all-in cost ${v.allInCostBps.toFixed(2)} bps`);
    if (v.score === null || v.capacityUsd === null) failing.push("no data");
    if (v.score !== null && v.score < minScore) {
      failing.push("below min score");
      reasons.push(`score ${v.score.toFixed(1)} is below the minimum ${minScore}`);
    }
    if (v.capacityUsd !== null && v.capacityUsd < target) {
      failing.push("capacity below target");
      reasons.push(`capacity ${usd(v.capacityUsd)} is below the target order notional ${usd(target)}: cannot fill one order within ${budget} bps`);
    }
    if (capUsd !== null) reasons.push(`cap ${usd(capUsd)}`);
    return {
      ...v,
      eligible: failing.length === 0,
      constraint: failing[0] ?? "score-weighted",
      failing,
      allocationUsd: 0,
      allocationShare: 0,
      capUsd,
      capacityToTarget: v.capacityUsd === null ? null : v.capacityUsd / target,
      ordersAtTarget: null,
      reasons,
    };
  });

  const eligible = lines.filter((l) => l.eligible);
  if (eligible.length === 0) {
    return { feasible: false, capitalUsd, allocatedUsd: 0, unallocatedUsd: capitalUsd, lines: sortLines(lines), explanation: explain(lines, input), notes, rounds: 0 };
  }

  const fill = waterFill(capitalUsd, eligible.map((l) => ({ key: l.venue, weight: l.score ?? 0, capUsd: l.capUsd })));
  for (const l of eligible) {
    l.allocationUsd = cents(fill.alloc.get(l.venue) ?? 0);
    if (fill.capped.has(l.venue)) {
      l.constraint = "cap";
      l.reasons.push(`held at its cap of ${usd(l.capUsd!)}; the excess was redistributed to the other venues by score`);
    } else l.reasons.push(`score-weighted share of the capital left after caps`);
  }
  const allocatedUsd = cents(capitalUsd - fill.remaining);
  const residue = cents(allocatedUsd - eligible.reduce((s, l) => s + l.allocationUsd, 0));
  const largest = eligible.filter((l) => l.constraint === "score-weighted").sort((a, b) => b.allocationUsd - a.allocationUsd)[0];
  if (largest && residue !== 0) largest.allocationUsd = cents(largest.allocationUsd + residue);
  for (const l of eligible) {
    l.allocationShare = l.allocationUsd / capitalUsd;
    l.ordersAtTarget = l.allocationUsd > 0 ? Math.ceil(l.allocationUsd / target - 1e-9) : null;
  }
  if (fill.remaining > 0.005) notes.push(`Every eligible venue is at its cap: ${usd(fill.remaining)} of ${usd(capitalUsd)} stays unallocated.`);
  return { feasible: true, capitalUsd, allocatedUsd, unallocatedUsd: cents(capitalUsd - allocatedUsd), lines: sortLines(lines), explanation: null, notes, rounds: fill.rounds };
}

function sortLines(lines: AllocationLine[]): AllocationLine[] {
  return lines.slice().sort((a, b) => Number(b.eligible) - Number(a.eligible) || b.allocationUsd - a.allocationUsd || (b.score ?? -1) - (a.score ?? -1) || a.name.localeCompare(b.name));
}
