// The scenario as functions of time: price multiplier, funding rate, depth factor and haircut for a venue
// and asset at hour h. Pure.
import type { Scenario } from "./scenario";

/** A replayed price path: hours from the window start and the price relative to the start (1 = unchanged). */
export type ReplayPath = ReadonlyArray<{ hours: number; multiplier: number }>;

const applies = (scoped: { venue?: string; asset?: string }, venue: string, asset: string) =>
  (scoped.venue === undefined || scoped.venue === venue) && (scoped.asset === undefined || scoped.asset === asset);

/** Step-interpolated replay multiplier at h (the last observation at or before h; 1 before the first). */
export function replayMultiplier(path: ReplayPath | undefined, h: number): number {
  if (!path || path.length === 0) return 1;
  let lo = 0;
  let hi = path.length - 1;
  if (h < path[0].hours) return 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (path[mid].hours <= h) lo = mid;
    else hi = mid - 1;
  }
  return path[lo].multiplier;
}

/** The replayed path of an asset on a venue: the venue's own (key "venue:ASSET") if stored, else the asset's. */
export function replayFor(replay: Record<string, ReplayPath>, venue: string, asset: string): ReplayPath | undefined {
  return replay[`${venue}:${asset}`] ?? replay[asset];
}

/**
 * Price relative to the start: the replayed path × every shock that applies, each ramping linearly from 0 at
 * startHours to movePct at startHours + rampHours (a 0-hour ramp is a gap at startHours). Shocks compound.
 */
export function priceMultiplier(scenario: Scenario, replay: Record<string, ReplayPath>, venue: string, asset: string, h: number): number {
  let m = replayMultiplier(replayFor(replay, venue, asset), h);
  for (const s of scenario.shocks) {
    if (!applies(s, venue, asset) || h < s.startHours) continue;
    const progress = s.rampHours === 0 ? 1 : Math.min(1, (h - s.startHours) / s.rampHours);
    m *= 1 + (s.movePct / 100) * progress;
  }
  return m;
}

/** The funding rate imposed at h (spikes cover [fromHours, toHours], ends included), or null when the market's own baseline applies (the last matching spike wins). */
export function fundingOverride(scenario: Scenario, venue: string, asset: string, h: number): number | null {
  let rate: number | null = null;
  for (const f of scenario.funding) if (applies(f, venue, asset) && h >= f.fromHours && h <= f.toHours) rate = f.ratePerInterval;
  return rate;
}

/** Fraction of stored depth left (the smallest matching drain; 1 without one). */
export function depthFactor(scenario: Scenario, venue: string, asset: string): number {
  let f = 1;
  for (const d of scenario.liquidityDrain) if (applies(d, venue, asset)) f = Math.min(f, d.depthFactor);
  return f;
}

/** Haircut of a collateral asset at h: the latest shock in effect, else the venue's own. */
export function haircutAt(scenario: Scenario, venue: string, asset: string, h: number, venueHaircut: number): number {
  let best: { at: number; haircut: number } | null = null;
  for (const s of scenario.haircuts) {
    if (s.asset !== asset || (s.venue !== undefined && s.venue !== venue) || h < s.atHours) continue;
    if (!best || s.atHours >= best.at) best = { at: s.atHours, haircut: s.haircut };
  }
  return best ? Math.max(best.haircut, venueHaircut) : venueHaircut;
}

/** The hours of each step: 0, step, 2·step, …, horizon (the horizon always included). */
export function stepHours(scenario: Scenario): number[] {
  const step = scenario.stepMinutes / 60;
  const out: number[] = [];
  for (let i = 0; i * step < scenario.horizonHours - 1e-9; i++) out.push(i * step);
  out.push(scenario.horizonHours);
  return out;
}
