// The simulated world every venue shares: the time grid, the stress episodes (a crash and a squeeze), a
// stress intensity s(t) in 0..1, one index (mid-price) path per asset at 1-minute resolution, and each
// venue's basis (mark/mid − index) per asset. Venue data (books, funding, liquidations, ...) is derived from
// these, so every venue sees the same market moves and the same stress, and reacts by its own profile.
import { DAY_MS, MINUTE_MS } from "../metrics/time";
import { rngFor } from "./prng";
import { ASSETS, SIM_VENUE_PROFILES, type AssetSpec, type SimVenueProfile } from "../venues/simulated/profiles";

export interface SimulationOptions {
  /** Length of the history in days. */
  days: number;
  /** Book snapshot cadence in minutes. */
  cadenceMinutes: number;
  /** Any string or number; the same seed and options give the same dataset. */
  seed: string | number;
  /** How many venues of SIM_VENUE_PROFILES (the first N). */
  venues: number;
  /** How many markets per venue (BTC, ETH, SOL: the first N). */
  markets: number;
  /** End of the history (exclusive for books), epoch ms. */
  endTs: number;
}

/** A fixed end so the default dataset is reproducible: 2026-11-01T00:00:00Z. */
export const DEFAULT_END_TS = Date.UTC(2026, 10, 1);

export const DEFAULT_SIMULATION_OPTIONS: SimulationOptions = {
  days: 60,
  cadenceMinutes: 5,
  seed: "venuescope",
  // The default dataset: the first 8 venues and 3 markets (BTC, ETH, SOL); the benchmark takes 10 x 5.
  venues: 8,
  markets: 3,
  endTs: DEFAULT_END_TS,
};

export const MAX_SIM_DAYS = 400;

export function resolveOptions(partial: Partial<SimulationOptions> = {}): SimulationOptions {
  const pick = <K extends keyof SimulationOptions>(k: K): SimulationOptions[K] => partial[k] ?? DEFAULT_SIMULATION_OPTIONS[k];
  const o: SimulationOptions = {
    days: pick("days"),
    cadenceMinutes: pick("cadenceMinutes"),
    seed: pick("seed"),
    venues: pick("venues"),
    markets: pick("markets"),
    endTs: pick("endTs"),
  };
  const intIn = (name: string, v: number, lo: number, hi: number) => {
    if (!Number.isInteger(v) || v < lo || v > hi) throw new RangeError(`simulator: ${name} must be an integer in ${lo}..${hi}, got ${v}`);
  };
  intIn("days", o.days, 1, MAX_SIM_DAYS);
  intIn("cadenceMinutes", o.cadenceMinutes, 1, 1440);
  intIn("venues", o.venues, 1, SIM_VENUE_PROFILES.length);
  intIn("markets", o.markets, 1, ASSETS.length);
  if (!Number.isFinite(o.endTs)) throw new RangeError("simulator: endTs must be a finite epoch-ms time");
  return { ...o, endTs: Math.floor(o.endTs / MINUTE_MS) * MINUTE_MS };
}

export interface StressEpisode {
  name: string;
  kind: "crash" | "squeeze";
  /** Price direction of the episode: −1 crash, +1 squeeze. */
  direction: -1 | 1;
  start: number;
  /** Full stress between peakFrom and peakTo. */
  peakFrom: number;
  peakTo: number;
  /** Stress has decayed below 0.1 by then. */
  end: number;
  /** Peak intensity (0..1). */
  peak: number;
  /** Log price move of BTC at the trough/top (other assets × stressBeta). */
  move: number;
}

export interface World {
  options: SimulationOptions;
  seed: string;
  start: number;
  end: number;
  /** Minutes in [start, end). */
  minutes: number;
  venues: readonly SimVenueProfile[];
  assets: readonly AssetSpec[];
  episodes: StressEpisode[];
  /** Stress intensity per minute, 0..1. */
  stress: Float32Array;
  /** Index price per asset per minute. */
  index: Float64Array[];
  /**
   * Per asset per minute: market turbulence 0..TURBULENCE_MAX from the size of the trailing-hour move, so books
   * also react (by each venue's fragility) to ordinary volatile hours, not only to the two episodes.
   */
  turbulence: Float32Array[];
  /** Basis (venue mid / index − 1) per venue per asset per minute. */
  basis: Float32Array[][];
}

interface EpisodeShape {
  kind: "crash" | "squeeze";
  atFraction: number;
  rampMin: number;
  plateauMin: number;
  halfLifeMin: number;
  peak: number;
  /** Log move at the extreme, reached after moveMin; then `retrace` of it is given back over retraceMin. */
  move: number;
  moveMin: number;
  retrace: number;
  retraceMin: number;
}

const EPISODES: EpisodeShape[] = [
  { kind: "crash", atFraction: 0.42, rampMin: 30, plateauMin: 150, halfLifeMin: 180, peak: 1, move: -0.15, moveMin: 120, retrace: 0.35, retraceMin: 360 },
  { kind: "squeeze", atFraction: 0.78, rampMin: 20, plateauMin: 70, halfLifeMin: 120, peak: 0.8, move: 0.09, moveMin: 90, retrace: 0.55, retraceMin: 720 },
];

function episodeStress(e: EpisodeShape, dtMin: number): number {
  if (dtMin < 0) return 0;
  if (dtMin < e.rampMin) return (e.peak * dtMin) / e.rampMin;
  if (dtMin < e.rampMin + e.plateauMin) return e.peak;
  return e.peak * Math.pow(0.5, (dtMin - e.rampMin - e.plateauMin) / e.halfLifeMin);
}

/** Log price displacement of an episode dtMin after its start (BTC; × stressBeta per asset). */
function episodeMove(e: EpisodeShape, dtMin: number): number {
  if (dtMin <= 0) return 0;
  if (dtMin < e.moveMin) {
    const x = dtMin / e.moveMin;
    return e.move * (1 - (1 - x) * (1 - x)); // front-loaded: the fastest move comes first
  }
  const back = e.retrace * (1 - Math.exp(-(dtMin - e.moveMin) / e.retraceMin));
  return e.move * (1 - back);
}

/** Turbulence = clamp((|1 h move| / 1 h sigma − 1.2) × 0.2, 0, 0.4): a 2.5-sigma hour is a quarter of full stress. */
const TURBULENCE_FROM_Z = 1.2;
const TURBULENCE_PER_Z = 0.2;
export const TURBULENCE_MAX = 0.4;

/** Basis regimes (per-8h premium levels) the market moves between. */
const REGIMES = [0.00012, 0.00004, -0.00005];

export function buildWorld(partial: Partial<SimulationOptions> = {}): World {
  const options = resolveOptions(partial);
  const seed = String(options.seed);
  const end = options.endTs;
  const start = end - options.days * DAY_MS;
  const minutes = (end - start) / MINUTE_MS;
  const venues = SIM_VENUE_PROFILES.slice(0, options.venues);
  const assets = ASSETS.slice(0, options.markets);

  // Episodes at fixed fractions of the history, on the hour, so short and long histories both have them.
  const episodes: StressEpisode[] = [];
  const stress = new Float32Array(minutes);
  const moves = new Float64Array(minutes);
  const shapes = EPISODES.map((shape) => ({ shape, startMin: Math.floor((shape.atFraction * minutes) / 60) * 60 }));
  for (const { shape, startMin } of shapes) {
    const startTs = start + startMin * MINUTE_MS;
    const decayMin = shape.halfLifeMin * Math.log2(shape.peak / 0.1);
    episodes.push({
      name: shape.kind === "crash" ? "simulated crash" : "simulated short squeeze",
      kind: shape.kind,
      direction: shape.move < 0 ? -1 : 1,
      start: startTs,
      peakFrom: startTs + shape.rampMin * MINUTE_MS,
      peakTo: startTs + (shape.rampMin + shape.plateauMin) * MINUTE_MS,
      end: Math.min(end, startTs + Math.round(shape.rampMin + shape.plateauMin + decayMin) * MINUTE_MS),
      peak: shape.peak,
      move: shape.move,
    });
    for (let m = startMin; m < minutes; m++) {
      const dt = m - startMin;
      const s = episodeStress(shape, dt);
      if (s > stress[m]) stress[m] = s;
      moves[m] += episodeMove(shape, dt);
    }
  }

  // Index paths: correlated random walks (common factor, rho 0.8) with stress-scaled volatility, plus the
  // episodes' moves. Per-minute sigma = annual vol / sqrt(minutes per year).
  const common = rngFor(seed, "index", "common");
  const commonShocks = new Float64Array(minutes);
  for (let m = 0; m < minutes; m++) commonShocks[m] = common.normal();
  const index = assets.map((a) => {
    const rng = rngFor(seed, "index", a.base);
    const sigma = a.annualVol / Math.sqrt(365 * 1440);
    const path = new Float64Array(minutes);
    let walk = 0;
    for (let m = 0; m < minutes; m++) {
      const volMult = 1 + 3 * stress[m];
      walk += sigma * volMult * (0.8 * commonShocks[m] + 0.6 * rng.normal());
      path[m] = a.startPrice * Math.exp(walk + a.stressBeta * moves[m]);
    }
    return path;
  });

  const turbulence = assets.map((a, ai) => {
    const path = index[ai];
    const hourSigma = (a.annualVol / Math.sqrt(365 * 1440)) * Math.sqrt(60);
    const out = new Float32Array(minutes);
    for (let m = 60; m < minutes; m++) {
      const z = Math.abs(Math.log(path[m] / path[m - 60])) / hourSigma;
      out[m] = Math.min(TURBULENCE_MAX, Math.max(0, (z - TURBULENCE_FROM_Z) * TURBULENCE_PER_Z));
    }
    return out;
  });

  // Funding regimes: the market's premium level switches every 12 h to 4 days.
  const regime = new Float32Array(minutes);
  const rr = rngFor(seed, "regime");
  let r = rr.int(REGIMES.length);
  for (let m = 0; m < minutes; ) {
    const len = Math.round(rr.uniform(12, 96)) * 60;
    for (let k = m; k < Math.min(minutes, m + len); k++) regime[k] = REGIMES[r];
    m += len;
    r = (r + 1 + rr.int(REGIMES.length - 1)) % REGIMES.length;
  }
  const direction = new Int8Array(minutes);
  for (const e of episodes) {
    for (let m = Math.max(0, (e.start - start) / MINUTE_MS); m < Math.min(minutes, (e.end - start) / MINUTE_MS); m++) direction[m] = e.direction;
  }

  // Basis per venue and asset: regime level + the venue's own mean-reverting noise (4 h half-life) + a
  // stress push in the episode's direction (a crash puts perps at a discount, a squeeze at a premium).
  const kappa = Math.LN2 / 240;
  const basis = venues.map((v) =>
    assets.map((a) => {
      const rng = rngFor(seed, "basis", v.slug, a.base);
      const step = v.funding.basisNoise * Math.sqrt(2 * kappa);
      const out = new Float32Array(minutes);
      let x = v.funding.basisNoise * rng.normal();
      for (let m = 0; m < minutes; m++) {
        x = x * (1 - kappa) + step * (1 + 2 * stress[m]) * rng.normal();
        out[m] = regime[m] + x + direction[m] * stress[m] * 0.0035 * v.funding.stressSensitivity * a.stressBeta;
      }
      return out;
    }),
  );

  return { options, seed, start, end, minutes, venues, assets, episodes, stress, index, turbulence, basis };
}

/** Minute index of ts, clamped to the history. */
export function minuteOf(world: World, ts: number): number {
  const m = Math.floor((ts - world.start) / MINUTE_MS);
  return m < 0 ? 0 : m >= world.minutes ? world.minutes - 1 : m;
}

export function stressAt(world: World, ts: number): number {
  return world.stress[minuteOf(world, ts)];
}

/** What a venue's book of asset a feels at ts: the episode stress or the market's turbulence, whichever is larger. */
export function bookStressAt(world: World, a: number, ts: number): number {
  const m = minuteOf(world, ts);
  return Math.max(world.stress[m], world.turbulence[a][m]);
}

/** The episode in force at ts (between its start and end), if any. */
export function episodeAt(world: World, ts: number): StressEpisode | null {
  return world.episodes.find((e) => ts >= e.start && ts < e.end) ?? null;
}

/** Venue mid (index × (1 + basis)) of venue v, asset a at ts. */
export function venueMid(world: World, v: number, a: number, ts: number): number {
  const m = minuteOf(world, ts);
  return world.index[a][m] * (1 + world.basis[v][a][m]);
}

/** Book snapshot times in [from, to) ∩ [start, end) on the cadence grid start + k × cadence. */
export function snapshotTimes(world: World, from = world.start, to = world.end): number[] {
  const step = world.options.cadenceMinutes * MINUTE_MS;
  const lo = Math.max(from, world.start);
  const hi = Math.min(to, world.end);
  const out: number[] = [];
  for (let t = world.start + Math.ceil((lo - world.start) / step) * step; t < hi; t += step) out.push(t);
  return out;
}


