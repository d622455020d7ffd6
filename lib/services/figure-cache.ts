// Computed figures kept in the database until the data changes: a value is reused while no ingest run has
// happened since it was computed (dataVersion = highest IngestRun id, of the venue the figure is about when
// `venueId` is given). Keys carry a version of the computation, so a code change recomputes them.
import "server-only";
import type { Db } from "../db";
import { dataVersion } from "./market-data";

export async function cachedFigure<T>(db: Db, key: string, compute: () => Promise<T>, venueId?: number): Promise<T> {
  const version = await dataVersion(db, venueId);
  const hit = await db.figureCache.findUnique({ where: { key } });
  if (hit && hit.dataVersion === version) return JSON.parse(hit.json) as T;
  const value = await compute();
  const json = JSON.stringify(value);
  await db.figureCache.upsert({ where: { key }, create: { key, dataVersion: version, json }, update: { dataVersion: version, json, computedAt: new Date() } });
  return value;
}

const marketVenue = new Map<number, number>();

/** The venue a market belongs to (markets never move between venues, so the answer is memoised). */
export async function venueOfMarket(db: Db, marketId: number): Promise<number> {
  let v = marketVenue.get(marketId);
  if (v === undefined) {
    v = (await db.market.findUniqueOrThrow({ where: { id: marketId }, select: { venueId: true } })).venueId;
    marketVenue.set(marketId, v);
  }
  return v;
}
