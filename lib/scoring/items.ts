// The checklist: item ids, labels, descriptions, default weights, the sub-metrics each item is scored on,
// and the keys of the curated facts the items read.
import type { ScaleId } from "./scale";

export const ITEM_IDS = ["depth", "stress", "funding", "liquidation", "fees", "resiliency", "transparency"] as const;
export type ItemId = (typeof ITEM_IDS)[number];
export type Weights = Record<ItemId, number>;

/** Keys of the curated facts (VenueFact.key) the checklist reads. */
export const FACT_KEYS = {
  fundingFormulaPublished: "funding.formula_published",
  fundingCapPublished: "funding.cap_published",
  fundingPredictedRatePublished: "funding.predicted_rate_published",
  liquidationProtocolPublished: "liquidation.protocol_published",
  liquidationAdlRankingPublished: "liquidation.adl_ranking_published",
  liquidationInsuranceFundPublished: "liquidation.insurance_fund_published",
  resiliencyIncidents12m: "resiliency.incidents_12m",
  transparencySettlementOnChain: "transparency.settlement_on_chain",
  transparencyPublicLiquidationHistory: "transparency.public_liquidation_history",
  transparencyHistoricalDataDownloads: "transparency.historical_data_downloads",
} as const;
export type FactKey = (typeof FACT_KEYS)[keyof typeof FACT_KEYS];

/** Severity weights of ledger incidents for the resiliency item's incident figure. */
export const INCIDENT_SEVERITY_WEIGHTS = { low: 0.25, moderate: 0.5, high: 1, critical: 2 } as const;
export type IncidentSeverity = keyof typeof INCIDENT_SEVERITY_WEIGHTS;

/** Score of a yes/partial/no fact. */
export const FACT_VALUE_SCORES = { yes: 100, partial: 50, no: 0 } as const;
export type FactAnswer = keyof typeof FACT_VALUE_SCORES;

/** A sub-metric computed from data: `input` names the field of the item's input block. */
export interface MetricSubMetric {
  kind: "metric";
  id: string;
  /** The kind of venue data the figure needs; when the venue does not publish it the sub-metric is
   *  "not published by venue" rather than plain "no data". */
  dataKind?: "depth" | "funding" | "fees" | "liquidations" | "oi" | "insurance";
  label: string;
  input: string;
  unit: string;
  scale: ScaleId;
  /** When true the figure is input / target notional (USD / USD). */
  perTargetNotional?: boolean;
  /**
   * A realized figure from trade prints: it counts in its item like any sub-metric (0 when missing) but not in
   * the execution-coverage gate, which asks for a usable book (lib/scoring/realized-inputs.ts).
   */
  fromTrades?: boolean;
  definition: string;
}

/** A curated yes/partial/no fact, scored by FACT_VALUE_SCORES. */
export interface BooleanFactSubMetric {
  kind: "fact-boolean";
  id: string;
  label: string;
  factKey: FactKey;
  definition: string;
}

/** A curated numeric fact (a count), scored by a scale. */
export interface CountFactSubMetric {
  kind: "fact-count";
  id: string;
  label: string;
  factKey: FactKey;
  /** A top-level numeric field of the score input that, when present, is scored instead of the fact. */
  input?: "incidentWeight12m";
  unit: string;
  scale: ScaleId;
  definition: string;
}

export type SubMetric = MetricSubMetric | BooleanFactSubMetric | CountFactSubMetric;

export interface ChecklistItem {
  id: ItemId;
  label: string;
  description: string;
  defaultWeight: number;
  subMetrics: readonly SubMetric[];
}

export const CHECKLIST_ITEMS: readonly ChecklistItem[] = [
  {
    id: "depth",
    label: "Depth & slippage",
    description: "How much a market order of the target notional costs in normal conditions, and whether the visible book can absorb it at all.",
    defaultWeight: 25,
    subMetrics: [
      { kind: "metric", id: "p50SlippageBps", dataKind: "depth", label: "p50 slippage at target notional", input: "p50SlippageBps", unit: "bps", scale: "depthP50SlippageBps", definition: "Median over snapshots of the walked-book slippage at the target notional (filled snapshots)." },
      { kind: "metric", id: "beyondDepthShare", dataKind: "depth", label: "Share beyond visible depth", input: "beyondDepthShare", unit: "share", scale: "depthBeyondShare", definition: "Snapshots where the visible side holds less than the target notional / usable snapshots." },
      { kind: "metric", id: "capacityToTarget", dataKind: "depth", label: "Median capacity at 10 bps / target", input: "medianCapacityUsd", unit: "ratio", scale: "depthCapacityToTarget", perTargetNotional: true, definition: "Median per-snapshot capacity within a 10 bps slippage budget divided by the target notional." },
      { kind: "metric", id: "realizedToImplied", label: "Realized / book-implied slippage", input: "realizedToImplied", unit: "ratio", scale: "depthRealizedToImplied", fromTrades: true, definition: "p50 slippage real sweeps paid (VWAP against the mid just before) ÷ p50 book-walk slippage at the same size, in the size bucket closest below the target notional with ≥ 20 sweeps; above 1 the book showed depth sweeps did not get." },
    ],
  },
  {
    id: "stress",
    label: "Liquidity under stress",
    description: "Whether liquidity holds up inside stress windows (detected large moves or blown-out spreads, plus user-named events).",
    defaultWeight: 15,
    subMetrics: [
      { kind: "metric", id: "p95Ratio", dataKind: "depth", label: "Stress / normal p95 slippage", input: "p95Ratio", unit: "ratio", scale: "stressP95Ratio", definition: "p95 slippage at the target notional inside stress windows / p95 outside." },
      { kind: "metric", id: "beyondDepthShareInStress", dataKind: "depth", label: "Beyond-depth share in stress", input: "beyondDepthShareInStress", unit: "share", scale: "stressBeyondShare", definition: "Share of stress-window snapshots where the target notional is beyond visible depth." },
      { kind: "metric", id: "realizedStressRatio", label: "Realized p95 slippage, stress / normal", input: "realizedStressRatio", unit: "ratio", scale: "stressP95Ratio", fromTrades: true, definition: "p95 slippage of real sweeps inside stress windows ÷ outside, in the size bucket closest below the target notional with ≥ 5 stress and ≥ 20 normal sweeps." },
    ],
  },
  {
    id: "funding",
    label: "Funding",
    description: "How steady, complete and predictable the measured funding is: history coverage, the spread of funding and of a 7-day carry, and how far the venue's published predicted rate was from what settled (whether the mechanism is documented is a Transparency fact).",
    defaultWeight: 15,
    subMetrics: [
      { kind: "metric", id: "coverage", dataKind: "funding", label: "Funding history coverage", input: "coverage", unit: "share", scale: "fundingCoverage", definition: "Funding records present / expected over the window (see funding coverage)." },
      { kind: "metric", id: "annualizedStdev", dataKind: "funding", label: "Stdev of annualized funding", input: "annualizedStdev", unit: "fraction per year", scale: "fundingAnnualizedStdev", definition: "Sample standard deviation of per-8h funding × 1095." },
      { kind: "metric", id: "carrySpread7d", dataKind: "funding", label: "7-day carry spread (p95 − p5)", input: "carrySpread7d", unit: "fraction per year", scale: "fundingCarrySpread", definition: "p95 − p5 of the annualized funding a long position paid over rolling 7-day holding windows in the window (one window per settlement, each covering ≥ 90 % of its hours); missing without a complete 7-day window." },
      { kind: "metric", id: "predictionMae", dataKind: "funding", label: "Predicted vs settled rate error", input: "predictionMae", unit: "fraction per year", scale: "fundingPredictionMae", definition: "Mean |published predicted rate − settled rate| over settlements with a stored prediction, each annualized at its record's interval; missing (0 points) below 10 matched settlements or where the venue publishes no predicted rate." },
    ],
  },
  {
    id: "liquidation",
    label: "Liquidation & insurance",
    description: "How large the insurance fund is relative to open interest, and how large liquidation cascades get (measured; whether the process is documented is a Transparency fact).",
    defaultWeight: 15,
    subMetrics: [
      { kind: "metric", id: "insuranceToOi", dataKind: "insurance", label: "Insurance fund / OI", input: "insuranceToOi", unit: "share", scale: "liquidationInsuranceToOi", definition: "Latest insurance fund balance / open interest." },
      { kind: "metric", id: "largestCascadeToOi", dataKind: "liquidations", label: "Largest 1 h cascade / OI", input: "largestCascadeToOi", unit: "share", scale: "liquidationCascadeToOi", definition: "Largest liquidation notional in any rolling hour / mean open interest over the window." },
    ],
  },
  {
    id: "fees",
    label: "Fees & all-in cost",
    description: "What a market order of the target notional costs all-in, and whether fees were changed during stress.",
    defaultWeight: 15,
    subMetrics: [
      { kind: "metric", id: "allInCostBps", dataKind: "fees", label: "All-in cost at target notional", input: "allInCostBps", unit: "bps", scale: "feesAllInCostBps", definition: "Entry-tier taker fee + p50 slippage at the target notional + expected funding carry over the stated holding period (bps)." },
      { kind: "metric", id: "changesInStress", dataKind: "fees", label: "Fee changes inside stress windows", input: "changesInStress", unit: "count", scale: "feesChangesInStress", definition: "Fee-schedule changes whose effective time lies in a stress window." },
    ],
  },
  {
    id: "resiliency",
    label: "Operational resiliency",
    description: "How reliably the venue's public data could be collected, and its record of incidents.",
    defaultWeight: 10,
    subMetrics: [
      { kind: "metric", id: "availability", label: "Data availability", input: "availability", unit: "share", scale: "resiliencyAvailability", definition: "Successful (ok or partial) ingest runs / finished runs over the window." },
      { kind: "metric", id: "longestGapHours", label: "Longest data gap", input: "longestGapHours", unit: "hours", scale: "resiliencyLongestGapHours", definition: "Longest spacing between successful ingest runs of one kind." },
      { kind: "fact-count", id: "incidents12m", label: "Severity-weighted incidents in 12 months", factKey: FACT_KEYS.resiliencyIncidents12m, input: "incidentWeight12m", unit: "weighted count", scale: "resiliencyIncidents", definition: "Σ severity weight (low 0.25, moderate 0.5, high 1, critical 2) of the incident-ledger incidents that started in the 12 months before the window end, when the ledger's reviewed period covers those months (else missing, 0 points); only a venue without a ledger file is read on the curated count of publicly reported outages, halts or rollbacks (fact resiliency.incidents_12m)." },
    ],
  },
  {
    id: "transparency",
    label: "Transparency",
    description: "Curated facts, scored as evidence at a small weight: whether the funding and liquidation mechanisms are documented, positions settle verifiably and the venue publishes its history. A fact never stands in for a measured figure.",
    defaultWeight: 5,
    subMetrics: [
      { kind: "fact-boolean", id: "formulaPublished", label: "Funding formula published", factKey: FACT_KEYS.fundingFormulaPublished, definition: "The venue documents how the funding rate is computed." },
      { kind: "fact-boolean", id: "capPublished", label: "Funding cap published", factKey: FACT_KEYS.fundingCapPublished, definition: "The venue documents the cap/floor on the funding rate." },
      { kind: "fact-boolean", id: "predictedRatePublished", label: "Predicted funding rate published", factKey: FACT_KEYS.fundingPredictedRatePublished, definition: "The venue shows the next (predicted) funding rate before settlement." },
      { kind: "fact-boolean", id: "protocolPublished", label: "Liquidation protocol published", factKey: FACT_KEYS.liquidationProtocolPublished, definition: "The venue documents margin thresholds and how positions are liquidated." },
      { kind: "fact-boolean", id: "adlRankingPublished", label: "ADL ranking published", factKey: FACT_KEYS.liquidationAdlRankingPublished, definition: "Auto-deleveraging exists with a published ranking (partial: ADL exists, ranking not shown)." },
      { kind: "fact-boolean", id: "insuranceFundPublished", label: "Insurance fund balance published", factKey: FACT_KEYS.liquidationInsuranceFundPublished, definition: "The insurance fund balance is published." },
      { kind: "fact-boolean", id: "settlementOnChain", label: "Settlement on chain", factKey: FACT_KEYS.transparencySettlementOnChain, definition: "Positions and settlement are verifiable on a public chain (partial: deposits/withdrawals or proof of reserves only)." },
      { kind: "fact-boolean", id: "publicLiquidationHistory", label: "Public liquidation history", factKey: FACT_KEYS.transparencyPublicLiquidationHistory, definition: "Past liquidations are published (partial: a live feed without history)." },
      { kind: "fact-boolean", id: "historicalDataDownloads", label: "Historical data downloads", factKey: FACT_KEYS.transparencyHistoricalDataDownloads, definition: "Historical trades, books or funding can be downloaded." },
    ],
  },
];

/** Default weights (points; they need not sum to 100). */
export const DEFAULT_WEIGHTS: Readonly<Weights> = Object.freeze(
  Object.fromEntries(CHECKLIST_ITEMS.map((i) => [i.id, i.defaultWeight])) as Weights,
);

export function checklistItem(id: ItemId): ChecklistItem {
  const item = CHECKLIST_ITEMS.find((i) => i.id === id);
  if (item === undefined) throw new RangeError(`unknown checklist item ${id}`);
  return item;
}
