// `venuescope bootstrap`: WAL on, and on an empty database the bundled dataset is loaded.
import { db } from "../../lib/db";
import { bootstrap } from "../../lib/bootstrap";
import type { CommandResult } from "./types";

export async function bootstrapCommand(_argv: string[], log: (line: string) => void): Promise<CommandResult> {
  const r = await bootstrap(db(), log);
  const written = r.runs.reduce((s, x) => s + x.rowsWritten, 0);
  const failed = r.runs.filter((x) => x.status === "failed");
  const archiveFailed = r.archives.filter((x) => x.status === "failed");
  const bands = r.archives.reduce((s, x) => s + x.written, 0);
  return {
    ok: failed.length === 0 && archiveFailed.length === 0,
    summary: r.loaded
      ? `bootstrap: ${r.runs.length} recorded files loaded (${written} rows, ${failed.length} failed); ${r.archives.length} archive files (${bands} depth-band snapshots, ${archiveFailed.length} failed)${r.simulated ? `; simulated dataset ${r.simulated.venues.length} venues, ${Object.values(r.simulated.rowsWritten).reduce((a, b) => a + b, 0)} rows` : ""}`
      : `bootstrap: ${r.reason}`,
    json: { ...r, simulated: r.simulated ? { ...r.simulated, runs: undefined } : null },
  };
}
