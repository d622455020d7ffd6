// Shared plumbing of the /api/stress routes: the request body schema and the mapping of the service's
// input errors to 422 with the field named.
import { NextResponse } from "next/server";
import { z } from "zod";
import { StressInputError } from "../services/stress";
import { STRESS_EXPORT_FORMATS } from "../services/stress-runs";
import { PortfolioFileError } from "../stress/portfolio";
import { STRESS_TABLES } from "../stress/export-tables";
import { errorResponse } from "./handler";

export const MAX_STRESS_BODY_BYTES = 2 * 1024 * 1024;

/** Portfolio and scenario are validated by the service (their own zod schemas); here only their presence. */
export const StressRequest = z.object({
  portfolio: z.unknown().refine((v) => typeof v === "object" && v !== null, "required: a portfolio object"),
  scenario: z.union([z.string().min(1).max(80), z.record(z.string(), z.unknown())], { error: "required: a scenario name or object" }),
  save: z.boolean().default(false),
  title: z.string().max(200).optional(),
  format: z.enum(STRESS_EXPORT_FORMATS).default("csv"),
  table: z.enum(STRESS_TABLES).default("summary"),
});

export function stressErrorResponse(err: unknown): NextResponse {
  if (err instanceof StressInputError) return NextResponse.json({ error: err.message, fields: { [err.field]: [err.message] } }, { status: 422 });
  if (err instanceof PortfolioFileError) return NextResponse.json({ error: err.message, fields: { file: [err.message] } }, { status: 422 });
  return errorResponse(err);
}
