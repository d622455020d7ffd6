// Funding-rate metrics: interval inference (with regime changes and gaps), per-8h normalisation,
// annualisation, and window statistics (dispersion, cap hits, coverage, divergence from the premium).
import type { FundingPoint, TimeWindow } from "./types";
import { HOUR_MS, HOURS_PER_YEAR } from "./time";
import { mean, stdev } from "./stats";

/** Funding intervals venues use, in hours. */
export const KNOWN_FUNDING_INTERVALS_HOURS = [1, 2, 4, 8] as const;
/** A spacing matches a known interval k when |spacing − k| ≤ 10 % of k. */
export const INTERVAL_MATCH_TOLERANCE = 0.1;
/** A spacing larger than 1.5 × the prevailing interval is a gap (missing records). */
export const GAP_FACTOR = 1.5;
/** A new interval must hold for this many consecutive records to count as a regime change. */
export const REGIME_PERSISTENCE_RECORDS = 2;
/** |rate − premium| must exceed 1 bp for a record to count in a divergence run. */
export const DIVERGENCE_THRESHOLD = 1e-4;
/** Tolerance when comparing |rate| with the cap. */
export const CAP_HIT_TOLERANCE = 1e-12;

export type IntervalStatus = "first" | "regular" | "regime-change" | "gap" | "irregular" | "unknown";

export interface InferredRecord {
  ts: number;
  /** Interval the record's rate applies to (hours); null when nothing could be inferred. */
  intervalHours: number | null;
  /** Spacing to the previous record (hours); null for the first. */
  gapHours: number | null;
  status: IntervalStatus;
  /** Records missing before this one (gap status only, else 0). */
  missingRecords: number;
}

export interface RegimeChange {
  ts: number;
  fromHours: number;
  toHours: number;
}

export interface FundingGap {
  from: number;
  to: number;
  missingRecords: number;
}

export interface IntervalInference {
  records: InferredRecord[];
  regimeChanges: RegimeChange[];
  gaps: FundingGap[];
  /** The interval prevailing at the end of the series. */
  prevailingHours: number | null;
}

/** Nearest known interval k with |gapHours − k| ≤ 10 % × k, else null. */
export function matchKnownInterval(gapHours: number): number | null {
  for (const k of KNOWN_FUNDING_INTERVALS_HOURS) {
    if (Math.abs(gapHours - k) <= INTERVAL_MATCH_TOLERANCE * k) return k;
  }
  return null;
}

/** Points sorted by ts, one per ts (the last one wins). */
function sortedUnique<T extends { ts: number }>(points: readonly T[]): T[] {
  const sorted = [...points].sort((a, b) => a.ts - b.ts);
  const out: T[] = [];
  for (const p of sorted) {
    if (out.length > 0 && out[out.length - 1].ts === p.ts) out[out.length - 1] = p;
    else out.push(p);
  }
  return out;
}

/**
 * Infer each record's interval from the spacing to the previous record.
 * - spacing matched to a known interval (1, 2, 4, 8 h within 10 %) equal to the prevailing one: "regular";
 * - matched to another interval k that also matches the next REGIME_PERSISTENCE_RECORDS − 1 spacings:
 *   "regime-change" {ts, fromHours, toHours} and k becomes prevailing (a change on the last record cannot be
 *   confirmed yet and is not listed);
 * - spacing > 1.5 × prevailing: "gap", interval = prevailing, missing = max(1, round(spacing / prevailing) − 1);
 * - otherwise "irregular": interval = the matched k, or the prevailing one when nothing matches.
 * The initial prevailing interval is the first record's venue-given interval when it is a known one, else the
 * first matched spacing in the series; the first record gets it. With nothing to go on records are "unknown"
 * and keep their venue-given interval (or null).
 */
export function inferIntervals(points: readonly FundingPoint[]): IntervalInference {
  const pts = sortedUnique(points);
  const n = pts.length;
  const gaps: number[] = new Array(n).fill(NaN);
  const matched: (number | null)[] = new Array(n).fill(null);
  for (let i = 1; i < n; i++) {
    gaps[i] = (pts[i].ts - pts[i - 1].ts) / HOUR_MS;
    matched[i] = matchKnownInterval(gaps[i]);
  }
  let prevailing: number | null = null;
  const given = n > 0 ? pts[0].intervalHours : null;
  if (given !== null && (KNOWN_FUNDING_INTERVALS_HOURS as readonly number[]).includes(given)) prevailing = given;
  else prevailing = matched.find((m) => m !== null) ?? null;

  const records: InferredRecord[] = [];
  const regimeChanges: RegimeChange[] = [];
  const gapList: FundingGap[] = [];
  if (n > 0) {
    records.push({
      ts: pts[0].ts,
      intervalHours: prevailing ?? pts[0].intervalHours,
      gapHours: null,
      status: prevailing === null ? "unknown" : "first",
      missingRecords: 0,
    });
  }
  const persists = (i: number, k: number): boolean => {
    for (let r = 1; r < REGIME_PERSISTENCE_RECORDS; r++) if (i + r >= n || matched[i + r] !== k) return false;
    return true;
  };
  for (let i = 1; i < n; i++) {
    const g = gaps[i];
    const m = matched[i];
    const ts = pts[i].ts;
    if (prevailing === null) {
      records.push({ ts, intervalHours: pts[i].intervalHours, gapHours: g, status: "unknown", missingRecords: 0 });
    } else if (m === prevailing) {
      records.push({ ts, intervalHours: m, gapHours: g, status: "regular", missingRecords: 0 });
    } else if (m !== null && persists(i, m)) {
      regimeChanges.push({ ts, fromHours: prevailing, toHours: m });
      prevailing = m;
      records.push({ ts, intervalHours: m, gapHours: g, status: "regime-change", missingRecords: 0 });
    } else if (g > GAP_FACTOR * prevailing) {
      const missing = Math.max(1, Math.round(g / prevailing) - 1);
      gapList.push({ from: pts[i - 1].ts, to: ts, missingRecords: missing });
      records.push({ ts, intervalHours: prevailing, gapHours: g, status: "gap", missingRecords: missing });
    } else {
      records.push({ ts, intervalHours: m ?? prevailing, gapHours: g, status: "irregular", missingRecords: 0 });
    }
  }
  return { records, regimeChanges, gaps: gapList, prevailingHours: prevailing };
}

/** Rate per 8 h = rate × 8 / intervalHours. */
export function ratePer8h(rate: number, intervalHours: number): number {
  return (rate * 8) / intervalHours;
}

/** Simple annualisation = rate × 8760 / intervalHours (8760 hours a year). */
export function annualizeSimple(rate: number, intervalHours: number): number {
  return (rate * HOURS_PER_YEAR) / intervalHours;
}

/** Compounded annualisation = (1 + rate)^(8760 / intervalHours) − 1. */
export function annualizeCompounded(rate: number, intervalHours: number): number {
  return Math.pow(1 + rate, HOURS_PER_YEAR / intervalHours) - 1;
}

/** premium if given, else the basis (mark − index) / index when both are given and index ≠ 0, else null. */
export function premiumOf(p: FundingPoint): number | null {
  if (p.premium !== undefined && p.premium !== null && Number.isFinite(p.premium)) return p.premium;
  const mark = p.markPrice;
  const index = p.indexPrice;
  if (mark === undefined || mark === null || index === undefined || index === null || index === 0) return null;
  return (mark - index) / index;
}

export interface FundingStatsOptions {
  /** The venue's published cap on |rate| per interval; null/undefined when unknown. */
  capRate?: number | null;
  window: TimeWindow;
  /** Interval used for coverage when no record gives one (e.g. the market's metadata). */
  nominalIntervalHours?: number | null;
}

export interface DivergenceRun {
  count: number;
  hours: number;
  from: number;
  to: number;
  sign: 1 | -1;
}

export interface FundingDivergence {
  /** Records that have a premium (or mark & index). */
  count: number;
  /** Mean of (rate − premium), both per interval. */
  meanGap: number;
  /** Longest run of consecutive records with (rate − premium) of one sign and |gap| > 1 bp; null when none. */
  longestRun: DivergenceRun | null;
}

export interface FundingStats {
  window: TimeWindow;
  count: number;
  /** Distinct inferred intervals (hours) in the window. */
  intervalsHours: number[];
  regimeChanges: RegimeChange[];
  meanRatePer8h: number | null;
  stdevRatePer8h: number | null;
  /** Per-8h figures × 1095 (= 8760 / 8): simple annualisation. */
  meanAnnualizedSimple: number | null;
  stdevAnnualizedSimple: number | null;
  sharePositive: number | null;
  largestAbs: { ts: number; rate: number; intervalHours: number; ratePer8h: number } | null;
  capRate: number | null;
  capHits: number | null;
  capHitShare: number | null;
  expectedRecords: number | null;
  coverage: number | null;
  gaps: FundingGap[];
  divergence: FundingDivergence | null;
}

/**
 * Funding statistics over window.from ≤ ts ≤ window.to:
 * - per-8h rate r8 = ratePer8h(rate, inferred interval); mean and sample stdev of r8; simple annualised = r8 × 1095;
 * - sharePositive = records with rate > 0 / records;
 * - largestAbs = the record with the largest |r8|;
 * - capHits = records with |rate| ≥ cap − 1e-12 (null when the cap is unknown);
 * - expected records = present + missing inside gaps + missing at the edges, where the edges hold
 *   ⌊(first.ts − from) / interval_first⌋ and ⌊(to − last.ts) / interval_last⌋ records; coverage = present / expected;
 *   without records, expected = ⌊(to − from) / nominal interval⌋ when a nominal interval is given;
 * - divergence over records with a premium (or basis (mark − index)/index): mean (rate − premium), and the longest
 *   run of consecutive records with the same sign of (rate − premium) and |rate − premium| > 1 bp, its length in
 *   records and in hours (sum of the records' intervals).
 */
export function fundingStats(points: readonly FundingPoint[], options: FundingStatsOptions): FundingStats {
  const { window } = options;
  const capRate = options.capRate !== undefined && options.capRate !== null && options.capRate > 0 ? options.capRate : null;
  const inside = sortedUnique(points.filter((p) => p.ts >= window.from && p.ts <= window.to));
  const inference = inferIntervals(inside);
  const n = inside.length;

  const r8: number[] = [];
  let positive = 0;
  let largestAbs: FundingStats["largestAbs"] = null;
  let hits = 0;
  for (let i = 0; i < n; i++) {
    const p = inside[i];
    const h = inference.records[i].intervalHours;
    if (p.rate > 0) positive++;
    if (capRate !== null && Math.abs(p.rate) >= capRate - CAP_HIT_TOLERANCE) hits++;
    if (h === null || !(h > 0)) continue;
    const v = ratePer8h(p.rate, h);
    r8.push(v);
    if (largestAbs === null || Math.abs(v) > Math.abs(largestAbs.ratePer8h)) {
      largestAbs = { ts: p.ts, rate: p.rate, intervalHours: h, ratePer8h: v };
    }
  }
  const meanR8 = mean(r8);
  const sdR8 = stdev(r8);
  const perYear = HOURS_PER_YEAR / 8;

  // Coverage: present / (present + interior missing + edge missing).
  const gaps = [...inference.gaps];
  let expected: number | null = null;
  if (n > 0) {
    let missing = 0;
    for (const g of gaps) missing += g.missingRecords;
    const firstH = inference.records[0].intervalHours;
    const lastH = inference.records[n - 1].intervalHours;
    if (firstH !== null && firstH > 0) {
      const lead = Math.floor((inside[0].ts - window.from) / (firstH * HOUR_MS) + 1e-9);
      if (lead > 0) gaps.unshift({ from: window.from, to: inside[0].ts, missingRecords: lead });
      missing += lead;
    }
    if (lastH !== null && lastH > 0) {
      const trail = Math.floor((window.to - inside[n - 1].ts) / (lastH * HOUR_MS) + 1e-9);
      if (trail > 0) gaps.push({ from: inside[n - 1].ts, to: window.to, missingRecords: trail });
      missing += trail;
    }
    expected = n + missing;
  } else if (options.nominalIntervalHours != null && options.nominalIntervalHours > 0) {
    expected = Math.floor((window.to - window.from) / (options.nominalIntervalHours * HOUR_MS) + 1e-9);
    if (expected > 0) gaps.push({ from: window.from, to: window.to, missingRecords: expected });
  }

  return {
    window,
    count: n,
    intervalsHours: [...new Set(inference.records.map((r) => r.intervalHours).filter((h): h is number => h !== null))].sort(
      (a, b) => a - b,
    ),
    regimeChanges: inference.regimeChanges,
    meanRatePer8h: meanR8,
    stdevRatePer8h: sdR8,
    meanAnnualizedSimple: meanR8 === null ? null : meanR8 * perYear,
    stdevAnnualizedSimple: sdR8 === null ? null : sdR8 * perYear,
    sharePositive: n === 0 ? null : positive / n,
    largestAbs,
    capRate,
    capHits: capRate === null ? null : hits,
    capHitShare: capRate === null || n === 0 ? null : hits / n,
    expectedRecords: expected,
    coverage: expected === null || expected === 0 ? null : n / expected,
    gaps,
    divergence: fundingDivergence(inside, inference.records),
  };
}

/** Divergence of rate from premium over the records that carry one; null when none do. */
function fundingDivergence(pts: readonly FundingPoint[], records: readonly InferredRecord[]): FundingDivergence | null {
  let count = 0;
  let sumGap = 0;
  let best: DivergenceRun | null = null;
  let run: DivergenceRun | null = null;
  for (let i = 0; i < pts.length; i++) {
    const prem = premiumOf(pts[i]);
    if (prem === null) {
      run = null;
      continue;
    }
    const gap = pts[i].rate - prem; // gap = rate − premium, per interval
    count++;
    sumGap += gap;
    if (Math.abs(gap) <= DIVERGENCE_THRESHOLD) {
      run = null;
      continue;
    }
    const sign: 1 | -1 = gap > 0 ? 1 : -1;
    const hours = records[i].intervalHours ?? 0;
    if (run !== null && run.sign === sign) {
      run.count++;
      run.hours += hours;
      run.to = pts[i].ts;
    } else {
      run = { count: 1, hours, from: pts[i].ts, to: pts[i].ts, sign };
    }
    if (best === null || run.count > best.count) best = { ...run };
  }
  if (count === 0) return null;
  return { count, meanGap: sumGap / count, longestRun: best };
}
