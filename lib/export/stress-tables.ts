// The stress run as tables for CSV and JSON exports: one row per venue and mode (summary), per position
// (positions), per step (path). Columns in snake_case with their unit; missing figures are null. Pure.
import "server-only";
import type { Row, Table } from "./report-rows";
import type { StressResult } from "../stress/run-stress";
import type { StressTableName } from "../views/stress";

const iso = (ms: number | null | undefined) => (ms == null ? null : new Date(ms).toISOString());
const finite = (x: number | null | undefined) => (x == null || !Number.isFinite(x) ? null : x);

export function stressSummaryTable(r: StressResult): Table {
  const rows: Row[] = [];
  for (const v of r.venues) {
    for (const run of [v.cross, v.isolated]) {
      rows.push({
        scenario: r.scenario.name,
        venue: v.venueSlug,
        venue_name: v.venueName,
        venue_provenance: v.venueProvenance,
        data_provenance: v.provenance.join("+"),
        margin_mode: run.mode,
        chosen_mode: run.mode === v.chosenMode,
        venue_offers_mode: run.mode === "cross" ? v.offers.cross : v.offers.isolated,
        start_equity_usd: run.startEquityUsd,
        min_equity_usd: run.minEquityUsd,
        final_equity_usd: run.finalEquityUsd,
        fresh_margin_usd: run.replenishedUsd,
        loss_usd: run.lossUsd,
        liquidated_positions_count: run.liquidatedCount,
        first_liquidation_hours: run.firstLiquidationHours,
        max_margin_ratio: finite(run.maxMarginRatio),
        funding_paid_usd: run.fundingPaidUsd,
        liquidation_cost_usd: run.liquidationCostUsd,
        liquidation_cost_is_lower_bound: run.liquidationCostLowerBound,
        liquidation_fees_usd: run.liquidationFeesUsd,
        insurance_shortfall_usd: run.shortfallUsd,
        normal_times_collateral_usd: run.mode === "cross" ? v.normalTimes.crossUsd : v.normalTimes.isolatedUsd,
        scenario_collateral_usd: run.mode === "cross" ? v.scenarioNeed.crossUsd : v.scenarioNeed.isolatedUsd,
        cost_of_cross_usd: run.mode === "cross" ? v.costOfCrossUsd : null,
        warnings: run.warnings.join(" | ") || null,
      });
    }
  }
  return { columns: Object.keys(rows[0] ?? { scenario: null }), rows };
}

export function stressPositionsTable(r: StressResult): Table {
  const rows: Row[] = [];
  for (const v of r.venues) {
    for (const run of [v.cross, v.isolated]) {
      for (const p of run.positions) {
        const l = p.liquidation;
        rows.push({
          scenario: r.scenario.name,
          venue: v.venueSlug,
          margin_mode: run.mode,
          symbol: p.symbol,
          side: p.side,
          size_base: p.sizeBase,
          entry_price_usd: p.entryPriceUsd,
          start_price_usd: p.startPriceUsd,
          start_notional_usd: p.startNotionalUsd,
          tier: p.rule.tier,
          max_leverage: p.rule.maxLeverage,
          initial_margin_rate: p.rule.initialMarginRate,
          maintenance_margin_rate: p.rule.maintenanceMarginRate,
          maintenance_amount_usd: p.rule.maintenanceAmountUsd,
          rules_source: p.rule.source,
          rules_as_of: p.rule.asOf,
          rules_provenance: p.rule.provenance,
          initial_margin_usd: p.initialMarginUsd,
          isolated_margin_usd: p.isolatedMarginUsd,
          liquidation_price_start_usd: p.liquidationPriceStartUsd,
          funding_paid_usd: p.fundingPaidUsd,
          funding_source: p.fundingSource,
          end_price_usd: p.endPriceUsd,
          pnl_usd: p.pnlUsd,
          liquidated: l !== null,
          liquidation_hours: l?.hours ?? null,
          liquidation_mark_usd: l?.markUsd ?? null,
          liquidation_notional_usd: l?.notionalUsd ?? null,
          liquidation_cost_usd: l?.costUsd ?? null,
          liquidation_vwap_usd: l?.fill?.vwapUsd ?? null,
          liquidation_levels_consumed: l?.fill?.levelsConsumed ?? null,
          liquidation_beyond_visible_depth: l?.fill?.beyondVisibleDepth ?? null,
          liquidation_fee_usd: l?.feeUsd ?? null,
          depth_factor: l?.depthFactor ?? null,
          book_utc: iso(l?.bookTs),
          book_provenance: l?.bookProvenance ?? null,
          insurance_shortfall_usd: l?.shortfallUsd ?? null,
        });
      }
    }
  }
  return { columns: Object.keys(rows[0] ?? { scenario: null }), rows };
}

export function stressPathTable(r: StressResult): Table {
  const rows: Row[] = [];
  for (const v of r.venues) {
    for (const run of [v.cross, v.isolated]) {
      for (const p of run.path) {
        rows.push({
          scenario: r.scenario.name,
          venue: v.venueSlug,
          margin_mode: run.mode,
          hours: p.hours,
          equity_usd: p.equityUsd,
          maintenance_usd: p.maintenanceUsd,
          margin_ratio: finite(p.marginRatio),
          distance_to_liquidation_pct: p.distanceToLiquidationPct,
          open_positions_count: p.openPositions,
        });
      }
    }
  }
  return { columns: ["scenario", "venue", "margin_mode", "hours", "equity_usd", "maintenance_usd", "margin_ratio", "distance_to_liquidation_pct", "open_positions_count"], rows };
}

export function stressTable(r: StressResult, name: StressTableName): Table {
  return name === "summary" ? stressSummaryTable(r) : name === "positions" ? stressPositionsTable(r) : stressPathTable(r);
}
