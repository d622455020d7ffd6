// Time windows for metrics: presets counted back from a market's latest data (recorded and simulated data
// are not "now"), or an explicit from/to. Every figure states the window it was computed over.
import { z } from "zod";
import { DAY_MS } from "../metrics/time";

export const WINDOW_PRESETS = { "7d": 7, "30d": 30, "90d": 90, "365d": 365, all: null } as const;
export type WindowPreset = keyof typeof WINDOW_PRESETS;
export const DEFAULT_WINDOW: WindowPreset = "30d";

export const WindowSpec = z.union([
  z.object({ preset: z.enum(Object.keys(WINDOW_PRESETS) as [WindowPreset, ...WindowPreset[]]) }),
  z.object({ from: z.number().int(), to: z.number().int() }).refine((w) => w.to > w.from, "window end must be after its start"),
]);
export type WindowSpec = z.infer<typeof WindowSpec>;

/**
 * Resolve a window for data spanning [firstTs, lastTs]; null when there is no data (in the window). An
 * explicit from/to is clamped to the data's range (issue #19, class 3): a window spanning centuries costs
 * what the data costs, never a per-day structure for every day asked for, and the figures state the window
 * they were really computed over.
 */
export function resolveWindow(spec: WindowSpec, firstTs: number | null, lastTs: number | null): { from: number; to: number } | null {
  if (firstTs === null || lastTs === null) return null;
  if ("from" in spec) {
    const from = Math.max(spec.from, firstTs);
    const to = Math.min(spec.to, lastTs);
    return from <= to ? { from, to } : null;
  }
  const days = WINDOW_PRESETS[spec.preset];
  return { from: days === null ? firstTs : Math.max(firstTs, lastTs - days * DAY_MS), to: lastTs };
}

export function windowKey(spec: WindowSpec): string {
  return "from" in spec ? `${spec.from}-${spec.to}` : spec.preset;
}
