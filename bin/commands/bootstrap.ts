// `venuescope bootstrap`: WAL on, and on an empty database the bundled dataset is loaded.
import { db } from "../../lib/db";
import { bootstrap } from "../../lib/ingest/bootstrap";
import type { CommandResult } from "./types";

export async function bootstrapCommand(_argv: string[], log: (line: string) => void): Promise<CommandResult> {
  const r = await bootstrap(db(), log);
  const written = r.runs.reduce((s, x) => s + x.rowsWritten, 0);
  const failed = r.runs.filter((x) => x.status === "failed");
  return {
    ok: failed.length === 0,
    summary: r.loaded ? `bootstrap: ${r.runs.length} bundled files loaded, ${written} rows, ${failed.length} failed` : `bootstrap: ${r.reason}`,
    json: r,
  };
}
