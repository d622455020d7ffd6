// When each collector task runs next: its cadence, jitter, back-off after failures, funding settlements, and
// which gaps after downtime a history endpoint can fill. Pure: the clock and the random draw are arguments.
import type { Cadence } from "./config";
import type { DataKind } from "../venues/types";
import { HOUR_MS } from "../metrics/time";

/** Fetch funding this long after a settlement, so the venue has published the settled rate. */
export const SETTLEMENT_DELAY_MS = 90_000;
/** Kinds whose history the venues publish by API (paged), so a gap after downtime can be fetched back. */
export const HISTORY_KINDS: readonly DataKind[] = ["funding", "oi", "liquidations"];

/** The period a cadence stands for; a settlement cadence takes the market's funding interval (hours). */
export function periodMs(c: Cadence, settlementHours: number): number {
  return c.kind === "every" ? c.ms : settlementHours * HOUR_MS;
}

/**
 * Wait before the next run, before jitter. After n consecutive failures a fast task backs off exponentially to at
 * most an hour (a venue that is down or rate-limiting is not hammered); a slow one (daily fees) retries after
 * 15 min, 30 min, … up to its own cadence instead of waiting a whole day.
 */
export function baseWaitMs(period: number, failures: number): number {
  if (failures <= 0) return period;
  if (period <= HOUR_MS) return Math.min(period * 2 ** failures, HOUR_MS);
  return Math.min(15 * 60_000 * 2 ** (failures - 1), period);
}

/** The first settlement boundary (UTC multiples of the interval) plus the publishing delay, strictly after `now`. */
export function nextSettlement(now: number, settlementHours: number): number {
  const step = settlementHours * HOUR_MS;
  let t = Math.floor(now / step) * step + SETTLEMENT_DELAY_MS;
  while (t <= now) t += step;
  return t;
}

export interface ScheduleInput {
  cadence: Cadence;
  /** When the last run started and ended (null: never ran in this process). */
  lastStart: number | null;
  lastEnd: number | null;
  failures: number;
  now: number;
  /** Uniform draw in [0, 1). */
  random: number;
  /** Share by which a wait may be stretched or shrunk (0..0.5). */
  jitter: number;
  /** Funding interval of the task's markets in hours (settlement cadence). */
  settlementHours: number;
}

/** Time the task is due next. Never before `now` minus nothing: a run that overran its period is due at once. */
export function nextDue(s: ScheduleInput): number {
  const period = periodMs(s.cadence, s.settlementHours);
  if (s.lastStart === null) return s.now; // first run: at once (after any gap backfill)
  if (s.cadence.kind === "settlement" && s.failures === 0) {
    // After each settlement; jitter only later (never before the rate is published), by up to jitter × 10 min.
    return nextSettlement(Math.max(s.now, s.lastStart), s.settlementHours) + s.jitter * 600_000 * s.random;
  }
  const wait = baseWaitMs(period, s.failures) * (1 + s.jitter * (2 * s.random - 1));
  return Math.max(s.lastStart + wait, s.lastEnd ?? s.lastStart, s.now);
}

/**
 * A gap left by downtime: the newest stored data is more than two periods old. A history kind can fetch it back
 * from the venue (since = the newest stored time); books cannot be fetched back by API (archives can: backfill),
 * so their gap is only reported.
 */
export function gapAfterDowntime(kind: DataKind, lastDataTs: number | null, now: number, period: number): { from: number; to: number; fillable: boolean } | null {
  if (lastDataTs === null || now - lastDataTs <= 2 * period) return null;
  return { from: lastDataTs, to: now, fillable: HISTORY_KINDS.includes(kind) };
}
