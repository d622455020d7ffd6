// Two ingests of the same venue and kind at once (two watch loops, or a loop and an import) both complete and
// store each row once: on SQLite writers queue (BEGIN IMMEDIATE); on PostgreSQL a batch that loses a race on
// a natural key is retried, and the retry finds the other writer's rows.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importFile } from "../../lib/ingest/import-file";
import { tempDb, type TempDb } from "./db-helper";

let t: TempDb;
beforeAll(async () => {
  t = await tempDb();
});
afterAll(async () => t?.cleanup());

const fixture = (f: string) => path.resolve("tests/fixtures", f);

describe("concurrent ingests of one venue and kind", () => {
  it("markets, fees and funding eight times at once: every run succeeds, nothing is stored twice", async () => {
    for (const [file, kind] of [
      ["binance-usdm/exchangeInfo_2021-07-22.json", "markets"],
      ["binance-usdm/exchangeInfo_2021-07-22.json", "fees"],
      ["binance-usdm/premiumIndex_all_2020-10-16.json", "funding"],
    ] as const) {
      const runs = await Promise.all(Array.from({ length: 8 }, (_, i) => i).map(() => importFile(t.db, { file: fixture(file), venue: "binance-usdm", kind })));
      for (const r of runs) expect(r.status, `${kind}: ${r.error ?? ""}`).not.toBe("failed");
    }
    const markets = await t.db.market.groupBy({ by: ["symbol"], _count: { _all: true } });
    expect(markets.every((m) => m._count._all === 1)).toBe(true);
    const fees = await t.db.feeSchedule.groupBy({ by: ["venueId", "scope", "tier", "effectiveFrom"], _count: { _all: true } });
    expect(fees.length).toBeGreaterThan(0);
    expect(fees.every((f) => f._count._all === 1)).toBe(true);
    expect(await t.db.fundingRecord.count()).toBeGreaterThan(0);
  });
});
