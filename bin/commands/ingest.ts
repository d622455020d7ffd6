// `venuescope ingest`: live fetch from a venue's public API, optionally recording raw responses, once
// or repeatedly (--watch <seconds>, 30 s and up) with a progress line per cycle. --since/--until (ISO-8601)
// ask history endpoints (funding history) for that window, paged until covered or --max-pages per symbol.
// --kinds term fetches the venue's dated futures beside its perpetual (the term structure; venues with a term-quote
// parser only), --markets naming the base assets.
import { z } from "zod";
import { db } from "../../lib/db";
import { ingestLive } from "../../lib/ingest/ingest-live";
import { afterWrites, COLLECTOR_RANK_INTERVAL_MS } from "../../lib/alerts/after-writes";
import { CAPTURE_KINDS, type DataKind } from "../../lib/venues/types";
import { ingestLiveTermQuotes } from "../../lib/ingest/term-quotes-live";
import { parseCommandArgs, zCsvList, zIsoMs } from "../cli-args";
import type { CommandResult } from "./types";

const Args = z.object({
  venue: z.string({ error: "required: the venue id, e.g. binance-usdm" }),
  markets: zCsvList.optional(),
  symbols: zCsvList.optional(),
  kinds: zCsvList.pipe(z.array(z.enum(CAPTURE_KINDS))).default(["markets", "depth", "funding", "fees", "oi"]),
  levels: z.coerce.number().int().positive().max(10_000).optional(),
  record: z.string().optional(),
  watch: z.coerce.number().int().min(30, "watch cadence must be 30 seconds or more").optional(),
  cycles: z.coerce.number().int().positive().optional(),
  since: zIsoMs.optional(),
  until: zIsoMs.optional(),
  "max-pages": z.coerce.number().int().positive().max(1000).optional(),
  json: z.boolean().optional(),
}).refine((a) => a.since === undefined || a.until === undefined || a.since <= a.until, { message: "--since must not be after --until", path: ["since"] })
  .refine((a) => a.until === undefined || a.since !== undefined, { message: "--until needs --since (a history window has two ends)", path: ["until"] })
  .refine((a) => !a.kinds.includes("term") || a.symbols === undefined, { message: "term quotes take --markets (base assets), not --symbols", path: ["symbols"] });

export async function ingestCommand(argv: string[], log: (line: string) => void): Promise<CommandResult> {
  const a = parseCommandArgs(argv, { venue: { type: "string" }, markets: { type: "string" }, symbols: { type: "string" }, kinds: { type: "string" }, levels: { type: "string" }, record: { type: "string" }, watch: { type: "string" }, cycles: { type: "string" }, since: { type: "string" }, until: { type: "string" }, "max-pages": { type: "string" } }, Args);
  const all = [];
  let stop = false;
  process.once("SIGINT", () => (stop = true));
  for (let cycle = 1; ; cycle++) {
    const dataKinds = a.kinds.filter((k): k is DataKind => k !== "term");
    const runs: { kind: string; status: string; rowsWritten: number; rowsRejected: number; error: string | null }[] = dataKinds.length
      ? await ingestLive(db(), { venue: a.venue, kinds: dataKinds, markets: a.markets, symbols: a.symbols, levelLimit: a.levels, since: a.since, until: a.until, maxPages: a["max-pages"], recordDir: a.record ?? null })
      : [];
    if (a.kinds.includes("term")) runs.push(await ingestLiveTermQuotes(db(), { venue: a.venue, markets: a.markets, recordDir: a.record ?? null }));
    all.push(...runs);
    // Committed: rank moves (under --watch at most every few minutes) and webhook alerts for new change events.
    await afterWrites(db(), { log, rankMinIntervalMs: a.watch ? COLLECTOR_RANK_INTERVAL_MS : undefined });
    const written = runs.reduce((s, r) => s + r.rowsWritten, 0);
    const failed = runs.filter((r) => r.status === "failed");
    if (a.watch) log(`cycle ${cycle}: ${a.venue} ${runs.map((r) => `${r.kind}=${r.status}`).join(" ")} · ${written} rows${failed.length ? ` · ${failed.map((f) => f.error).join("; ")}` : ""}`);
    if (!a.watch || stop || (a.cycles && cycle >= a.cycles)) break;
    await new Promise((r) => setTimeout(r, a.watch! * 1000));
    if (stop) break;
  }
  const written = all.reduce((s, r) => s + r.rowsWritten, 0);
  const rejected = all.reduce((s, r) => s + r.rowsRejected, 0);
  const failed = all.filter((r) => r.status === "failed").length;
  return {
    ok: failed === 0,
    summary: `ingest ${a.venue}: ${all.length} runs, ${written} rows written, ${rejected} rejected, ${failed} failed${a.record ? `, raw responses saved under ${a.record}` : ""}`,
    json: { runs: all },
  };
}
