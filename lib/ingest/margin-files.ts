// Curated margin files (data/margin/<venue>.json) loaded on start through the normal import path, with
// the provenance curated facts get ("recorded"). A file is loaded again only when its content changes: the
// ingest run's source is the file name with a hash of its content, so an unchanged file is skipped without
// a new run (a run would move the data version on and drop every cached figure).
import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Db } from "../db";
import { projectRoot } from "../env-core";
import { importFile } from "./import-file";
import type { IngestSummary } from "./ingest-bodies";
import { CuratedMarginFile } from "../venues/curated-margin";

export function marginDir(): string {
  return path.join(projectRoot(), "data", "margin");
}

export async function loadCuratedMargin(db: Db, onProgress: (line: string) => void = () => {}, dir = marginDir()): Promise<IngestSummary[]> {
  if (!fs.existsSync(dir)) return [];
  const runs: IngestSummary[] = [];
  for (const name of fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
    const file = path.join(dir, name);
    const text = fs.readFileSync(file, "utf8");
    const source = `margin/${name}@${crypto.createHash("sha256").update(text).digest("hex").slice(0, 12)}`;
    const venue = CuratedMarginFile.parse(JSON.parse(text)).venue;
    const done = await db.ingestRun.findFirst({ where: { kind: "margin", source, status: { in: ["ok", "partial"] } }, select: { id: true } });
    if (done) continue;
    const run = await importFile(db, { file, venue, kind: "margin", mode: "bootstrap", provenance: "recorded", source });
    runs.push(run);
    onProgress(`margin rules ${venue} (${name}): ${run.status}, ${run.rowsWritten} rows${run.rejections.length ? `; first rejection: ${run.rejections[0].symbol ?? "-"} ${run.rejections[0].field}: ${run.rejections[0].message}` : ""}`);
  }
  return runs;
}
