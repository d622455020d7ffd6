// Named weight profiles: the input schema (API) and the stored shape (lib/services/weight-profiles.ts).
// Client-safe.
import { z } from "zod";
import type { Weights } from "../scoring";
import { zWeights } from "./params";

export const WeightProfileInput = z.object({
  name: z
    .string()
    .trim()
    .min(1, "give the profile a name")
    .max(60, "names are at most 60 characters")
    .regex(/^[\p{L}\p{N} _.,()+&/-]+$/u, "use letters, digits, spaces and _ . , ( ) + & / - only"),
  weights: zWeights.superRefine((w, ctx) => {
    if (Object.keys(w).length > 0 && Object.values(w).every((x) => x === 0)) ctx.addIssue({ code: "custom", message: "at least one weight must be above 0" });
  }),
  isDefault: z.boolean().optional(),
});

export type WeightProfileInput = z.infer<typeof WeightProfileInput>;

export interface WeightProfile {
  id: number;
  name: string;
  weights: Weights;
  isDefault: boolean;
  updatedAt: string;
}
