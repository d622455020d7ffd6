// Record/replay directories: `ingest --record <dir>` saves every raw response with its request as one
// JSON file; `import <dir>` reads them back and replays them through the same parsers.
import "server-only";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { DATA_KINDS, type RawCapture } from "../venues/types";

export const CaptureFile = z.object({
  venue: z.string().min(1),
  kind: z.enum(DATA_KINDS),
  symbol: z.string().nullable(),
  receivedTs: z.number().int().positive(),
  levelLimit: z.number().int().positive().nullable(),
  request: z.object({ method: z.string(), url: z.string(), params: z.record(z.string(), z.unknown()).optional() }),
  body: z.unknown(),
});

export function saveCaptures(dir: string, captures: RawCapture[]): string[] {
  return captures.map((c, i) => {
    const folder = path.join(dir, c.venue, c.kind);
    fs.mkdirSync(folder, { recursive: true });
    const name = `${new Date(c.receivedTs).toISOString().replace(/[:.]/g, "-")}_${(c.symbol ?? "all").replace(/[^\w.-]/g, "_")}_${i}.json`;
    const file = path.join(folder, name);
    fs.writeFileSync(file, JSON.stringify(c));
    return file;
  });
}

export interface LoadedCaptures {
  captures: RawCapture[];
  invalid: { file: string; message: string }[];
}

/** Every capture file under dir (recursively), in name order; files that are not captures are listed as invalid. */
export function loadCaptures(dir: string, maxBytes: number): LoadedCaptures {
  const captures: RawCapture[] = [];
  const invalid: { file: string; message: string }[] = [];
  const walk = (d: string): string[] =>
    fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : e.name.endsWith(".json") ? [path.join(d, e.name)] : []));
  for (const file of walk(dir).sort()) {
    const size = fs.statSync(file).size;
    if (size > maxBytes) {
      invalid.push({ file, message: `file is ${size} bytes, over the ${maxBytes}-byte import limit` });
      continue;
    }
    try {
      const parsed = CaptureFile.safeParse(JSON.parse(fs.readFileSync(file, "utf8")));
      if (!parsed.success) invalid.push({ file, message: `not a capture file: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}` });
      else captures.push(parsed.data as RawCapture);
    } catch (err) {
      invalid.push({ file, message: `not JSON: ${(err as Error).message}` });
    }
  }
  return { captures, invalid };
}
