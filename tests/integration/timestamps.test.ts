// Fault class 2 of issue #19 end to end: a book whose timestamps are in microseconds (or far in the
// future) is rejected with the field named and never stored; a bad value already in the database (put
// there with SQL, as an older version could) does not break the scorecard or the venue profile.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDb, type TempDb } from "./db-helper";
import { importFile } from "../../lib/ingest/import-file";
import { getScorecard } from "../../lib/services/scorecard";
import { getVenueProfile } from "../../lib/services/venue-profile";

let t: TempDb;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "venuescope-ts-"));
const depth = JSON.parse(fs.readFileSync(path.resolve("tests/fixtures/binance-usdm/depth_BTCUSDT_limit100_2024-11-01.json"), "utf8"));

beforeAll(async () => {
  t = await tempDb();
});
afterAll(async () => {
  await t.cleanup();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("timestamps from outside", () => {
  for (const [label, scale, offset, unit] of [
    ["microseconds", 1000, 0, /looks like epoch microseconds/],
    ["nanoseconds", 1_000_000, 0, /looks like epoch nanoseconds/],
    ["the year 2200", 1, Date.UTC(2200, 0, 1) - depth.T, /more than one day in the future/],
  ] as const) {
    it(`rejects a book stamped in ${label} with the field named and stores nothing`, async () => {
      const file = path.join(tmp, `${label}.json`);
      fs.writeFileSync(file, JSON.stringify({ ...depth, T: depth.T * scale + offset, E: depth.E * scale + offset }));
      const r = await importFile(t.db, { file, venue: "binance-usdm", kind: "depth", symbol: "BTCUSDT" });
      expect(r.rowsWritten).toBe(0);
      expect(r.rowsRejected).toBe(1);
      expect(r.rejections[0].field).toMatch(/^(ts|exchangeTs)$/);
      expect(r.rejections[0].message).toMatch(unit);
      expect(await t.db.bookSnapshot.count()).toBe(0);
    });
  }

  it("keeps the scorecard and venue profile working with a bad timestamp already stored", async () => {
    const ok = await importFile(t.db, { file: path.resolve("tests/fixtures/binance-usdm/depth_BTCUSDT_limit100_2024-11-01.json"), venue: "binance-usdm", kind: "depth", symbol: "BTCUSDT" });
    expect(ok.rowsWritten).toBe(1);
    const far = t.provider === "sqlite" ? `'${new Date(Date.UTC(9999, 0, 1)).toISOString()}'` : "'9999-01-01T00:00:00Z'";
    await t.db.$executeRawUnsafe(`UPDATE "BookSnapshot" SET "ts" = ${far}, "exchangeTs" = ${far}`);
    await expect(getScorecard(t.db, { notionalUsd: 1_000_000, window: { preset: "30d" }, asset: "BTC" })).resolves.toBeInstanceOf(Array);
    await expect(getVenueProfile(t.db, "binance-usdm")).resolves.not.toBeNull();
  });
});
