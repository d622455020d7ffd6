// What changed between two stored versions of a venue's published rules — a fee schedule, a margin tier table,
// a funding interval or cap — as one human line and a JSON-able before/after. Pure: the writers call it inside
// the transaction that stores the new version (lib/store/change-events.ts records the result).
import type { MarginTierRow } from "../venues/types";

export interface ChangeDiff {
  summary: string;
  details: { before: unknown; after: unknown } & Record<string, unknown>;
}

/** Equal up to the float noise a database round trip adds (SQLite REAL reads back with 15-16 digits). */
export function closeNumber(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** A fee rate (0.0005 = 5 bps) as a number of bps, to 0.1 and more digits only when needed (0.25). */
function bps(rate: number): string {
  const v = rate * 1e4;
  return Math.abs(v - Math.round(v * 10) / 10) < 1e-9 ? v.toFixed(1) : String(Number(v.toFixed(3)));
}

/** A rate as a percent: 0.0075 → "0.75 %", 0.004 → "0.4 %". */
function pct(rate: number): string {
  return `${Number((rate * 100).toFixed(4))} %`;
}

export interface FeeRates {
  makerRate: number;
  takerRate: number;
}

/** A fee tier's rates changed: "perp VIP0 fees: taker 5.0 → 4.5 bps". Null when both rates are the same. */
export function feeChange(scope: string, tier: string, before: FeeRates, after: FeeRates): ChangeDiff | null {
  const parts: string[] = [];
  if (!closeNumber(before.makerRate, after.makerRate)) parts.push(`maker ${bps(before.makerRate)} → ${bps(after.makerRate)} bps`);
  if (!closeNumber(before.takerRate, after.takerRate)) parts.push(`taker ${bps(before.takerRate)} → ${bps(after.takerRate)} bps`);
  if (!parts.length) return null;
  return {
    summary: `${scope} ${tier} fees: ${parts.join(", ")}`,
    details: { scope, tier, before: { makerRate: before.makerRate, takerRate: before.takerRate }, after: { makerRate: after.makerRate, takerRate: after.takerRate } },
  };
}

/** A tier row as the connectors produce it (one definition: MarginTierRow in lib/venues/types.ts). */
export type TierLike = MarginTierRow;

const TIER_FIELDS = ["notionalFloorUsd", "notionalCapUsd", "maxLeverage", "initialMarginRate", "maintenanceMarginRate", "maintenanceAmountUsd"] as const;

const tierOnly = (t: TierLike): TierLike => ({ tier: t.tier, notionalFloorUsd: t.notionalFloorUsd, notionalCapUsd: t.notionalCapUsd, maxLeverage: t.maxLeverage, initialMarginRate: t.initialMarginRate, maintenanceMarginRate: t.maintenanceMarginRate, maintenanceAmountUsd: t.maintenanceAmountUsd });

function describeField(f: (typeof TIER_FIELDS)[number], a: number | null, b: number | null): string {
  const fmt = (v: number | null) => (v === null ? "none" : f === "maxLeverage" ? `${Number(v.toFixed(2))}×` : f.endsWith("Rate") ? pct(v) : `$${Number(v.toFixed(2)).toLocaleString("en-US")}`);
  const name = { notionalFloorUsd: "floor", notionalCapUsd: "cap", maxLeverage: "max leverage", initialMarginRate: "initial margin", maintenanceMarginRate: "maintenance margin", maintenanceAmountUsd: "maintenance amount" }[f];
  return `${name} ${fmt(a)} → ${fmt(b)}`;
}

/**
 * A market's tier table was replaced by a different one: "BTCUSDT margin tiers: 10 → 11 tiers; 3 tiers differ,
 * first tier 1: max leverage 125× → 100×". Null when the tables are equal (same tiers, same numbers).
 */
export function tierTableChange(symbol: string, before: readonly TierLike[], after: readonly TierLike[]): ChangeDiff | null {
  const b = [...before].sort((x, y) => x.tier - y.tier);
  const a = [...after].sort((x, y) => x.tier - y.tier);
  const differing: number[] = [];
  let first: string | null = null;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = b[i];
    const y = a[i];
    if (!x || !y) {
      differing.push((x ?? y).tier);
      continue;
    }
    const fields = TIER_FIELDS.filter((f) => !closeNumber(x[f], y[f]));
    if (x.tier !== y.tier || fields.length) {
      differing.push(y.tier);
      first ??= `tier ${y.tier}: ${fields.slice(0, 2).map((f) => describeField(f, x[f], y[f])).join(", ")}`;
    }
  }
  if (!differing.length) return null;
  const who = symbol === "*" ? "venue default" : symbol;
  const count = b.length !== a.length ? `${b.length} → ${a.length} tiers` : `${a.length} tiers`;
  const which = `${differing.length} tier${differing.length === 1 ? "" : "s"} differ${differing.length === 1 ? "s" : ""}`;
  return {
    summary: `${who} margin tiers: ${count}; ${which}${first ? `, first ${first}` : ""}`,
    details: { symbol, before: b.map(tierOnly), after: a.map(tierOnly) },
  };
}

export interface IntervalPoint {
  ts: number;
  intervalHours: number | null;
}

export interface IntervalChange {
  /** Time of the first record with the new interval. */
  ts: number;
  fromHours: number;
  toHours: number;
}

/**
 * Where consecutive funding records' intervals differ (records without a known interval are passed over): each
 * record whose interval differs from the previous known one is a change.
 */
export function intervalChanges(points: readonly IntervalPoint[]): IntervalChange[] {
  const known = points.filter((p) => p.intervalHours !== null).sort((x, y) => x.ts - y.ts);
  const out: IntervalChange[] = [];
  for (let i = 1; i < known.length; i++) {
    const from = known[i - 1].intervalHours!;
    const to = known[i].intervalHours!;
    if (!closeNumber(from, to)) out.push({ ts: known[i].ts, fromHours: from, toHours: to });
  }
  return out;
}

const hours = (h: number) => `${Number(h.toFixed(3))}h`;

export function intervalChangeDiff(symbol: string, c: IntervalChange): ChangeDiff {
  return { summary: `${symbol} funding interval ${hours(c.fromHours)} → ${hours(c.toHours)}`, details: { symbol, before: { intervalHours: c.fromHours }, after: { intervalHours: c.toHours } } };
}

export interface FundingBounds {
  capRate: number | null;
  floorRate: number | null;
}

/**
 * A market's published funding cap or floor changed: "BTCUSDT funding cap 2 % → 3 %". Null when equal, or when
 * nothing was known before (a first publication is not a change) or nothing is known now.
 */
export function fundingCapChange(symbol: string, before: FundingBounds, after: FundingBounds): ChangeDiff | null {
  const parts: string[] = [];
  if (before.capRate !== null && after.capRate !== null && !closeNumber(before.capRate, after.capRate)) parts.push(`cap ${pct(before.capRate)} → ${pct(after.capRate)}`);
  if (before.floorRate !== null && after.floorRate !== null && !closeNumber(before.floorRate, after.floorRate)) parts.push(`floor ${pct(before.floorRate)} → ${pct(after.floorRate)}`);
  if (!parts.length) return null;
  return { summary: `${symbol} funding ${parts.join(", ")} per interval`, details: { symbol, before, after } };
}
