// Shared pieces of the dated-futures (term quote) parsers: the set every parser returns, the zod wrapper whose
// error names the venue and the field, and the expiry-date readers (DMMMYY, YYMMDD) at a venue's expiry hour. Pure.
import type { z } from "zod";
import type { DatedFutureQuote, PerpQuote } from "../metrics/term-structure";

export interface TermQuoteSet {
  futures: (DatedFutureQuote & { base: string })[];
  perps: (PerpQuote & { base: string })[];
  /** Instruments in the body that are not stored, with why (an option, an expiry that cannot be read, expired). */
  leftOut: { symbol: string; reason: string }[];
}

export type TermQuoteParser = (body: unknown) => TermQuoteSet;

/** Several bodies' sets as one (a fetch that needs two requests for one venue's curves). */
export function mergeTermQuoteSets(sets: TermQuoteSet[]): TermQuoteSet {
  return { futures: sets.flatMap((s) => s.futures), perps: sets.flatMap((s) => s.perps), leftOut: sets.flatMap((s) => s.leftOut) };
}

/**
 * The quotes worth storing from a whole-venue body (a tickers body lists every contract): dated futures of the
 * given base assets (all of them without `bases`), and a perpetual only beside a curve, i.e. when a future of its
 * base is kept — a perpetual alone is no term structure (funding history is the funding kind's). What is dropped
 * is counted in `leftOut`.
 */
export function curvesOnly(set: TermQuoteSet, bases?: readonly string[]): TermQuoteSet {
  const asked = bases ? new Set(bases.map((b) => b.toUpperCase())) : null;
  const futures = asked ? set.futures.filter((f) => asked.has(f.base)) : set.futures;
  const curveBases = new Set(futures.map((f) => f.base));
  const perps = set.perps.filter((p) => curveBases.has(p.base));
  const leftOut = [...set.leftOut];
  if (futures.length < set.futures.length) leftOut.push({ symbol: "*", reason: `${set.futures.length - futures.length} dated futures of other base assets than ${[...asked!].join(", ")} (not asked for)` });
  if (perps.length < set.perps.length) leftOut.push({ symbol: "*", reason: `${set.perps.length - perps.length} perpetuals without a dated future of their base in the body (no curve)` });
  return { futures, perps, leftOut };
}

/** Parse a body with a schema; a failure names the venue and the first bad field ("deribit: [1].result.mark_price: …"). */
export function parseTermBody<T>(venue: string, schema: z.ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  const issue = deepestIssue(r.error.issues[0], []);
  const at = issue.path.length ? issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("").replace(/^\./, "") : "body";
  throw new Error(`term quotes ${venue}: ${at}: ${issue.message}`);
}

type Issue = z.core.$ZodIssue;

/**
 * A union's own issue says only "Invalid input"; the branch that got furthest into the body (the longest path)
 * says which field is wrong, so that one is reported, with the union's path in front.
 */
function deepestIssue(issue: Issue, prefix: PropertyKey[]): { path: PropertyKey[]; message: string } {
  const path = [...prefix, ...issue.path];
  if (issue.code !== "invalid_union" || issue.errors.length === 0) return { path, message: issue.message };
  const candidates = issue.errors.filter((b) => b.length > 0).map((b) => deepestIssue(b[0], path));
  return candidates.reduce((a, b) => (b.path.length > a.path.length ? b : a), { path, message: issue.message });
}

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

/** UTC epoch ms of y-m-d at `hour`:00, or null for an impossible date (Date.UTC rolls 2021-02-30 into March). */
export function utcDateAt(year: number, month1: number, day: number, hour: number): number | null {
  const ts = Date.UTC(year, month1 - 1, day, hour);
  const d = new Date(ts);
  return d.getUTCFullYear() === year && d.getUTCMonth() === month1 - 1 && d.getUTCDate() === day ? ts : null;
}

/** "30SEP22" (D or DD, English month, YY) at `hour` UTC; null when not such a date. */
export function dmmmyyAt(text: string, hour: number): number | null {
  const m = /^(\d{1,2})([A-Z]{3})(\d{2})$/.exec(text);
  if (!m) return null;
  const month = MONTHS.indexOf(m[2]) + 1;
  return month === 0 ? null : utcDateAt(2000 + Number(m[3]), month, Number(m[1]), hour);
}

/** "220325" (YYMMDD) at `hour` UTC; null when not such a date. */
export function yymmddAt(text: string, hour: number): number | null {
  const m = /^(\d{2})(\d{2})(\d{2})$/.exec(text);
  return m ? utcDateAt(2000 + Number(m[1]), Number(m[2]), Number(m[3]), hour) : null;
}
