// Argument parsing for the venuescope CLI: node's parseArgs for the syntax, zod for the values, so a
// bad value gets a clear message naming the option.
import { parseArgs } from "node:util";
import { z } from "zod";
import { isoTimeMs, zIsoTimeString } from "../lib/views/params";

export class UsageError extends Error {}

export function parseCommandArgs<T extends z.ZodRawShape>(argv: string[], options: Record<string, { type: "string" | "boolean"; multiple?: boolean }>, schema: z.ZodObject<T>) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { json: { type: "boolean" }, ...options }, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const result = schema.safeParse({ ...parsed.values, positionals: parsed.positionals });
  if (!result.success) {
    throw new UsageError(result.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; "));
  }
  return result.data;
}

export const zIsoMs = zIsoTimeString.transform((s) => isoTimeMs(s)!);

export const zCsvList = z.string().transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean));
