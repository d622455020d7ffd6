// One venue account through one scenario in one margin mode: marks every position to the scenario's prices
// step by step, settles funding, credits late margin, and liquidates when equity falls to maintenance,
// walking the drained book for the cost. Pure; every number keeps the rule or book it came from.
import { closeQuantityBase, initialMarginUsd, liquidationPriceUsd, maintenanceMarginUsd, notionalAt, tierFor } from "./margin";
import type { AccountEvent, AccountRun, LiquidationRecord, PositionOutcome, StepPoint } from "./account-run";
import { liquidationCost } from "./liquidation-cost";
import { bookAt, firstTrigger } from "./trigger-time";
import { depthFactor, fundingOverride, haircutAt, priceMultiplier, stepHours, type ReplayPath } from "./path";
import type { Scenario } from "./scenario";
import type { MarginMode, ResolvedAccount, ResolvedPosition } from "./types";

export type { AccountEvent, AccountRun, LiquidationRecord, PositionOutcome, StepPoint } from "./account-run";
export { bookAt, firstTrigger } from "./trigger-time";

interface PosState {
  p: ResolvedPosition;
  q: number; // signed base
  open: boolean;
  iso: number; // isolated margin (isolated mode)
  funding: number;
  closedResult: number; // isolated: equity returned on close
  liq: LiquidationRecord | null;
  lastPrice: number;
}

const signOf = (p: ResolvedPosition) => (p.side === "long" ? 1 : -1);

/**
 * Run one venue account through the scenario in one margin mode. Each step: prices, fresh margin, haircut
 * changes, funding settlements, then liquidations (cross: the largest maintenance first until the account is
 * back above maintenance; isolated: each position on its own), then the step's point.
 */
export function simulateAccount(account: ResolvedAccount, scenario: Scenario, replay: Record<string, ReplayPath>, mode: MarginMode): AccountRun {
  const venue = account.venueSlug;
  const warnings: string[] = [];
  const events: AccountEvent[] = [];
  const feeRate = account.policy?.liquidationFeeRate ?? null;
  if (feeRate === null) warnings.push(`${venue}: no published liquidation fee; liquidations are charged the book walk only`);

  const priceAt = (p: ResolvedPosition, h: number) => p.startPriceUsd * priceMultiplier(scenario, replay, venue, p.asset, h);
  const venueHaircut = (asset: string) => account.collateralRules.find((c) => c.asset === asset)?.haircut ?? 0;
  for (const c of account.collateral) {
    if (c.pathAsset !== null && !account.collateralRules.some((r) => r.asset === c.asset)) {
      warnings.push(`${venue}: no published haircut for ${c.asset} collateral; counted at full value`);
    }
  }
  const collateralValue = (h: number) =>
    account.collateral.reduce((sum, c) => {
      const price = c.pathAsset === null ? 1 : c.startPriceUsd * priceMultiplier(scenario, replay, venue, c.pathAsset, h);
      const own = c.isSettlementAsset ? 0 : venueHaircut(c.asset);
      return sum + c.amount * price * (1 - haircutAt(scenario, venue, c.asset, h, own));
    }, 0);

  const states: PosState[] = account.positions.map((p) => ({ p, q: signOf(p) * p.sizeBase, open: true, iso: 0, funding: 0, closedResult: 0, liq: null, lastPrice: p.startPriceUsd }));
  const startCollateral = collateralValue(0);
  const im0 = states.map((s) => initialMarginUsd(s.p.rules, notionalAt(s.p, s.p.startPriceUsd), s.p.leverage));
  const imTotal = im0.reduce((a, b) => a + b, 0);

  // Isolated: margin posted per position (the user's, else the collateral shared by initial margin); the rest stays free.
  let freeUsd = 0;
  if (mode === "isolated") {
    const assigned = states.reduce((a, s) => a + (s.p.isolatedMarginUsd ?? 0), 0);
    const unassigned = states.filter((s) => s.p.isolatedMarginUsd === null);
    const unassignedIm = unassigned.reduce((a, s) => a + im0[states.indexOf(s)], 0);
    const shareable = Math.max(0, startCollateral - assigned);
    for (const [i, s] of states.entries()) {
      s.iso = s.p.isolatedMarginUsd ?? (unassignedIm > 0 ? (shareable * im0[i]) / unassignedIm : 0);
    }
    freeUsd = unassigned.length > 0 ? 0 : shareable;
    if (assigned > startCollateral + 1e-6) warnings.push(`${venue}: isolated margins assigned (${assigned.toFixed(2)} USD) exceed the collateral (${startCollateral.toFixed(2)} USD)`);
  }
  if (startCollateral < imTotal - 1e-6) {
    events.push({ hours: 0, kind: "under-margined", text: `collateral ${startCollateral.toFixed(0)} USD is below the initial margin ${imTotal.toFixed(0)} USD the positions need` });
  }

  let cash = 0; // cross: realised PnL, funding, costs, fresh margin
  let replenished = 0;
  let shortfall = 0;
  const applied = new Set<number>();
  const path: StepPoint[] = [];
  const hours = stepHours(scenario);
  let prevH = -1;
  let minEquity = Infinity;
  let maxRatio: number | null = null;
  let lastHaircutNote = "";

  const upnl = (s: PosState, price: number) => s.q * (price - s.p.entryPriceUsd);
  const mm = (s: PosState, price: number) => maintenanceMarginUsd(s.p.rules, notionalAt(s.p, price));

  const close = (s: PosState, h: number, price: number, equityBefore: number, mmBefore: number): number => {
    const drain = depthFactor(scenario, venue, s.p.asset);
    const book = bookAt(s.p, h);
    const fill = liquidationCost(book, s.p.side, closeQuantityBase(s.p, price), price, drain);
    const notional = notionalAt(s.p, price);
    const fee = feeRate === null ? 0 : feeRate * notional;
    const cost = fill?.costUsd ?? null;
    s.open = false;
    s.lastPrice = price;
    s.liq = {
      hours: h, markUsd: price, notionalUsd: notional, equityBeforeUsd: equityBefore, maintenanceBeforeUsd: mmBefore,
      fill, costUsd: cost, feeUsd: fee, feeRate, depthFactor: drain, bookTs: book?.ts ?? null, bookProvenance: book?.provenance ?? null, shortfallUsd: 0,
    };
    if (fill === null) warnings.push(`${venue} ${s.p.symbol}: no stored book, so the liquidation's market impact is unknown (counted as 0)`);
    events.push({ hours: h, kind: "liquidation", text: `${s.p.symbol} ${s.p.side} liquidated at ${price.toFixed(2)} (${mode})` });
    return upnl(s, price) - (cost ?? 0) - fee;
  };

  for (const h of hours) {
    const prices = states.map((s) => (s.open ? priceAt(s.p, h) : s.lastPrice));

    for (const [i, r] of scenario.replenishment.entries()) {
      if (applied.has(i) || h < r.delayHours || (r.venue !== undefined && r.venue !== venue)) continue;
      applied.add(i);
      replenished += r.amountUsd;
      events.push({ hours: h, kind: "replenishment", text: `${r.amountUsd.toFixed(0)} USD of fresh margin arrives` });
      if (mode === "cross") cash += r.amountUsd;
      else {
        const open = states.filter((s) => s.open);
        const w = open.map((s) => initialMarginUsd(s.p.rules, notionalAt(s.p, prices[states.indexOf(s)]), s.p.leverage));
        const wSum = w.reduce((a, b) => a + b, 0);
        if (wSum > 0) open.forEach((s, k) => (s.iso += (r.amountUsd * w[k]) / wSum));
        else freeUsd += r.amountUsd;
      }
    }

    for (const c of scenario.haircuts) {
      const note = `${c.asset}:${c.haircut}`;
      if (h >= c.atHours && prevH < c.atHours && (c.venue === undefined || c.venue === venue) && note !== lastHaircutNote && account.collateral.some((x) => x.asset === c.asset)) {
        lastHaircutNote = note;
        events.push({ hours: h, kind: "haircut", text: `${c.asset} collateral haircut raised to ${(c.haircut * 100).toFixed(0)} %` });
      }
    }

    // Funding settles at every multiple of the market's interval: paid = side × notional × rate (longs pay a positive rate).
    for (const s of states) {
      if (!s.open) continue;
      const interval = s.p.fundingIntervalHours;
      for (let k = Math.floor(prevH / interval) + 1; k * interval <= h; k++) {
        if (k * interval <= 0) continue;
        const t = k * interval;
        const rate = fundingOverride(scenario, venue, s.p.asset, t) ?? s.p.baselineFundingRate ?? 0;
        // Funding is on the notional: |size| × mark for linear contracts, the face value for inverse ones.
        const paid = Math.sign(s.q) * notionalAt(s.p, priceAt(s.p, t)) * rate;
        s.funding += paid;
        if (mode === "cross") cash -= paid;
        else s.iso -= paid;
      }
    }

    // Liquidation checks. A trigger found at this step happened at some time since the last one: the
    // liquidation is placed at that time (firstTrigger), at the mark then — the gap's price for a gap, the
    // liquidation price itself for a ramp — not at this step's overshot mark.
    const pricesAt = (t: number) => states.map((s) => (s.open ? priceAt(s.p, t) : s.lastPrice));
    if (mode === "cross") {
      const health = (t: number, px: number[]) => {
        const open = states.filter((s) => s.open);
        const eq = collateralValue(t) + cash + open.reduce((a, s) => a + upnl(s, px[states.indexOf(s)]), 0);
        const req = open.reduce((a, s) => a + mm(s, px[states.indexOf(s)]), 0);
        return { open, eq, req, triggered: open.length > 0 && eq <= req };
      };
      let lo = prevH;
      while (health(h, prices).triggered) {
        const t = firstTrigger(lo, h, (x) => health(x, pricesAt(x)).triggered);
        const px = pricesAt(t);
        for (;;) {
          const { open, eq, req, triggered } = health(t, px);
          if (!triggered) break;
          // The largest maintenance requirement goes first (our assumption; venues close or reduce the riskiest position).
          const target = open.reduce((a, s) => (mm(s, px[states.indexOf(s)]) > mm(a, px[states.indexOf(a)]) ? s : a));
          cash += close(target, t, px[states.indexOf(target)], eq, req);
        }
        const eqAfter = health(t, px).eq;
        if (eqAfter < 0) {
          shortfall += -eqAfter;
          const last = [...states].reverse().find((s) => s.liq && s.liq.hours === t);
          if (last?.liq) last.liq.shortfallUsd += -eqAfter;
          cash += -eqAfter;
        }
        lo = t;
      }
    } else {
      for (const [i, s] of states.entries()) {
        if (!s.open) continue;
        const triggered = (t: number) => {
          const px = t === h ? prices[i] : priceAt(s.p, t);
          return s.iso + upnl(s, px) <= mm(s, px);
        };
        if (!triggered(h)) continue;
        const t = firstTrigger(prevH, h, triggered);
        const px = t === h ? prices[i] : priceAt(s.p, t);
        const result = s.iso + close(s, t, px, s.iso + upnl(s, px), mm(s, px));
        if (result < 0 && s.liq) {
          s.liq.shortfallUsd = -result;
          shortfall += -result;
        }
        s.closedResult = Math.max(0, result);
      }
    }

    // The step's point.
    const open = states.filter((s) => s.open);
    let equity: number;
    let ratio: number | null = null;
    if (mode === "cross") {
      equity = collateralValue(h) + cash + open.reduce((a, s) => a + upnl(s, prices[states.indexOf(s)]), 0);
      const req = open.reduce((a, s) => a + mm(s, prices[states.indexOf(s)]), 0);
      if (open.length > 0) ratio = equity > 0 ? req / equity : Infinity;
    } else {
      equity = freeUsd + states.reduce((a, s, i) => a + (s.open ? s.iso + upnl(s, prices[i]) : s.closedResult), 0);
      for (const s of open) {
        const i = states.indexOf(s);
        const eq = s.iso + upnl(s, prices[i]);
        const r = eq > 0 ? mm(s, prices[i]) / eq : Infinity;
        ratio = ratio === null ? r : Math.max(ratio, r);
      }
    }
    const maintenance = open.reduce((a, s) => a + mm(s, prices[states.indexOf(s)]), 0);
    let distance: number | null = null;
    for (const s of open) {
      const i = states.indexOf(s);
      const lp = liquidationPriceUsd({
        qtyBase: s.q,
        entryPriceUsd: s.p.entryPriceUsd,
        otherEquityUsd: mode === "cross" ? equity - upnl(s, prices[i]) : s.iso,
        otherMaintenanceUsd: mode === "cross" ? maintenance - mm(s, prices[i]) : 0,
        rules: s.p.rules,
        inverseNotionalUsd: s.p.inverseNotionalUsd,
      });
      if (lp === null) continue;
      const d = s.q > 0 ? (prices[i] - lp) / prices[i] : (lp - prices[i]) / prices[i];
      distance = distance === null ? d * 100 : Math.min(distance, d * 100);
    }
    for (const [i, s] of states.entries()) if (s.open) s.lastPrice = prices[i];
    path.push({ hours: h, equityUsd: equity, maintenanceUsd: maintenance, marginRatio: ratio, distanceToLiquidationPct: distance, openPositions: open.length });
    minEquity = Math.min(minEquity, equity);
    if (ratio !== null) maxRatio = maxRatio === null ? ratio : Math.max(maxRatio, ratio);
    prevH = h;
  }

  const positions: PositionOutcome[] = states.map((s, i) => {
    const notional0 = notionalAt(s.p, s.p.startPriceUsd);
    const { tier, beyondLastTier } = tierFor(s.p.rules, notional0);
    if (beyondLastTier) warnings.push(`${venue} ${s.p.symbol}: ${notional0.toFixed(0)} USD is beyond the venue's last tier; the venue would not accept this position`);
    const iso0 = mode === "isolated" ? initialIso(s, states, im0, startCollateral) : null;
    const lp0 = liquidationPriceUsd({
      qtyBase: s.q,
      entryPriceUsd: s.p.entryPriceUsd,
      otherEquityUsd: iso0 ?? startCollateral + states.reduce((a, o) => (o === s ? a : a + upnl(o, o.p.startPriceUsd)), 0),
      otherMaintenanceUsd: mode === "cross" ? states.reduce((a, o) => (o === s ? a : a + mm(o, o.p.startPriceUsd)), 0) : 0,
      rules: s.p.rules,
      inverseNotionalUsd: s.p.inverseNotionalUsd,
    });
    return {
      id: s.p.id, symbol: s.p.symbol, asset: s.p.asset, side: s.p.side, sizeBase: s.p.sizeBase,
      entryPriceUsd: s.p.entryPriceUsd, startPriceUsd: s.p.startPriceUsd, startNotionalUsd: notional0,
      rule: {
        tier: tier.tier, maxLeverage: tier.maxLeverage, initialMarginRate: tier.initialMarginRate, maintenanceMarginRate: tier.maintenanceMarginRate,
        maintenanceAmountUsd: tier.maintenanceAmountUsd, source: s.p.rules.source, asOf: s.p.rules.asOf, provenance: s.p.rules.provenance, beyondLastTier, symbol: s.p.rules.symbol,
      },
      initialMarginUsd: im0[i],
      maintenanceMarginStartUsd: mm(s, s.p.startPriceUsd),
      isolatedMarginUsd: iso0,
      liquidationPriceStartUsd: lp0,
      fundingPaidUsd: s.funding,
      fundingSource: s.p.fundingSource,
      pnlUsd: upnl(s, s.lastPrice),
      endPriceUsd: s.lastPrice,
      liquidation: s.liq,
    };
  });

  const liqs = states.flatMap((s) => (s.liq ? [s.liq] : []));
  const startEquity = path[0]?.equityUsd ?? startCollateral;
  const finalEquity = path[path.length - 1]?.equityUsd ?? startEquity;
  const startEquityBeforeEvents = startCollateral + states.reduce((a, s) => a + upnl(s, s.p.startPriceUsd), 0);
  return {
    mode,
    startEquityUsd: startEquityBeforeEvents,
    finalEquityUsd: finalEquity,
    minEquityUsd: Number.isFinite(minEquity) ? minEquity : startEquity,
    replenishedUsd: replenished,
    lossUsd: startEquityBeforeEvents + replenished - finalEquity,
    fundingPaidUsd: states.reduce((a, s) => a + s.funding, 0),
    liquidationCostUsd: liqs.reduce((a, l) => a + (l.costUsd ?? 0), 0),
    liquidationCostLowerBound: liqs.some((l) => l.fill?.beyondVisibleDepth || l.fill === null),
    liquidationFeesUsd: liqs.reduce((a, l) => a + l.feeUsd, 0),
    shortfallUsd: shortfall,
    liquidatedCount: liqs.length,
    firstLiquidationHours: liqs.length ? Math.min(...liqs.map((l) => l.hours)) : null,
    maxMarginRatio: maxRatio,
    path,
    positions,
    events: events.sort((a, b) => a.hours - b.hours),
    warnings: [...new Set(warnings)],
  };
}

/** The isolated margin a position started with (before funding and fresh margin changed it). */
function initialIso(s: PosState, states: PosState[], im0: number[], startCollateral: number): number {
  if (s.p.isolatedMarginUsd !== null) return s.p.isolatedMarginUsd;
  const assigned = states.reduce((a, o) => a + (o.p.isolatedMarginUsd ?? 0), 0);
  const unassignedIm = states.reduce((a, o, i) => a + (o.p.isolatedMarginUsd === null ? im0[i] : 0), 0);
  return unassignedIm > 0 ? (Math.max(0, startCollateral - assigned) * im0[states.indexOf(s)]) / unassignedIm : 0;
}
