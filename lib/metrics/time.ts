// Time constants and UTC helpers for epoch-millisecond timestamps.
import type { TimeWindow } from "./types";

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
/** Milliseconds per unit of a duration written as "<n><unit>" (30s, 5m, 1h, 1d). */
export const DURATION_UNIT_MS = { s: 1000, m: MINUTE_MS, h: HOUR_MS, d: DAY_MS } as const;
const DURATION_TEXT = /^(\d{1,6})(s|m|h|d)$/;

/** "90s" | "10m" | "6h" | "2d" → milliseconds; null for anything else. */
export function parseDurationMs(text: string): number | null {
  const m = DURATION_TEXT.exec(text);
  return m ? Number(m[1]) * DURATION_UNIT_MS[m[2] as keyof typeof DURATION_UNIT_MS] : null;
}
export const HOURS_PER_YEAR = 8760;

/** Start (00:00 UTC) of the UTC day containing ts: floor(ts / 1 day) × 1 day. */
export function utcDayStart(ts: number): number {
  return Math.floor(ts / DAY_MS) * DAY_MS;
}

/** The UTC day containing ts as "YYYY-MM-DD". */
export function utcDayKey(ts: number): string {
  return new Date(utcDayStart(ts)).toISOString().slice(0, 10);
}

/** True when window.from ≤ ts ≤ window.to. */
export function inWindow(ts: number, window: TimeWindow): boolean {
  return ts >= window.from && ts <= window.to;
}
