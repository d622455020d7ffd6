// Shared zod schemas for the parameters users pass to metrics and scores (query strings and CLI flags).
import { z } from "zod";
import { ITEM_IDS } from "../scoring/items";
import { WINDOW_PRESETS, type WindowPreset, type WindowSpec } from "./windows";

export const zNotionalUsd = z.coerce.number().positive("notional must be a positive USD amount").max(1e10, "notional above $10B is not meaningful");
export const zSide = z.enum(["buy", "sell"]);
export const zAsset = z.string().regex(/^[A-Z0-9]{1,15}$/, "asset is a base-asset ticker such as BTC").default("BTC");
export const zWindowPreset = z.enum(Object.keys(WINDOW_PRESETS) as [WindowPreset, ...WindowPreset[]]);
const zIso = z.string().refine((s) => Number.isFinite(Date.parse(s)), "not an ISO-8601 time").transform((s) => Date.parse(s));

/** A window from either a preset or an ISO from/to pair. */
export function windowFrom(input: { window?: WindowPreset; from?: number; to?: number }): WindowSpec {
  if (input.from !== undefined || input.to !== undefined) {
    if (input.from === undefined || input.to === undefined) throw new z.ZodError([{ code: "custom", path: [input.from === undefined ? "from" : "to"], message: "give both from and to", input: undefined }]);
    if (input.to <= input.from) throw new z.ZodError([{ code: "custom", path: ["to"], message: "to must be after from", input: undefined }]);
    return { from: input.from, to: input.to };
  }
  return { preset: input.window ?? "30d" };
}

export const zWindowFields = { window: zWindowPreset.optional(), from: zIso.optional(), to: zIso.optional() };

export const zWeights = z
  .record(z.string(), z.coerce.number().min(0, "weights are non-negative").max(1000))
  .superRefine((w, ctx) => {
    for (const k of Object.keys(w)) if (!(ITEM_IDS as readonly string[]).includes(k)) ctx.addIssue({ code: "custom", path: [k], message: `unknown checklist item ${k} (known: ${ITEM_IDS.join(", ")})` });
  });

/**
 * User-named stress windows: "name:FROM/TO" items separated by commas, FROM and TO ISO-8601 times, e.g.
 * "ftx-collapse:2022-11-08T00:00:00Z/2022-11-11T00:00:00Z".
 */
export const zNamedWindows = z.string().transform((s, ctx) => {
  const out: { name: string; from: number; to: number }[] = [];
  for (const part of s.split(",").map((x) => x.trim()).filter(Boolean)) {
    const m = /^([^:]+):([^/]+)\/(.+)$/.exec(part);
    const from = m ? Date.parse(m[2]) : NaN;
    const to = m ? Date.parse(m[3]) : NaN;
    if (!m || !Number.isFinite(from) || !Number.isFinite(to) || to <= from) {
      ctx.addIssue({ code: "custom", message: `"${part}" is not name:FROM/TO with ISO times and TO after FROM` });
      return z.NEVER;
    }
    out.push({ name: m[1], from, to });
  }
  return out;
});
