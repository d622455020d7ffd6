// Paging a history endpoint until a time window is covered: the one paging loop of the connectors (funding
// history today; open-interest history and backfills reuse it). Venues page in one of four ways:
//  - forward:  ask from a start time, records come oldest first from it (Binance, Aster, Hyperliquid);
//              the next page starts at the newest record + 1 ms;
//  - backward: ask up to an end time, records come newest first (Bybit, BitMEX, OKX `after`, dYdX);
//              the next page ends at the oldest record − 1 ms;
//  - cursor:   the venue hands back a token for the next page (Paradex `next`, Bitget `pageNo`);
//  - windows:  the venue answers any [from, to] but caps the span it serves (Deribit), so the window is
//              cut into fixed spans.
// Bounds passed to `fetchPage` are inclusive epoch ms; a connector whose venue takes an exclusive bound
// (OKX `after`) converts. Every walk stops when the window is covered, when a page comes back short or
// empty (no more data), when a page makes no progress (the venue ignored the bound, or repeated a cursor),
// or at `maxPages`. A walk that stopped before covering the window says so (`complete: false`), and
// `warnIncomplete` turns that into a rejection on the run, so a truncated backfill is never silent.
import type { Rejection, VenueHttp } from "./types";

/** Default bound on pages per symbol and history call (50 × 1,000 Binance records ≈ 45 years of 8-hour funding). */
export const HISTORY_MAX_PAGES = 50;

/** What one page held: how many records, and the times of its oldest and newest (null when empty). */
export interface PageSpan {
  count: number;
  oldest: number | null;
  newest: number | null;
}

export type WalkStop = "covered" | "end-of-data" | "no-progress" | "page-cap";

export interface WalkResult {
  pages: number;
  stop: WalkStop;
  /** False when the walk ended before the window was covered (no progress, or the page cap). */
  complete: boolean;
  /** How far the walk got: the oldest time reached walking back, the newest walking forward. */
  reached: number | null;
}

export interface Window {
  since: number;
  until: number;
  /** Records a full page holds; a page with fewer means the venue has no more in the window. Null: unknown. */
  pageSize: number | null;
  maxPages?: number;
}

const done = (pages: number, stop: WalkStop, reached: number | null): WalkResult => ({ pages, stop, complete: stop === "covered" || stop === "end-of-data", reached });

/** Span of a list of record times (ms); records without a finite time are ignored. */
export function spanOf(times: number[]): PageSpan {
  const ok = times.filter(Number.isFinite);
  return { count: times.length, oldest: ok.length ? Math.min(...ok) : null, newest: ok.length ? Math.max(...ok) : null };
}

/** Records ascending from `from`: next page from the newest + 1. */
export async function pageForward(w: Window, fetchPage: (from: number) => Promise<PageSpan>): Promise<WalkResult> {
  const maxPages = w.maxPages ?? HISTORY_MAX_PAGES;
  let from = w.since;
  let reached: number | null = null;
  for (let pages = 0; ; ) {
    if (pages >= maxPages) return done(pages, "page-cap", reached);
    const p = await fetchPage(from);
    pages++;
    if (p.count === 0 || p.newest === null) return done(pages, "end-of-data", reached);
    reached = Math.max(reached ?? p.newest, p.newest);
    if (p.newest >= w.until) return done(pages, "covered", reached);
    if (w.pageSize !== null && p.count < w.pageSize) return done(pages, "end-of-data", reached);
    if (p.newest + 1 <= from) return done(pages, "no-progress", reached);
    from = p.newest + 1;
  }
}

/** Records newest first, up to `to`: next page up to the oldest − 1. */
export async function pageBackward(w: Window, fetchPage: (to: number) => Promise<PageSpan>): Promise<WalkResult> {
  const maxPages = w.maxPages ?? HISTORY_MAX_PAGES;
  let to = w.until;
  let reached: number | null = null;
  for (let pages = 0; ; ) {
    if (pages >= maxPages) return done(pages, "page-cap", reached);
    const p = await fetchPage(to);
    pages++;
    if (p.count === 0 || p.oldest === null) return done(pages, "end-of-data", reached);
    reached = Math.min(reached ?? p.oldest, p.oldest);
    if (p.oldest <= w.since) return done(pages, "covered", reached);
    if (w.pageSize !== null && p.count < w.pageSize) return done(pages, "end-of-data", reached);
    if (p.oldest - 1 >= to) return done(pages, "no-progress", reached);
    to = p.oldest - 1;
  }
}

/**
 * Follow the venue's cursor. `order` says which end of the window the pages start from, and so which end
 * proves the window covered; "bounded" is for requests that carry the window themselves (the venue filters
 * by it), where only the end of the cursor chain ends the walk. The first call gets `null`.
 */
export async function pageByCursor<C>(w: Window & { order: "newest-first" | "oldest-first" | "bounded" }, fetchPage: (cursor: C | null) => Promise<PageSpan & { next: C | null }>): Promise<WalkResult> {
  const maxPages = w.maxPages ?? HISTORY_MAX_PAGES;
  const seen = new Set<string>();
  let cursor: C | null = null;
  let reached: number | null = null;
  for (let pages = 0; ; ) {
    if (pages >= maxPages) return done(pages, "page-cap", reached);
    const p = await fetchPage(cursor);
    pages++;
    if (p.count === 0 || p.oldest === null || p.newest === null) return done(pages, "end-of-data", reached);
    reached = w.order === "newest-first" ? Math.min(reached ?? p.oldest, p.oldest) : Math.max(reached ?? p.newest, p.newest);
    if (w.order === "newest-first" ? p.oldest <= w.since : w.order === "oldest-first" ? p.newest >= w.until : false) return done(pages, "covered", reached);
    if (p.next === null || (w.pageSize !== null && p.count < w.pageSize)) return done(pages, "end-of-data", reached);
    const key = JSON.stringify(p.next);
    if (seen.has(key)) return done(pages, "no-progress", reached);
    seen.add(key);
    cursor = p.next;
  }
}

/** Cut [since, until] into consecutive spans of `spanMs` and fetch each (empty spans do not stop the walk). */
export async function pageWindows(w: Omit<Window, "pageSize"> & { spanMs: number }, fetchPage: (from: number, to: number) => Promise<unknown>): Promise<WalkResult> {
  const maxPages = w.maxPages ?? HISTORY_MAX_PAGES;
  let pages = 0;
  for (let from = w.since; from <= w.until; from += w.spanMs) {
    if (pages >= maxPages) return done(pages, "page-cap", from - 1);
    const to = Math.min(w.until, from + w.spanMs - 1);
    await fetchPage(from, to);
    pages++;
  }
  return done(pages, "covered", w.until);
}

/** Report a walk that ended before covering [since, until]; nothing when it was complete. */
export function warnIncomplete(http: VenueHttp, venue: string, symbol: string, what: string, w: { since: number; until: number }, r: WalkResult): void {
  if (r.complete) return;
  const iso = (t: number) => new Date(t).toISOString();
  const why = r.stop === "page-cap" ? `stopped at the cap of ${r.pages} pages` : "stopped: the venue returned a page that did not move past the previous one";
  const got = r.reached === null ? "nothing fetched" : `fetched as far as ${iso(r.reached)}`;
  http.warn({ venue, symbol, field: "since", message: `${what} for ${iso(w.since)}..${iso(w.until)} ${why}; ${got}. Ask for a shorter window (--since/--until) to cover the rest.`, index: null } satisfies Rejection);
}
