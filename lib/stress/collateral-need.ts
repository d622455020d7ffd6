// How much collateral each margin mode needs: in normal times (every asset moving together by ±m %) and to
// ride out the scenario without a liquidation. Cross margin lets one position's gain carry another's loss;
// isolated margin must cover each position's own worst point. Positions are sized from the start price and
// collateral is USD (haircut shocks do not apply here). Pure.
import { initialMarginUsd, maintenanceMarginUsd, notionalAt } from "./margin";
import { fundingOverride, priceMultiplier, stepHours, type ReplayPath } from "./path";
import type { Scenario } from "./scenario";
import type { ResolvedAccount, ResolvedPosition } from "./types";

export interface CollateralNeed {
  crossUsd: number;
  isolatedUsd: number;
  /** isolated − cross: the collateral cross margin saves. */
  crossSavesUsd: number;
}

const q = (p: ResolvedPosition) => (p.side === "long" ? 1 : -1) * p.sizeBase;

/** need(position set, prices) = maintenance − PnL since the start + funding paid, at least the initial margin. */
function need(ps: ResolvedPosition[], prices: number[], funding: number[]): number {
  let total = 0;
  ps.forEach((p, i) => {
    total += maintenanceMarginUsd(p.rules, notionalAt(p, prices[i])) - q(p) * (prices[i] - p.startPriceUsd) + funding[i];
  });
  return total;
}

const initial = (ps: ResolvedPosition[]) => ps.reduce((a, p) => a + initialMarginUsd(p.rules, notionalAt(p, p.startPriceUsd), p.leverage), 0);

/**
 * Normal times: cross needs max over s ∈ {+m, −m} of Σ (maintenance − PnL) with all prices × (1 + s), and at
 * least Σ initial margin; isolated needs Σ over positions of max(initial margin, its own worst of the two).
 */
export function normalTimesNeed(account: ResolvedAccount, movePct: number): CollateralNeed {
  const ps = account.positions;
  const zeros = ps.map(() => 0);
  const moves = [1 + movePct / 100, 1 - movePct / 100];
  const cross = Math.max(initial(ps), ...moves.map((k) => need(ps, ps.map((p) => p.startPriceUsd * k), zeros)));
  const isolated = ps.reduce(
    (a, p) => a + Math.max(initial([p]), ...moves.map((k) => need([p], [p.startPriceUsd * k], [0]))),
    0,
  );
  return { crossUsd: cross, isolatedUsd: isolated, crossSavesUsd: isolated - cross };
}

/** The scenario: the same, at every step of the path with funding accrued, no liquidation along the way. */
export function scenarioNeed(account: ResolvedAccount, scenario: Scenario, replay: Record<string, ReplayPath>): CollateralNeed {
  const ps = account.positions;
  const funding = ps.map(() => 0);
  let cross = initial(ps);
  const perPosition = ps.map((p) => initial([p]));
  let prevH = -1;
  for (const h of stepHours(scenario)) {
    const prices = ps.map((p) => p.startPriceUsd * priceMultiplier(scenario, replay, account.venueSlug, p.asset, h));
    ps.forEach((p, i) => {
      const iv = p.fundingIntervalHours;
      for (let k = Math.floor(prevH / iv) + 1; k * iv <= h; k++) {
        if (k * iv <= 0) continue;
        const rate = fundingOverride(scenario, account.venueSlug, p.asset, k * iv) ?? p.baselineFundingRate ?? 0;
        funding[i] += Math.sign(q(p)) * notionalAt(p, p.startPriceUsd * priceMultiplier(scenario, replay, account.venueSlug, p.asset, k * iv)) * rate;
      }
    });
    cross = Math.max(cross, need(ps, prices, funding));
    ps.forEach((p, i) => (perPosition[i] = Math.max(perPosition[i], need([p], [prices[i]], [funding[i]]))));
    prevH = h;
  }
  const isolated = perPosition.reduce((a, b) => a + b, 0);
  return { crossUsd: cross, isolatedUsd: isolated, crossSavesUsd: isolated - cross };
}
