// Monotone piecewise-linear scales mapping a metric to a 0..100 score, and the named scales the checklist
// uses (each with its breakpoints and a sentence on why). The methodology page and docs print these points.

export type ScalePoint = readonly [x: number, score: number];

/** A scale is a function x → score (0..100) that also carries its breakpoints. */
export interface Scale {
  (x: number): number;
  readonly points: readonly ScalePoint[];
  /** "higher" when a larger metric scores better, "lower" when a smaller one does. */
  readonly better: "higher" | "lower";
}

/**
 * Piecewise-linear scale through `points` (x strictly increasing, scores within 0..100 and monotone):
 *   x ≤ x₀ → s₀;  x ≥ xₙ → sₙ;  xᵢ ≤ x ≤ xᵢ₊₁ → sᵢ + (x − xᵢ) / (xᵢ₊₁ − xᵢ) × (sᵢ₊₁ − sᵢ).
 * Throws when the points are fewer than two, not finite, x not strictly increasing, a score outside 0..100,
 * or the scores not monotone. Throws on a non-finite x.
 */
export function scale(points: readonly ScalePoint[]): Scale {
  if (points.length < 2) throw new RangeError("a scale needs at least two points");
  let up = false;
  let down = false;
  for (let i = 0; i < points.length; i++) {
    const [x, s] = points[i];
    if (!Number.isFinite(x) || !Number.isFinite(s)) throw new RangeError(`scale point ${i} is not finite`);
    if (s < 0 || s > 100) throw new RangeError(`scale score ${s} is outside 0..100`);
    if (i > 0) {
      const [px, ps] = points[i - 1];
      if (!(x > px)) throw new RangeError(`scale x values must increase strictly (${px} then ${x})`);
      if (s > ps) up = true;
      if (s < ps) down = true;
    }
  }
  if (up && down) throw new RangeError("scale scores must be monotone");
  const frozen = Object.freeze(points.map((p) => Object.freeze([p[0], p[1]] as const)));
  const n = frozen.length;
  const fn = (x: number): number => {
    if (!Number.isFinite(x)) throw new RangeError(`scale input must be finite, got ${x}`);
    if (x <= frozen[0][0]) return frozen[0][1];
    if (x >= frozen[n - 1][0]) return frozen[n - 1][1];
    let i = 1;
    while (frozen[i][0] < x) i++;
    const [x0, s0] = frozen[i - 1];
    const [x1, s1] = frozen[i];
    return s0 + ((x - x0) / (x1 - x0)) * (s1 - s0);
  };
  return Object.assign(fn, { points: frozen, better: down ? ("lower" as const) : ("higher" as const) });
}

export interface ScaleDefinition {
  id: string;
  /** What the x axis measures. */
  metric: string;
  unit: string;
  description: string;
  points: readonly ScalePoint[];
}

function def(id: string, metric: string, unit: string, description: string, points: ScalePoint[]): ScaleDefinition {
  scale(points); // validate at load time
  return { id, metric, unit, description, points };
}

/** Every scale the checklist uses, by id. */
export const SCALE_DEFINITIONS = {
  depthP50SlippageBps: def(
    "depthP50SlippageBps",
    "Median (p50) slippage at the target notional",
    "bps",
    "1 bp or less is excellent for a liquid perp; 100 bps or more means the book cannot absorb the size.",
    [[1, 100], [5, 80], [15, 50], [50, 10], [100, 0]],
  ),
  depthBeyondShare: def(
    "depthBeyondShare",
    "Share of snapshots where the target notional is beyond visible depth",
    "share",
    "Any snapshot where the order cannot be filled from the visible book is a failure; 20 % or more scores 0.",
    [[0, 100], [0.01, 80], [0.05, 40], [0.2, 0]],
  ),
  depthCapacityToTarget: def(
    "depthCapacityToTarget",
    "Median capacity within 10 bps divided by the target notional",
    "ratio",
    "Below 1 the target notional itself costs more than 10 bps; 10× the target within 10 bps is full marks.",
    [[0, 0], [0.5, 30], [1, 60], [3, 85], [10, 100]],
  ),
  depthRealizedToImplied: def(
    "depthRealizedToImplied",
    "p50 realized slippage of sweeps divided by the p50 book-implied slippage at the same size",
    "ratio",
    "At or below 1 the shown book was there when swept; sweeps paying 5× what the book implied (phantom depth) score 0.",
    [[1, 100], [1.5, 70], [3, 20], [5, 0]],
  ),
  stressP95Ratio: def(
    "stressP95Ratio",
    "p95 slippage inside stress windows divided by p95 outside",
    "ratio",
    "1 means liquidity holds under stress; 10× worse or more scores 0.",
    [[1, 100], [1.5, 80], [3, 40], [10, 0]],
  ),
  stressBeyondShare: def(
    "stressBeyondShare",
    "Share of stress-window snapshots beyond visible depth",
    "share",
    "Books that vanish under stress are the main risk this item looks for; half the stress snapshots or more scores 0.",
    [[0, 100], [0.05, 60], [0.25, 20], [0.5, 0]],
  ),
  fundingCoverage: def(
    "fundingCoverage",
    "Funding records present / expected over the window",
    "share",
    "Missing settlements make funding costs unverifiable; below 50 % scores 0.",
    [[0.5, 0], [0.9, 60], [0.99, 100]],
  ),
  fundingAnnualizedStdev: def(
    "fundingAnnualizedStdev",
    "Sample stdev of simple-annualized funding (per-8h rate × 1095)",
    "fraction per year",
    "Steady funding is predictable carry; a standard deviation of 150 %/year or more scores 0.",
    [[0.05, 100], [0.2, 70], [0.5, 30], [1.5, 0]],
  ),
  fundingCarrySpread: def(
    "fundingCarrySpread",
    "p95 − p5 of the annualized 7-day rolling carry (long)",
    "fraction per year",
    "What a week's carry may cost is what a desk budgets; a 5 %/year band is full marks, 200 %/year or more scores 0.",
    [[0.05, 100], [0.25, 70], [0.75, 30], [2, 0]],
  ),
  fundingPredictionMae: def(
    "fundingPredictionMae",
    "Mean |predicted − settled| funding rate, annualized",
    "fraction per year",
    "A published next rate is only useful if it is what settles; an error of 1 %/year or less is full marks, 50 %/year or more scores 0.",
    [[0.01, 100], [0.05, 70], [0.2, 30], [0.5, 0]],
  ),
  liquidationInsuranceToOi: def(
    "liquidationInsuranceToOi",
    "Insurance fund / open interest",
    "share",
    "A fund of 5 % of OI or more is full marks; no fund scores 0.",
    [[0, 0], [0.001, 30], [0.01, 70], [0.05, 100]],
  ),
  liquidationCascadeToOi: def(
    "liquidationCascadeToOi",
    "Largest 1 h liquidation cascade / mean open interest",
    "share",
    "Large cascades relative to OI show fragile liquidation engines; 20 % of OI in one hour or more scores 0.",
    [[0.005, 100], [0.02, 70], [0.05, 40], [0.2, 0]],
  ),
  feesAllInCostBps: def(
    "feesAllInCostBps",
    "All-in cost (taker fee + p50 slippage) at the target notional",
    "bps",
    "2 bps or less is top tier; 50 bps or more scores 0.",
    [[2, 100], [5, 80], [10, 50], [25, 10], [50, 0]],
  ),
  feesChangesInStress: def(
    "feesChangesInStress",
    "Fee-schedule changes effective inside stress windows",
    "count",
    "Changing fees during stress penalises traders when they can least react; 3 or more scores 0.",
    [[0, 100], [1, 50], [3, 0]],
  ),
  resiliencyAvailability: def(
    "resiliencyAvailability",
    "Successful ingest runs / finished runs",
    "share",
    "How reliably the venue's public data could be collected; 90 % or less scores 0.",
    [[0.9, 0], [0.97, 50], [0.995, 90], [1, 100]],
  ),
  resiliencyLongestGapHours: def(
    "resiliencyLongestGapHours",
    "Longest gap between successful ingest runs",
    "hours",
    "Gaps of an hour or less are normal scheduling; three days or more scores 0.",
    [[1, 100], [6, 70], [24, 30], [72, 0]],
  ),
  resiliencyIncidents: def(
    "resiliencyIncidents",
    "Severity-weighted incidents in the 12 months before the window end (incident ledger; curated count as fallback)",
    "weighted count",
    "No incident is full marks; a weight of 10 or more (e.g. five critical incidents) scores 0.",
    [[0, 100], [2, 70], [5, 30], [10, 0]],
  ),
} as const satisfies Record<string, ScaleDefinition>;

export type ScaleId = keyof typeof SCALE_DEFINITIONS;

/** The callable scale for an id. */
export const SCALES: { readonly [K in ScaleId]: Scale } = Object.fromEntries(
  Object.entries(SCALE_DEFINITIONS).map(([id, d]) => [id, scale(d.points)]),
) as { [K in ScaleId]: Scale };

/** Breakpoints as printed by the methodology: "x → score" pairs joined by " · ", e.g. "1 → 100 · 5 → 80". */
export function formatScalePoints(points: readonly ScalePoint[]): string {
  return points.map(([x, s]) => `${x} → ${s}`).join(" · ");
}
