// Computed figures kept in the database until the data changes: a value is reused while no ingest run has
// happened since it was computed (dataVersion = highest IngestRun id, of the venue the figure is about when
// `venueId` is given). Keys carry a version of the computation, so a code change recomputes them.
import "server-only";
import type { Db } from "../db";
import { dataVersion } from "./market-data";

// One computation per key at a time in this process: while a key is being recomputed (an ingest moved its data
// version), other requests for it answer with the last stored value instead of starting the same work again, so
// a stream of ingests cannot make every reader recompute every figure (issue #18). A reader with no stored
// value waits for the running computation; a reader that arrives when nothing is running computes itself, so
// sequential callers always see the data they just wrote.
// Keyed by database handle too: tests (and a PostgreSQL team server's CLI) may hold several at once.
const inflightByDb = new WeakMap<Db, Map<string, Promise<unknown>>>();

export async function cachedFigure<T>(db: Db, key: string, compute: () => Promise<T>, venueId?: number): Promise<T> {
  const version = await dataVersion(db, venueId);
  const hit = await db.figureCache.findUnique({ where: { key } });
  if (hit && hit.dataVersion === version) return JSON.parse(hit.json) as T;
  let inflight = inflightByDb.get(db);
  if (!inflight) inflightByDb.set(db, (inflight = new Map()));
  const running = inflight.get(key) as Promise<T> | undefined;
  if (running) return hit ? (JSON.parse(hit.json) as T) : running;
  const work = (async () => {
    const value = await compute();
    const json = JSON.stringify(value);
    await db.figureCache.upsert({ where: { key }, create: { key, dataVersion: version, json }, update: { dataVersion: version, json, computedAt: new Date() } });
    return value;
  })().finally(() => inflight.delete(key));
  inflight.set(key, work);
  return work;
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
