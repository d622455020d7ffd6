// Liquidations, open interest and insurance funds. Liquidations arrive at a calm rate and, in stress, at a
// much higher rate with self-excitation (each one can trigger more within minutes: a cascade), mostly on
// the losing side (longs in the crash, shorts in the squeeze), sized against open interest. Liquidated
// size leaves open interest, which recovers over days; insurance funds pay part of stress-time losses.
import { HOUR_MS, MINUTE_MS } from "../metrics/time";
import { rngFor } from "./prng";
import { decimalsOfStep, type SimVenueProfile } from "../venues/simulated/profiles";
import { slotFailed } from "./runs";
import { episodeAt, type World } from "./world";

export interface SimLiquidation {
  ts: number;
  side: "buy" | "sell";
  price: number;
  size: number;
}

export interface SimOi {
  ts: number;
  /** Base-asset units, single-sided. */
  size: number;
  /** Venue mid at ts (valueUsd = size × price). */
  price: number;
}

export interface SimInsurance {
  ts: number;
  asset: string;
  balanceUsd: number;
}

export interface MarketFlow {
  liquidations: SimLiquidation[];
  oi: SimOi[];
}

/** Minutes of open-interest recovery time constant after liquidations. */
const OI_RECOVERY_MIN = 2 * 1440;
/** Open interest is read every 4 hours (or at the book cadence when that is longer). */
export const OI_READING_MINUTES = 240;
/** Share of open interest closed voluntarily per minute at full stress. */
const DELEVERAGE_PER_MIN = 4e-4;
/** Expected children per liquidation at full stress, per unit of cascade strength (branching < 1). */
const BRANCHING = 0.25;

const cache = new WeakMap<World, Map<string, MarketFlow>>();

/** Liquidations and open interest (every OI_READING_MINUTES) of venue v, asset a (OI readings of failed runs are missing). */
export function marketFlow(world: World, v: number, a: number): MarketFlow {
  let byKey = cache.get(world);
  if (!byKey) cache.set(world, (byKey = new Map()));
  const key = `${v}|${a}`;
  const hit = byKey.get(key);
  if (hit) return hit;

  const profile = world.venues[v];
  const asset = world.assets[a];
  const rng = rngFor(world.seed, "liquidations", profile.slug, asset.base);
  const tick = profile.ticks[asset.base];
  const pScale = 10 ** decimalsOfStep(tick);
  const sScale = 10 ** asset.sizeDecimals;
  const index = world.index[a];
  const basis = world.basis[v][a];
  const n = world.minutes;
  const level = (profile.oiUsd * asset.oiShare) / asset.startPrice; // base units
  const calmPerMin = (profile.liquidations.calmPerHour * Math.sqrt(asset.oiShare)) / 60;
  const cascade = profile.liquidations.cascade;
  const decay = Math.exp(-1 / OI_RECOVERY_MIN);
  const kappa = Math.LN2 / (3 * 1440);
  const oiStep = 0.05 * Math.sqrt(2 * kappa);
  const pending = new Uint16Array(n + 8);
  const oiAt = new Float64Array(n);
  const liquidations: SimLiquidation[] = [];
  let drop = 0;
  let noise = 0.05 * rng.normal();
  for (let m = 0; m < n; m++) {
    const s = world.stress[m];
    noise = noise * (1 - kappa) + oiStep * rng.normal();
    // Positions shrink in stress: voluntary deleveraging, plus the liquidated size below.
    drop = drop * decay + level * DELEVERAGE_PER_MIN * s * s;
    const mid = index[m] * (1 + basis[m]);
    const oi = Math.max(0.2 * level, level * Math.exp(noise) - drop);
    oiAt[m] = oi;
    const count = rng.poisson(calmPerMin * (1 + cascade * 40 * s * s)) + pending[m];
    if (count === 0) continue;
    const ts0 = world.start + m * MINUTE_MS;
    const ep = s > 0.15 ? episodeAt(world, ts0) : null;
    let pSell: number;
    if (ep) pSell = ep.direction < 0 ? 0.92 : 0.08;
    else {
      const move = m >= 60 ? index[m] / index[m - 60] - 1 : 0;
      pSell = 0.5 - Math.max(-0.3, Math.min(0.3, move * 60));
    }
    for (let k = 0; k < count; k++) {
      const side = rng.next() < pSell ? "sell" : "buy";
      const notional = oi * mid * 1.2e-4 * (1 + 6 * s) * Math.exp(0.9 * rng.normal());
      // Liquidation orders fill through the book: sells below mid, buys above.
      const slip = ((3 + 40 * s) * rng.next()) / 1e4;
      const raw = side === "sell" ? mid * (1 - slip) : mid * (1 + slip);
      const price = Math.round(Math.round(raw / tick) * tick * pScale) / pScale;
      const units = Math.max(1, Math.round((notional / price) * sScale));
      const size = units / sScale;
      liquidations.push({ ts: ts0 + rng.int(MINUTE_MS), side, price, size });
      drop += size;
      const children = rng.poisson(BRANCHING * Math.min(cascade, 3) * s);
      for (let c = 0; c < children; c++) {
        const at = m + 1 + rng.int(5);
        if (at < n && pending[at] < 60000) pending[at]++;
      }
    }
  }
  liquidations.sort((x, y) => x.ts - y.ts);

  const oi: SimOi[] = [];
  const step = Math.max(world.options.cadenceMinutes, OI_READING_MINUTES) * MINUTE_MS;
  for (let ts = world.start; ts < world.end; ts += step) {
    if (slotFailed(world, profile, "oi", ts)) continue;
    const m = (ts - world.start) / MINUTE_MS;
    const mid = index[m] * (1 + basis[m]);
    oi.push({
      ts,
      size: Math.round(oiAt[m] * sScale) / sScale,
      price: Math.round(mid * pScale) / pScale,
    });
  }
  const flow = { liquidations, oi };
  byKey.set(key, flow);
  return flow;
}

/** Insurance fund balance of venue v every 8 hours: slow growth, paying part of stress-time liquidations. */
export function insuranceBalances(world: World, v: number): SimInsurance[] {
  const profile: SimVenueProfile = world.venues[v];
  const rng = rngFor(world.seed, "insurance", profile.slug);
  const totalOiUsd = world.assets.reduce((s, a) => s + profile.oiUsd * a.oiShare, 0);
  const start = profile.insurance.toOi * totalOiUsd;
  // Stress-time liquidation notional over all markets, by minute.
  const stressLoss = new Float64Array(world.minutes);
  world.assets.forEach((_, a) => {
    for (const l of marketFlow(world, v, a).liquidations) {
      const m = Math.floor((l.ts - world.start) / MINUTE_MS);
      if (world.stress[m] >= 0.2) stressLoss[m] += l.price * l.size;
    }
  });
  const out: SimInsurance[] = [];
  let paid = 0;
  let m = 0;
  let wobble = 0;
  for (let ts = world.start; ts < world.end; ts += 8 * HOUR_MS) {
    const upTo = Math.min(world.minutes, (ts - world.start) / MINUTE_MS + 1);
    for (; m < upTo; m++) paid += stressLoss[m] * profile.insurance.drawOnCascade;
    const days = (ts - world.start) / (24 * HOUR_MS);
    wobble = 0.9 * wobble + 0.001 * rng.normal();
    const balance = Math.max(0.1 * start, start * (1 + 0.0004 * days + wobble) - paid);
    out.push({ ts, asset: profile.insurance.asset, balanceUsd: Math.round(balance * 100) / 100 });
  }
  return out;
}
