// Fee schedules: tiers with maker rebates for the top tier, a version in force from before the history,
// and per profile a calm-time fee cut or a taker-fee hike at the crash's peak (a new fee version effective
// inside the stress episode), reverted some days later when the history runs that long.
import { DAY_MS, MINUTE_MS } from "../metrics/time";
import type { SimVenueProfile } from "../venues/simulated/profiles";
import type { World } from "./world";

export interface SimFeeTier {
  tier: string;
  makerRate: number;
  takerRate: number;
}

export interface SimFeeVersion {
  effectiveFrom: number;
  /** Why this version exists: "initial", "calm-cut", "stress-hike", "revert". */
  reason: string;
  source: string;
  tiers: SimFeeTier[];
}

const rate = (x: number) => Math.round(x * 1e7) / 1e7 + 0;

export function feeSourceUrl(profile: SimVenueProfile): string {
  return `https://example.invalid/sim/${profile.slug}/fees`;
}

/** When the stress hike takes effect: an hour into the crash (inside its full-stress plateau). */
export function stressHikeTs(world: World): number {
  return world.episodes.find((e) => e.kind === "crash")!.start + 60 * MINUTE_MS;
}

export function feeVersions(world: World, profile: SimVenueProfile): SimFeeVersion[] {
  const source = feeSourceUrl(profile);
  const base = profile.fees.tiers.map((t) => ({ tier: t.tier, makerRate: rate(t.maker), takerRate: rate(t.taker) }));
  const versions: SimFeeVersion[] = [{ effectiveFrom: world.start - 30 * DAY_MS, reason: "initial", source, tiers: base }];
  let current = base;
  const cut = profile.fees.calmCut;
  if (cut) {
    current = current.map((t) => ({ ...t, takerRate: rate(t.takerRate - cut.takerCutBps / 1e4) }));
    const at = world.start + Math.floor((cut.atFraction * (world.end - world.start)) / MINUTE_MS) * MINUTE_MS;
    versions.push({ effectiveFrom: at, reason: "calm-cut", source, tiers: current });
  }
  const hike = profile.fees.stressHike;
  if (hike) {
    const before = current;
    const at = stressHikeTs(world);
    const raised = current.map((t) => ({
      tier: t.tier,
      makerRate: hike.removeRebates ? Math.max(0, t.makerRate) : t.makerRate,
      takerRate: rate(t.takerRate + hike.takerAddBps / 1e4),
    }));
    versions.push({ effectiveFrom: at, reason: "stress-hike", source, tiers: raised });
    const revert = at + hike.revertAfterDays * DAY_MS;
    if (revert < world.end) versions.push({ effectiveFrom: revert, reason: "revert", source, tiers: before });
  }
  return versions.sort((a, b) => a.effectiveFrom - b.effectiveFrom);
}
