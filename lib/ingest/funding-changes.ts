// Funding interval changes as change events, found in the batch's transaction after its records and their
// inferred intervals are stored (lib/ingest/funding-intervals.ts): the settled records in the batch's time range,
// with the stored neighbour on each side, compared record to record (lib/metrics/change-diff.ts). Only for a
// market that already had records from an earlier run (a first load records nothing), and only past the newest
// of those (history filled in behind it is not a change the venue just made).
import "server-only";
import { intervalChangeDiff, intervalChanges } from "../metrics/change-diff";
import { recordChangeEvent } from "../store/change-events";
import type { Tx, WriteContext } from "./write-types";

/**
 * The newest settled record's time among those an earlier run than `runId` stored, or null when there is none
 * (a first load). Changes are recorded past it only: history filled in behind it (a backfill) is not news.
 */
export async function earlierFundingFrontier(tx: Tx, marketId: number, runId: number | null): Promise<number | null> {
  const earlier = runId === null ? {} : { OR: [{ ingestRunId: null }, { ingestRunId: { not: runId } }] };
  const newest = await tx.fundingRecord.findFirst({ where: { marketId, predicted: false, ...earlier }, orderBy: { fundingTime: "desc" }, select: { fundingTime: true } });
  return newest?.fundingTime.getTime() ?? null;
}

/**
 * Record each interval change among the market's records in [from, to] and the stored record on each side, at a
 * time after `frontier` (earlierFundingFrontier).
 */
export async function recordIntervalChanges(tx: Tx, market: { id: number; symbol: string }, range: { from: number; to: number }, frontier: number, ctx: WriteContext): Promise<number> {
  const settled = { marketId: market.id, predicted: false, intervalHours: { not: null } };
  const select = { fundingTime: true, intervalHours: true } as const;
  // One after another: queries of an interactive transaction share its one connection.
  const prev = await tx.fundingRecord.findFirst({ where: { ...settled, fundingTime: { lt: new Date(range.from) } }, orderBy: { fundingTime: "desc" }, select });
  const inRange = await tx.fundingRecord.findMany({ where: { ...settled, fundingTime: { gte: new Date(range.from), lte: new Date(range.to) } }, orderBy: { fundingTime: "asc" }, select });
  const next = await tx.fundingRecord.findFirst({ where: { ...settled, fundingTime: { gt: new Date(range.to) } }, orderBy: { fundingTime: "asc" }, select });
  const points = [prev, ...inRange, next].filter((r) => r !== null).map((r) => ({ ts: r.fundingTime.getTime(), intervalHours: r.intervalHours }));
  let recorded = 0;
  for (const c of intervalChanges(points).filter((x) => x.ts > frontier)) {
    const isNew = await recordChangeEvent(tx, {
      ...intervalChangeDiff(market.symbol, c),
      venueId: ctx.venueId,
      kind: "funding-interval",
      subject: market.symbol,
      occurredAt: c.ts,
      provenance: ctx.provenance,
      dedupeKey: `funding-interval|${market.id}|${c.ts}|${c.fromHours}->${c.toHours}`,
      ingestRunId: ctx.ingestRunId,
    });
    if (isNew) recorded++;
  }
  return recorded;
}
