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

/**
 * The largest answer a route sends (issue #19, class 3): JSON views are far below it (series are thinned,
 * windows clamped to the data); a request that would go over gets a 422 naming the limit instead of hundreds
 * of MB. Stress runs carry a path per step and account, hence their own, larger limit.
 */
export const MAX_RESPONSE_BYTES = 8 * 1024 * 1024;
export const MAX_STRESS_RESPONSE_BYTES = 16 * 1024 * 1024;

const mib = (n: number) => `${(n / 1024 / 1024).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MiB`;

/** Refuse a body above `maxBytes` with 422, naming the size, the limit and what to narrow. */
export function checkResponseSize(bytes: number, maxBytes = MAX_RESPONSE_BYTES, narrow = "ask for a narrower window or fewer items"): void {
  if (bytes > maxBytes) throw new HttpError(422, `the answer would be ${mib(bytes)}, above this route's limit of ${mib(maxBytes)}; ${narrow}`);
}

/** The value serialized once; throws the 422 of checkResponseSize when it is too large. */
export function sizedJson(value: unknown, maxBytes = MAX_RESPONSE_BYTES, narrow?: string): string {
  const text = JSON.stringify(value) ?? "null";
  checkResponseSize(Buffer.byteLength(text), maxBytes, narrow);
  return text;
}

/** A JSON response no larger than `maxBytes` (else the 422 of checkResponseSize). */
export function jsonResponse(value: unknown, init: ResponseInit = {}, maxBytes = MAX_RESPONSE_BYTES): NextResponse {
  return jsonTextResponse(sizedJson(value, maxBytes), init);
}

/** A response of JSON text already checked by sizedJson. */
export function jsonTextResponse(text: string, init: ResponseInit = {}): NextResponse {
  const headers = new Headers(init.headers);
  headers.set("content-type", "application/json");
  return new NextResponse(text, { ...init, headers });
}

/** Query parameters as a plain object (repeated keys keep the last value). */
export function queryOf(req: Request): Record<string, string> {
  return Object.fromEntries(new URL(req.url).searchParams.entries());
}

export function handleGet<S extends z.ZodType>(schema: S, fn: (input: z.infer<S>) => Promise<unknown>) {
  return async (req: Request) => {
    try {
      const input = schema.parse(queryOf(req));
      return jsonResponse(await fn(input));
    } catch (err) {
      return errorResponse(err);
    }
  };
}
