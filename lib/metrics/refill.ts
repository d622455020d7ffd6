// Book refill (resiliency of the book): after a drop that removes at least REFILL_DROP_SHARE of one side's depth
// within REFILL_BAND_BPS of mid between two consecutive snapshots, how long until that side has won back 50 % (the
// half-life) and 90 % of what it lost. Read from a series of per-snapshot depths (level books or depth bands), so
// the resolution is the series' cadence: a refill faster than one snapshot interval reads as one interval. Pure.
import { percentileOfSorted } from "./stats";
import type { TimeWindow } from "./types";

/** Depth is measured within this distance of mid (1 %: exact for Binance's ±1 % band, walked on level books). */
export const REFILL_BAND_BPS = 100;
/** A drop counts when one side's depth falls to ≤ (1 − this) × its depth one snapshot earlier. */
export const REFILL_DROP_SHARE = 0.3;
/** Consecutive snapshots further apart than this multiple of the median spacing are a gap: no drop is read across it. */
export const REFILL_GAP_FACTOR = 3;
/** Above this cadence the note says refills faster than one interval cannot be resolved. */
export const REFILL_FINE_CADENCE_MS = 60_000;

export interface DepthPoint {
  ts: number;
  /** USD depth within REFILL_BAND_BPS of mid per side; null when unknown (a side cut short, a flagged snapshot). */
  bidUsd: number | null;
  askUsd: number | null;
}

export interface RefillEvent {
  side: "bid" | "ask";
  /** The first snapshot showing the drop. */
  ts: number;
  beforeUsd: number;
  afterUsd: number;
  inStress: boolean;
  /** ms from the drop's snapshot to the first one with ≥ 50 % / 90 % of the loss won back; null when not reached. */
  halfLifeMs: number | null;
  refill90Ms: number | null;
  /** Why the 50 % point was not reached: the series ended or a gap cut it. */
  censored: "end" | "gap" | null;
}

export interface RefillRegime {
  events: number;
  /** Events whose 50 % / 90 % point was reached. */
  recovered50: number;
  recovered90: number;
  medianHalfLifeMs: number | null;
  p90HalfLifeMs: number | null;
  median90Ms: number | null;
}

export interface RefillSummary {
  bandBps: number;
  dropShare: number;
  /** Median spacing of the series (the figures' resolution); null with fewer than two snapshots. */
  cadenceMs: number | null;
  snapshots: number;
  normal: RefillRegime;
  stress: RefillRegime;
  all: RefillRegime;
  /** Set when the cadence limits what the figures can say. */
  note: string | null;
  rule: string;
}

export const REFILL_RULE =
  `Per side, depth within ${REFILL_BAND_BPS} bps of mid at each snapshot. A drop is a snapshot whose depth is ≤ ${(1 - REFILL_DROP_SHARE) * 100} % of the side's depth one snapshot earlier ` +
  `(not across a gap of more than ${REFILL_GAP_FACTOR} × the median spacing). From the drop's snapshot, the half-life is the time to the first snapshot with depth ≥ after + 50 % × (before − after), ` +
  `the 90 % time likewise; a gap or the series' end before that leaves the event unrecovered (censored). The next drop on a side is looked for after the 90 % point (or the censoring). ` +
  `Events are normal or stress by whether the drop falls inside a stress window; medians and p90 (linear) over recovered events. The resolution is the series' cadence.`;

function summarize(events: readonly RefillEvent[]): RefillRegime {
  const half = Float64Array.from(events.flatMap((e) => (e.halfLifeMs === null ? [] : [e.halfLifeMs]))).sort();
  const r90 = Float64Array.from(events.flatMap((e) => (e.refill90Ms === null ? [] : [e.refill90Ms]))).sort();
  return { events: events.length, recovered50: half.length, recovered90: r90.length, medianHalfLifeMs: percentileOfSorted(half, 50), p90HalfLifeMs: percentileOfSorted(half, 90), median90Ms: percentileOfSorted(r90, 50) };
}

/** The refill events of one series (ascending by time; duplicates by time keep the first). */
export function refillEvents(points: readonly DepthPoint[], stressWindows: readonly TimeWindow[] = []): { events: RefillEvent[]; cadenceMs: number | null } {
  const s = points.filter((p, i) => i === 0 || p.ts > points[i - 1].ts);
  const gaps = s.slice(1).map((p, i) => p.ts - s[i].ts).sort((a, b) => a - b);
  const cadenceMs = gaps.length ? percentileOfSorted(Float64Array.from(gaps), 50) : null;
  const events: RefillEvent[] = [];
  if (cadenceMs === null || !(cadenceMs > 0)) return { events, cadenceMs };
  const maxGap = REFILL_GAP_FACTOR * cadenceMs;
  const inStress = (ts: number) => stressWindows.some((w) => ts >= w.from && ts <= w.to);
  for (const side of ["bid", "ask"] as const) {
    const depth = (i: number) => (side === "bid" ? s[i].bidUsd : s[i].askUsd);
    let i = 1;
    while (i < s.length) {
      const before = depth(i - 1);
      const after = depth(i);
      if (before === null || after === null || !(before > 0) || s[i].ts - s[i - 1].ts > maxGap || after > (1 - REFILL_DROP_SHARE) * before) {
        i++;
        continue;
      }
      const lost = before - after;
      const t0 = s[i].ts;
      let halfLifeMs: number | null = null;
      let refill90Ms: number | null = null;
      let stop: "end" | "gap" = "end";
      let j = i + 1;
      for (; j < s.length; j++) {
        if (s[j].ts - s[j - 1].ts > maxGap) {
          stop = "gap";
          break;
        }
        const d = depth(j);
        if (d === null) continue;
        if (halfLifeMs === null && d >= after + 0.5 * lost) halfLifeMs = s[j].ts - t0;
        if (d >= after + 0.9 * lost) {
          refill90Ms = s[j].ts - t0;
          break;
        }
      }
      events.push({ side, ts: t0, beforeUsd: before, afterUsd: after, inStress: inStress(t0), halfLifeMs, refill90Ms, censored: halfLifeMs === null ? stop : null });
      i = Math.max(j, i + 1);
    }
  }
  events.sort((a, b) => a.ts - b.ts || (a.side < b.side ? -1 : 1));
  return { events, cadenceMs };
}

export function refillSummary(points: readonly DepthPoint[], stressWindows: readonly TimeWindow[] = []): RefillSummary {
  const { events, cadenceMs } = refillEvents(points, stressWindows);
  const note =
    cadenceMs === null ? "fewer than two snapshots: no refill can be read"
    : cadenceMs > REFILL_FINE_CADENCE_MS ? `snapshots every ${Math.round(cadenceMs / 1000)} s: a refill faster than that reads as one interval, so the half-life is an upper bound at this cadence`
    : null;
  return {
    bandBps: REFILL_BAND_BPS,
    dropShare: REFILL_DROP_SHARE,
    cadenceMs,
    snapshots: points.length,
    normal: summarize(events.filter((e) => !e.inStress)),
    stress: summarize(events.filter((e) => e.inStress)),
    all: summarize(events),
    note,
    rule: REFILL_RULE,
  };
}
