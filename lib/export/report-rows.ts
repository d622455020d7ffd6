// The tables the exports share (CSV and JSON carry the same rows): one row per venue, column names in
// snake_case with their unit (usd, bps, pct, 0_100, utc, count). Missing figures are null.
import "server-only";
import { ITEM_IDS } from "../scoring/items";
import type { ScorecardRow } from "../views/scorecard";
import type { AllocationReport } from "../reports/types";
import { worseSide } from "../metrics/worse-side";
import { reportWarnings, warningsFor } from "../reports/warnings";

export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;
export interface Table {
  columns: string[];
  rows: Row[];
}

const iso = (ms: number | null | undefined) => (ms == null ? null : new Date(ms).toISOString());

export const ALLOCATION_COLUMNS = [
  "venue",
  "venue_name",
  "venue_provenance",
  "data_provenance",
  "market_symbol",
  "eligible",
  "binding_constraint",
  "allocation_usd",
  "allocation_pct",
  "cap_usd",
  "score_0_100",
  "capacity_usd",
  "capacity_basis",
  "capacity_budget_bps",
  "capacity_to_target_ratio",
  "stress_windows_count",
  "orders_at_target_count",
  "allin_cost_bps",
  "slippage_p50_bps",
  "realized_to_implied_ratio",
  "realized_stress_ratio",
  "refill_half_life_s",
  "refill_drops_count",
  "snapshots_count",
  "data_from_utc",
  "data_to_utc",
  "reasons",
  "warnings",
] as const;

export function allocationTable(report: AllocationReport): Table {
  const warnings = reportWarnings(report);
  const venues = new Map(report.venues.map((v) => [v.slug, v]));
  const rows = report.allocation.lines.map((l): Row => {
    const v = venues.get(l.venue);
    return {
      venue: l.venue,
      venue_name: l.name,
      venue_provenance: l.provenance,
      data_provenance: v?.dataProvenance.join("+") || null,
      market_symbol: v?.market ?? null,
      eligible: l.eligible,
      binding_constraint: l.constraint,
      allocation_usd: l.allocationUsd,
      allocation_pct: l.allocationShare * 100,
      cap_usd: l.capUsd,
      score_0_100: l.score,
      capacity_usd: l.capacityUsd,
      capacity_basis: l.capacityBasis,
      capacity_budget_bps: report.params.slippageBudgetBps,
      capacity_to_target_ratio: l.capacityToTarget,
      stress_windows_count: l.stressWindowCount,
      orders_at_target_count: l.ordersAtTarget,
      allin_cost_bps: l.allInCostBps,
      slippage_p50_bps: v?.slippageP50Bps ?? null,
      realized_to_implied_ratio: v?.execution?.realizedToImplied ?? null,
      realized_stress_ratio: v?.execution?.realizedStressRatio ?? null,
      refill_half_life_s: v?.execution?.refillHalfLifeMs == null ? null : v.execution.refillHalfLifeMs / 1000,
      refill_drops_count: v?.execution?.refillDrops ?? null,
      snapshots_count: v?.snapshots ?? 0,
      data_from_utc: v?.windowFromUtc ?? null,
      data_to_utc: v?.windowToUtc ?? null,
      reasons: l.reasons.join("; "),
      warnings: warningsFor(warnings, l.venue) || null,
    };
  });
  return { columns: [...ALLOCATION_COLUMNS], rows };
}

export const SCORECARD_COLUMNS = [
  "rank",
  "venue",
  "venue_name",
  "venue_kind",
  "venue_provenance",
  "data_provenance",
  "market_symbol",
  "notional_usd",
  "score_0_100",
  "confidence_0_1",
  ...ITEM_IDS.map((id) => `${id}_score_0_100`),
  "slippage_p50_bps",
  "slippage_p95_bps",
  "beyond_depth_share_0_1",
  "capacity_median_usd",
  "capacity_p5_usd",
  "capacity_stress_p5_usd",
  "capacity_budget_bps",
  "stress_windows_count",
  "spread_median_bps",
  "taker_fee_bps",
  "allin_cost_bps",
  "funding_mean_rate_per_8h",
  "snapshots_count",
  "data_from_utc",
  "data_to_utc",
];

export function scorecardTable(rows: ScorecardRow[], notionalUsd: number): Table {
  return {
    columns: SCORECARD_COLUMNS,
    rows: rows.map((r): Row => {
      const f = r.figures;
      const s = f?.slippage;
      const items = Object.fromEntries(r.score.items.map((i) => [`${i.id}_score_0_100`, i.score]));
      return {
        rank: r.rank,
        venue: r.venue.slug,
        venue_name: r.venue.name,
        venue_kind: r.venue.kind,
        venue_provenance: r.venue.provenance,
        data_provenance: f?.provenance.join("+") || null,
        market_symbol: r.market?.symbol ?? null,
        notional_usd: notionalUsd,
        score_0_100: r.score.total,
        confidence_0_1: r.score.confidence,
        ...items,
        slippage_p50_bps: worseSide(s?.buy.p50Bps, s?.sell.p50Bps, Math.max),
        slippage_p95_bps: worseSide(s?.buy.p95Bps, s?.sell.p95Bps, Math.max),
        beyond_depth_share_0_1: worseSide(s?.buy.beyondShare, s?.sell.beyondShare, Math.max),
        capacity_median_usd: worseSide(s?.buy.capacityMedianUsd, s?.sell.capacityMedianUsd, Math.min),
        capacity_p5_usd: worseSide(s?.buy.capacityP5Usd, s?.sell.capacityP5Usd, Math.min),
        capacity_stress_p5_usd: worseSide(f?.stress?.buy.insideCapacityP5Usd, f?.stress?.sell.insideCapacityP5Usd, Math.min),
        capacity_budget_bps: s?.buy.capacityBudgetBps ?? null,
        stress_windows_count: f?.stress?.windows.length ?? null,
        spread_median_bps: f?.spread.medianBps ?? null,
        taker_fee_bps: f?.fees ? f.fees.takerRate * 1e4 : null,
        allin_cost_bps: f?.allIn?.totalBps ?? null,
        funding_mean_rate_per_8h: f?.funding?.meanRatePer8h ?? null,
        snapshots_count: f?.snapshots.inWindow ?? 0,
        data_from_utc: iso(f?.window?.from),
        data_to_utc: iso(f?.window?.to),
      };
    }),
  };
}
