// Record/replay directories: `ingest --record <dir>` saves every raw response with its request as one
// JSON file; `import <dir>` reads them back and replays them through the same parsers (lib/ingest/import-dir.ts).
import "server-only";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { CAPTURE_KINDS, type RawCapture } from "../venues/types";

export const CaptureFile = z.object({
  venue: z.string().min(1),
  kind: z.enum(CAPTURE_KINDS),
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
