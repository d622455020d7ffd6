// Data-collection resiliency from ingest runs: availability (successful / finished runs), failures, and the
// longest gap between successful runs, per kind and overall.
import type { IngestRunPoint, TimeWindow } from "./types";
import { HOUR_MS } from "./time";

export interface KindResiliency {
  kind: string;
  runs: number;
  finished: number;
  /** ok + partial. */
  successes: number;
  failures: number;
  /** successes / finished; null without finished runs. */
  availability: number | null;
  /** Longest spacing between consecutive successful runs (hours); null with fewer than 2 successes. */
  longestGapHours: number | null;
  /** window.to − last successful run (hours); null without a success. */
  hoursSinceLastSuccess: number | null;
}

export interface Resiliency {
  window: TimeWindow;
  overall: Omit<KindResiliency, "kind">;
  byKind: KindResiliency[];
}

/**
 * The runs of one kind over a stretch of time (a day, or the part of a day a window cuts), summarized so that
 * stretches in time order combine into the figures of all their runs (combineStretches): a year's figures then
 * read one summary per kind and day (lib/store/run-days.ts) instead of ~2 × 10^4 runs a venue.
 */
export interface RunStretch {
  runs: number;
  finished: number;
  /** ok + partial. */
  successes: number;
  failures: number;
  /** First and last successful run's start (epoch ms); null without a success. */
  firstOk: number | null;
  lastOk: number | null;
  /** Longest spacing between consecutive successful runs' starts inside the stretch (ms); null with fewer than 2. */
  longestGapMs: number | null;
}

/** One kind's runs (any order) as a stretch. */
export function stretchOf(runs: readonly IngestRunPoint[]): RunStretch {
  let finished = 0;
  let failures = 0;
  const ok: number[] = [];
  for (const r of runs) {
    if (r.status === "running") continue;
    finished++;
    if (r.status === "ok" || r.status === "partial") ok.push(r.startedAt);
    else if (r.status === "failed") failures++;
  }
  ok.sort((a, b) => a - b);
  let longest: number | null = null;
  for (let i = 1; i < ok.length; i++) {
    const g = ok[i] - ok[i - 1];
    if (longest === null || g > longest) longest = g;
  }
  return { runs: runs.length, finished, successes: ok.length, failures, firstOk: ok[0] ?? null, lastOk: ok.at(-1) ?? null, longestGapMs: longest };
}

/**
 * Stretches of one kind in time order (none overlapping) as one: counts add up; the longest gap is the longest
 * inside a stretch or between one stretch's last success and the next one's first (stretches without a success
 * in between are skipped over, as the runs are).
 */
export function combineStretches(parts: readonly RunStretch[]): RunStretch {
  const out: RunStretch = { runs: 0, finished: 0, successes: 0, failures: 0, firstOk: null, lastOk: null, longestGapMs: null };
  for (const p of parts) {
    out.runs += p.runs;
    out.finished += p.finished;
    out.successes += p.successes;
    out.failures += p.failures;
    const gaps = [p.longestGapMs, out.lastOk !== null && p.firstOk !== null ? p.firstOk - out.lastOk : null];
    for (const g of gaps) if (g !== null && (out.longestGapMs === null || g > out.longestGapMs)) out.longestGapMs = g;
    if (p.firstOk !== null) {
      out.firstOk ??= p.firstOk;
      out.lastOk = p.lastOk;
    }
  }
  return out;
}

function figuresOf(s: RunStretch, window: TimeWindow): Omit<KindResiliency, "kind"> {
  return {
    runs: s.runs,
    finished: s.finished,
    successes: s.successes,
    failures: s.failures,
    availability: s.finished === 0 ? null : s.successes / s.finished,
    // (max of the ms gaps, then hours: the same value as the max of the gaps in hours)
    longestGapHours: s.longestGapMs === null ? null : s.longestGapMs / HOUR_MS,
    hoursSinceLastSuccess: s.lastOk === null ? null : (window.to - s.lastOk) / HOUR_MS,
  };
}

/**
 * The figures of each kind's stretches (each list in time order, covering the window's runs): as `resiliency`
 * over the runs themselves.
 */
export function resiliencyFromStretches(byKind: ReadonlyMap<string, readonly RunStretch[]>, window: TimeWindow): Resiliency {
  const kinds = [...byKind.keys()].filter((k) => byKind.get(k)!.some((s) => s.runs > 0)).sort();
  const combined = kinds.map((kind) => ({ kind, s: combineStretches(byKind.get(kind)!) }));
  const byKindFigures = combined.map(({ kind, s }) => ({ kind, ...figuresOf(s, window) }));
  const pooled = { runs: 0, finished: 0, successes: 0, failures: 0 };
  for (const { s } of combined) {
    pooled.runs += s.runs;
    pooled.finished += s.finished;
    pooled.successes += s.successes;
    pooled.failures += s.failures;
  }
  let longest: number | null = null;
  let since: number | null = null;
  for (const k of byKindFigures) {
    if (k.longestGapHours !== null && (longest === null || k.longestGapHours > longest)) longest = k.longestGapHours;
    if (k.hoursSinceLastSuccess !== null && (since === null || k.hoursSinceLastSuccess > since)) since = k.hoursSinceLastSuccess;
  }
  const overall = { ...pooled, availability: pooled.finished === 0 ? null : pooled.successes / pooled.finished, longestGapHours: longest, hoursSinceLastSuccess: since };
  return { window, overall, byKind: byKindFigures };
}

/** The runs inside the window grouped by kind. */
export function runsByKind(runs: readonly IngestRunPoint[], window: TimeWindow): Map<string, IngestRunPoint[]> {
  const out = new Map<string, IngestRunPoint[]>();
  for (const r of runs) {
    if (r.startedAt < window.from || r.startedAt > window.to) continue;
    let list = out.get(r.kind);
    if (!list) out.set(r.kind, (list = []));
    list.push(r);
  }
  return out;
}

/**
 * Over runs with window.from ≤ startedAt ≤ window.to ("running" runs are not finished and not counted in
 * availability): availability = (ok + partial) / finished; failures = failed runs; longest gap = max spacing
 * (hours) between consecutive successful runs' starts. Overall: the same over all kinds pooled, except the
 * longest gap and the hours since the last success, which are the largest per-kind figures (kinds run on
 * separate schedules).
 */
export function resiliency(runs: readonly IngestRunPoint[], window: TimeWindow): Resiliency {
  const byKind = new Map<string, RunStretch[]>();
  for (const [kind, list] of runsByKind(runs, window)) byKind.set(kind, [stretchOf(list)]);
  return resiliencyFromStretches(byKind, window);
}
