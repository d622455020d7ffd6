// The HTTP layer handed to connectors: ccxt instances (rate limiter on) for venues ccxt covers, plain
// fetch for native adapters (with a documented rate limit of their own, rate-limit.ts); every response body
// is captured for parsing and `--record`, transient failures are retried (retry.ts). Tests and replays
// pass a `responder` that answers instead of the network: a plain value is the parsed body, a `Response`
// goes through the same status handling as a network answer (ccxt's own handleRestResponse for ccxt calls).
import { newExchange } from "./ccxt-lib";
import type { CaptureMeta, RawCapture, Rejection, VenueConnector, VenueHttp } from "./types";
import { DEFAULT_RETRY, withRetry, type RetryOptions } from "./retry";
import { attachResponse, HttpStatusError, parseRetryAfterMs } from "./http-failure";
import { realClock, throttle, type Clock } from "./rate-limit";

/** Answers a request offline: given the URL, method and request body, returns the parsed JSON body or a Response. */
export type Responder = (req: { url: string; method: string; body: unknown }) => unknown | Promise<unknown>;

export interface HttpOptions {
  responder?: Responder;
  /** Replace ccxt API base URLs (e.g. {fapiPublic: "http://127.0.0.1:8080/fapi/v1"}) — for fault tests against a local server. */
  ccxtApiUrls?: Record<string, string>;
  timeoutMs?: number;
  retry?: RetryOptions;
  now?: () => number;
  /** Clock of the native-request rate limiter (tests pin it). A pinned clock also turns ccxt's own limiter off,
   *  which waits in real time (1 s per Hyperliquid info call): offline tests answer at once and never wait. */
  clock?: Clock;
}

/** A header by name, whatever its case (ccxt capitalises header names, fetch lower-cases them). */
function header(headers: Record<string, unknown> | undefined, name: string): string | null {
  if (!headers) return null;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  const v = key === undefined ? undefined : headers[key];
  return typeof v === "string" ? v : Array.isArray(v) && typeof v[0] === "string" ? v[0] : null;
}

export function createVenueHttp(connector: VenueConnector, opts: HttpOptions = {}): VenueHttp {
  const captures: RawCapture[] = [];
  const warnings: Rejection[] = [];
  const now = opts.now ?? Date.now;
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const retryOpts = opts.retry ?? DEFAULT_RETRY;
  const clock = opts.clock ?? realClock;
  let exchange: any;
  let currentMeta: CaptureMeta | null = null;

  const record = (meta: CaptureMeta, url: string, method: string, body: unknown, params?: Record<string, unknown>) => {
    captures.push({
      venue: connector.info.slug,
      kind: meta.kind,
      symbol: meta.symbol,
      levelLimit: meta.levelLimit ?? null,
      receivedTs: now(),
      request: { method, url, ...(params ? { params } : {}) },
      body,
    });
  };

  const getExchange = async () => {
    if (exchange) return exchange;
    if (!connector.ccxtId) throw new Error(`${connector.info.slug}: no ccxt exchange for this venue`);
    exchange = await newExchange(connector.ccxtId, { enableRateLimit: opts.clock === undefined, timeout: timeoutMs });
    if (opts.ccxtApiUrls) exchange.urls.api = { ...exchange.urls.api, ...opts.ccxtApiUrls };
    // Every error ccxt raises while reading a response carries that response's status and Retry-After,
    // so the retry policy decides on the status, not on ccxt's error class (see http-failure.ts).
    const handleRestResponse = exchange.handleRestResponse.bind(exchange);
    exchange.handleRestResponse = async (response: Response, url: string, method: string, headers: unknown, body: unknown) => {
      try {
        return await handleRestResponse(response, url, method, headers, body);
      } catch (err) {
        const responseHeaders = exchange.getResponseHeaders(response) as Record<string, unknown>;
        attachResponse(err, { status: response.status, retryAfterMs: parseRetryAfterMs(header(responseHeaders, "retry-after")) });
        throw err;
      }
    };
    const networkFetch = exchange.fetch.bind(exchange);
    exchange.fetch = async (url: string, method = "GET", headers?: unknown, body?: unknown) => {
      const parsedBody = typeof body === "string" && body.startsWith("{") ? JSON.parse(body) : body;
      let response: unknown;
      if (opts.responder) {
        const answer = await opts.responder({ url, method, body: parsedBody });
        response = answer instanceof Response ? await exchange.handleRestResponse(answer, url, method, headers, body) : answer;
      } else {
        response = await networkFetch(url, method, headers, body);
      }
      if (currentMeta) record(currentMeta, url, method, response, parsedBody as Record<string, unknown>);
      return response;
    };
    return exchange;
  };

  const ccxtRun = async <T>(meta: CaptureMeta, call: (ex: any) => Promise<T>): Promise<T> => {
    const ex = await getExchange();
    return withRetry(async () => {
      currentMeta = meta;
      try {
        return await call(ex);
      } finally {
        currentMeta = null;
      }
    }, retryOpts);
  };

  /** A native response: its JSON body, or an HttpStatusError carrying its status and Retry-After. */
  const readNative = async (res: Response, url: string): Promise<unknown> => {
    const text = await res.text();
    if (!res.ok) throw new HttpStatusError(res.status, url, parseRetryAfterMs(res.headers.get("retry-after")), text.slice(0, 200));
    try {
      return JSON.parse(text);
    } catch {
      throw new Error(`${connector.info.slug}: ${url} answered with a body that is not JSON: ${text.slice(0, 120)}`);
    }
  };

  return {
    captures,
    warnings,
    async ccxt<T>() {
      return (await getExchange()) as T;
    },
    async ccxtCall(method, params, meta) {
      const ex = await getExchange();
      if (typeof ex[method] !== "function") throw new Error(`${connector.info.slug}: ccxt has no method ${method}`);
      return ccxtRun(meta, (e) => e[method](params));
    },
    async ccxtUnified(fn, meta) {
      return ccxtRun(meta, fn);
    },
    async json(url, init, meta) {
      const method = init.method ?? "GET";
      return withRetry(async () => {
        // A retry is a request too: every attempt waits for its slot.
        if (init.rateLimit) await throttle(init.rateLimit, clock);
        let body: unknown;
        const answer = opts.responder
          ? await opts.responder({ url, method, body: init.body })
          : await fetch(url, {
              method,
              headers: { "content-type": "application/json", accept: "application/json" },
              body: init.body === undefined ? undefined : JSON.stringify(init.body),
              signal: AbortSignal.timeout(timeoutMs),
            });
        if (answer instanceof Response) body = await readNative(answer, url);
        else body = answer;
        record(meta, url, method, body, init.body as Record<string, unknown> | undefined);
        return body;
      }, retryOpts);
    },
    warn(rejection) {
      warnings.push(rejection);
    },
  };
}

/**
 * Merge the captures made since index `from` into one capture whose body is the array of their bodies, in
 * order: a recorded sequence, for a parser that needs two responses together (OKX position tiers in
 * contracts and the mark price that values them in USD). The merged capture keeps every request.
 */
export function bundleCaptures(http: VenueHttp, from: number): void {
  const parts = http.captures.splice(from);
  if (parts.length === 0) return;
  const first = parts[0];
  http.captures.push({
    ...first,
    request: { method: first.request.method, url: first.request.url, params: { bundle: parts.map((p) => p.request) } },
    body: parts.map((p) => p.body),
  });
}
