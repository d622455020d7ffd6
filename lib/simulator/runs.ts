// The simulated data-collection history: one ingest run per venue, kind and schedule slot, most ok, some
// failed (random failures, more under stress) and whole outages (every run fails for hours). A failed depth
// or open-interest run also means the data of its slot is missing, so gaps in the data match the runs.
import { HOUR_MS, MINUTE_MS } from "../metrics/time";
import type { DataKind } from "../venues/types";
import { rngFor } from "./prng";
import type { SimVenueProfile } from "../venues/simulated/profiles";
import { stressAt, type World } from "./world";

/**
 * Minutes between scheduled runs of each kind. Margin rules change rarely and are loaded once per simulation,
 * so the simulated collection history has no margin runs.
 */
export type HistoryKind = Exclude<DataKind, "margin">;
export const RUN_CADENCE_MINUTES: Record<HistoryKind, number> = {
  depth: 60,
  oi: 240,
  liquidations: 240,
  funding: 240,
  insurance: 240,
  fees: 240,
  markets: 240,
};

export const RUN_STATUS = { ok: 0, partial: 1, failed: 2 } as const;
const STATUS_NAMES = ["ok", "partial", "failed"] as const;

export interface SimRun {
  venue: string;
  kind: HistoryKind;
  startedAt: number;
  durationMs: number;
  status: "ok" | "partial" | "failed";
  rowsWritten: number;
  rowsRejected: number;
  error: string | null;
}

export interface Outage {
  from: number;
  to: number;
}

/** The venue's outage windows (collector cannot reach the venue), clipped to the history. */
export function outages(world: World, profile: SimVenueProfile): Outage[] {
  const span = world.end - world.start;
  return profile.resiliency.outages
    .map((o) => {
      const anchor =
        typeof o.anchor === "number"
          ? world.start + Math.floor((o.anchor * span) / HOUR_MS) * HOUR_MS
          : world.episodes.find((e) => e.kind === o.anchor)!.start;
      const from = anchor + o.offsetHours * HOUR_MS;
      return { from, to: Math.min(world.end, from + o.hours * HOUR_MS) };
    })
    .filter((o) => o.from < world.end);
}

export function inOutage(list: readonly Outage[], ts: number): boolean {
  return list.some((o) => ts >= o.from && ts < o.to);
}

const cache = new WeakMap<World, Map<string, Uint8Array>>();

/** Status of every scheduled run of one venue and kind (RUN_STATUS codes), slot k at start + k × cadence. */
export function runStatuses(world: World, profile: SimVenueProfile, kind: HistoryKind): Uint8Array {
  let byKey = cache.get(world);
  if (!byKey) cache.set(world, (byKey = new Map()));
  const key = `${profile.slug}|${kind}`;
  const hit = byKey.get(key);
  if (hit) return hit;
  const step = RUN_CADENCE_MINUTES[kind] * MINUTE_MS;
  const n = Math.ceil((world.end - world.start) / step);
  const out = new Uint8Array(n);
  const rng = rngFor(world.seed, "runs", profile.slug, kind);
  const down = outages(world, profile);
  const { failProb, stressFail } = profile.resiliency;
  for (let k = 0; k < n; k++) {
    const t = world.start + k * step;
    const u = rng.next();
    if (inOutage(down, t)) out[k] = RUN_STATUS.failed;
    else if (u < failProb * (1 + stressFail * stressAt(world, t))) out[k] = RUN_STATUS.failed;
    else if (u > 0.996) out[k] = RUN_STATUS.partial;
    else out[k] = RUN_STATUS.ok;
  }
  byKey.set(key, out);
  return out;
}

/** True when the run of `kind` covering ts failed, so its data was not collected. */
export function slotFailed(world: World, profile: SimVenueProfile, kind: HistoryKind, ts: number): boolean {
  const statuses = runStatuses(world, profile, kind);
  const k = Math.floor((ts - world.start) / (RUN_CADENCE_MINUTES[kind] * MINUTE_MS));
  return k >= 0 && k < statuses.length && statuses[k] === RUN_STATUS.failed;
}

const FAILURES = [
  "simulated: HTTP 503 Service Unavailable",
  "simulated: request timed out after 10 s",
  "simulated: HTTP 429 Too Many Requests (rate limited)",
  "simulated: HTTP 502 Bad Gateway",
];

/** Rows a successful run of a kind would have written (an estimate for the run record). */
function rowsPerRun(world: World, profile: SimVenueProfile, kind: HistoryKind, rng: ReturnType<typeof rngFor>): number {
  const markets = world.assets.length;
  switch (kind) {
    case "depth":
      return markets * Math.max(1, Math.floor(RUN_CADENCE_MINUTES.depth / world.options.cadenceMinutes));
    case "oi":
      return markets;
    case "funding":
      return markets * Math.max(1, Math.round(RUN_CADENCE_MINUTES.funding / 60 / profile.funding.intervalHours));
    case "liquidations":
      return rng.poisson((profile.liquidations.calmPerHour * markets * RUN_CADENCE_MINUTES.liquidations) / 60);
    case "insurance":
      return 1;
    case "fees":
      return 0;
    case "markets":
      return 0;
  }
}

/** The run history of one venue, every kind, in time order within each kind. */
export function simulatedRuns(world: World, profile: SimVenueProfile): SimRun[] {
  const runs: SimRun[] = [];
  const down = outages(world, profile);
  for (const kind of Object.keys(RUN_CADENCE_MINUTES) as HistoryKind[]) {
    const statuses = runStatuses(world, profile, kind);
    const step = RUN_CADENCE_MINUTES[kind] * MINUTE_MS;
    const rng = rngFor(world.seed, "run-details", profile.slug, kind);
    for (let k = 0; k < statuses.length; k++) {
      const slot = world.start + k * step;
      const startedAt = slot + 1_000 + rng.int(30_000);
      const status = STATUS_NAMES[statuses[k]];
      const rows = rowsPerRun(world, profile, kind, rng);
      let error: string | null = null;
      let durationMs = Math.round(rng.lognormal(Math.log(kind === "depth" ? 900 : 400), 0.5));
      if (status === "failed") {
        error = inOutage(down, slot) ? `simulated outage: ${profile.slug} API unreachable (connection refused)` : rng.pick(FAILURES);
        if (error.includes("timed out")) durationMs = 10_000;
      }
      runs.push({
        venue: profile.slug,
        kind,
        startedAt,
        durationMs,
        status,
        rowsWritten: status === "failed" ? 0 : status === "partial" ? Math.max(0, rows - 1) : rows,
        rowsRejected: status === "partial" ? 1 : 0,
        error: status === "partial" ? "simulated: 1 record rejected (malformed level)" : error,
      });
    }
  }
  return runs;
}
