// After funding records land, fill each record's interval from the timestamps (venues change intervals:
// Binance moves symbols between 8 h, 4 h and 1 h), using the same inference the metrics use.
import "server-only";
import type { Db } from "../db";
import { inferIntervals } from "../metrics/funding";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export async function fillFundingIntervals(tx: Tx, marketId: number): Promise<number> {
  const records = await tx.fundingRecord.findMany({
    where: { marketId, predicted: false },
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
  if (inferred.prevailingHours !== null) {
    // The market's current interval is what the latest records show, unless the venue declared one.
    await tx.market.updateMany({ where: { id: marketId, fundingIntervalHours: null }, data: { fundingIntervalHours: inferred.prevailingHours } });
  }
  return updated;
}
