// Retries with exponential backoff for transient venue failures (HTTP 429/5xx, timeouts, resets).
// ccxt's own rate limiter spaces requests; this only decides whether a failed call is worth repeating.
import { ccxtIfLoaded } from "./ccxt-lib";

export interface RetryOptions {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY: RetryOptions = { attempts: 4, baseDelayMs: 500, maxDelayMs: 30_000 };

export class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    readonly url: string,
    readonly retryAfterMs: number | null,
    bodySnippet: string,
  ) {
    super(`HTTP ${status} from ${url}${bodySnippet ? `: ${bodySnippet}` : ""}`);
    this.name = "HttpStatusError";
  }
}

/** True for failures a later attempt may cure: rate limits, 5xx, timeouts, dropped connections. */
export function isTransient(err: unknown): boolean {
  if (err instanceof HttpStatusError) return err.status === 429 || err.status >= 500;
  // ccxt maps 429 to RateLimitExceeded/DDoSProtection and 5xx to ExchangeNotAvailable, all NetworkError.
  const ccxt = ccxtIfLoaded();
  if (ccxt && err instanceof ccxt.NetworkError) return true;
  const e = err as { name?: string; code?: string; cause?: { code?: string } };
  const code = e?.code ?? e?.cause?.code;
  return (
    e?.name === "TimeoutError" ||
    e?.name === "AbortError" ||
    code === "ECONNRESET" ||
    code === "ECONNREFUSED" ||
    code === "ETIMEDOUT" ||
    code === "UND_ERR_SOCKET"
  );
}

/** Parse an HTTP Retry-After header (seconds or an HTTP date) into milliseconds. */
export function parseRetryAfterMs(value: string | null | undefined, now = Date.now()): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - now) : null;
}

export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  opts: RetryOptions = DEFAULT_RETRY,
  retryAfterOf: (err: unknown) => number | null = (err) => (err instanceof HttpStatusError ? err.retryAfterMs : null),
): Promise<T> {
  const sleep = opts.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      if (attempt >= opts.attempts || !isTransient(err)) throw err;
      const backoff = Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** (attempt - 1));
      const hinted = retryAfterOf(err);
      // Honour the venue's Retry-After when it sends one; otherwise back off with jitter.
      await sleep(hinted !== null ? Math.min(opts.maxDelayMs, hinted) : backoff * (0.75 + Math.random() * 0.5));
    }
  }
}
