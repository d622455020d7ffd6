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

function summarize(runs: readonly IngestRunPoint[], window: TimeWindow): Omit<KindResiliency, "kind"> {
  const finished = runs.filter((r) => r.status !== "running");
  const ok = finished.filter((r) => r.status === "ok" || r.status === "partial").map((r) => r.startedAt).sort((a, b) => a - b);
  let longest: number | null = null;
  for (let i = 1; i < ok.length; i++) {
    const g = (ok[i] - ok[i - 1]) / HOUR_MS;
    if (longest === null || g > longest) longest = g;
  }
  return {
    runs: runs.length,
    finished: finished.length,
    successes: ok.length,
    failures: finished.filter((r) => r.status === "failed").length,
    availability: finished.length === 0 ? null : ok.length / finished.length,
    longestGapHours: longest,
    hoursSinceLastSuccess: ok.length === 0 ? null : (window.to - ok[ok.length - 1]) / HOUR_MS,
  };
}

/**
 * Over runs with window.from ≤ startedAt ≤ window.to ("running" runs are not finished and not counted in
 * availability): availability = (ok + partial) / finished; failures = failed runs; longest gap = max spacing
 * (hours) between consecutive successful runs' starts. Overall: the same over all kinds pooled, except the
 * longest gap and the hours since the last success, which are the largest per-kind figures (kinds run on
 * separate schedules).
 */
export function resiliency(runs: readonly IngestRunPoint[], window: TimeWindow): Resiliency {
  const inside = runs.filter((r) => r.startedAt >= window.from && r.startedAt <= window.to);
  const kinds = [...new Set(inside.map((r) => r.kind))].sort();
  const byKind = kinds.map((kind) => ({ kind, ...summarize(inside.filter((r) => r.kind === kind), window) }));
  const pooled = summarize(inside, window);
  let longest: number | null = null;
  let since: number | null = null;
  for (const k of byKind) {
    if (k.longestGapHours !== null && (longest === null || k.longestGapHours > longest)) longest = k.longestGapHours;
    if (k.hoursSinceLastSuccess !== null && (since === null || k.hoursSinceLastSuccess > since)) since = k.hoursSinceLastSuccess;
  }
  return { window, overall: { ...pooled, longestGapHours: longest, hoursSinceLastSuccess: since }, byKind };
}
