// A rate limiter for native (non-ccxt) requests: ccxt spaces the calls it makes itself (enableRateLimit),
// but requests sent through http.json bypass it. Each limit is a documented venue budget ("30 requests per
// minute"); calls that share a key are started at least perMs / requests apart, in the order they arrive,
// across every VenueHttp of the process (a venue counts requests per IP, not per ingest run). Other
// processes on the same IP are not seen: run one ingest per venue at a time.
import type { RateLimit } from "./types";
import { processWide } from "../process-wide";

export type { RateLimit };

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = { now: Date.now, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };

/** Earliest start of the next request, per key (one map per process: lib/process-wide.ts). */
const nextStart = processWide("rate-limit-next-start", () => new Map<string, number>());

/** Wait until a request under `limit` may start, and book its slot. */
export async function throttle(limit: RateLimit, clock: Clock = realClock): Promise<void> {
  const spacing = limit.perMs / limit.requests;
  const now = clock.now();
  const start = Math.max(now, nextStart.get(limit.key) ?? 0);
  // Book the slot before waiting, so concurrent callers queue behind it instead of sharing it.
  nextStart.set(limit.key, start + spacing);
  if (start > now) await clock.sleep(start - now);
}

/** Forget every booked slot (tests). */
export function resetRateLimits(): void {
  nextStart.clear();
}
