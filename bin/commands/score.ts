// `venuescope score [--notional <usd>] [--asset BTC] [--window 30d] [--weights <file.json>] [--no-simulated]`
import fs from "node:fs";
import { z } from "zod";
import { db } from "../../lib/db";
import { getScorecard } from "../../lib/services/scorecard";
import { DEFAULT_NOTIONAL_USD, windowFrom, zAsset, zNamedWindows, zNotionalUsd, zWeights, zWindowFields } from "../../lib/views/params";
import { fmtUsd } from "../../lib/format";
import { parseCommandArgs, UsageError } from "../cli-args";
import type { CommandResult } from "./types";

const Args = z.object({ notional: zNotionalUsd.default(DEFAULT_NOTIONAL_USD), asset: zAsset, weights: z.string().optional(), "no-simulated": z.boolean().optional(), ...zWindowFields, stress: zNamedWindows.optional(), json: z.boolean().optional() });

export function readWeightsFile(file: string) {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new UsageError(`--weights ${file}: ${(err as Error).message}`);
  }
  const body = raw && typeof raw === "object" && "weights" in raw ? (raw as { weights: unknown }).weights : raw;
  const parsed = zWeights.safeParse(body);
  if (!parsed.success) throw new UsageError(`--weights ${file}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return parsed.data;
}

export async function scoreCommand(argv: string[]): Promise<CommandResult> {
  const a = parseCommandArgs(argv, { notional: { type: "string" }, asset: { type: "string" }, weights: { type: "string" }, "no-simulated": { type: "boolean" }, window: { type: "string" }, from: { type: "string" }, to: { type: "string" }, stress: { type: "string" } }, Args);
  let window;
  try {
    window = windowFrom(a);
  } catch (err) {
    throw new UsageError((err as z.ZodError).issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; "));
  }
  const weights = a.weights ? readWeightsFile(a.weights) : undefined;
  const rows = await getScorecard(db(), { notionalUsd: a.notional, window, asset: a.asset, weights, includeSimulated: !a["no-simulated"], stressWindows: a.stress });
  const ranked = rows.filter((r) => r.score.total !== null);
  // Scores are 0-100; each venue's provenance is stated so a simulated venue is never read as a real one.
  const top = ranked.slice(0, 3).map((r) => `${r.rank}. ${r.venue.name} ${r.score.total!.toFixed(1)}/100 (${r.venue.provenance})`).join(", ");
  const windowText = "preset" in window ? `last ${window.preset} of data` : `${new Date(window.from).toISOString()}→${new Date(window.to).toISOString()}`;
  return {
    ok: true,
    summary: `score ${a.asset} at ${fmtUsd(a.notional)}, ${windowText}: ${ranked.length} of ${rows.length} venues scored${top ? ` — ${top}` : ""}`,
    json: {
      params: { notionalUsd: a.notional, asset: a.asset, window, weights: rows[0]?.score.weights ?? null },
      venues: rows.map((r) => ({ rank: r.rank, venue: r.venue, market: r.market, group: r.group, status: r.score.status, reason: r.score.reason, total: r.score.total, executionCoverage: r.score.executionCoverage, confidence: r.score.confidence, items: r.score.items, droppedItems: r.score.droppedItems, droppedWeight: r.score.droppedWeight, methodologyVersion: r.score.methodologyVersion })),
    },
  };
}
