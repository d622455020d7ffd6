// Funding settlements: on each venue's interval grid (UTC-aligned; 1 h, 4 h or 8 h, one venue switching from
// 8 h to 1 h mid-history), rate = premium over the interval + a small interest component, capped; the
// premium follows the market's regimes and the stress episodes. One venue sets its rate by its own rule
// (a fixed protocol rate plus a slow average), so its funding diverges from its premium for long stretches.
import { HOUR_MS, MINUTE_MS } from "../metrics/time";
import { rngFor } from "./prng";
import { decimalsOfStep, type SimVenueProfile } from "../venues/simulated/profiles";
import { inOutage, outages } from "./runs";
import { minuteOf, type World } from "./world";

export interface SimFunding {
  fundingTime: number;
  /** Per interval. */
  rate: number;
  intervalHours: number;
  /** Premium component per interval: mean basis (mark/index − 1) over the interval × intervalHours / 8. */
  premium: number;
  markPrice: number;
  indexPrice: number;
  predicted: boolean;
}

/** Protocol rate per 8 h of a diverging venue (paid regardless of the premium). */
const DIVERGING_PROTOCOL_RATE_PER_8H = 0.0012;
/** Time constant (hours) of the diverging venue's premium average. */
const DIVERGING_EMA_HOURS = 72;

const round = (x: number, decimals: number) => Math.round(x * 10 ** decimals) / 10 ** decimals + 0;

export interface FundingSchedule {
  /** Settlement times in (start, end] and the interval (hours) each one closes. */
  settlements: { ts: number; hours: number }[];
  /** The first settlement after the history. */
  next: { ts: number; hours: number };
}

export function fundingSchedule(world: World, profile: SimVenueProfile): FundingSchedule {
  const settlements: { ts: number; hours: number }[] = [];
  const h0 = profile.funding.intervalHours;
  const sw = profile.funding.switchTo;
  // The switch happens on the old interval's grid; settlements after it close intervals of the new length.
  const switchTs = sw ? Math.ceil((world.start + sw.atFraction * (world.end - world.start)) / (h0 * HOUR_MS)) * h0 * HOUR_MS : Infinity;
  let h = h0;
  let t = Math.floor(world.start / (h0 * HOUR_MS)) * h0 * HOUR_MS + h0 * HOUR_MS;
  while (t <= world.end) {
    settlements.push({ ts: t, hours: h });
    if (sw && t >= switchTs) h = sw.hours;
    t += h * HOUR_MS;
  }
  return { settlements, next: { ts: t, hours: h } };
}

/** The first settlement on the new interval of a venue that changes its interval; null otherwise. */
export function intervalSwitchTs(world: World, profile: SimVenueProfile): number | null {
  const sw = profile.funding.switchTo;
  if (!sw) return null;
  return fundingSchedule(world, profile).settlements.find((r) => r.hours === sw.hours)?.ts ?? null;
}

/** Settled funding of venue v, asset a (settlements inside outages missing when the profile says so), plus
 *  the predicted next rate when the venue publishes one. */
export function fundingRecords(world: World, v: number, a: number): SimFunding[] {
  const profile = world.venues[v];
  const asset = world.assets[a];
  const f = profile.funding;
  const basis = world.basis[v][a];
  const index = world.index[a];
  const tick = profile.ticks[asset.base];
  const pDec = decimalsOfStep(tick);
  const rng = rngFor(world.seed, "funding", profile.slug, asset.base);
  const down = profile.resiliency.fundingGapsInOutages ? outages(world, profile) : [];
  let ema = 0;
  const make = (ts: number, hours: number, predicted: boolean): SimFunding => {
    const last = minuteOf(world, ts - 1);
    const first = Math.max(0, last - hours * 60 + 1);
    let sum = 0;
    for (let m = first; m <= last; m++) sum += basis[m];
    const avg = sum / (last - first + 1);
    const premium = (avg * hours) / 8;
    const cap = (f.capPer8h * hours) / 8;
    let raw: number;
    if (f.diverging) {
      ema += (1 - Math.exp(-hours / DIVERGING_EMA_HOURS)) * (premium - ema);
      raw = (DIVERGING_PROTOCOL_RATE_PER_8H * hours) / 8 + 0.3 * ema;
    } else {
      raw = premium + (f.interestPer8h * hours) / 8 + 0.000002 * rng.normal();
    }
    const rate = Math.max(-cap, Math.min(cap, raw));
    const idx = index[last];
    return {
      fundingTime: ts,
      rate: round(rate, 8),
      intervalHours: hours,
      premium: round(premium, 8),
      markPrice: round(idx * (1 + basis[last]), pDec),
      indexPrice: round(idx, pDec + 1),
      predicted,
    };
  };
  const out: SimFunding[] = [];
  const schedule = fundingSchedule(world, profile);
  for (const { ts, hours } of schedule.settlements) {
    const r = make(ts, hours, false); // computed even when missing, so the diverging average stays continuous
    if (!inOutage(down, ts - MINUTE_MS)) out.push(r);
  }
  if (profile.facts.predictedRatePublished === "yes") out.push(make(schedule.next.ts, schedule.next.hours, true));
  return out;
}

/** A published estimate of the next settlement, as read at `observedAt`. */
export interface SimFundingEstimate {
  fundingTime: number;
  rate: number;
  observedAt: number;
}

/**
 * What the venue published for its next settlement at each read time (the collector's funding runs): the same rule
 * as the settled rate over the part of the interval elapsed by then (the premium averaged over the minutes so far;
 * the diverging venue's average moved by that partial premium), without the settled rate's small noise, capped.
 * So an estimate read early in an interval errs by how far the basis moves afterwards. Only the latest read
 * before each settlement is kept (the one a stored estimate would hold when it settles).
 */
export function fundingEstimates(world: World, v: number, a: number, observedAt: readonly number[]): SimFundingEstimate[] {
  const profile = world.venues[v];
  const f = profile.funding;
  const basis = world.basis[v][a];
  const reads = [...observedAt].sort((x, y) => x - y);
  const out: SimFundingEstimate[] = [];
  let ema = 0;
  let r = 0;
  const premiumOver = (first: number, last: number, hours: number) => {
    let sum = 0;
    for (let m = first; m <= last; m++) sum += basis[m];
    return ((sum / (last - first + 1)) * hours) / 8;
  };
  for (const { ts, hours } of fundingSchedule(world, profile).settlements) {
    const opens = ts - hours * HOUR_MS;
    while (r < reads.length && reads[r] <= opens) r++;
    let latest: number | null = null;
    while (r < reads.length && reads[r] < ts) latest = reads[r++];
    const last = minuteOf(world, ts - 1);
    const first = Math.max(0, last - hours * 60 + 1);
    const cap = (f.capPer8h * hours) / 8;
    if (latest !== null) {
      // the minutes complete before the read (at least the interval's first)
      const upTo = Math.max(first, Math.min(last, minuteOf(world, latest) - 1));
      const premium = premiumOver(first, upTo, hours);
      const raw = f.diverging
        ? (DIVERGING_PROTOCOL_RATE_PER_8H * hours) / 8 + 0.3 * (ema + (1 - Math.exp(-hours / DIVERGING_EMA_HOURS)) * (premium - ema))
        : premium + (f.interestPer8h * hours) / 8;
      out.push({ fundingTime: ts, rate: round(Math.max(-cap, Math.min(cap, raw)), 8), observedAt: latest });
    }
    // the diverging venue's average moves by the settled premium, as in fundingRecords
    if (f.diverging) ema += (1 - Math.exp(-hours / DIVERGING_EMA_HOURS)) * (premiumOver(first, last, hours) - ema);
  }
  return out;
}
