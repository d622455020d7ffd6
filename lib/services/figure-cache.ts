// Computed figures kept in the database until the data changes: a value is reused while no ingest run has
// happened since it was computed (dataVersion = highest IngestRun id). Keys carry a version of the
// computation, so a code change that alters figures recomputes them.
import type { Db } from "../db";
import { dataVersion } from "./market-data";

export async function cachedFigure<T>(db: Db, key: string, compute: () => Promise<T>): Promise<T> {
  const version = await dataVersion(db);
  const hit = await db.figureCache.findUnique({ where: { key } });
  if (hit && hit.dataVersion === version) return JSON.parse(hit.json) as T;
  const value = await compute();
  const json = JSON.stringify(value);
  await db.figureCache.upsert({ where: { key }, create: { key, dataVersion: version, json }, update: { dataVersion: version, json, computedAt: new Date() } });
  return value;
}
