// Shared pieces of every margin parser: the sanity rules a tier table must meet before it is stored, and
// the maintenance deduction that makes a tiered maintenance requirement continuous in position size.
import type { MarginRow, MarginTierRow } from "./types";
import { RecordError } from "./parse-helpers";

/** A tier as a parser reads it, before numbering and checks. */
export type TierInput = Omit<MarginTierRow, "tier">;

/** Relative tolerance when checking that one tier starts where the previous one ends. */
const CONTIGUITY_TOLERANCE = 1e-9;

/** USD amounts are kept to the micro-dollar: sums of rate × bound otherwise carry float noise (10000.000000000002). */
export const roundUsd = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * Maintenance deduction of each tier so that maintenance margin = notional × rate(tier) − deduction(tier)
 * is continuous across tier boundaries (a "tax bracket" requirement):
 *   deduction(1) = 0
 *   deduction(n) = deduction(n−1) + floor(n) × (rate(n) − rate(n−1))
 * The same rule is published by Bybit (https://www.bybit.com/en/announcement-info/margin-parameters,
 * "Maintenance Margin Deduction"), Hyperliquid (https://hyperliquid.gitbook.io/hyperliquid-docs/trading/margin-tiers,
 * "maintenance_deduction") and Binance ("Maintenance Amount", the `cum` of /fapi/v1/leverageBracket).
 */
export function continuityDeductions(tiers: readonly { notionalFloorUsd: number; maintenanceMarginRate: number }[]): number[] {
  const out: number[] = [];
  tiers.forEach((t, i) => {
    out.push(i === 0 ? 0 : roundUsd(out[i - 1] + t.notionalFloorUsd * (t.maintenanceMarginRate - tiers[i - 1].maintenanceMarginRate)));
  });
  return out;
}

const finite = (x: number) => typeof x === "number" && Number.isFinite(x);

/**
 * Check a market's tier table and number it 1..n in order of notional. Refuses (naming `tiers[i].field`):
 * an empty table, a first tier not starting at 0, gaps or overlaps between tiers, an unbounded tier before
 * the last, leverage below 1, rates outside (0, 1], maintenance above initial margin, a negative deduction.
 */
export function checkTierTable(tiers: readonly TierInput[]): MarginTierRow[] {
  if (tiers.length === 0) throw new RecordError("tiers", "tier table has no tiers");
  const sorted = [...tiers].sort((a, b) => a.notionalFloorUsd - b.notionalFloorUsd);
  return sorted.map((t, i) => {
    const at = (field: keyof TierInput) => `tiers[${i}].${field}`;
    for (const field of ["notionalFloorUsd", "maxLeverage", "initialMarginRate", "maintenanceMarginRate", "maintenanceAmountUsd"] as const) {
      if (!finite(t[field])) throw new RecordError(at(field), `tier ${i + 1}: ${field} is not a finite number (${t[field]})`);
    }
    if (t.notionalCapUsd !== null && !finite(t.notionalCapUsd)) throw new RecordError(at("notionalCapUsd"), `tier ${i + 1}: notionalCapUsd is not a finite number (${t.notionalCapUsd})`);
    if (i === 0 && t.notionalFloorUsd !== 0) throw new RecordError(at("notionalFloorUsd"), `the first tier starts at ${t.notionalFloorUsd} USD, not 0`);
    if (i > 0) {
      const prevCap = sorted[i - 1].notionalCapUsd;
      if (prevCap === null) throw new RecordError(`tiers[${i - 1}].notionalCapUsd`, `tier ${i} has no upper bound but tier ${i + 1} follows it`);
      if (Math.abs(prevCap - t.notionalFloorUsd) > CONTIGUITY_TOLERANCE * Math.max(1, prevCap)) {
        throw new RecordError(at("notionalFloorUsd"), `tier ${i + 1} starts at ${t.notionalFloorUsd} USD but tier ${i} ends at ${prevCap} USD (gap or overlap)`);
      }
    }
    if (t.notionalCapUsd !== null && !(t.notionalCapUsd > t.notionalFloorUsd)) throw new RecordError(at("notionalCapUsd"), `tier ${i + 1} ends at ${t.notionalCapUsd} USD, not above its start ${t.notionalFloorUsd}`);
    if (!(t.maxLeverage >= 1)) throw new RecordError(at("maxLeverage"), `tier ${i + 1}: max leverage ${t.maxLeverage} is below 1`);
    if (!(t.initialMarginRate > 0 && t.initialMarginRate <= 1)) throw new RecordError(at("initialMarginRate"), `tier ${i + 1}: initial margin rate ${t.initialMarginRate} is outside (0, 1]`);
    if (!(t.maintenanceMarginRate > 0 && t.maintenanceMarginRate <= 1)) throw new RecordError(at("maintenanceMarginRate"), `tier ${i + 1}: maintenance margin rate ${t.maintenanceMarginRate} is outside (0, 1]`);
    if (t.maintenanceMarginRate > t.initialMarginRate) throw new RecordError(at("maintenanceMarginRate"), `tier ${i + 1}: maintenance margin rate ${t.maintenanceMarginRate} is above the initial margin rate ${t.initialMarginRate}`);
    if (t.maintenanceAmountUsd < 0) throw new RecordError(at("maintenanceAmountUsd"), `tier ${i + 1}: negative maintenance amount ${t.maintenanceAmountUsd}`);
    return { tier: i + 1, ...t };
  });
}

/** A checked tier-table row. */
export function tierTable(symbol: string, tiers: readonly TierInput[], source: string, asOf: number): MarginRow {
  return { type: "tiers", symbol, tiers: checkTierTable(tiers), source, asOf };
}

/** A single-tier table: one max leverage for every size (Hyperliquid without margin tiers, dYdX). */
export function singleTier(maxLeverage: number, initialMarginRate: number, maintenanceMarginRate: number): TierInput[] {
  return [{ notionalFloorUsd: 0, notionalCapUsd: null, maxLeverage, initialMarginRate, maintenanceMarginRate, maintenanceAmountUsd: 0 }];
}
