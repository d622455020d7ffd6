// Cross-venue funding dispersion for one asset: each venue's funding normalised to an hourly rate at the same
// hours, the spread between the highest and the lowest venue, how long a spread (and the same venue pair)
// persists, and what the long-low / short-high trade keeps after taker fees on both legs. Pure.
import type { FundingPoint } from "./types";
import { HOUR_MS, HOURS_PER_YEAR } from "./time";
import { resolveSettlements } from "./carry";
import { percentile } from "./stats";

export interface VenueFunding {
  venue: string;
  points: readonly FundingPoint[];
  /** Entry-tier taker fee (0.0005 = 5 bps) per fill; null when unknown (that venue's trades are not costed). */
  takerRate: number | null;
  nominalIntervalHours?: number | null;
}

export interface DispersionHour {
  ts: number;
  /** Hourly rate per venue in effect during (ts − 1 h, ts]; venues without a settlement covering it are absent. */
  hourly: Record<string, number>;
  high: string;
  low: string;
  /** (highest − lowest) hourly rate; annualized × 8760. */
  spreadHourly: number;
}

export interface DispersionRun {
  high: string;
  low: string;
  from: number;
  to: number;
  hours: number;
  /** Σ hourly spread over the run: what short-high / long-low collects in funding per unit notional. */
  grossRate: number;
  /** Open and close both legs at taker: 2 × (taker_high + taker_low); null when a fee is unknown. */
  feesRate: number | null;
  netRate: number | null;
}

export interface FundingDispersion {
  hours: number;
  venues: string[];
  /** Annualized spread (highest − lowest) percentiles over the hours with ≥ 2 venues. */
  p50SpreadAnnualized: number | null;
  p95SpreadAnnualized: number | null;
  maxSpreadAnnualized: number | null;
  /** Runs of consecutive hours with the same (high, low) pair and spread > minSpreadAnnualized. */
  runs: DispersionRun[];
  longestRun: DispersionRun | null;
  /** Runs whose funding collected exceeds the taker fees of opening and closing both legs. */
  profitableRuns: number | null;
  series: DispersionHour[];
}

/**
 * Hour grid from the latest first settlement to the earliest last one (every venue observed), one point per hour
 * end t. A settlement at ts with interval h covers (ts − h, ts] and pays rate / h per hour (its own interval,
 * never a fixed one). spread(t) = max − min hourly rate over the venues covering t (≥ 2). A run is a maximal
 * stretch of consecutive hours with the same high and low venue and annualized spread > minSpreadAnnualized;
 * gross = Σ spread; fees = 2 × (taker_high + taker_low); net = gross − fees.
 */
export function fundingDispersion(venues: readonly VenueFunding[], minSpreadAnnualized = 0.05): FundingDispersion {
  const settled = venues.map((v) => ({ venue: v.venue, taker: v.takerRate, s: resolveSettlements(v.points, v.nominalIntervalHours ?? null) })).filter((v) => v.s.length > 0);
  const empty: FundingDispersion = { hours: 0, venues: settled.map((v) => v.venue), p50SpreadAnnualized: null, p95SpreadAnnualized: null, maxSpreadAnnualized: null, runs: [], longestRun: null, profitableRuns: null, series: [] };
  if (settled.length < 2) return empty;
  const start = Math.max(...settled.map((v) => v.s[0].ts - v.s[0].intervalHours * HOUR_MS));
  const end = Math.min(...settled.map((v) => v.s[v.s.length - 1].ts));
  if (!(end > start)) return empty;
  const first = Math.ceil(start / HOUR_MS) * HOUR_MS + HOUR_MS;
  const idx = settled.map(() => 0);
  const series: DispersionHour[] = [];
  for (let t = first; t <= end + 60_000; t += HOUR_MS) {
    const hourly: Record<string, number> = {};
    settled.forEach((v, k) => {
      // The settlement paying for the hour ending at t: the first with ts ≥ t − 1 min (stamps drift by ms).
      while (idx[k] < v.s.length && v.s[idx[k]].ts < t - 60_000) idx[k]++;
      const x = v.s[idx[k]];
      if (x && x.ts - x.intervalHours * HOUR_MS < t - 60_000) hourly[v.venue] = x.rate / x.intervalHours;
    });
    const names = Object.keys(hourly);
    if (names.length < 2) continue;
    let high = names[0];
    let low = names[0];
    for (const n of names) {
      if (hourly[n] > hourly[high]) high = n;
      if (hourly[n] < hourly[low]) low = n;
    }
    series.push({ ts: t, hourly, high, low, spreadHourly: hourly[high] - hourly[low] });
  }
  const fee = new Map(settled.map((v) => [v.venue, v.taker]));
  const runs: DispersionRun[] = [];
  let run: DispersionRun | null = null;
  const close = () => {
    if (!run) return;
    const th = fee.get(run.high);
    const tl = fee.get(run.low);
    run.feesRate = th == null || tl == null ? null : 2 * (th + tl);
    run.netRate = run.feesRate === null ? null : run.grossRate - run.feesRate;
    runs.push(run);
    run = null;
  };
  for (const h of series) {
    const on = h.spreadHourly * HOURS_PER_YEAR > minSpreadAnnualized;
    if (!on) {
      close();
      continue;
    }
    if (run && run.high === h.high && run.low === h.low && h.ts - run.to <= HOUR_MS + 60_000) {
      run.to = h.ts;
      run.hours++;
      run.grossRate += h.spreadHourly;
    } else {
      close();
      run = { high: h.high, low: h.low, from: h.ts - HOUR_MS, to: h.ts, hours: 1, grossRate: h.spreadHourly, feesRate: null, netRate: null };
    }
  }
  close();
  const annual = series.map((h) => h.spreadHourly * HOURS_PER_YEAR);
  const costed = runs.filter((r) => r.netRate !== null);
  return {
    hours: series.length,
    venues: settled.map((v) => v.venue),
    p50SpreadAnnualized: percentile(annual, 50),
    p95SpreadAnnualized: percentile(annual, 95),
    maxSpreadAnnualized: annual.length ? Math.max(...annual) : null,
    runs,
    longestRun: runs.reduce<DispersionRun | null>((b, r) => (!b || r.hours > b.hours ? r : b), null),
    profitableRuns: costed.length === 0 ? null : costed.filter((r) => r.netRate! > 0).length,
    series,
  };
}
