"use client";
// While a new notional, window or asset is computed, the page keeps the previous rows on screen (react-query's
// placeholder data). They are marked stale: this notice names what they were computed for and what is coming,
// and the rows sit dimmed inside <StaleRows>. The page heading always names the rows' own parameters.
import type { ReactNode } from "react";
import { sameKeyParams, type ScorecardKeyParams } from "@/lib/queries/scorecard";
import { fmtNotional } from "@/lib/queries/view-params";
import { windowLabel } from "./view-controls";

const describe = (p: ScorecardKeyParams) => `${p.asset} at ${fmtNotional(p.notional)}, ${windowLabel(p.window).toLowerCase()}`;

/** The rows on screen are for `shown` while `wanted` loads (isPlaceholderData), or `shown` differs from `wanted`. */
export function isStale(shown: ScorecardKeyParams | undefined, wanted: ScorecardKeyParams, placeholder: boolean): boolean {
  return placeholder || (shown !== undefined && !sameKeyParams(shown, wanted));
}

export function UpdatingNotice({ shown, wanted }: { shown: ScorecardKeyParams; wanted: ScorecardKeyParams }) {
  return (
    <p className="updating-notice small" role="status" data-testid="updating-notice">
      <span className="spinner" aria-hidden="true" /> Updating… computing {describe(wanted)}. The rows below are still for {describe(shown)}.
    </p>
  );
}

export function StaleRows({ stale, children }: { stale: boolean; children: ReactNode }) {
  return (
    <div className={stale ? "stale-rows" : undefined} data-testid="rows" data-stale={stale ? "true" : "false"} aria-busy={stale} title={stale ? "Out of date: the new figures are being computed" : undefined}>
      {children}
    </div>
  );
}
