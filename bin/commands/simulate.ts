// `venuescope simulate`: write the seeded simulated dataset (fictional venues sim-*, provenance simulated)
// through the normal ingestion path. Same seed and options give the same rows; re-running adds nothing.
import { z } from "zod";
import { db } from "../../lib/db";
import { simulate } from "../../lib/simulator/run-simulation";
import { MAX_SIM_DAYS } from "../../lib/simulator/world";
import { SIM_VENUE_PROFILES, ASSETS } from "../../lib/venues/simulated/profiles";
import { parseCommandArgs, zIsoMs } from "../cli-args";
import type { CommandResult } from "./types";

/** "5m", "15m", "1h" → minutes. */
const zCadence = z
  .string()
  .regex(/^\d+(m|h)$/, "give a cadence like 5m, 15m or 1h")
  .transform((s) => Number(s.slice(0, -1)) * (s.endsWith("h") ? 60 : 1))
  .refine((m) => m >= 1 && m <= 1440, "cadence must be between 1m and 24h");

const Args = z.object({
  positionals: z.array(z.string()).max(0, "simulate takes no positional arguments"),
  days: z.coerce.number().int().min(1).max(MAX_SIM_DAYS).optional(),
  cadence: zCadence.optional(),
  seed: z.string().min(1).optional(),
  venues: z.coerce.number().int().min(1).max(SIM_VENUE_PROFILES.length).optional(),
  markets: z.coerce.number().int().min(1).max(ASSETS.length).optional(),
  end: zIsoMs.optional(),
  replace: z.boolean().optional(),
  json: z.boolean().optional(),
});

export async function simulateCommand(argv: string[], log: (line: string) => void): Promise<CommandResult> {
  const a = parseCommandArgs(
    argv,
    { days: { type: "string" }, cadence: { type: "string" }, seed: { type: "string" }, venues: { type: "string" }, markets: { type: "string" }, end: { type: "string" }, replace: { type: "boolean" } },
    Args,
  );
  const r = await simulate(db(), {
    days: a.days,
    cadenceMinutes: a.cadence,
    seed: a.seed,
    venues: a.venues,
    markets: a.markets,
    endTs: a.end,
    replace: a.replace,
    onProgress: log,
  });
  const written = Object.values(r.rowsWritten).reduce((s, n) => s + n, 0);
  const skipped = Object.values(r.rowsSkipped).reduce((s, n) => s + n, 0);
  const rejected = Object.values(r.rowsRejected).reduce((s, n) => s + n, 0);
  const o = r.options;
  return {
    ok: r.ok,
    summary:
      `simulate: ${r.venues.length} venues × ${r.markets.length} markets × ${o.days} days at ${o.cadenceMinutes} min (seed ${o.seed}, ${r.window.from} .. ${r.window.to}): ` +
      `${written} rows written (${r.rowsWritten.depth} books), ${skipped} already stored, ${rejected} rejected, ${r.facts.written} facts, ` +
      `${r.historyRuns} simulated ingest runs (${r.historyFailedRuns} failed), ${r.trades.prints} trade prints in ${r.trades.sweeps} sweeps, ${r.predictions.written} predicted funding rates in ${(r.durationMs / 1000).toFixed(1)} s`,
    json: r,
  };
}
