// Margin requirements and liquidation prices from a venue's tier table. Pure formulas; each cites the
// venue rule it follows. Notional = |size| × mark price, in USD.
import type { MarginTierRule, MarketMarginRules, ResolvedPosition } from "./types";

/** Notional (USD) of a position at a mark: |size| × mark for linear contracts, the fixed face value for inverse ones. */
export function notionalAt(p: Pick<ResolvedPosition, "sizeBase" | "inverseNotionalUsd">, markUsd: number): number {
  return p.inverseNotionalUsd ?? p.sizeBase * markUsd;
}

/** Base units a forced close trades at a mark: the size for linear contracts, face value / mark for inverse ones. */
export function closeQuantityBase(p: Pick<ResolvedPosition, "sizeBase" | "inverseNotionalUsd">, markUsd: number): number {
  return p.inverseNotionalUsd != null ? p.inverseNotionalUsd / markUsd : p.sizeBase;
}

/**
 * The tier a position of `notionalUsd` falls in: the tier whose [floor, cap) holds it; above the last cap the
 * last tier (the venue would refuse a larger position; we flag it rather than invent a tier).
 */
export function tierFor(rules: MarketMarginRules, notionalUsd: number): { tier: MarginTierRule; beyondLastTier: boolean } {
  const tiers = rules.tiers;
  if (tiers.length === 0) throw new Error(`${rules.venueSlug} ${rules.symbol}: the margin rules have no tiers`);
  for (const t of tiers) {
    if (notionalUsd >= t.notionalFloorUsd && (t.notionalCapUsd === null || notionalUsd < t.notionalCapUsd)) {
      return { tier: t, beyondLastTier: false };
    }
  }
  const last = tiers[tiers.length - 1];
  return { tier: notionalUsd < tiers[0].notionalFloorUsd ? tiers[0] : last, beyondLastTier: notionalUsd >= (last.notionalCapUsd ?? Infinity) };
}

/**
 * Maintenance margin (USD) = notional × maintenance rate of the notional's tier − maintenance amount
 * (Binance: "Maintenance margin = Notional value × Maintenance Margin rate − cum",
 * https://www.binance.com/en/support/faq/b3c689c1f50a44cabb3a84e663b81d93); venues without an amount have 0.
 */
export function maintenanceMarginUsd(rules: MarketMarginRules, notionalUsd: number): number {
  const { tier } = tierFor(rules, notionalUsd);
  return Math.max(0, notionalUsd * tier.maintenanceMarginRate - tier.maintenanceAmountUsd);
}

/**
 * Initial margin (USD) = notional / leverage, where leverage is the position's own (capped at the tier's
 * maximum) or, when unset, the tier's maximum — i.e. notional × the tier's initial margin rate.
 */
export function initialMarginUsd(rules: MarketMarginRules, notionalUsd: number, leverage: number | null): number {
  const { tier } = tierFor(rules, notionalUsd);
  const rate = leverage === null ? tier.initialMarginRate : Math.max(tier.initialMarginRate, 1 / leverage);
  return notionalUsd * rate;
}

/** The leverage actually usable for a position: its own, capped at the tier's maximum. */
export function effectiveLeverage(rules: MarketMarginRules, notionalUsd: number, leverage: number | null): number {
  const { tier } = tierFor(rules, notionalUsd);
  const maxLev = tier.initialMarginRate > 0 ? 1 / tier.initialMarginRate : tier.maxLeverage;
  return leverage === null ? maxLev : Math.min(leverage, maxLev);
}

export interface LiquidationPriceInput {
  /** Signed size in base units: long > 0, short < 0. */
  qtyBase: number;
  entryPriceUsd: number;
  /** Equity backing the position apart from its own unrealised PnL: isolated margin, or for cross the
   *  account's collateral + other positions' PnL − funding paid (USD). */
  otherEquityUsd: number;
  /** Maintenance margin of the account's other positions (0 for isolated). */
  otherMaintenanceUsd: number;
  rules: MarketMarginRules;
  /** Inverse contracts: the fixed USD face value (maintenance no longer moves with the price). */
  inverseNotionalUsd?: number | null;
}

/**
 * The mark price at which equity equals maintenance margin, other prices held fixed. With q the signed size,
 * E the other equity, M the other maintenance, r and c the tier's maintenance rate and amount:
 *   E + q (P − entry) = M + r |q| P − c   ⇒   P = (M − c − E + q·entry) / (q − r|q|)
 * which is Binance's formula LP = (WB − TMM + UPNL + cum − side·Q·EP) / (Q·MMR − side·Q) with WB + UPNL = E,
 * TMM = M (https://www.binance.com/en/support/faq/b3c689c1f50a44cabb3a84e663b81d93). The tier depends on the
 * notional at P, so each tier's solution is tried and the one whose notional falls in that tier is kept.
 * Null when no positive price liquidates the position (e.g. a long backed by more than its notional).
 */
export function liquidationPriceUsd(input: LiquidationPriceInput): number | null {
  const { qtyBase: q, entryPriceUsd, otherEquityUsd: E, otherMaintenanceUsd: M, rules } = input;
  if (q === 0) return null;
  const face = input.inverseNotionalUsd ?? null;
  if (face !== null) {
    // Inverse: maintenance = face × rate − amount is fixed, so E + q (P − entry) = M + MM gives P directly.
    const mmUsd = maintenanceMarginUsd(rules, face);
    const p = (M + mmUsd - E + q * entryPriceUsd) / q;
    return p > 0 && Number.isFinite(p) ? p : null;
  }
  const abs = Math.abs(q);
  let best: number | null = null;
  for (const t of rules.tiers) {
    const denom = q - t.maintenanceMarginRate * abs;
    if (denom === 0) continue;
    const p = (M - t.maintenanceAmountUsd - E + q * entryPriceUsd) / denom;
    if (!(p > 0) || !Number.isFinite(p)) continue;
    const notional = abs * p;
    const inTier = notional >= t.notionalFloorUsd && (t.notionalCapUsd === null || notional < t.notionalCapUsd);
    if (!inTier) continue;
    // Several tiers can solve when "cum" is inconsistent; the first one an adverse move reaches wins.
    if (best === null || (q > 0 ? p > best : p < best)) best = p;
  }
  return best;
}
