// Helpers for connector tests: parse a recorded fixture, or run a connector's live fetch path with the
// HTTP layer answered from recorded bodies (the real ccxt request code runs, no network).
import fs from "node:fs";
import path from "node:path";
import type { DataKind, FetchRequest, MarketRow, ParseContext, ParseResult, VenueConnector } from "./types";
import { createVenueHttp, type Responder } from "./http";
import type { Clock } from "./rate-limit";

/** A rate-limiter clock that books slots but never waits (offline tests do not pace themselves). */
export const noWaitClock = (): Clock => {
  let t = 0;
  return { now: () => t, sleep: async (ms) => void (t += ms) };
};

export const FIXTURES_DIR = path.resolve(process.cwd(), "tests/fixtures");

export function readFixture(rel: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES_DIR, rel), "utf8"));
}

export function context(venue: string, over: Partial<ParseContext> = {}): ParseContext {
  return { venue, markets: new Map<string, MarketRow>(), symbol: null, receivedTs: Date.UTC(2026, 0, 1), levelLimit: null, ...over };
}

export async function parseFixture<K extends DataKind>(connector: VenueConnector, kind: K, rel: string, over: Partial<ParseContext> = {}): Promise<ParseResult<K>> {
  return connector.parse(kind, readFixture(rel), context(connector.info.slug, over));
}

/** Run connector.fetch with every HTTP request answered by `responder`; returns the captures. */
export async function fetchOffline(connector: VenueConnector, kind: DataKind, req: FetchRequest, responder: Responder) {
  const http = createVenueHttp(connector, { responder, retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 }, clock: noWaitClock() });
  await connector.fetch(kind, http, req);
  return http.captures;
}

/** An offline VenueHttp (responder answers every request) for tests that also read `warnings`. */
export function offlineHttp(connector: VenueConnector, responder: Responder) {
  return createVenueHttp(connector, { responder, retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 }, clock: noWaitClock() });
}

/** Query parameters of a request URL as an object (ccxt puts GET parameters in the query string). */
export function queryOf(url: string): Record<string, string> {
  return Object.fromEntries(new URL(url).searchParams.entries());
}
