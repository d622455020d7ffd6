// The last check every parsed row passes before it can be stored, whichever connector produced it: finite
// numbers, positive prices and sizes where the unit demands it, timestamps inside a sane range. Connectors
// validate their own payloads; this catches what slips through one of them (or ccxt inside it), so a
// hostile body can never store a NaN price or a year-30000 timestamp. A failing row becomes a rejection.
import { epochMsProblem } from "./timestamps";
import type { DataKind, ParseContext, ParseResult, Rejection, RowsByKind } from "./types";

/** |rate| above this (per funding interval, or as a fee fraction) is not a rate any venue charges. */
export const MAX_ABS_RATE = 1;

class RowCheckError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const fail = (field: string, what: string, v: unknown): never => {
  throw new RowCheckError(field, `${field} ${what}: ${JSON.stringify(v) ?? String(v)}`);
};
const finite = (field: string, v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : fail(field, "is not a finite number", v));
const positive = (field: string, v: unknown): void => void (finite(field, v) > 0 || fail(field, "must be > 0", v));
const nonNegative = (field: string, v: unknown): void => void (finite(field, v) >= 0 || fail(field, "must be ≥ 0", v));
const positiveOrNull = (field: string, v: unknown): void => (v === null || v === undefined ? undefined : positive(field, v));
const rate = (field: string, v: unknown): void => void (Math.abs(finite(field, v)) <= MAX_ABS_RATE || fail(field, `must be within ±${MAX_ABS_RATE}`, v));
const timestamp = (field: string, v: unknown): void => {
  // One rule for every timestamp from outside (lib/venues/timestamps.ts): epoch ms from 2009 to a day ahead,
  // and a value in another unit named as such.
  const problem = epochMsProblem(finite(field, v));
  if (problem) fail(field, problem, v);
};
const text = (field: string, v: unknown): void => void (typeof v === "string" && v.length > 0 ? undefined : fail(field, "must be a non-empty string", v));

function checkLevels(field: string, levels: unknown): void {
  if (!Array.isArray(levels)) return fail(field, "is not an array of levels", levels);
  levels.forEach((l, i) => {
    positive(`${field}[${i}].price`, (l as number[])[0]);
    nonNegative(`${field}[${i}].size`, (l as number[])[1]);
  });
}

const CHECKS: { [K in DataKind]: (row: RowsByKind[K]) => void } = {
  markets: (r) => {
    text("symbol", r.symbol);
    positive("contractSize", r.contractSize);
    positiveOrNull("tickSize", r.tickSize);
    positiveOrNull("maxLeverage", r.maxLeverage);
    positiveOrNull("fundingIntervalHours", r.fundingIntervalHours);
  },
  depth: (r) => {
    text("symbol", r.symbol);
    timestamp("receivedTs", r.receivedTs);
    if (r.exchangeTs !== null) timestamp("exchangeTs", r.exchangeTs);
    checkLevels("bids", r.bids);
    checkLevels("asks", r.asks);
  },
  funding: (r) => {
    text("symbol", r.symbol);
    timestamp("fundingTime", r.fundingTime);
    rate("rate", r.rate);
    positiveOrNull("intervalHours", r.intervalHours);
    if (r.premium !== null) finite("premium", r.premium);
    positiveOrNull("markPrice", r.markPrice);
    positiveOrNull("indexPrice", r.indexPrice);
  },
  fees: (r) => {
    rate("makerRate", r.makerRate);
    rate("takerRate", r.takerRate);
    timestamp("effectiveFrom", r.effectiveFrom);
  },
  liquidations: (r) => {
    text("symbol", r.symbol);
    timestamp("ts", r.ts);
    positive("price", r.price);
    positive("sizeBase", r.sizeBase);
    positive("notionalUsd", r.notionalUsd);
  },
  oi: (r) => {
    text("symbol", r.symbol);
    timestamp("ts", r.ts);
    if (r.sizeBase === null && r.valueUsd === null) fail("sizeBase", "and valueUsd are both missing", null);
    if (r.sizeBase !== null) nonNegative("sizeBase", r.sizeBase);
    if (r.valueUsd !== null) nonNegative("valueUsd", r.valueUsd);
  },
  insurance: (r) => {
    timestamp("ts", r.ts);
    nonNegative("balanceUsd", r.balanceUsd);
  },
  margin: (r) => {
    timestamp("asOf", r.asOf);
    if (r.type === "tiers") {
      r.tiers.forEach((t, i) => {
        nonNegative(`tiers[${i}].notionalFloorUsd`, t.notionalFloorUsd);
        positiveOrNull(`tiers[${i}].notionalCapUsd`, t.notionalCapUsd);
        positive(`tiers[${i}].maxLeverage`, t.maxLeverage);
        rate(`tiers[${i}].initialMarginRate`, t.initialMarginRate);
        rate(`tiers[${i}].maintenanceMarginRate`, t.maintenanceMarginRate);
        finite(`tiers[${i}].maintenanceAmountUsd`, t.maintenanceAmountUsd);
      });
    } else if (r.type === "collateral") {
      rate("haircut", r.haircut);
    } else if (r.liquidationFeeRate !== null) {
      rate("liquidationFeeRate", r.liquidationFeeRate);
    }
  },
};

/** Keep the rows that pass the checks for `kind`; each failing row becomes a rejection naming its field. */
export function checkParsedRows<K extends DataKind>(kind: K, result: ParseResult<K>, ctx: ParseContext): ParseResult<K> {
  const check = CHECKS[kind] as (row: RowsByKind[K]) => void;
  const rows: RowsByKind[K][] = [];
  const rejected: Rejection[] = [...result.rejected];
  result.rows.forEach((row, index) => {
    try {
      check(row);
      rows.push(row);
    } catch (err) {
      const symbol = typeof (row as { symbol?: unknown }).symbol === "string" ? (row as { symbol: string }).symbol : ctx.symbol;
      const field = err instanceof RowCheckError ? err.field : "(row)";
      rejected.push({ venue: ctx.venue, symbol, field, message: `row check: ${(err as Error).message}`, index });
    }
  });
  return { rows, rejected };
}
