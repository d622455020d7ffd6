// Concurrent ingests against a sequential run, by exact counts: eight imports of one file at once must leave
// exactly the rows one import leaves (fee versions, funding rows, markets), not merely "no duplicate key"
// (which the schema's unique indexes guarantee anyway) or "some funding rows".
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importFile } from "../../lib/ingest/import-file";
import { tempDb, type TempDb } from "./db-helper";

let sequential: TempDb;
let concurrent: TempDb;
beforeAll(async () => {
  sequential = await tempDb();
  concurrent = await tempDb();
}, 120_000);
afterAll(async () => {
  await sequential?.cleanup();
  await concurrent?.cleanup();
});

const fixture = (f: string) => path.resolve("tests/fixtures", f);
const BATCHES = [
  ["binance-usdm/exchangeInfo_2021-07-22.json", "markets"],
  ["binance-usdm/exchangeInfo_2021-07-22.json", "fees"],
  ["binance-usdm/premiumIndex_all_2020-10-16.json", "funding"],
] as const;

async function counts(t: TempDb) {
  const funding = await t.db.fundingRecord.findMany({ include: { market: { select: { symbol: true } } }, orderBy: [{ marketId: "asc" }, { fundingTime: "asc" }] });
  const fees = await t.db.feeSchedule.findMany({ orderBy: [{ scope: "asc" }, { tier: "asc" }, { effectiveFrom: "asc" }] });
  return {
    markets: await t.db.market.count(),
    feeVersions: fees.length,
    openFeeVersions: fees.filter((f) => f.effectiveTo === null).length,
    fees: fees.map((f) => [f.scope, f.tier, f.makerRate, f.takerRate]),
    fundingRows: funding.length,
    funding: funding.map((f) => [f.market.symbol, f.fundingTime.getTime(), f.rate, f.predicted]),
  };
}

describe("concurrent ingest leaves exactly what a sequential run leaves", () => {
  it("eight imports of each batch at once = one import of each", async () => {
    for (const [file, kind] of BATCHES) {
      const r = await importFile(sequential.db, { file: fixture(file), venue: "binance-usdm", kind });
      expect(r.status, r.error ?? "").not.toBe("failed");
    }
    for (const [file, kind] of BATCHES) {
      const runs = await Promise.all(Array.from({ length: 8 }, () => importFile(concurrent.db, { file: fixture(file), venue: "binance-usdm", kind })));
      for (const r of runs) expect(r.status, `${kind}: ${r.error ?? ""}`).not.toBe("failed");
    }
    const seq = await counts(sequential);
    const con = await counts(concurrent);
    // Hand-checked against the files: one base fee version (maker 0.02 %, taker 0.05 %, from ccxt market metadata), still open;
    // premiumIndex lists 5 symbols, each with one predicted rate (0.01 %) for the next settlement 2020-10-16 08:00 UTC.
    expect(seq.feeVersions).toBe(1);
    expect(seq.fees).toEqual([["perp", "regular", 0.0002, 0.0005]]);
    expect(seq.openFeeVersions).toBe(1);
    expect(seq.fundingRows).toBe(5);
    expect(seq.funding.map((f) => f[0]).sort()).toEqual(["BALUSDT", "BTTUSDT", "EOSUSDT", "KNCUSDT", "SUSHIUSDT"]);
    expect(seq.funding.every((f) => f[1] === Date.UTC(2020, 9, 16, 8) && f[2] === 0.0001 && f[3] === true)).toBe(true);
    expect(con).toEqual(seq);
  }, 120_000);
});
