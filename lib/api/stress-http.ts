// Shared plumbing of the /api/stress routes: the body size limit and the mapping of the service's input
// errors to 422 with the field named (the request schema is the stress view's, lib/views/stress.ts).
import { NextResponse } from "next/server";
import { StressInputError } from "../services/stress";
import { PortfolioFileError } from "../stress/portfolio";
import { errorResponse } from "./handler";

export const MAX_STRESS_BODY_BYTES = 2 * 1024 * 1024;
/** What to change when a run's answer is over MAX_STRESS_RESPONSE_BYTES. */
export const STRESS_NARROW = "use a longer step, a shorter horizon or fewer venues";

export function stressErrorResponse(err: unknown): NextResponse {
  if (err instanceof StressInputError) return NextResponse.json({ error: err.message, fields: { [err.field]: [err.message] } }, { status: 422 });
  if (err instanceof PortfolioFileError) return NextResponse.json({ error: err.message, fields: { file: [err.message] } }, { status: 422 });
  return errorResponse(err);
}
