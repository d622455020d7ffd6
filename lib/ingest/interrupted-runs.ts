// Run bookkeeping after a crash: an ingest run still "running" when the app starts was left by a process
// that died (killed, machine restarted) before its final update. It is closed as failed with the reason
// "interrupted" so it shows in the errors view instead of "running" forever. Its committed batches stay:
// every batch is its own transaction, and rerunning the import skips what is already stored.
import "server-only";
import type { Db } from "../db";

export const INTERRUPTED_REASON = "interrupted: the process stopped before the run finished; committed batches were kept, rerun the import to complete it";

/**
 * Close runs left "running" that started before `startedBefore` (default: now). A run of another process
 * that is still alive and gets closed here corrects itself: its own final update writes its real status.
 */
export async function closeInterruptedRuns(db: Db, startedBefore: Date = new Date()): Promise<number> {
  const now = new Date();
  const { count } = await db.ingestRun.updateMany({
    where: { status: "running", startedAt: { lt: startedBefore } },
    data: { status: "failed", error: INTERRUPTED_REASON, finishedAt: now },
  });
  return count;
}
