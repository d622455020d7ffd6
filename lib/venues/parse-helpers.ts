// Shared pieces of every venue parser: zod building blocks for venue number encodings, per-record
// rejection with the venue, market and field named, and order-book sanity checks.
import { z } from "zod";
import type { Level } from "../metrics/types";
import type { DataKind, ParseContext, ParseResult, Rejection } from "./types";

/** A venue number: JSON number or decimal string; must be finite. */
export const zNum = z.union([z.number(), z.string().trim().min(1)]).transform((v, ctx) => {
  const n = typeof v === "number" ? v : Number(v);
  if (!Number.isFinite(n)) {
    ctx.addIssue({ code: "custom", message: `not a finite number: ${JSON.stringify(v)}` });
    return z.NEVER;
  }
  return n;
});

/**
 * Largest digit count (decimals, precision places) a venue field may carry. ccxt turns such counts into
 * strings of that many digits (parsePrecision), so an unbounded count in a hostile body (1e12) would
 * exhaust memory before any row check ran; no venue quotes more than 18 decimals.
 */
export const MAX_DIGIT_COUNT = 30;

/** A digit count: an integer 0…MAX_DIGIT_COUNT as a JSON number or a plain integer string. */
export const zDigitCount = z.union([z.number(), z.string().trim().regex(/^-?\d{1,12}$/, "not an integer digit count")]).transform((v, ctx) => {
  const n = typeof v === "number" ? v : Number(v);
  if (!Number.isInteger(n) || n < 0 || n > MAX_DIGIT_COUNT) {
    ctx.addIssue({ code: "custom", message: `digit count must be an integer 0…${MAX_DIGIT_COUNT}, got ${JSON.stringify(v)}` });
    return z.NEVER;
  }
  return n;
});

/** Field names that hold digit counts in the market metadata venues send (and ccxt expands). */
export const DIGIT_COUNT_FIELD = /(precision|decimals|place)$/i;

/** A numeric value too large to be a digit count (tick sizes such as "0.01" in such fields are left alone). */
function isHugeCount(x: unknown): boolean {
  const n = typeof x === "number" ? x : typeof x === "string" && x.trim() !== "" ? Number(x) : NaN;
  return (typeof x === "number" || !Number.isNaN(n)) && !(Math.abs(n) <= MAX_DIGIT_COUNT);
}

/**
 * Digit-count fields of `body` holding a number beyond ±MAX_DIGIT_COUNT, with their paths (records at most 6 levels deep).
 * Run before a body reaches ccxt's market parser; `strip` removes them (the market then has no precision:
 * no data, never a guess) so the rest of the body still parses and array positions stay aligned.
 */
export function badDigitCounts(body: unknown, strip = false): { path: string; value: unknown }[] {
  const out: { path: string; value: unknown }[] = [];
  const walk = (v: unknown, path: string, depth: number) => {
    if (depth > 6 || v === null || typeof v !== "object") return;
    if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, `${path}[${i}]`, depth + 1));
      return;
    }
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      const p = path ? `${path}.${k}` : k;
      if (DIGIT_COUNT_FIELD.test(k) && isHugeCount(x)) {
        out.push({ path: p, value: x });
        if (strip) delete (v as Record<string, unknown>)[k];
      } else walk(x, p, depth + 1);
    }
  };
  walk(body, "", 0);
  return out;
}

/** One rejection per out-of-range digit count in `body` (the market keeps its other fields, without a precision). */
export function digitCountRejections(body: unknown, ctx: ParseContext): Rejection[] {
  return badDigitCounts(body).map(({ path, value }) => ({
    venue: ctx.venue,
    symbol: null,
    field: path,
    message: `digit count must be within ±${MAX_DIGIT_COUNT}, got ${JSON.stringify(value)}; the market is kept without this precision`,
    index: null,
  }));
}

/** Epoch milliseconds given as number, numeric string or ISO-8601 string. */
export const zEpochMs = z.union([z.number(), z.string().trim().min(1)]).transform((v, ctx) => {
  const n = typeof v === "number" ? v : /^\d+(\.\d+)?$/.test(v) ? Number(v) : Date.parse(v);
  if (!Number.isFinite(n) || n <= 0) {
    ctx.addIssue({ code: "custom", message: `not a timestamp: ${JSON.stringify(v)}` });
    return z.NEVER;
  }
  return Math.round(n);
});

/**
 * Epoch NANOseconds (GRVT, KuCoin Futures) to epoch ms. A decimal string converts exactly through BigInt; a
 * JSON number above 2^53 has already lost its last digits in JSON.parse (1768969154925000000 arrives as
 * 1768969154924999936), so a number is rounded to the nearest ms rather than truncated.
 */
export const zEpochNs = z.union([z.string().trim().regex(/^\d{1,22}$/, "expected epoch nanoseconds as an integer string"), z.number().nonnegative()]).transform((v, ctx) => {
  const ms = typeof v === "number" ? Math.round(v / 1e6) : Number(BigInt(v) / 1_000_000n);
  if (!Number.isFinite(ms) || ms <= 0) {
    ctx.addIssue({ code: "custom", message: `not a timestamp: ${JSON.stringify(v)}` });
    return z.NEVER;
  }
  return ms;
});

/** A price or size as a number: a number, or a decimal string (Number("") and Number("  ") are 0, so a blank string is NaN). */
function levelNumber(x: unknown): number {
  if (typeof x === "number") return x;
  if (typeof x !== "string") return NaN;
  const n = Number(x);
  // trimmed only when the parse gives 0 (a blank string also parses to 0): no string copies per level
  return n === 0 && x.trim() === "" ? NaN : n;
}

/**
 * An order-book side as venues send it: an array of [price, size, ...] with numbers or decimal strings.
 * Hand-looped instead of z.array(z.tuple(...)) because books are the hot path of ingestion (100-1000
 * levels a body): this is ~10x faster and still reports the exact level and field that is wrong.
 */
export const zLevels = z.unknown().transform((v, ctx): [number, number][] => {
  if (!Array.isArray(v)) {
    ctx.addIssue({ code: "custom", message: `expected an array of [price, size] levels, got ${v === null ? "null" : typeof v}` });
    return z.NEVER;
  }
  const out: [number, number][] = [];
  for (let i = 0; i < v.length; i++) {
    const level = v[i];
    if (!Array.isArray(level) || level.length < 2) {
      ctx.addIssue({ code: "custom", path: [i], message: `level ${i} is not a [price, size] pair` });
      return z.NEVER;
    }
    const p = levelNumber(level[0]);
    const q = levelNumber(level[1]);
    if (!Number.isFinite(p)) {
      ctx.addIssue({ code: "custom", path: [i, 0], message: `price is not a finite number: ${JSON.stringify(level[0])}` });
      return z.NEVER;
    }
    if (!Number.isFinite(q)) {
      ctx.addIssue({ code: "custom", path: [i, 1], message: `size is not a finite number: ${JSON.stringify(level[1])}` });
      return z.NEVER;
    }
    out.push([p, q]);
  }
  return out;
});

export class RecordError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export function rejectionFromError(err: unknown, ctx: ParseContext, symbol: string | null, index: number | null): Rejection {
  if (err instanceof z.ZodError) {
    const issue = err.issues[0];
    return {
      venue: ctx.venue,
      symbol,
      field: issue.path.join(".") || "(record)",
      message: err.issues.map((i) => `${i.path.join(".") || "(record)"}: ${i.message}`).join("; "),
      index,
    };
  }
  if (err instanceof RecordError) return { venue: ctx.venue, symbol, field: err.field, message: err.message, index };
  return { venue: ctx.venue, symbol, field: "(record)", message: err instanceof Error ? err.message : String(err), index };
}

/** Parse a whole body with a zod schema; a mismatch is one rejection naming the first bad field. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown, ctx: ParseContext, what: string): { ok: true; value: T } | { ok: false; rejection: Rejection } {
  const r = schema.safeParse(body);
  if (r.success) return { ok: true, value: r.data };
  const rej = rejectionFromError(r.error, ctx, ctx.symbol, null);
  return { ok: false, rejection: { ...rej, message: `${what}: ${rej.message}` } };
}

/** Map records one by one; a bad record becomes a rejection and the rest are kept. */
export function mapEach<I, O>(
  items: readonly I[],
  ctx: ParseContext,
  symbolOf: (item: I) => string | null,
  mapOne: (item: I, index: number) => O | O[] | null,
): { rows: O[]; rejected: Rejection[] } {
  const rows: O[] = [];
  const rejected: Rejection[] = [];
  items.forEach((item, index) => {
    let symbol: string | null = null;
    try {
      symbol = symbolOf(item);
      const out = mapOne(item, index);
      if (out === null) return;
      if (Array.isArray(out)) rows.push(...out);
      else rows.push(out);
    } catch (err) {
      rejected.push(rejectionFromError(err, ctx, symbol ?? ctx.symbol, index));
    }
  });
  return { rows, rejected };
}

/**
 * Run a parse of a whole body (not record by record): a thrown error becomes one rejection naming the
 * best-known market (`symbol`, else the context's), so a bad body is reported, never thrown.
 */
export function parseWhole<K extends DataKind>(ctx: ParseContext, fn: () => ParseResult<K>, symbol: string | null = ctx.symbol): ParseResult<K> {
  try {
    return fn();
  } catch (err) {
    return mapEach([null], ctx, () => symbol ?? ctx.symbol, () => {
      throw err;
    }) as ParseResult<K>;
  }
}

/**
 * Check and normalise one side of a book: positive finite prices and sizes, best level first.
 * Venues send sorted ladders, returned as they are; a replayed or hand-edited file may not be, and gets a sorted copy.
 */
export function checkSide(levels: Level[], side: "bids" | "asks"): Level[] {
  let ordered = true;
  for (let i = 0; i < levels.length; i++) {
    const [p, s] = levels[i];
    if (!(p > 0)) throw new RecordError(`${side}[${i}].price`, `${side}[${i}] price ${p} is not positive`);
    if (!(s > 0)) throw new RecordError(`${side}[${i}].size`, `${side}[${i}] size ${s} is not positive`);
    if (i > 0 && (side === "bids" ? p > levels[i - 1][0] : p < levels[i - 1][0])) ordered = false;
  }
  // A sorted ladder (what venues send) is returned as it is; otherwise a sorted copy (the input is never changed).
  return ordered ? levels : [...levels].sort((a, b) => (side === "bids" ? b[0] - a[0] : a[0] - b[0]));
}

/** A usable snapshot book: both sides present and not crossed. */
export function checkBook(bids: Level[], asks: Level[]): { bids: Level[]; asks: Level[] } {
  const b = checkSide(bids, "bids");
  const a = checkSide(asks, "asks");
  if (b.length === 0) throw new RecordError("bids", "book has no bids");
  if (a.length === 0) throw new RecordError("asks", "book has no asks");
  if (b[0][0] >= a[0][0]) throw new RecordError("bids[0].price", `crossed book: best bid ${b[0][0]} >= best ask ${a[0][0]}`);
  return { bids: b, asks: a };
}

export function requireMarket<M>(markets: ReadonlyMap<string, M>, symbol: string, venue: string): M {
  const m = markets.get(symbol);
  if (!m) throw new RecordError("symbol", `${venue}: unknown market ${symbol}; import the venue's markets first (--kind markets)`);
  return m;
}

type KindParser = (body: unknown, ctx: ParseContext) => ParseResult<any> | Promise<ParseResult<any>>;

/**
 * A connector's `parse` from one parser per kind. A kind the venue does not publish yields a rejection
 * saying so (the file import of such a body fails clearly instead of storing nothing silently).
 */
export function parserTable(venueName: string, parsers: Partial<Record<DataKind, KindParser>>) {
  return async <K extends DataKind>(kind: K, body: unknown, ctx: ParseContext): Promise<ParseResult<K>> => {
    const parser = parsers[kind];
    if (!parser) {
      return { rows: [], rejected: [{ venue: ctx.venue, symbol: ctx.symbol, field: "(kind)", message: `${venueName} publishes no ${kind} data this parser reads`, index: null }] };
    }
    return (await parser(body, ctx)) as ParseResult<K>;
  };
}

/**
 * Safety net around a parser: anything it throws (a library choking on a hostile body) becomes one
 * rejection of the whole body instead of an exception out of `parse`.
 */
export async function guardedParse<R extends ParseResult<any>>(fn: () => R | Promise<R>, ctx: ParseContext): Promise<R | ParseResult<any>> {
  try {
    return await fn();
  } catch (err) {
    return { rows: [], rejected: [rejectionFromError(err, ctx, ctx.symbol, null)] };
  }
}
