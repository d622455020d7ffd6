// Meaningful precision for CSV numbers, read from the unit in the column name (report-rows.ts names every
// column with its unit): USD to the cent, bps and percentages to 0.01, 0–100 scores to 0.01, 0–1 shares and
// ratios to 4 and 3 decimals, rates to 6 significant digits, counts as they are. Kept apart from csv.ts's
// quoting: this only decides how many digits a number keeps.
import "server-only";

const DECIMALS: [RegExp, number][] = [
  [/_usd$/, 2],
  [/_bps$/, 2],
  [/_pct$/, 2],
  [/_0_100$/, 2],
  [/_0_1$/, 4],
  [/_ratio$/, 3],
];
const SIGNIFICANT = 6;

/** Round to `decimals` places; -0 becomes 0. */
export function roundTo(n: number, decimals: number): number {
  const r = Number(n.toFixed(decimals));
  return r === 0 ? 0 : r;
}

/** Round to `digits` significant digits (for rates and unit-less figures whose scale varies). */
export function roundSignificant(n: number, digits = SIGNIFICANT): number {
  if (n === 0) return 0;
  const r = Number(n.toPrecision(digits));
  return r === 0 ? 0 : r;
}

/** A cell rounded for its column: numbers only; counts (`_count`, rank) and text pass through. */
export function roundForColumn<T>(column: string, value: T): T | number {
  if (typeof value !== "number" || !Number.isFinite(value)) return value;
  if (/_count$/.test(column) || column === "rank") return value;
  for (const [re, d] of DECIMALS) if (re.test(column)) return roundTo(value, d);
  return Number.isInteger(value) ? value : roundSignificant(value);
}
