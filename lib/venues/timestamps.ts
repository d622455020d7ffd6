// The one timestamp check for everything that reaches the database from outside (connector rows, file
// imports): epoch milliseconds between 2009-01-01 (before any crypto venue) and one day past now. A value
// off by a unit is rejected, never stored, with the field named and the unit it looks like; we do not
// convert it even though the unit is certain (the sane ranges in s, ms, µs and ns are a factor 1000 apart
// and each spans <1.5x, so at most one unit fits): a venue that changes unit is a bug to look at, not guess.
import type { Rejection } from "./types";

export const EARLIEST_MS = Date.UTC(2009, 0, 1);
export const FUTURE_SLACK_MS = 24 * 3600 * 1000;

/** Row fields that hold epoch milliseconds. */
export const TIMESTAMP_FIELDS = ["receivedTs", "exchangeTs", "fundingTime", "effectiveFrom", "ts", "asOf"] as const;

const UNITS: [string, number][] = [
  ["seconds", 1e-3],
  ["microseconds", 1e3],
  ["nanoseconds", 1e6],
];

/** Why `v` is not a sane epoch-ms timestamp, or null when it is one. */
export function epochMsProblem(v: number, nowMs: number = Date.now()): string | null {
  const latest = nowMs + FUTURE_SLACK_MS;
  if (!Number.isFinite(v)) return `not a finite number: ${v}`;
  if (v >= EARLIEST_MS && v <= latest) return null;
  for (const [unit, factor] of UNITS) {
    if (v >= EARLIEST_MS * factor && v <= latest * factor) return `${v} looks like epoch ${unit}; expected milliseconds between 2009-01-01 and one day from now`;
  }
  return v < EARLIEST_MS ? `${v} is before 2009-01-01 (epoch milliseconds expected)` : `${v} is more than one day in the future`;
}

/** Epoch ms, or throws with the reason (for callers that take a single value, such as `--at`). */
export function toEpochMs(v: number, field: string, nowMs: number = Date.now()): number {
  const p = epochMsProblem(v, nowMs);
  if (p) throw new Error(`${field}: ${p}`);
  return v;
}

/** Split rows into those whose timestamp fields are all sane and a rejection (field named) for each other. */
export function checkRowTimestamps<R>(rows: R[], venue: string, nowMs: number = Date.now()): { rows: R[]; rejected: Rejection[] } {
  const ok: R[] = [];
  const rejected: Rejection[] = [];
  rows.forEach((row, index) => {
    const rec = row as Record<string, unknown>;
    for (const field of TIMESTAMP_FIELDS) {
      const v = rec[field];
      if (v === null || v === undefined) continue;
      const problem = typeof v === "number" ? epochMsProblem(v, nowMs) : `not a number: ${JSON.stringify(v)}`;
      if (problem) {
        rejected.push({ venue, symbol: typeof rec.symbol === "string" ? rec.symbol : null, field, message: `${field}: ${problem}`, index });
        return;
      }
    }
    ok.push(row);
  });
  return { rows: ok, rejected };
}
