// Venue scoring: sub-metrics → sub-scores (scales / fact answers) → item scores with coverage and evidence →
// a weighted total with confidence; ranking and rank stability under one-at-a-time weight perturbations.
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
  /** How many observations the figures rest on (snapshots, records); scales the item's coverage. */
  sampleCount?: number | null;
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
}
export interface StressInput extends Sourced {
  p95Ratio: Figure;
  beyondDepthShareInStress: Figure;
}
export interface FundingInput extends Sourced {
  coverage: Figure;
  annualizedStdev: Figure;
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
}

export interface ItemScore {
  id: ItemId;
  label: string;
  weight: number;
  status: "scored" | "no-data";
  /** Mean of the available sub-scores; null with no data. */
  score: number | null;
  /** Available sub-metrics / defined sub-metrics. */
  coverage: number;
  subScores: SubScore[];
  evidence: Evidence[];
}

export interface VenueScore {
  venue: string;
  methodologyVersion: string;
  /** Σ w·score / Σ w over items with data; null when none has data (or their weights sum to 0). */
  total: number | null;
  /** Σ (w × coverage) / Σ w over all items (no data = coverage 0). */
  confidence: number;
  items: ItemScore[];
  droppedItems: ItemId[];
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

function scoreSubMetric(
  sm: SubMetric,
  input: VenueScoreInput,
  block: (Sourced & Record<string, unknown>) | null,
  facts: ReadonlyMap<string, FactInput>,
  evidence: Evidence[],
): SubScore {
  if (sm.kind === "metric") {
    const raw = block?.[sm.input];
    const source = block?.source ?? "computed";
    if (typeof raw !== "number" || !Number.isFinite(raw)) {
      const unpublished = sm.dataKind !== undefined && (input.unpublished ?? []).includes(sm.dataKind);
      return { id: sm.id, label: sm.label, value: null, unit: sm.unit, score: null, missing: unpublished ? "not published by venue" : "no data" };
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
 * Item scores, independent of weights (weight is filled in as 0): item score = mean of available sub-scores,
 * coverage = available / defined sub-metrics; no available sub-metric → status "no-data", score null.
 */
export function scoreItems(input: VenueScoreInput): ItemScore[] {
  const facts = new Map<string, FactInput>();
  for (const f of input.facts) facts.set(f.key, f);
  return CHECKLIST_ITEMS.map((item) => {
    const block = inputBlock(input, item.id);
    const evidence: Evidence[] = [];
    const subScores = item.subMetrics.map((sm) => scoreSubMetric(sm, input, block, facts, evidence));
    const scored = subScores.filter((s) => s.score !== null).map((s) => s.score as number);
    const has = scored.length > 0;
    // Sample adequacy: coverage × min(1, n / minimum) when the input says how many observations it rests on.
    const minimum = MIN_ADEQUATE_SAMPLES[item.id];
    const n = block?.sampleCount;
    const adequacy = minimum !== undefined && typeof n === "number" && Number.isFinite(n) ? Math.min(1, Math.max(0, n) / minimum) : 1;
    if (has && adequacy < 1) evidence.push({ label: "Sample size (full coverage from " + minimum + ")", value: n as number, unit: "observations", source: block?.source ?? "computed" });
    return {
      id: item.id,
      label: item.label,
      weight: 0,
      status: has ? ("scored" as const) : ("no-data" as const),
      score: has ? scored.reduce((a, b) => a + b, 0) / scored.length : null,
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

/** Combine item scores with weights: total, confidence, dropped weight (see VenueScore). */
export function combineItems(venue: string, items: readonly ItemScore[], weights: Partial<Weights> = DEFAULT_WEIGHTS): VenueScore {
  const w = resolveWeights(weights);
  let allWeight = 0;
  let coveredWeight = 0;
  let weighted = 0;
  let weightedCoverage = 0;
  let scoredCount = 0;
  const dropped: ItemId[] = [];
  let droppedWeight = 0;
  const withWeights = items.map((i) => ({ ...i, weight: w[i.id] }));
  for (const i of withWeights) {
    allWeight += i.weight;
    if (i.status === "no-data" || i.score === null) {
      dropped.push(i.id);
      droppedWeight += i.weight;
      continue;
    }
    coveredWeight += i.weight;
    weighted += i.weight * i.score;
    weightedCoverage += i.weight * i.coverage;
    scoredCount++;
  }
  const total = coveredWeight > 0 ? weighted / coveredWeight : null;
  // Confidence = Σ w·coverage / Σ w over all items (an item without data has coverage 0).
  const confidence = allWeight > 0 && scoredCount > 0 ? weightedCoverage / allWeight : 0;
  return {
    venue,
    methodologyVersion: METHODOLOGY_VERSION,
    total,
    confidence,
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

export interface RankedVenue {
  venue: string;
  total: number | null;
  /** Competition ranking (1, 1, 3 …) by total, highest first; null for venues without a total. */
  rank: number | null;
  /** Ranked in the lower tier because confidence < MIN_RANKED_CONFIDENCE. */
  lowConfidence: boolean;
}

const TIE_EPS = 1e-9;

/**
 * Venues whose confidence is below this rank after every venue at or above it: a venue scored on a
 * sliver of the checklist (e.g. curated facts alone) must not outrank one measured on most of it.
 */
export const MIN_RANKED_CONFIDENCE = 0.5;

const tier = (s: { confidence?: number }) => ((s.confidence ?? 1) >= MIN_RANKED_CONFIDENCE ? 0 : 1);

/**
 * Rank venues: venues with confidence ≥ MIN_RANKED_CONFIDENCE first, then the rest; within each tier by
 * total, highest first; ties (within 1e-9, same tier) share a rank; venues without a total come last, unranked.
 */
export function rankVenues(scores: readonly (Pick<VenueScore, "venue" | "total"> & { confidence?: number })[]): RankedVenue[] {
  const sorted = [...scores].sort((a, b) => {
    if (a.total === null && b.total === null) return a.venue.localeCompare(b.venue);
    if (a.total === null) return 1;
    if (b.total === null) return -1;
    return tier(a) - tier(b) || b.total - a.total || a.venue.localeCompare(b.venue);
  });
  const out: RankedVenue[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const s = sorted[i];
    let rank: number | null = null;
    if (s.total !== null) {
      const prev = out[i - 1];
      const p = sorted[i - 1];
      rank = prev !== undefined && prev.total !== null && tier(p) === tier(s) && Math.abs(prev.total - s.total) <= TIE_EPS ? prev.rank : i + 1;
    }
    out.push({ venue: s.venue, total: s.total, rank, lowConfidence: tier(s) === 1 });
  }
  return out;
}

export interface RankStability {
  venue: string;
  baseRank: number | null;
  minRank: number | null;
  maxRank: number | null;
}

/**
 * Rank stability: re-rank with each item's weight moved by +perturbation and −perturbation (clamped at 0), one
 * item at a time (2 × 7 scenarios), and report each venue's min and max rank over those and the base ranking.
 */
export function rankStability(
  inputs: readonly VenueScoreInput[],
  weights: Partial<Weights> = DEFAULT_WEIGHTS,
  perturbation = 5,
): RankStability[] {
  const base = resolveWeights(weights);
  const items = inputs.map((i) => ({ venue: i.venue, items: scoreItems(i) }));
  const rankWith = (w: Weights) =>
    new Map(rankVenues(items.map((v) => combineItems(v.venue, v.items, w))).map((r) => [r.venue, r.rank]));
  const baseRanks = rankWith(base);
  const out = new Map<string, RankStability>();
  for (const v of items) {
    const r = baseRanks.get(v.venue) ?? null;
    out.set(v.venue, { venue: v.venue, baseRank: r, minRank: r, maxRank: r });
  }
  for (const id of ITEM_IDS) {
    for (const delta of [perturbation, -perturbation]) {
      const ranks = rankWith({ ...base, [id]: Math.max(0, base[id] + delta) });
      for (const [venue, rank] of ranks) {
        const s = out.get(venue)!;
        if (rank === null) continue;
        s.minRank = s.minRank === null ? rank : Math.min(s.minRank, rank);
        s.maxRank = s.maxRank === null ? rank : Math.max(s.maxRank, rank);
      }
    }
  }
  return [...out.values()];
}
