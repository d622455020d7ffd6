// Stress scenarios: what moves, by how much and when. Validated with zod wherever a scenario enters (API,
// CLI file, UI); the named scenarios below are the built-in library. Hours count from the scenario start.
import { z } from "zod";

const zAsset = z.string().trim().min(1).max(20).transform((s) => s.toUpperCase());
const zVenue = z.string().trim().min(1).max(60);
/** The longest horizon a scenario (or a replay window) may span: 90 days. */
export const MAX_HORIZON_HOURS = 24 * 90;
const zHours = z.number().finite().min(0).max(MAX_HORIZON_HOURS);

/** A price move of `movePct` (−20 = −20 %) on an asset, everywhere or on one venue only (a venue divergence). */
export const Shock = z.object({
  asset: zAsset,
  venue: zVenue.optional(),
  movePct: z.number().finite().gt(-100).max(1000),
  /** When the move starts and how long it takes; 0 ramp = a gap. */
  startHours: zHours.default(0),
  rampHours: zHours.default(0),
});

/** A funding rate imposed between two times (per interval of the market, 0.001 = 0.1 %). */
export const FundingSpike = z.object({
  asset: zAsset.optional(),
  venue: zVenue.optional(),
  ratePerInterval: z.number().finite().min(-0.1).max(0.1),
  fromHours: zHours.default(0),
  toHours: zHours,
}).refine((f) => f.toHours > f.fromHours, { message: "toHours must be after fromHours", path: ["toHours"] });

/** Visible depth scaled by `depthFactor` (0.25 = a quarter of the stored depth is left). */
export const LiquidityDrain = z.object({
  venue: zVenue.optional(),
  asset: zAsset.optional(),
  depthFactor: z.number().finite().gt(0).max(1),
});

/** A collateral asset's haircut raised to `haircut` from `atHours` on (0.3 = counted at 70 %). */
export const HaircutShock = z.object({
  asset: zAsset,
  venue: zVenue.optional(),
  haircut: z.number().finite().min(0).max(1),
  atHours: zHours.default(0),
});

/** Fresh USD margin that arrives only after a delay (wire, bridge or treasury approval). */
export const Replenishment = z.object({
  venue: zVenue.optional(),
  amountUsd: z.number().finite().gt(0).max(1e12),
  delayHours: zHours,
});

/**
 * Work limits of one run (issue #19, class 3): the path has at most MAX_SCENARIO_STEPS steps, and every
 * position is revalued at every step in both margin modes, so positions × steps is capped too (about a
 * second and a half of engine time on 2 cores at the cap).
 */
export const MAX_SCENARIO_STEPS = 20_000;
export const MAX_POSITION_STEPS = 500_000;

/** Steps on the path: horizon / step, rounded up (lib/stress/path.ts steps to the horizon inclusive). */
export function scenarioSteps(s: { horizonHours: number; stepMinutes: number }): number {
  return Math.ceil((s.horizonHours * 60) / s.stepMinutes - 1e-9);
}

/** Why a run of `positions` positions through `s` is over a work limit; null when it is within both. */
export function stressWorkProblem(s: { horizonHours: number; stepMinutes: number }, positions: number): { field: string; message: string } | null {
  const steps = scenarioSteps(s);
  if (steps > MAX_SCENARIO_STEPS) return { field: "scenario.stepMinutes", message: `horizon ${s.horizonHours} h / step ${s.stepMinutes} min gives ${steps.toLocaleString("en-US")} steps, above the limit of ${MAX_SCENARIO_STEPS.toLocaleString("en-US")}; use a longer step or a shorter horizon` };
  if (steps * positions > MAX_POSITION_STEPS) return { field: "scenario.stepMinutes", message: `${positions} positions × ${steps.toLocaleString("en-US")} steps = ${(steps * positions).toLocaleString("en-US")} position-steps, above the limit of ${MAX_POSITION_STEPS.toLocaleString("en-US")}; use a longer step or fewer positions` };
  return null;
}

export const Scenario = z.object({
  name: z.string().trim().min(1).max(80),
  description: z.string().max(500).optional(),
  horizonHours: z.number().finite().gt(0).max(MAX_HORIZON_HOURS).default(24),
  stepMinutes: z.number().finite().min(1).max(24 * 60).default(15),
  /** Replay a stored stress window's price path (a window id from /api/stress-windows or "fromMs/toMs"). */
  replayWindow: z.string().trim().min(1).max(80).optional(),
  shocks: z.array(Shock).max(50).default([]),
  funding: z.array(FundingSpike).max(50).default([]),
  liquidityDrain: z.array(LiquidityDrain).max(50).default([]),
  haircuts: z.array(HaircutShock).max(50).default([]),
  replenishment: z.array(Replenishment).max(20).default([]),
  /** The "normal times" move used to size the collateral each margin mode needs (percent, both ways). */
  normalMovePct: z.number().finite().gt(0).max(50).default(5),
}).refine((s) => scenarioSteps(s) <= MAX_SCENARIO_STEPS, {
  message: `horizon / step gives more than ${MAX_SCENARIO_STEPS.toLocaleString("en-US")} steps; use a longer step`,
  path: ["stepMinutes"],
});
export type Scenario = z.infer<typeof Scenario>;
export type ScenarioInput = z.input<typeof Scenario>;

/** The built-in scenario library. Each is a plain scenario file; `stress --scenario <name>` picks one. */
export const NAMED_SCENARIOS: Record<string, ScenarioInput> = {
  "correlation-break": {
    name: "correlation-break",
    description: "Hedged legs move apart: BTC −20 % while ETH −35 % over 6 hours, books keep 40 % of their depth, funding turns to −0.1 % per interval (shorts pay longs) for the day, and $100k of fresh margin per venue arrives only after 12 hours.",
    horizonHours: 24,
    shocks: [
      { asset: "BTC", movePct: -20, rampHours: 6 },
      { asset: "ETH", movePct: -35, rampHours: 6 },
    ],
    liquidityDrain: [{ depthFactor: 0.4 }],
    funding: [{ ratePerInterval: -0.001, fromHours: 0, toHours: 24 }],
    replenishment: [{ amountUsd: 100_000, delayHours: 12 }],
  },
  "venue-divergence": {
    name: "venue-divergence",
    description: "The same asset diverges between venues: BTC gaps −12 % everywhere and a further −6 % on Hyperliquid (a mark divergence on one venue); books keep half their depth.",
    horizonHours: 12,
    shocks: [
      { asset: "BTC", movePct: -12 },
      { asset: "BTC", venue: "hyperliquid", movePct: -6 },
    ],
    liquidityDrain: [{ depthFactor: 0.5 }],
  },
  "crash-gap": {
    name: "crash-gap",
    description: "Every asset gaps −30 % at once and books keep 25 % of their depth.",
    horizonHours: 6,
    shocks: [
      { asset: "BTC", movePct: -30 },
      { asset: "ETH", movePct: -30 },
      { asset: "SOL", movePct: -30 },
      { asset: "XRP", movePct: -30 },
      { asset: "DOGE", movePct: -30 },
    ],
    liquidityDrain: [{ depthFactor: 0.25 }],
  },
  "short-squeeze": {
    name: "short-squeeze",
    description: "BTC and ETH rally +25 % over 4 hours while funding pays longs 0.3 % per interval (shorts pay) for two days.",
    horizonHours: 48,
    shocks: [
      { asset: "BTC", movePct: 25, rampHours: 4 },
      { asset: "ETH", movePct: 25, rampHours: 4 },
    ],
    funding: [{ ratePerInterval: 0.003, fromHours: 0, toHours: 48 }],
  },
  "collateral-crunch": {
    name: "collateral-crunch",
    description: "BTC −15 % and BTC collateral haircut raised to 30 % at hour 2; fresh margin needs 24 hours to arrive.",
    horizonHours: 36,
    shocks: [{ asset: "BTC", movePct: -15, rampHours: 2 }],
    haircuts: [{ asset: "BTC", haircut: 0.3, atHours: 2 }],
    replenishment: [{ amountUsd: 250_000, delayHours: 24 }],
  },
};

export function namedScenario(name: string): Scenario | null {
  const s = NAMED_SCENARIOS[name];
  return s ? Scenario.parse(s) : null;
}
