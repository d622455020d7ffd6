// `venuescope backfill`: a venue's published history over a window (lib/ingest/backfill.ts): funding and
// open interest from its history APIs (or, with --source archive, Binance Vision's monthly fundingRate and
// daily metrics files), depth bands from Binance Vision's daily bookDepth archives, and with --source tardis
// Tardis.dev's daily trades, liquidations, book_snapshot_25 and derivative_ticker files (TARDIS_API_KEY, or
// the free first day of each month without one), and Hyperliquid's l2Book archive on S3 with AWS credentials
// (requester pays). Resumable: rerun the same command after a kill and it
// continues where it stopped. Ctrl-C stops after the current step.
import path from "node:path";
import { z } from "zod";
import { db } from "../../lib/db";
import { env, projectRoot } from "../../lib/env";
import { backfill, BACKFILL_KINDS, BACKFILL_SOURCES, type BackfillProgress } from "../../lib/ingest/backfill";
import { DAY_MS } from "../../lib/metrics/time";
import { parseCommandArgs, UsageError, zCsvList } from "../cli-args";
import { progressSink } from "./progress";
import type { CommandResult } from "./types";

/** A day (YYYY-MM-DD, UTC) or an ISO time; a bare day as --to means the end of that day. */
const zWhen = (end: boolean) =>
  z.string().transform((s, ctx) => {
    const day = /^\d{4}-\d{2}-\d{2}$/.test(s);
    const t = Date.parse(day ? `${s}T00:00:00Z` : s);
    if (!Number.isFinite(t)) {
      ctx.addIssue({ code: "custom", message: `not a date (YYYY-MM-DD) or ISO-8601 time: ${JSON.stringify(s)}` });
      return z.NEVER;
    }
    return day && end ? t + DAY_MS - 1 : t;
  });

const Args = z
  .object({
    venue: z.string({ error: "required: the venue id, e.g. binance-usdm" }),
    markets: zCsvList.optional(),
    symbols: zCsvList.optional(),
    kinds: zCsvList.pipe(z.array(z.enum(BACKFILL_KINDS))).default(["funding", "oi", "depth"]),
    from: zWhen(false).optional(),
    to: zWhen(true).optional(),
    source: z.enum(BACKFILL_SOURCES).optional(),
    json: z.boolean().optional(),
  })
  .refine((a) => a.from !== undefined, { message: "required: the first day, e.g. --from 2025-10-01", path: ["from"] });

export async function backfillCommand(argv: string[], log: (line: string) => void): Promise<CommandResult> {
  const a = parseCommandArgs(argv, { venue: { type: "string" }, markets: { type: "string" }, symbols: { type: "string" }, kinds: { type: "string" }, from: { type: "string" }, to: { type: "string" }, source: { type: "string" } }, Args);
  const from = a.from!;
  const to = a.to ?? Date.now();
  if (from > to) throw new UsageError("--from must not be after --to");
  const e = env();
  const cacheDir = path.resolve(projectRoot(), e.VENUESCOPE_ARCHIVE_CACHE ?? ".cache/archives");
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once("SIGINT", onSigint);
  process.once("SIGTERM", onSigint);
  const sink = progressSink(process.stderr, log);
  const t0 = Date.now();
  const onProgress = (p: BackfillProgress) => {
    sink.update({ label: `${p.symbol} ${p.kind}`, done: p.stepsDone, total: p.stepsTotal, rows: p.rowsWritten, bytes: p.bytes, elapsedMs: Date.now() - t0 });
    if (p.outcome !== "bytes") sink.line(`${p.venue} ${p.symbol} ${p.kind} (${p.source}) ${p.stepsDone}/${p.stepsTotal} ${p.outcome}: ${p.message}`);
  };
  try {
    const r = await backfill(db(), {
      venue: a.venue,
      markets: a.markets,
      symbols: a.symbols,
      kinds: a.kinds,
      from,
      to,
      source: a.source,
      archive: {
        baseUrl: e.BINANCE_VISION_URL ?? "https://data.binance.vision",
        tardisBaseUrl: e.TARDIS_DATASETS_URL,
        tardisApiKey: e.TARDIS_API_KEY || undefined,
        aws: e.AWS_ACCESS_KEY_ID && e.AWS_SECRET_ACCESS_KEY ? { accessKeyId: e.AWS_ACCESS_KEY_ID, secretAccessKey: e.AWS_SECRET_ACCESS_KEY, sessionToken: e.AWS_SESSION_TOKEN || undefined } : null,
        hyperliquidArchiveUrl: e.HYPERLIQUID_ARCHIVE_URL,
        bybitTradesUrl: e.BYBIT_TRADES_URL,
        bybitOrderbookUrl: e.BYBIT_ORDERBOOK_URL,
        cacheDir,
        cacheCapBytes: (e.VENUESCOPE_ARCHIVE_CACHE_MB ?? 2048) * 1024 * 1024,
      },
      http: e.VENUESCOPE_CCXT_API_URLS ? { ccxtApiUrls: e.VENUESCOPE_CCXT_API_URLS } : undefined,
      signal: controller.signal,
      onProgress,
    });
    sink.end();
    const unsupported = r.tasks.filter((t) => t.status === "not-supported");
    for (const t of unsupported) log(`${t.symbol} ${t.kind}: not supported (${t.message})`);
    const done = r.tasks.filter((t) => t.status !== "not-supported");
    const secs = Math.max(r.ms, 1) / 1000;
    const summary = `backfill ${r.venue} ${new Date(from).toISOString().slice(0, 10)}..${new Date(to).toISOString().slice(0, 10)}: ${done.length} tasks, ${r.rowsWritten} rows written (${Math.round(r.rowsWritten / secs)}/s), ${r.rowsSkipped} already stored, ${r.notPublished} days not published${r.skipped ? `, ${r.skipped} days skipped (${r.tasks.find((t) => t.skipReason)?.skipReason})` : ""}, ${r.failed} with failures${unsupported.length ? `, ${unsupported.length} not supported` : ""}${r.stopped ? ", stopped (rerun to continue)" : ""}`;
    return { ok: r.failed === 0 && !r.stopped && done.length > 0, summary, json: r };
  } finally {
    process.off("SIGINT", onSigint);
    process.off("SIGTERM", onSigint);
  }
}
