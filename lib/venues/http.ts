// The HTTP layer handed to connectors: ccxt instances (rate limiter on) for venues ccxt covers, plain
// fetch for native adapters; every response body is captured for parsing and `--record`, transient
// failures are retried. Tests and replays pass a `responder` that answers instead of the network.
import { newExchange } from "./ccxt-lib";
import type { CaptureMeta, RawCapture, VenueConnector, VenueHttp } from "./types";
import { DEFAULT_RETRY, HttpStatusError, parseRetryAfterMs, withRetry, type RetryOptions } from "./retry";

/** Answers a request offline: given the URL, method and request body, returns the parsed JSON body. */
export type Responder = (req: { url: string; method: string; body: unknown }) => unknown | Promise<unknown>;

export interface HttpOptions {
  responder?: Responder;
  /** Replace ccxt API base URLs (e.g. {fapiPublic: "http://127.0.0.1:8080/fapi/v1"}) — for fault tests against a local server. */
  ccxtApiUrls?: Record<string, string>;
  timeoutMs?: number;
  retry?: RetryOptions;
  now?: () => number;
}

export function createVenueHttp(connector: VenueConnector, opts: HttpOptions = {}): VenueHttp {
  const captures: RawCapture[] = [];
  const now = opts.now ?? Date.now;
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const retry = opts.retry ?? DEFAULT_RETRY;
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
    exchange = await newExchange(connector.ccxtId, { enableRateLimit: true, timeout: timeoutMs });
    if (opts.ccxtApiUrls) exchange.urls.api = { ...exchange.urls.api, ...opts.ccxtApiUrls };
    const networkFetch = exchange.fetch.bind(exchange);
    exchange.fetch = async (url: string, method = "GET", headers?: unknown, body?: unknown) => {
      const parsedBody = typeof body === "string" && body.startsWith("{") ? JSON.parse(body) : body;
      const response = opts.responder
        ? await opts.responder({ url, method, body: parsedBody })
        : await networkFetch(url, method, headers, body);
      if (currentMeta) record(currentMeta, url, method, response, parsedBody as Record<string, unknown>);
      return response;
    };
    return exchange;
  };

  const ccxtRetryAfter = () => parseRetryAfterMs(exchange?.last_response_headers?.["retry-after"] ?? exchange?.last_response_headers?.["Retry-After"]);

  return {
    captures,
    async ccxt<T>() {
      return (await getExchange()) as T;
    },
    async ccxtCall(method, params, meta) {
      const ex = await getExchange();
      if (typeof ex[method] !== "function") throw new Error(`${connector.info.slug}: ccxt has no method ${method}`);
      return withRetry(async () => {
        currentMeta = meta;
        try {
          return await ex[method](params);
        } finally {
          currentMeta = null;
        }
      }, retry, ccxtRetryAfter);
    },
    async ccxtUnified(fn, meta) {
      const ex = await getExchange();
      return withRetry(async () => {
        currentMeta = meta;
        try {
          return await fn(ex);
        } finally {
          currentMeta = null;
        }
      }, retry, ccxtRetryAfter);
    },
    async json(url, init, meta) {
      const method = init.method ?? "GET";
      return withRetry(async () => {
        let body: unknown;
        if (opts.responder) {
          body = await opts.responder({ url, method, body: init.body });
        } else {
          const res = await fetch(url, {
            method,
            headers: { "content-type": "application/json", accept: "application/json" },
            body: init.body === undefined ? undefined : JSON.stringify(init.body),
            signal: AbortSignal.timeout(timeoutMs),
          });
          const text = await res.text();
          if (!res.ok) {
            throw new HttpStatusError(res.status, url, parseRetryAfterMs(res.headers.get("retry-after")), text.slice(0, 200));
          }
          try {
            body = JSON.parse(text);
          } catch {
            throw new Error(`${connector.info.slug}: ${url} answered with a body that is not JSON: ${text.slice(0, 120)}`);
          }
        }
        record(meta, url, method, body, init.body as Record<string, unknown> | undefined);
        return body;
      }, retry);
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
