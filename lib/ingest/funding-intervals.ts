// After funding records land, fill each record's interval from the timestamps (venues change intervals:
// Binance moves symbols between 8 h, 4 h and 1 h), using the same inference the metrics use.
import "server-only";
import type { Db } from "../db";
import { inferIntervals } from "../metrics/funding";
import { DAY_MS } from "../metrics/time";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/**
 * Records read around a batch on each side: the inference needs a record's neighbours (a spacing, and two
 * consecutive records for a new regime), and three days hold at least nine of them at any published interval.
 */
export const INTERVAL_CONTEXT_MS = 3 * DAY_MS;
/** Latest records read to name the market's prevailing interval when the venue declared none. */
const PREVAILING_SAMPLE = 64;

/**
 * Fill the intervals of the records of [range.from, range.to] (a batch just written) from their spacing, reading
 * only that range and INTERVAL_CONTEXT_MS either side — never the market's whole history, so a long import's
 * memory and time per batch stay bounded — and set the market's interval from its latest records when unset.
 */
export async function fillFundingIntervals(tx: Tx, marketId: number, range: { from: number; to: number }): Promise<number> {
  const records = await tx.fundingRecord.findMany({
    where: { marketId, predicted: false, fundingTime: { gte: new Date(range.from - INTERVAL_CONTEXT_MS), lte: new Date(range.to + INTERVAL_CONTEXT_MS) } },
    orderBy: { fundingTime: "asc" },
    select: { id: true, fundingTime: true, rate: true, intervalHours: true },
  });
  if (records.length < 2) return 0;
  const inferred = inferIntervals(records.map((r) => ({ ts: r.fundingTime.getTime(), rate: r.rate, intervalHours: r.intervalHours })));
  let updated = 0;
  for (let i = 0; i < records.length; i++) {
    const hours = inferred.records[i]?.intervalHours ?? null;
    if (records[i].intervalHours === null && hours !== null) {
      await tx.fundingRecord.update({ where: { id: records[i].id }, data: { intervalHours: hours } });
      updated++;
    }
  }
  // The market's current interval is what its latest records show, unless the venue declared one.
  const market = await tx.market.findUnique({ where: { id: marketId }, select: { fundingIntervalHours: true } });
  if (market && market.fundingIntervalHours === null) {
    const latest = await tx.fundingRecord.findMany({ where: { marketId, predicted: false }, orderBy: { fundingTime: "desc" }, take: PREVAILING_SAMPLE, select: { fundingTime: true, rate: true, intervalHours: true } });
    const prevailing = inferIntervals(latest.reverse().map((r) => ({ ts: r.fundingTime.getTime(), rate: r.rate, intervalHours: r.intervalHours }))).prevailingHours;
    if (prevailing !== null) await tx.market.update({ where: { id: marketId }, data: { fundingIntervalHours: prevailing } });
  }
  return updated;
}
