// One `backfill` task from published files (lib/archives/archive-sources.ts): period by period (a day or a
// month), every file of the period (one for Binance Vision and Tardis, one per hour for Hyperliquid's S3
// archive) downloaded into the cache and imported. A period counts as covered when each of its files was
// imported or is not published and old enough to have been; a period skipped for want of a credential, or
// with a failed file, holds the cursor before it.
import "server-only";
import path from "node:path";
import type { Db } from "../db";
import { daysBetween, monthsBetween } from "../archives/binance-vision";
import type { ArchiveFile, ArchivePlan } from "../archives/archive-sources";
import { downloadArchive, enforceCacheCap, AccessDeniedError, DownloadAbortedError } from "../archives/download";
import { ensureMarket } from "./ensure-market";
import { importArchive } from "./import-archive";
import { aborted, iso, type BackfillOptions, type BackfillProgress, type BackfillTaskResult, type Task } from "./backfill-types";

type FileOutcome = "stored" | "not-published" | "failed" | "stopped" | "denied";

export async function runArchiveTask(db: Db, t: Task, opts: BackfillOptions, r: BackfillTaskResult, cursor: { start: number; coveredTo: number | null }, plan: ArchivePlan, save: (done: boolean) => Promise<void>) {
  const now = opts.now ?? Date.now;
  const periods = plan.monthly ? monthsBetween(cursor.start, opts.to) : daysBetween(cursor.start, opts.to);
  r.stepsTotal = periods.length;
  let coveredTo = cursor.coveredTo;
  let contiguous = true;
  const missing = await ensureMarket(db, t.connector, t.symbol);
  if (missing) {
    r.failures.push({ step: t.symbol, message: missing });
    return;
  }
  for (const period of periods) {
    if (aborted(opts.signal)) {
      r.status = "stopped";
      break;
    }
    const progress = (outcome: BackfillProgress["outcome"], message: string) =>
      opts.onProgress?.({ venue: r.venue, kind: t.kind, symbol: t.symbol, source: t.source, step: period, outcome, stepsDone: r.steps, stepsTotal: r.stepsTotal, rowsWritten: r.rowsWritten, bytes: r.bytesFetched, message });
    const skip = plan.skip(period);
    if (skip) {
      // Not fetched (a licence or a credential the user lacks): no failure, but the cursor stays before it,
      // so a later run with the key fills it.
      r.skipped.push(period);
      r.steps++;
      contiguous = false;
      if (r.skipped.length === 1) r.skipReason = skip;
      progress("skipped", `${period}: ${skip}`);
      continue;
    }
    const files = plan.files(t.symbol, period);
    const outcomes: FileOutcome[] = [];
    const notes: string[] = [];
    for (const f of files) {
      if (aborted(opts.signal)) {
        outcomes.push("stopped");
        break;
      }
      const o = await fetchAndImport(db, t, opts, r, plan, f, files.length > 1 ? `${period} ${path.basename(f.rel)}` : period, notes, progress);
      outcomes.push(o);
      if (o === "stopped" || o === "denied") break;
    }
    r.steps++;
    if (outcomes.includes("stopped")) {
      r.status = "stopped";
      break;
    }
    const unpublished = outcomes.filter((o) => o === "not-published").length;
    const failed = outcomes.some((o) => o === "failed" || o === "denied");
    let ok = false;
    if (!failed) {
      // Only a period old enough to have been published counts as covered with files missing.
      ok = unpublished === 0 || plan.endOf(period) + 1 + plan.publishLagMs <= now();
      if (unpublished === files.length) {
        r.notPublished.push(period);
        progress("not-published", `${period}: not published`);
      } else {
        progress("stored", `${period}: ${notes.join("; ")}${unpublished ? `; ${unpublished} of ${files.length} files not published` : ""}`);
      }
    }
    if (contiguous && ok) coveredTo = plan.endOf(period);
    else contiguous = false;
    r.coveredTo = iso(coveredTo);
    await save(false);
    // A refused credential will be refused for every other period too.
    if (outcomes.includes("denied")) break;
  }
}

/** Download one file and import it; `step` names it in failures (the period, or the period and the file). */
async function fetchAndImport(db: Db, t: Task, opts: BackfillOptions, r: BackfillTaskResult, plan: ArchivePlan, f: ArchiveFile, step: string, notes: string[], progress: (o: BackfillProgress["outcome"], m: string) => void): Promise<FileOutcome> {
  try {
    const dl = await downloadArchive({
      url: f.url,
      checksumUrl: f.checksumUrl,
      headers: f.sign ? { ...f.headers, ...f.sign() } : f.headers,
      dest: path.join(opts.archive.cacheDir, f.rel),
      signal: opts.signal,
      retry: opts.retry,
      rateLimit: plan.rateLimit,
      onBytes: (n) => {
        r.bytesFetched += n;
        progress("bytes", "");
      },
    });
    if (dl.status === "not-published") return f.fallback ? fetchAndImport(db, t, opts, r, plan, f.fallback, step, notes, progress) : "not-published";
    if (dl.cached) r.cachedFiles++;
    if (dl.resumedFrom > 0) r.resumedDownloads++;
    enforceCacheCap(opts.archive.cacheDir, opts.archive.cacheCapBytes, new Set([dl.file]));
    const imp = await importArchive(db, { file: dl.file, format: f.format, venue: t.connector.info.slug, symbol: t.symbol, provenance: "recorded", mode: "import", source: f.label });
    r.rowsWritten += imp.written;
    r.rowsSkipped += imp.skipped;
    r.rowsRejected += imp.rowsRejected;
    r.rowsRead += imp.rowsRead;
    if (imp.status === "failed") {
      r.failures.push({ step, message: imp.message });
      progress("failed", `${step}: ${imp.message}`);
      return "failed";
    }
    notes.push(`${imp.message}${dl.checksum === "verified" ? ", checksum verified" : f.checksumUrl ? ", no checksum published" : ""}`);
    return "stored";
  } catch (err) {
    if (err instanceof DownloadAbortedError || aborted(opts.signal)) return "stopped";
    const message = err instanceof Error ? err.message : String(err);
    r.failures.push({ step, message });
    progress("failed", `${step}: ${message}`);
    return err instanceof AccessDeniedError ? "denied" : "failed";
  }
}
