// Methodology: rendered on the server from methodology() (lib/scoring) and the sampling constants the
// figures are computed with — the same source the code uses, so the page cannot drift from it.
import { methodology } from "@/lib/scoring";
import { CAPACITY_BUDGET_BPS, CARRY_HOLDING_HOURS, CURVE_NOTIONALS_USD, MAX_SAMPLED_SNAPSHOTS, MAX_SERIES_POINTS } from "@/lib/views/market";
import { MethodologyView } from "@/components/methodology/methodology-view";

export const metadata = { title: "Methodology — Venuescope" };

export default function MethodologyPage() {
  return (
    <MethodologyView
      m={methodology()}
      sampling={{ maxSampledSnapshots: MAX_SAMPLED_SNAPSHOTS, maxSeriesPoints: MAX_SERIES_POINTS, curveNotionalsUsd: CURVE_NOTIONALS_USD, capacityBudgetBps: CAPACITY_BUDGET_BPS, carryHoldingHours: CARRY_HOLDING_HOURS }}
    />
  );
}
