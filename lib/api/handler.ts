// Route-handler plumbing: parse the query with zod (422 with field errors on bad input), map known
// failures to clear statuses, never leak a stack trace.
import { NextResponse } from "next/server";
import { z } from "zod";
import { NotFoundError } from "../services/errors";

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function fieldErrors(err: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of err.issues) {
    const key = issue.path.join(".") || "(query)";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

export function errorResponse(err: unknown): NextResponse {
  if (err instanceof z.ZodError) return NextResponse.json({ error: "invalid input", fields: fieldErrors(err) }, { status: 422 });
  if (err instanceof HttpError) return NextResponse.json({ error: err.message }, { status: err.status });
  if (err instanceof NotFoundError) return NextResponse.json({ error: err.message }, { status: 404 });
  console.error("route handler failed:", err instanceof Error ? err.message : String(err));
  return NextResponse.json({ error: "internal error" }, { status: 500 });
}

/** Query parameters as a plain object (repeated keys keep the last value). */
export function queryOf(req: Request): Record<string, string> {
  return Object.fromEntries(new URL(req.url).searchParams.entries());
}

export function handleGet<S extends z.ZodType>(schema: S, fn: (input: z.infer<S>) => Promise<unknown>) {
  return async (req: Request) => {
    try {
      const input = schema.parse(queryOf(req));
      return NextResponse.json(await fn(input));
    } catch (err) {
      return errorResponse(err);
    }
  };
}
