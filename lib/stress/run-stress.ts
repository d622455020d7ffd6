// Runs a portfolio through a scenario on every venue account, in cross and in isolated margin, and says
// which venue's rules and depth would have hurt. Pure: the service resolves positions, rules and books.
import { normalTimesNeed, scenarioNeed, type CollateralNeed } from "./collateral-need";
import type { ReplayPath } from "./path";
import type { Scenario } from "./scenario";
import { simulateAccount, type AccountRun } from "./simulate-account";
import type { MarginMode, Provenance, ResolvedAccount } from "./types";

/** Bump when a formula changes: saved stress runs carry it. */
export const STRESS_ENGINE_VERSION = "stress-1";

export interface VenueStressResult {
  venueSlug: string;
  venueName: string;
  venueProvenance: Provenance;
  chosenMode: MarginMode;
  /** Whether the venue offers each mode (null when its margin policy is unknown). */
  offers: { cross: boolean | null; isolated: boolean | null };
  cross: AccountRun;
  isolated: AccountRun;
  chosen: AccountRun;
  normalTimes: CollateralNeed;
  scenarioNeed: CollateralNeed;
  /** Cross loss − isolated loss in the scenario (positive: cross margin cost money here). */
  costOfCrossUsd: number;
  /** Provenance of every input: rules, books, the venue itself. */
  provenance: Provenance[];
}

export interface StressResult {
  engineVersion: string;
  scenario: Scenario;
  portfolioName: string;
  venues: VenueStressResult[];
  /** Venues ordered by loss in their chosen mode, worst first. */
  ranking: Array<{ venueSlug: string; lossUsd: number; liquidatedCount: number; reason: string }>;
  totals: { startEquityUsd: number; lossUsd: number; liquidatedCount: number; fundingPaidUsd: number; liquidationCostUsd: number };
}

function reasonFor(v: VenueStressResult): string {
  const run = v.chosen;
  if (run.liquidatedCount === 0) {
    const d = run.path.reduce<number | null>((m, p) => (p.distanceToLiquidationPct === null ? m : m === null ? p.distanceToLiquidationPct : Math.min(m, p.distanceToLiquidationPct)), null);
    return `no liquidation${d === null ? "" : `; closest approach ${d.toFixed(1)} % from a liquidation price`}`;
  }
  const worst = run.positions.filter((p) => p.liquidation).sort((a, b) => (a.liquidation!.hours - b.liquidation!.hours))[0];
  const l = worst.liquidation!;
  const costText = l.costUsd === null ? "impact unknown (no stored book)" : `book walk ${l.costUsd.toFixed(0)} USD${l.fill?.beyondVisibleDepth ? " (at least: beyond visible depth)" : ""}`;
  return `${run.liquidatedCount} liquidation(s); first ${worst.symbol} ${worst.side} at hour ${l.hours.toFixed(2)} under tier ${worst.rule.tier} (maintenance ${(worst.rule.maintenanceMarginRate * 100).toFixed(2)} %), ${costText}, fee ${l.feeUsd.toFixed(0)} USD`;
}

export function runStress(portfolioName: string, accounts: ResolvedAccount[], scenario: Scenario, replay: Record<string, ReplayPath>): StressResult {
  const venues: VenueStressResult[] = accounts.map((a) => {
    const cross = simulateAccount(a, scenario, replay, "cross");
    const isolated = simulateAccount(a, scenario, replay, "isolated");
    const provenance = new Set<Provenance>([a.venueProvenance]);
    for (const p of a.positions) {
      provenance.add(p.rules.provenance);
      if (p.book) provenance.add(p.book.provenance);
    }
    return {
      venueSlug: a.venueSlug,
      venueName: a.venueName,
      venueProvenance: a.venueProvenance,
      chosenMode: a.chosenMode,
      offers: { cross: a.policy?.crossMargin ?? null, isolated: a.policy?.isolatedMargin ?? null },
      cross,
      isolated,
      chosen: a.chosenMode === "cross" ? cross : isolated,
      normalTimes: normalTimesNeed(a, scenario.normalMovePct),
      scenarioNeed: scenarioNeed(a, scenario, replay),
      costOfCrossUsd: cross.lossUsd - isolated.lossUsd,
      provenance: [...provenance].sort(),
    };
  });
  const ranking = [...venues]
    .sort((x, y) => y.chosen.lossUsd - x.chosen.lossUsd)
    .map((v) => ({ venueSlug: v.venueSlug, lossUsd: v.chosen.lossUsd, liquidatedCount: v.chosen.liquidatedCount, reason: reasonFor(v) }));
  const sum = (f: (r: AccountRun) => number) => venues.reduce((a, v) => a + f(v.chosen), 0);
  return {
    engineVersion: STRESS_ENGINE_VERSION,
    scenario,
    portfolioName,
    venues,
    ranking,
    totals: {
      startEquityUsd: sum((r) => r.startEquityUsd),
      lossUsd: sum((r) => r.lossUsd),
      liquidatedCount: sum((r) => r.liquidatedCount),
      fundingPaidUsd: sum((r) => r.fundingPaidUsd),
      liquidationCostUsd: sum((r) => r.liquidationCostUsd),
    },
  };
}
