// Order books with a realistic shape: best prices a venue-specific spread apart on the tick grid, level
// gaps growing geometrically away from mid (with occasional holes), sizes growing away from mid (with
// occasional walls), and under stress a wider spread, thinner near-mid depth and liquidity pulled further
// out — by amounts set per venue, so resilience under stress really differs between venues.
import { DAY_MS } from "../metrics/time";
import { rngFor, type Rng } from "./prng";
import { decimalsOfStep, symbolOf, type AssetSpec, type SimVenueProfile } from "../venues/simulated/profiles";
import { slotFailed } from "./runs";
import { bookStressAt, snapshotTimes, venueMid, type World } from "./world";

/** Levels per side of the simulated ladder; a venue returning fewer truncates it. */
export const LADDER_LEVELS = 50;
/** Level gaps grow by this factor per level. */
const GAP_GROWTH = 1.06;
/** Sum of the 49 gap multipliers GAP_GROWTH^k, k = 0..48: the ladder span in units of the first gap. */
const GEOM = (Math.pow(GAP_GROWTH, LADDER_LEVELS - 1) - 1) / (GAP_GROWTH - 1);
/** Level i holds a share ∝ (1 + i)^0.6 of the side's depth (depth grows away from mid). */
const WEIGHTS = Array.from({ length: LADDER_LEVELS }, (_, i) => Math.pow(1 + i, 0.6));
const SIZE_NOISE = 0.5;
const WALL_PROB = 0.03;
const WALL_MULT = 4;
/** Expected sum of level weights × noise (lognormal mean e^{σ²/2}) × walls. */
const WEIGHT_SUM = WEIGHTS.reduce((s, w) => s + w, 0) * Math.exp((SIZE_NOISE * SIZE_NOISE) / 2) * (1 + WALL_PROB * (WALL_MULT - 1));
const GAP_POW = Array.from({ length: LADDER_LEVELS }, (_, i) => Math.pow(GAP_GROWTH, i));

export type SimLevel = [price: number, size: number];

export interface SimBook {
  ts: number;
  bids: SimLevel[];
  asks: SimLevel[];
}

/** Everything about a venue-asset book that does not change between snapshots. */
interface BookParams {
  profile: SimVenueProfile;
  asset: AssetSpec;
  tick: number;
  pScale: number;
  sScale: number;
  levels: number;
}

function params(profile: SimVenueProfile, asset: AssetSpec): BookParams {
  const tick = profile.ticks[asset.base];
  return { profile, asset, tick, pScale: 10 ** decimalsOfStep(tick), sScale: 10 ** asset.sizeDecimals, levels: Math.min(profile.levels, LADDER_LEVELS) };
}

function side(p: BookParams, rng: Rng, firstTick: number, dir: 1 | -1, gap0Ticks: number, depthUsd: number, cut: number): SimLevel[] {
  const out: SimLevel[] = new Array(p.levels);
  const { holeProb } = p.profile.book;
  let t = firstTick;
  for (let i = 0; i < p.levels; i++) {
    if (i > 0) {
      let gap = gap0Ticks * GAP_POW[i - 1] * (0.6 + 0.8 * rng.next());
      if (rng.next() < holeProb) gap *= 3 + 3 * rng.next(); // a hole: missing levels
      t += dir * Math.max(1, Math.round(gap));
    }
    const price = Math.round(t * p.tick * p.pScale) / p.pScale;
    // Near-mid levels lose most of their size under stress; far levels keep more.
    const thin = 1 - cut * (1 - (0.6 * i) / (LADDER_LEVELS - 1));
    let usd = (depthUsd * WEIGHTS[i] * thin * Math.exp(SIZE_NOISE * rng.normal())) / WEIGHT_SUM;
    if (rng.next() < WALL_PROB) usd *= WALL_MULT;
    const units = Math.max(1, Math.round((usd / price) * p.sScale));
    out[i] = [price, units / p.sScale];
  }
  return out;
}

/** One book of venue v, asset a at ts, drawing from rng. */
export function generateBook(world: World, v: number, a: number, ts: number, rng: Rng): SimBook {
  const p = params(world.venues[v], world.assets[a]);
  return bookWith(world, p, v, a, ts, rng);
}

function bookWith(world: World, p: BookParams, v: number, a: number, ts: number, rng: Rng): SimBook {
  const { book } = p.profile;
  const s = bookStressAt(world, a, ts);
  const mid = venueMid(world, v, a, ts);
  const spreadBps = book.spreadBps * p.asset.spreadMult * (1 + book.stressSpread * s) * Math.exp(0.25 * rng.normal());
  const half = (mid * spreadBps) / 2e4;
  const bidTick = Math.floor((mid - half) / p.tick);
  let askTick = Math.ceil((mid + half) / p.tick);
  if (askTick <= bidTick) askTick = bidTick + 1;
  // Under stress liquidity retreats: the ladder spans further, and there is less of it.
  const spanUsd = (mid * book.spanBps * (1 + book.stressDepthCut * s)) / 1e4;
  const gap0 = spanUsd / GEOM / p.tick;
  const depth = book.depthUsd * p.asset.depthShare * Math.exp(0.15 * rng.normal());
  const cut = book.stressDepthCut * s;
  const bids = side(p, rng, bidTick, -1, gap0, depth * Math.exp(0.1 * rng.normal()), cut);
  const asks = side(p, rng, askTick, 1, gap0, depth * Math.exp(0.1 * rng.normal()), cut);
  return { ts, bids, asks };
}

/** Number of UTC days of books (bodies per venue-market). */
export function bookDays(world: World): number {
  return Math.ceil((world.end - world.start) / DAY_MS);
}

/** The books of day d (0-based) for venue v, asset a: every cadence slot whose depth run did not fail. */
export function bookDay(world: World, v: number, a: number, d: number): SimBook[] {
  const profile = world.venues[v];
  const p = params(profile, world.assets[a]);
  const from = world.start + d * DAY_MS;
  const rng = rngFor(world.seed, "book", profile.slug, p.asset.base, d);
  const out: SimBook[] = [];
  for (const ts of snapshotTimes(world, from, from + DAY_MS)) {
    // Draw the book even when it is dropped, so one failed run does not change the books after it.
    const b = bookWith(world, p, v, a, ts, rng);
    if (!slotFailed(world, profile, "depth", ts)) out.push(b);
  }
  return out;
}

export interface BookMeta {
  symbol: string;
  levelLimit: number;
  truncated: boolean;
}

export function bookMeta(world: World, v: number, a: number): BookMeta {
  const profile = world.venues[v];
  const levels = Math.min(profile.levels, LADDER_LEVELS);
  return { symbol: symbolOf(profile, world.assets[a].base), levelLimit: levels, truncated: levels < LADDER_LEVELS };
}
