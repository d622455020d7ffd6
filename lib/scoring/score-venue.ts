// Venue scoring: sub-metrics → sub-scores (scales / fact answers) → item scores with coverage and evidence →
// a weighted total over every item (missing data counts 0) gated on execution coverage. Ranking and rank
// stability are in rank-venues.ts.
import {
  CHECKLIST_ITEMS,
  DEFAULT_WEIGHTS,
  FACT_VALUE_SCORES,
  ITEM_IDS,
  type FactAnswer,
  type ItemId,
  type SubMetric,
  type Weights,
} from "./items";
import { SCALES } from "./scale";
import { METHODOLOGY_VERSION } from "./version";

export interface FactInput {
  key: string;
  status: "known" | "unknown";
  value: string | number | boolean | null;
  /** Where the fact comes from (URL or note); shown as evidence. */
  source?: string | null;
}

type Figure = number | null;
interface Sourced {
  /** Where the figures come from (e.g. "computed from 2 016 book snapshots, 2024-05-01..08"). */
  source?: string;
  /** How many observations the figures rest on (snapshots, records); scales the item's score and coverage. */
  sampleCount?: number | null;
  /** Why the block's figures are missing, when they are (e.g. "depth unknown beyond 5 levels / $120k"). */
  missing?: string;
  /** Why one figure of the block is missing while others are present, by input name. */
  missingInputs?: Partial<Record<string, string>>;
}

/**
 * Observations an item needs for full coverage: a figure from fewer still scores, but its coverage (and so
 * the venue's confidence) is scaled by n / minimum. Books: a day at a 5-minute cadence; stress: 2 hours of
 * 5-minute snapshots inside stress windows; funding: 30 settlements.
 */
export const MIN_ADEQUATE_SAMPLES: Partial<Record<ItemId, number>> = { depth: 288, stress: 24, funding: 30, fees: 288 };
export interface DepthInput extends Sourced {
  p50SlippageBps: Figure;
  beyondDepthShare: Figure;
  medianCapacityUsd: Figure;
  /** Realized ÷ book-implied p50 slippage (lib/scoring/realized-inputs.ts). */
  realizedToImplied?: Figure;
}
export interface StressInput extends Sourced {
  p95Ratio: Figure;
  beyondDepthShareInStress: Figure;
  /** Realized p95 slippage inside ÷ outside stress windows (lib/scoring/realized-inputs.ts). */
  realizedStressRatio?: Figure;
}
export interface FundingInput extends Sourced {
  coverage: Figure;
  annualizedStdev: Figure;
  /** p95 − p5 of the annualized 7-day rolling carry (lib/metrics/carry.ts carryStability). */
  carrySpread7d?: Figure;
  /** Mean |published predicted − settled| rate, annualized; null below MIN_SCORED_PREDICTIONS matches. */
  predictionMae?: Figure;
}
export interface LiquidationInput extends Sourced {
  insuranceToOi: Figure;
  largestCascadeToOi: Figure;
}
export interface FeesInput extends Sourced {
  allInCostBps: Figure;
  changesInStress: Figure;
}
export interface ResiliencyInput extends Sourced {
  availability: Figure;
  longestGapHours: Figure;
}

/** Everything scoring needs for one venue. A null/absent block means no data for those figures. */
export interface VenueScoreInput {
  venue: string;
  targetNotionalUsd: number;
  depth?: DepthInput | null;
  stress?: StressInput | null;
  funding?: FundingInput | null;
  liquidation?: LiquidationInput | null;
  fees?: FeesInput | null;
  resiliency?: ResiliencyInput | null;
  facts: readonly FactInput[];
  /** Data kinds the venue's public API does not publish (from the connector's `has` map). */
  unpublished?: readonly string[];
  /**
   * Σ severity weight (INCIDENT_SEVERITY_WEIGHTS) of the venue's ledger incidents in the 12 months before the
   * window end; scored instead of the curated `resiliency.incidents_12m` count when given.
   */
  incidentWeight12m?: number | null;
  /** Where incidentWeight12m comes from (shown as evidence). */
  incidentSource?: string | null;
  /**
   * Set when the venue has an incident ledger that gives no figure for the window (e.g. its reviewed period
   * does not cover the 12 months): the sub-metric is missing with this reason and the curated count fact is
   * not read (the fact is only a fallback for venues without a ledger).
   */
  incidentMissing?: string | null;
}

export interface Evidence {
  label: string;
  value: number | string | boolean | null;
  unit: string;
  source: string;
}

export interface SubScore {
  id: string;
  label: string;
  /** The figure scored (null when missing). */
  value: number | string | null;
  unit: string;
  score: number | null;
  /** Why there is no score, when there is none. */
  missing?: string;
  /** Points of the venue total this sub-score adds: w_item / Σw × adequacy × score / n_defined (0 when missing). */
  contribution: number;
}

export interface ItemScore {
  id: ItemId;
  label: string;
  weight: number;
  status: "scored" | "no-data";
  /**
   * adequacy × Σ sub-scores / n_defined, a missing sub-metric counting 0; null when no sub-metric has data
   * (the item then counts 0 in the total at its full weight).
   */
  score: number | null;
  /** Mean of the available sub-scores only (for display beside the score); null with no data. */
  measuredScore: number | null;
  /** min(1, n / n_min) when the item's figures rest on n observations and the item has a minimum; else 1. */
  adequacy: number;
  /** (Available sub-metrics / defined sub-metrics) × adequacy. */
  coverage: number;
  subScores: SubScore[];
  evidence: Evidence[];
}

export interface VenueScore {
  venue: string;
  methodologyVersion: string;
  /** "insufficient-data" when the execution items' data coverage is below MIN_EXECUTION_COVERAGE (or all weights are 0). */
  status: "scored" | "insufficient-data";
  /** Why there is no total, in words; null when scored. */
  reason: string | null;
  /** Σ w·S / Σ w over ALL items (an item without data counts 0); null when status is "insufficient-data". */
  total: number | null;
  /** Σ w·(share of the item's sub-metrics with data) / Σ w over the execution items (depth, stress). */
  executionCoverage: number;
  /** Σ (w × coverage) / Σ w over all items (no data = coverage 0). */
  confidence: number;
  items: ItemScore[];
  /** Items without any data (each counted 0 at its full weight). */
  droppedItems: ItemId[];
  /** Their summed weight. */
  droppedWeight: number;
  weights: Weights;
}

/** Normalize a yes/partial/no fact value; null when unrecognized. */
export function factAnswer(value: FactInput["value"]): FactAnswer | null {
  if (value === true) return "yes";
  if (value === false) return "no";
  if (typeof value !== "string") return null;
  const v = value.trim().toLowerCase();
  if (["yes", "true", "y", "published"].includes(v)) return "yes";
  if (["no", "false", "n", "not published"].includes(v)) return "no";
  if (v === "partial") return "partial";
  return null;
}

function factCount(value: FactInput["value"]): number | null {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? value : null;
  if (typeof value === "string" && value.trim() !== "") {
    const n = Number(value.trim());
    return Number.isFinite(n) && n >= 0 ? n : null;
  }
  return null;
}

function inputBlock(input: VenueScoreInput, id: ItemId): (Sourced & Record<string, unknown>) | null {
  if (id === "transparency") return null;
  const block = input[id];
  return block === undefined || block === null ? null : (block as unknown as Sourced & Record<string, unknown>);
}

type Scored = Omit<SubScore, "contribution">;

function scoreSubMetric(
  sm: SubMetric,
  input: VenueScoreInput,
  block: (Sourced & Record<string, unknown>) | null,
  facts: ReadonlyMap<string, FactInput>,
  evidence: Evidence[],
): Scored {
  if (sm.kind === "metric") {
    const raw = block?.[sm.input];
    const source = block?.source ?? "computed";
    if (typeof raw !== "number" || !Number.isFinite(raw)) {
      const unpublished = sm.dataKind !== undefined && (input.unpublished ?? []).includes(sm.dataKind);
      return { id: sm.id, label: sm.label, value: null, unit: sm.unit, score: null, missing: unpublished ? "not published by venue" : (block?.missingInputs?.[sm.input] ?? block?.missing ?? "no data") };
    }
    let value = raw;
    if (sm.perTargetNotional) {
      if (!(input.targetNotionalUsd > 0)) {
        return { id: sm.id, label: sm.label, value: null, unit: sm.unit, score: null, missing: "no target notional" };
      }
      value = raw / input.targetNotionalUsd; // ratio = figure (USD) / target notional (USD)
      evidence.push({ label: `${sm.label}: numerator`, value: raw, unit: "USD", source });
      evidence.push({ label: `${sm.label}: target notional`, value: input.targetNotionalUsd, unit: "USD", source: "input" });
    }
    evidence.push({ label: sm.label, value, unit: sm.unit, source });
    return { id: sm.id, label: sm.label, value, unit: sm.unit, score: SCALES[sm.scale](value) };
  }
  if (sm.kind === "fact-count" && sm.input !== undefined) {
    // The pure input (e.g. the incident ledger's severity-weighted count) wins over the curated fact.
    const n = input[sm.input];
    if (typeof n === "number" && Number.isFinite(n) && n >= 0) {
      const source = input.incidentSource ?? "incident ledger";
      evidence.push({ label: sm.label, value: n, unit: sm.unit, source });
      return { id: sm.id, label: sm.label, value: n, unit: sm.unit, score: SCALES[sm.scale](n) };
    }
    if (typeof input.incidentMissing === "string") {
      return { id: sm.id, label: sm.label, value: null, unit: sm.unit, score: null, missing: input.incidentMissing };
    }
  }
  const fact = facts.get(sm.factKey);
  if (fact === undefined) {
    return { id: sm.id, label: sm.label, value: null, unit: "fact", score: null, missing: `fact ${sm.factKey} not curated` };
  }
  if (fact.status !== "known") {
    return { id: sm.id, label: sm.label, value: null, unit: "fact", score: null, missing: `fact ${sm.factKey} unknown` };
  }
  const source = fact.source ?? `curated fact ${sm.factKey}`;
  if (sm.kind === "fact-boolean") {
    const answer = factAnswer(fact.value);
    if (answer === null) {
      return { id: sm.id, label: sm.label, value: null, unit: "fact", score: null, missing: `fact ${sm.factKey} has an unrecognized value` };
    }
    evidence.push({ label: sm.label, value: answer, unit: "fact", source });
    return { id: sm.id, label: sm.label, value: answer, unit: "fact", score: FACT_VALUE_SCORES[answer] };
  }
  const count = factCount(fact.value);
  if (count === null) {
    return { id: sm.id, label: sm.label, value: null, unit: sm.unit, score: null, missing: `fact ${sm.factKey} is not a count` };
  }
  evidence.push({ label: sm.label, value: count, unit: sm.unit, source });
  return { id: sm.id, label: sm.label, value: count, unit: sm.unit, score: SCALES[sm.scale](count) };
}

/**
 * Item scores, independent of weights (weight and contributions are filled in as 0):
 * score = adequacy × Σ sub-scores / n_defined, a sub-metric without data counting 0 (never dropped from the
 * mean, so removing a figure can only lower the item); no available sub-metric → status "no-data", score null.
 */
export function scoreItems(input: VenueScoreInput): ItemScore[] {
  const facts = new Map<string, FactInput>();
  for (const f of input.facts) facts.set(f.key, f);
  return CHECKLIST_ITEMS.map((item) => {
    const block = inputBlock(input, item.id);
    const evidence: Evidence[] = [];
    const subScores = item.subMetrics.map((sm) => ({ ...scoreSubMetric(sm, input, block, facts, evidence), contribution: 0 }));
    const scored = subScores.filter((s) => s.score !== null).map((s) => s.score as number);
    const has = scored.length > 0;
    const sum = scored.reduce((a, b) => a + b, 0);
    // Sample adequacy: min(1, n / minimum) when the input says how many observations it rests on.
    const minimum = MIN_ADEQUATE_SAMPLES[item.id];
    const n = block?.sampleCount;
    const adequacy = minimum !== undefined && typeof n === "number" && Number.isFinite(n) ? Math.min(1, Math.max(0, n) / minimum) : 1;
    if (has && adequacy < 1) evidence.push({ label: "Sample size (full coverage from " + minimum + ")", value: n as number, unit: "observations", source: block?.source ?? "computed" });
    return {
      id: item.id,
      label: item.label,
      weight: 0,
      status: has ? ("scored" as const) : ("no-data" as const),
      score: has ? (adequacy * sum) / item.subMetrics.length : null,
      measuredScore: has ? sum / scored.length : null,
      adequacy,
      coverage: (scored.length / item.subMetrics.length) * adequacy,
      subScores,
      evidence,
    };
  });
}

/** Weights with defaults filled in; throws on a negative or non-finite weight. */
export function resolveWeights(weights: Partial<Weights> = DEFAULT_WEIGHTS): Weights {
  const out = { ...DEFAULT_WEIGHTS } as Weights;
  for (const id of ITEM_IDS) {
    const w = weights[id];
    if (w === undefined) continue;
    if (!Number.isFinite(w) || w < 0) throw new RangeError(`weight of ${id} must be a finite number ≥ 0, got ${w}`);
    out[id] = w;
  }
  return out;
}

/** The measured execution items whose data coverage gates a total. */
export const EXECUTION_ITEMS: readonly ItemId[] = ["depth", "stress"];
/**
 * A venue gets a total only when the weighted share of its execution items' sub-metrics that have data is
 * at least this (so a venue without a usable book in the window has no total and never ranks).
 */
export const MIN_EXECUTION_COVERAGE = 0.5;

/** Sub-metrics of trade prints (`fromTrades`): scored in their items, left out of the execution-coverage gate. */
const FROM_TRADES = new Set(CHECKLIST_ITEMS.flatMap((item) => item.subMetrics.filter((sm) => sm.kind === "metric" && sm.fromTrades).map((sm) => `${item.id}.${sm.id}`)));

/** Share of an item's book sub-metrics that have a figure (adequacy not applied; realized ones left out). */
const dataShare = (i: ItemScore) => {
  const book = i.subScores.filter((s) => !FROM_TRADES.has(`${i.id}.${s.id}`));
  return book.filter((s) => s.score !== null).length / Math.max(1, book.length);
};

function insufficientReason(items: readonly ItemScore[], coverage: number): string {
  const depth = items.find((i) => i.id === "depth");
  const stress = items.find((i) => i.id === "stress");
  const parts: string[] = [];
  if (depth && depth.status === "no-data") {
    const why = depth.subScores.find((s) => s.missing !== undefined && s.missing !== "no data")?.missing;
    parts.push(why ? `no usable order book in the window (${why})` : "no usable order book in the window");
  }
  if (stress && stress.status === "no-data") parts.push("no book data inside a stress window");
  const pct = `execution data covers ${Math.round(coverage * 100)} % of the depth and stress book sub-metrics (minimum ${MIN_EXECUTION_COVERAGE * 100} %)`;
  return parts.length ? `${parts.join("; ")}: ${pct}` : pct;
}

/**
 * Combine item scores with weights: total = Σ w·S / Σ w over ALL items (an item without data counts 0 at its
 * full weight), gated on the execution items' data coverage; per sub-score contributions (see VenueScore).
 */
export function combineItems(venue: string, items: readonly ItemScore[], weights: Partial<Weights> = DEFAULT_WEIGHTS): VenueScore {
  const w = resolveWeights(weights);
  let allWeight = 0;
  let weighted = 0;
  let weightedCoverage = 0;
  const dropped: ItemId[] = [];
  let droppedWeight = 0;
  for (const i of items) allWeight += w[i.id];
  const withWeights: ItemScore[] = items.map((i) => {
    const weight = w[i.id];
    const share = allWeight > 0 ? weight / allWeight : 0;
    const n = Math.max(1, i.subScores.length);
    return { ...i, weight, subScores: i.subScores.map((s) => ({ ...s, contribution: s.score === null ? 0 : (share * i.adequacy * s.score) / n })) };
  });
  for (const i of withWeights) {
    if (i.status === "no-data" || i.score === null) {
      dropped.push(i.id);
      droppedWeight += i.weight;
      continue;
    }
    weighted += i.weight * i.score;
    weightedCoverage += i.weight * i.coverage;
  }
  // Execution coverage: weighted by the items' weights; with both at 0, equally.
  const exec = withWeights.filter((i) => EXECUTION_ITEMS.includes(i.id));
  const execWeight = exec.reduce((a, i) => a + i.weight, 0);
  const executionCoverage =
    exec.length === 0 ? 0 : execWeight > 0 ? exec.reduce((a, i) => a + i.weight * dataShare(i), 0) / execWeight : exec.reduce((a, i) => a + dataShare(i), 0) / exec.length;
  let status: VenueScore["status"] = "scored";
  let reason: string | null = null;
  if (!(allWeight > 0)) {
    status = "insufficient-data";
    reason = "every weight is 0";
  } else if (executionCoverage < MIN_EXECUTION_COVERAGE) {
    status = "insufficient-data";
    reason = insufficientReason(withWeights, executionCoverage);
  }
  return {
    venue,
    methodologyVersion: METHODOLOGY_VERSION,
    status,
    reason,
    total: status === "scored" ? weighted / allWeight : null,
    executionCoverage,
    confidence: allWeight > 0 ? weightedCoverage / allWeight : 0,
    items: withWeights,
    droppedItems: dropped,
    droppedWeight,
    weights: w,
  };
}

/** Score one venue: scoreItems then combineItems. */
export function scoreVenue(input: VenueScoreInput, weights: Partial<Weights> = DEFAULT_WEIGHTS): VenueScore {
  return combineItems(input.venue, scoreItems(input), weights);
}
