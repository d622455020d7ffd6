// `venuescope incidents --venue <id> [--limit N]`: the venue's incident ledger, newest first (same service as
// the venue page and /api/venues/<id>/incidents).
import { z } from "zod";
import { db } from "../../lib/db";
import { getVenueIncidents } from "../../lib/services/incidents";
import { NotFoundError } from "../../lib/services/errors";
import { IncidentsQuery } from "../../lib/views/incidents";
import { zVenueSlug } from "../../lib/views/params";
import { parseCommandArgs, UsageError } from "../cli-args";
import type { CommandResult } from "./types";

const Args = z.object({ venue: zVenueSlug, limit: IncidentsQuery.shape.limit, json: z.boolean().optional(), positionals: z.array(z.string()).max(0, "no positional arguments") });

export async function incidentsCommand(argv: string[], log: (line: string) => void = () => {}): Promise<CommandResult> {
  const a = parseCommandArgs(argv, { venue: { type: "string" }, limit: { type: "string" } }, Args);
  let v;
  try {
    v = await getVenueIncidents(db(), a.venue, { limit: a.limit });
  } catch (err) {
    if (err instanceof NotFoundError) throw new UsageError(err.message);
    throw err;
  }
  if (!a.json) for (const i of v.incidents) log(`${i.startedAt.slice(0, 10)}  ${i.kind.padEnd(12)} ${i.severity.padEnd(8)} ${i.title}`);
  const reviewed = v.ledger ? (v.ledger.reviewedFrom ? `reviewed ${v.ledger.reviewedFrom} → ${v.ledger.reviewedTo}` : "no reviewed period") : "no ledger";
  return { ok: true, summary: `${v.venue.name}: ${v.total} incident(s) in the ledger (${reviewed})${v.total > v.incidents.length ? `, newest ${v.incidents.length} listed` : ""}`, json: v };
}
