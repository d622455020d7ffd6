// `venuescope alerts [--skip-ranks] [--json]`: look for rank moves on the default scorecard (unless --skip-ranks),
// then POST the change events not yet delivered to ALERT_WEBHOOK_URL (lib/alerts). A rerun sends only what is
// still unsent; without ALERT_WEBHOOK_URL it says how many events are waiting.
import { z } from "zod";
import { db } from "../../lib/db";
import { afterWrites } from "../../lib/alerts/after-writes";
import { parseCommandArgs } from "../cli-args";
import type { CommandResult } from "./types";

const Args = z.object({ "skip-ranks": z.boolean().optional(), json: z.boolean().optional(), positionals: z.array(z.string()).max(0, "no positional arguments") });

export async function alertsCommand(argv: string[]): Promise<CommandResult> {
  const a = parseCommandArgs(argv, { "skip-ranks": { type: "boolean" } }, Args);
  // No progress lines: the summary says it all (failures included).
  const r = await afterWrites(db(), { skipRanks: a["skip-ranks"] });
  const ranks = r.rank ? (r.rank.checked ? `${r.rank.events} rank move(s) recorded` : `ranks not checked: ${r.rank.reason}`) : a["skip-ranks"] ? "ranks skipped" : "rank check failed";
  const d = r.alerts;
  const alerts = !d
    ? "delivery failed"
    : d.webhook
      ? `${d.sent} sent, ${d.failed} failed to ${d.webhook}, ${d.pending} pending${d.errors.length ? ` (first error: ${d.errors[0].error})` : ""}`
      : `ALERT_WEBHOOK_URL not set: ${d.pending} event(s) of real venues waiting, none sent`;
  return { ok: r.errors.length === 0 && (d?.failed ?? 0) === 0, summary: `alerts: ${ranks}; ${alerts}${r.errors.length ? `; ${r.errors.join("; ")}` : ""}`, json: r };
}
