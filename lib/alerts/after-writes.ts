// What runs after data was written and committed (CLI ingest and import, the collector, bootstrap, `venuescope
// alerts`): look for rank moves on the default scorecard, then POST pending change events to ALERT_WEBHOOK_URL.
// Never throws: a failure is logged and the writes it follows stand. One at a time per process: a call while one
// is running waits for it instead of ranking twice, and joins a call already waiting with the same options.
import "server-only";
import type { Db } from "../db";
import { env } from "../env-core";
import { MINUTE_MS } from "../metrics/time";
import { checkRankMoves, type RankCheckResult } from "../services/rank-moves";
import { deliverPendingAlerts, type DeliverOptions, type DeliveryResult } from "./deliver";

export interface AfterWritesResult {
  rank: RankCheckResult | null;
  alerts: DeliveryResult | null;
  errors: string[];
}

export interface AfterWritesOptions {
  log?: (line: string) => void;
  /** Rank again no more often than this (the collector: every few minutes); default: after every new run. */
  rankMinIntervalMs?: number;
  /** Skip the rank check (deliver only). */
  skipRanks?: boolean;
  deliver?: Partial<DeliverOptions>;
}

/** How often the collector ranks the default scorecard again at most (a minute's books would otherwise rank every minute). */
export const COLLECTOR_RANK_INTERVAL_MS = 15 * MINUTE_MS;

let running: Promise<unknown> = Promise.resolve();
/** A call waiting behind the running one, by its options: a later call with the same options joins it. */
let queued: { key: string; db: Db; result: Promise<AfterWritesResult> } | null = null;

export function afterWrites(db: Db, opts: AfterWritesOptions = {}): Promise<AfterWritesResult> {
  const key = opts.deliver ? null : `${opts.skipRanks ?? false}|${opts.rankMinIntervalMs ?? 0}`;
  // Collector tasks finishing in a burst while a delivery waits on a slow webhook run it once, not once each.
  if (key !== null && queued && queued.key === key && queued.db === db) return queued.result;
  const entry = { key: key ?? "", db, result: running.then(() => {
    if (queued === entry) queued = null;
    return run(db, opts);
  }) };
  if (key !== null) queued = entry;
  running = entry.result.catch(() => {});
  return entry.result;
}

async function run(db: Db, opts: AfterWritesOptions): Promise<AfterWritesResult> {
  const log = opts.log ?? (() => {});
  const out: AfterWritesResult = { rank: null, alerts: null, errors: [] };
  if (!opts.skipRanks) {
    try {
      out.rank = await checkRankMoves(db, { minIntervalMs: opts.rankMinIntervalMs });
      if (out.rank.events) log(`change events: ${out.rank.events} rank move(s) on the default scorecard`);
    } catch (err) {
      out.errors.push(`rank check: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  try {
    out.alerts = await deliverPendingAlerts(db, { url: env().ALERT_WEBHOOK_URL, ...opts.deliver });
    const a = out.alerts;
    if (a.webhook && (a.sent || a.failed)) log(`alerts: ${a.sent} sent, ${a.failed} failed to ${a.webhook}${a.errors.length ? ` (${a.errors[0].error})` : ""}`);
  } catch (err) {
    out.errors.push(`alerts: ${err instanceof Error ? err.message : String(err)}`);
  }
  for (const e of out.errors) log(e);
  return out;
}
