// The worse of a buy-side and a sell-side figure, as the scorecard, compare table and exports report them.

/**
 * The worse of two sides' figures: `pick` says which is worse (Math.max for slippage, Math.min for
 * capacity). A missing side yields the other; both missing yield null, never 0.
 */
export function worseSide(buy: number | null | undefined, sell: number | null | undefined, pick: (a: number, b: number) => number): number | null {
  if (buy === null || buy === undefined) return sell ?? null;
  if (sell === null || sell === undefined) return buy;
  return pick(buy, sell);
}
