// The query shape shared by /api/scorecard, the home page prefetch and the client.
import { z } from "zod";
import { windowFrom, zAsset, zNamedWindows, zNotionalUsd, zWeights, zWindowFields } from "./params";
import type { ScorecardParams } from "./scorecard";

export const ScorecardQuery = z
  .object({
    notional: zNotionalUsd.default(1_000_000),
    asset: zAsset,
    ...zWindowFields,
    /** JSON object of item weights, e.g. {"depth":40,"fees":10}. */
    weights: z
      .string()
      .optional()
      .transform((s, ctx) => {
        if (s === undefined || s === "") return undefined;
        try {
          return JSON.parse(s) as unknown;
        } catch {
          ctx.addIssue({ code: "custom", message: "weights must be a JSON object" });
          return z.NEVER;
        }
      })
      .pipe(zWeights.optional()),
    simulated: z.enum(["show", "hide"]).default("show"),
    /** User-named stress windows: name:FROM/TO,… (ISO times). */
    stress: zNamedWindows.optional(),
  })
  .transform((q): ScorecardParams => ({ notionalUsd: q.notional, asset: q.asset, window: windowFrom(q), weights: q.weights, includeSimulated: q.simulated === "show", stressWindows: q.stress }));
