// The one retry loop of the code base, and the policy for venue requests. `retry()` repeats a call while
// `delayFor` says the failure is worth another attempt and how long to wait first; `withRetry()` is the
// venue-request policy (classification in http-failure.ts) and lib/ingest/conflict-retry.ts is the
// database write-conflict policy. ccxt's own rate limiter spaces requests; this only decides whether a
// failed call is repeated.
import { classifyFailure, VenueRequestError } from "./http-failure";

export interface RetryLoop {
  /** Total attempts, the first included. */
  attempts: number;
  /**
   * Milliseconds to wait before attempt `attempt + 1` after `err`, or null to give up and rethrow `err`.
   * It may throw an error of its own to give up with a better explanation.
   */
  delayFor(err: unknown, attempt: number): number | null;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function retry<T>(fn: (attempt: number) => Promise<T>, loop: RetryLoop): Promise<T> {
  const sleep = loop.sleep ?? defaultSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      const delay = attempt >= loop.attempts ? null : loop.delayFor(err, attempt);
      if (delay === null) throw err;
      await sleep(delay);
    }
  }
}

export interface RetryOptions {
  attempts: number;
  baseDelayMs: number;
  /** The longest wait before a retry; a venue asking (Retry-After) for longer stops the call instead. */
  maxDelayMs: number;
  sleep?: (ms: number) => Promise<void>;
  /** Jitter source in [0, 1) (tests pin it). */
  random?: () => number;
}

export const DEFAULT_RETRY: RetryOptions = { attempts: 4, baseDelayMs: 500, maxDelayMs: 30_000 };

/**
 * Run a venue request, retrying transient failures with exponential backoff (jittered ±25 %), or exactly
 * the venue's Retry-After when its response sent one. Permanent failures (a 4xx other than 408/429, an IP
 * ban, a geo-block) are not retried and come back as a VenueRequestError naming the reason; a Retry-After
 * longer than `maxDelayMs` stops the call and reports the wait asked for.
 */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, opts: RetryOptions = DEFAULT_RETRY): Promise<T> {
  const random = opts.random ?? Math.random;
  const explain = (err: unknown, reason: string, status: number | null, retryAfterMs: number | null) => {
    const hint = retryAfterMs !== null ? `; the venue asks to wait ${Math.round(retryAfterMs / 1000)} s (Retry-After)` : "";
    return new VenueRequestError(`${reason}${hint}; not retried: ${err instanceof Error ? err.message : String(err)}`, status, retryAfterMs, { cause: err });
  };
  try {
    return await retry(fn, {
      attempts: opts.attempts,
      sleep: opts.sleep,
      delayFor(err, attempt) {
        const f = classifyFailure(err);
        if (!f.transient) throw f.status !== null ? explain(err, f.reason, f.status, f.retryAfterMs) : err;
        if (f.retryAfterMs !== null) {
          if (f.retryAfterMs > opts.maxDelayMs) {
            throw explain(err, `${f.reason}: Retry-After longer than the ${Math.round(opts.maxDelayMs / 1000)} s cap`, f.status, f.retryAfterMs);
          }
          return f.retryAfterMs;
        }
        const backoff = Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** (attempt - 1));
        return Math.min(opts.maxDelayMs, backoff * (0.75 + random() * 0.5));
      },
    });
  } catch (err) {
    // The last attempt's failure is rethrown by the loop as is; a permanent one still gets its reason.
    if (err instanceof VenueRequestError) throw err;
    const f = classifyFailure(err);
    if (!f.transient && f.status !== null) throw explain(err, f.reason, f.status, f.retryAfterMs);
    throw err;
  }
}
