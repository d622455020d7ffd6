// Reading a collector config file from disk (the CLI, start-up beside `npm start`, the data page).
import "server-only";
import fs from "node:fs";
import { CollectorConfigError, parseCollectorConfig } from "./config";

/** Read and validate a collector config file (JSON); errors name the file and the field. */
export function loadCollectorConfig(file: string, knownVenue: (slug: string) => boolean): ReturnType<typeof parseCollectorConfig> {
  let doc: unknown;
  try {
    doc = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new CollectorConfigError(`${file}: ${(err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : `not JSON (${(err as Error).message})`}`);
  }
  try {
    return parseCollectorConfig(doc, knownVenue);
  } catch (err) {
    throw new CollectorConfigError(`${file}: ${(err as Error).message}`);
  }
}
