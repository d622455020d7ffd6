// The rows of the compare table: each a label, a unit, which direction is better, and how to read the
// figure from a re-ranked scorecard row. `bestOf` marks the best value(s) of a row.
import type { RankedRow } from "@/lib/queries/rerank";
import { CHECKLIST_ITEMS } from "@/lib/scoring/items";
import { fmtBps, fmtPct, fmtUsd } from "@/lib/format";
import { worseSide } from "@/lib/metrics/worse-side";

/** Which stored data a figure rests on: its data date comes from that data's own timestamps. */
export type FigureSource = "all" | "books" | "funding" | "fees" | "cost" | "insurance" | "liquidations" | "trades";

export interface CompareRowDef {
  id: string;
  label: string;
  group: string;
  /** "higher" / "lower" is better; "abs-lower": closest to zero; null: no best (depends on the desk). */
  better: "higher" | "lower" | "abs-lower" | null;
  value: (r: RankedRow) => number | null;
  format: (v: number) => string;
  source: FigureSource;
}

export interface DataPeriod {
  from: number;
  to: number;
}

const span = (ps: (DataPeriod | null | undefined)[]): DataPeriod | null => {
  const xs = ps.filter((p): p is DataPeriod => !!p);
  return xs.length ? { from: Math.min(...xs.map((p) => p.from)), to: Math.max(...xs.map((p) => p.to)) } : null;
};

/**
 * The period a figure's data covers (epoch ms), from the stored records' own times: the book window (presets
 * count back from the market's latest snapshot), the funding window, the liquidation window, the insurance
 * reading; a fee is the one in force at the book window's end; scores and costs span what they combine.
 */
export function figurePeriod(r: RankedRow, source: FigureSource): DataPeriod | null {
  const f = r.row.figures;
  if (!f) return null;
  const books = f.window;
  const funding = f.funding?.window ?? null;
  const liquidations = f.liquidations?.window ?? null;
  const insurance = f.insurance ? { from: f.insurance.ts, to: f.insurance.ts } : null;
  switch (source) {
    case "books":
      return f.slippage || f.stress ? books : null;
    case "funding":
      return funding;
    case "fees":
      return f.fees && books ? { from: books.to, to: books.to } : null;
    case "cost":
      return f.allIn ? span([books, f.allIn.fundingCarryBps !== null ? funding : null]) : null;
    case "insurance":
      return insurance;
    case "liquidations":
      return liquidations;
    case "trades":
      return f.realized?.window ?? null;
    case "all":
      return span([books, funding, liquidations, insurance]);
  }
}

/** "2024-11-01" for one day, "2024-10-02 → 2024-11-01" for a span. */
export function fmtPeriod(p: DataPeriod): string {
  const a = new Date(p.from).toISOString().slice(0, 10);
  const b = new Date(p.to).toISOString().slice(0, 10);
  return a === b ? a : `${a} → ${b}`;
}

const score = (v: number) => v.toFixed(1);
/** The figure a sub-metric scored (one definition: the compare row shows what the score read). */
const scored = (r: RankedRow, item: string, sub: string): number | null => {
  const v = r.score.items.find((i) => i.id === item)?.subScores.find((x) => x.id === sub)?.value;
  return typeof v === "number" ? v : null;
};
const seconds = (v: number) => `${(v / 1000).toFixed(0)} s`;
const apr = (v: number) => `${fmtPct(v, 2)} / yr`;
const ratio = (v: number) => `${v.toFixed(2)} ×`;

export const COMPARE_ROWS: CompareRowDef[] = [
  { id: "total", label: "Checklist total", group: "Score", better: "higher", value: (r) => r.score.total, format: score, source: "all" },
  { id: "confidence", label: "Confidence", group: "Score", better: "higher", value: (r) => r.score.confidence, format: (v) => fmtPct(v, 0), source: "all" },
  ...CHECKLIST_ITEMS.map((i): CompareRowDef => ({ id: `item-${i.id}`, label: i.label, group: "Item scores (0–100)", better: "higher", value: (r) => r.score.items.find((x) => x.id === i.id)?.score ?? null, format: score, source: "all" })),
  { id: "p50", label: "p50 slippage at target (worse side)", group: "Liquidity", better: "lower", value: (r) => worseSide(r.row.figures?.slippage?.buy.p50Bps, r.row.figures?.slippage?.sell.p50Bps, Math.max), format: (v) => fmtBps(v, 2), source: "books" },
  { id: "p95", label: "p95 slippage at target (worse side)", group: "Liquidity", better: "lower", value: (r) => worseSide(r.row.figures?.slippage?.buy.p95Bps, r.row.figures?.slippage?.sell.p95Bps, Math.max), format: (v) => fmtBps(v, 2), source: "books" },
  { id: "beyond", label: "Snapshots beyond visible depth", group: "Liquidity", better: "lower", value: (r) => worseSide(r.row.figures?.slippage?.buy.beyondShare, r.row.figures?.slippage?.sell.beyondShare, Math.max), format: (v) => fmtPct(v, 1), source: "books" },
  { id: "capacity", label: "Median capacity at 10 bps (worse side)", group: "Liquidity", better: "higher", value: (r) => worseSide(r.row.figures?.slippage?.buy.capacityMedianUsd, r.row.figures?.slippage?.sell.capacityMedianUsd, Math.min), format: (v) => fmtUsd(v), source: "books" },
  { id: "stress-ratio", label: "Stress / normal p95 slippage", group: "Liquidity", better: "lower", value: (r) => worseSide(r.row.figures?.stress?.buy.p95Ratio, r.row.figures?.stress?.sell.p95Ratio, Math.max), format: ratio, source: "books" },
  { id: "realized-implied", label: "Realized / book-implied slippage", group: "Liquidity", better: "lower", value: (r) => scored(r, "depth", "realizedToImplied"), format: ratio, source: "trades" },
  { id: "realized-stress", label: "Realized p95 slippage, stress / normal", group: "Liquidity", better: "lower", value: (r) => scored(r, "stress", "realizedStressRatio"), format: ratio, source: "trades" },
  { id: "refill", label: "Book refill half-life (median, 1 % band)", group: "Liquidity", better: "lower", value: (r) => r.row.figures?.refill?.all.medianHalfLifeMs ?? null, format: seconds, source: "books" },
  { id: "funding-mean", label: "Mean funding (annualized)", group: "Funding", better: "abs-lower", value: (r) => r.row.figures?.funding?.meanAnnualizedSimple ?? null, format: apr, source: "funding" },
  { id: "funding-stdev", label: "Funding stdev (annualized)", group: "Funding", better: "lower", value: (r) => r.row.figures?.funding?.stdevAnnualizedSimple ?? null, format: apr, source: "funding" },
  { id: "funding-coverage", label: "Funding history coverage", group: "Funding", better: "higher", value: (r) => r.row.figures?.funding?.coverage ?? null, format: (v) => fmtPct(v, 1), source: "funding" },
  { id: "carry-spread", label: "7-day carry spread, p95 − p5 (annualized)", group: "Funding", better: "lower", value: (r) => r.row.figures?.funding?.carry7d?.spread ?? null, format: apr, source: "funding" },
  { id: "prediction-mae", label: "Predicted vs settled funding error (annualized)", group: "Funding", better: "lower", value: (r) => scored(r, "funding", "predictionMae"), format: apr, source: "funding" },
  { id: "taker", label: "Taker fee (entry tier)", group: "Cost", better: "lower", value: (r) => (r.row.figures?.fees ? r.row.figures.fees.takerRate * 1e4 : null), format: (v) => fmtBps(v, 2), source: "fees" },
  { id: "all-in", label: "Entry cost (taker + p50 buy slippage)", group: "Cost", better: "lower", value: (r) => r.row.figures?.allIn?.tradingBps ?? null, format: (v) => fmtBps(v, 2), source: "cost" },
  { id: "all-in-total", label: "All-in cost (taker + slippage + 24 h funding carry)", group: "Cost", better: "lower", value: (r) => r.row.figures?.allIn?.totalBps ?? null, format: (v) => fmtBps(v, 2), source: "cost" },
  { id: "insurance", label: "Insurance fund / OI", group: "Liquidation", better: "higher", value: (r) => r.row.figures?.insurance?.toOi ?? null, format: (v) => fmtPct(v, 2), source: "insurance" },
  { id: "cascade", label: "Largest 1 h cascade / OI", group: "Liquidation", better: "lower", value: (r) => r.row.figures?.liquidations?.largestCascadeToOi ?? null, format: (v) => fmtPct(v, 2), source: "liquidations" },
];

/**
 * Indices of the best value(s) in a row; none when fewer than two values exist or no direction applies.
 * With `groups` (each column's ranking group) the best is found within each group, never across groups: a
 * simulated venue never takes (or loses) a real venue's star.
 */
export function bestOf(values: (number | null)[], better: CompareRowDef["better"], groups?: readonly string[]): Set<number> {
  if (groups !== undefined) {
    const out = new Set<number>();
    for (const g of new Set(groups)) {
      const sub = values.map((v, i) => (groups[i] === g ? v : null));
      for (const i of bestOf(sub, better)) out.add(i);
    }
    return out;
  }
  const present = values.map((v, i) => ({ v, i })).filter((x): x is { v: number; i: number } => x.v !== null && Number.isFinite(x.v));
  if (better === null || present.length < 2) return new Set();
  const key = (v: number) => (better === "higher" ? -v : better === "abs-lower" ? Math.abs(v) : v);
  const best = Math.min(...present.map((x) => key(x.v)));
  return new Set(present.filter((x) => Math.abs(key(x.v) - best) <= 1e-9 * Math.max(1, Math.abs(best))).map((x) => x.i));
}
