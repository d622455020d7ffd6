// Why a venue request failed, and whether another attempt can cure it. The HTTP status decides wherever one
// was received: ccxt's error classes cannot, because ccxt maps 400/403/404/405/409/410/451 to
// ExchangeNotAvailable and 418 to DDoSProtection (base Exchange.httpExceptions in ccxt 4.5.84), all of them
// NetworkError subclasses, and Binance's own handleErrors throws DDoSProtection for both 418 and 429.
import { ccxtIfLoaded } from "./ccxt-lib";

/** A non-2xx answer from a native (non-ccxt) request. */
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

/** A failure that was not retried, with the reason; `cause` is the original error. */
export class VenueRequestError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly retryAfterMs: number | null,
    options: { cause: unknown },
  ) {
    super(message, options);
    this.name = "VenueRequestError";
  }
}

/** What the response that caused an error said: status and Retry-After of that very response. */
export interface ResponseFacts {
  status: number;
  retryAfterMs: number | null;
}

// Facts about the response an error came from, attached where the response was read (http.ts wraps
// ccxt's handleRestResponse). Kept beside the error, never read from the exchange's "last response":
// after a timeout there is no response, and a previous one's headers are not a hint for this one.
const facts = new WeakMap<object, ResponseFacts>();

export function attachResponse(err: unknown, f: ResponseFacts): void {
  if (err && typeof err === "object" && !facts.has(err)) facts.set(err, f);
}

export function responseOf(err: unknown): ResponseFacts | null {
  if (err instanceof HttpStatusError) return { status: err.status, retryAfterMs: err.retryAfterMs };
  if (err instanceof VenueRequestError && err.status !== null) return { status: err.status, retryAfterMs: err.retryAfterMs };
  return err && typeof err === "object" ? (facts.get(err) ?? null) : null;
}

/** Parse an HTTP Retry-After header (seconds or an HTTP date) into milliseconds. */
export function parseRetryAfterMs(value: string | null | undefined, now = Date.now()): number | null {
  if (value === null || value === undefined || value.trim() === "") return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - now) : null;
}

export interface Failure {
  transient: boolean;
  /** Short reason, for the run's error and logs. */
  reason: string;
  status: number | null;
  retryAfterMs: number | null;
}

/**
 * Retry only what a later attempt can cure: rate limits (429), timeouts (408, client timeouts, connect
 * timeouts) and server errors (5xx except 501/505, which say the request itself is not supported). Never an
 * IP ban (418: Binance bans grow when a banned IP keeps calling, https://developers.binance.com/docs/
 * derivatives/usds-margined-futures/general-info "LIMITS"), a geo-block or WAF refusal (403, 451), or any
 * other 4xx (a wrong path or parameter stays wrong).
 */
export function statusFailure(status: number): Pick<Failure, "transient" | "reason"> | null {
  if (status < 400) return null;
  if (status === 429) return { transient: true, reason: "rate limited (HTTP 429)" };
  if (status === 408) return { transient: true, reason: "request timeout (HTTP 408)" };
  if (status === 418) return { transient: false, reason: "IP banned by the venue (HTTP 418); retrying would lengthen the ban" };
  if (status === 403) return { transient: false, reason: "forbidden (HTTP 403): geo-block, firewall or missing permission" };
  if (status === 451) return { transient: false, reason: "unavailable for legal reasons (HTTP 451): geo-blocked" };
  if (status === 501 || status === 505) return { transient: false, reason: `request not supported by the server (HTTP ${status})` };
  if (status >= 500 && status < 600) return { transient: true, reason: `server error (HTTP ${status})` };
  return { transient: false, reason: `request refused (HTTP ${status})` };
}

/** Network error codes a later attempt can cure (Node/undici): resets, refusals, DNS hiccups, timeouts. */
const TRANSIENT_CODES = ["ECONNRESET", "ECONNREFUSED", "ECONNABORTED", "ETIMEDOUT", "EPIPE", "EAI_AGAIN", "UND_ERR_SOCKET", "UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "UND_ERR_CLOSED"];
/** Codes no retry cures: the host does not exist, or its certificate is wrong. */
const PERMANENT_CODES = ["ENOTFOUND", "CERT_HAS_EXPIRED", "DEPTH_ZERO_SELF_SIGNED_CERT", "SELF_SIGNED_CERT_IN_CHAIN", "UNABLE_TO_VERIFY_LEAF_SIGNATURE", "ERR_TLS_CERT_ALTNAME_INVALID"];

/** The error codes named by an error, its causes, or (ccxt folds the cause into the text) its message. */
function codesOf(err: unknown): string[] {
  const out: string[] = [];
  let e = err as { code?: unknown; cause?: unknown; message?: unknown; name?: unknown } | null | undefined;
  for (let depth = 0; e && typeof e === "object" && depth < 5; depth++) {
    if (typeof e.code === "string") out.push(e.code);
    if (typeof e.message === "string") for (const c of [...TRANSIENT_CODES, ...PERMANENT_CODES]) if (e.message.includes(c)) out.push(c);
    e = e.cause as typeof e;
  }
  return out;
}

const isTimeoutName = (err: unknown) => {
  const name = (err as { name?: unknown } | null)?.name;
  return name === "TimeoutError" || name === "AbortError";
};

/** Classify a failed request: by the status of its response when there was one, else by the error. */
export function classifyFailure(err: unknown): Failure {
  const response = responseOf(err);
  if (response) {
    const byStatus = statusFailure(response.status);
    if (byStatus) return { ...byStatus, status: response.status, retryAfterMs: response.retryAfterMs };
  }
  const base = { status: response?.status ?? null, retryAfterMs: response?.retryAfterMs ?? null };
  if (err instanceof VenueRequestError) return { transient: false, reason: err.message, ...base };
  const codes = codesOf(err);
  const permanentCode = codes.find((c) => PERMANENT_CODES.includes(c));
  if (permanentCode) return { transient: false, reason: `network error ${permanentCode}`, ...base };
  const ccxt = ccxtIfLoaded();
  if (ccxt && err instanceof ccxt.BaseError) {
    // A ccxt error without an HTTP error status: thrown before any response (timeout, connection) or from a
    // 2xx body carrying a venue error code (OKX 50011 "rate limit", Bybit 10006 "too many visits").
    if (err instanceof ccxt.RequestTimeout) return { transient: true, reason: "request timed out", ...base };
    if (err instanceof ccxt.RateLimitExceeded) return { transient: true, reason: "rate limited (venue error code)", ...base };
    if (err instanceof ccxt.OnMaintenance) return { transient: false, reason: "venue under maintenance", ...base };
    if (err instanceof ccxt.ExchangeNotAvailable) return { transient: true, reason: "venue temporarily unavailable", ...base };
    // DDoSProtection without a 429: a ban or a firewall challenge page, which retrying does not cure.
    if (err instanceof ccxt.DDoSProtection) return { transient: false, reason: "refused by the venue's DDoS protection", ...base };
    if (err instanceof ccxt.NetworkError && !(err instanceof ccxt.InvalidNonce)) return { transient: true, reason: "network error", ...base };
    return { transient: false, reason: (err as Error).name, ...base };
  }
  if (isTimeoutName(err)) return { transient: true, reason: "request timed out", ...base };
  const transientCode = codes.find((c) => TRANSIENT_CODES.includes(c));
  if (transientCode) return { transient: true, reason: `network error ${transientCode}`, ...base };
  return { transient: false, reason: err instanceof Error ? err.name : "error", ...base };
}
