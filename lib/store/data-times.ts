// The newest data time a venue holds per kind (the data's own timestamps, not when it was imported), and the
// funding interval its markets settle at. The collector schedules and fills gaps from these; the data page
// judges freshness against a cadence with them.
import "server-only";
import type { Db } from "../db";
import type { DataKind } from "../venues/types";
import { DAY_MS } from "../metrics/time";

export async function lastDataTime(db: Db, venueSlug: string, kind: DataKind): Promise<number | null> {
  const market = { venue: { slug: venueSlug } };
  const ms = (d: Date | null | undefined) => (d ? d.getTime() : null);
  switch (kind) {
    case "depth":
      return ms((await db.bookSnapshot.aggregate({ where: { market }, _max: { ts: true } }))._max.ts);
    case "funding":
      // settled rates only: a predicted rate names a future time
      return ms((await db.fundingRecord.aggregate({ where: { market, predicted: false }, _max: { fundingTime: true } }))._max.fundingTime);
    case "oi":
      return ms((await db.openInterestReading.aggregate({ where: { market }, _max: { ts: true } }))._max.ts);
    case "liquidations":
      return ms((await db.liquidation.aggregate({ where: { market }, _max: { ts: true } }))._max.ts);
    case "insurance":
      return ms((await db.insuranceFundBalance.aggregate({ where: { venue: { slug: venueSlug } }, _max: { ts: true } }))._max.ts);
    default:
      // schedules (markets, fees, margin) carry no data time of their own: the last successful fetch stands for it
      return ms((await db.ingestRun.aggregate({ where: { venueSlug, kind, status: { in: ["ok", "partial"] } }, _max: { finishedAt: true } }))._max.finishedAt);
  }
}

/** The shortest funding interval (hours) among the venue's settled rates in the last 30 days; 8 when unknown. */
export async function settlementHours(db: Db, venueSlug: string, now = Date.now()): Promise<number> {
  const r = await db.fundingRecord.aggregate({
    where: { market: { venue: { slug: venueSlug } }, predicted: false, intervalHours: { gt: 0 }, fundingTime: { gte: new Date(now - 30 * DAY_MS) } },
    _min: { intervalHours: true },
  });
  const h = r._min.intervalHours;
  // A settlement every h hours with h a divisor of 24 keeps UTC-aligned boundaries; anything else is checked hourly.
  return h && h >= 1 && 24 % h === 0 ? h : h ? 1 : 8;
}
