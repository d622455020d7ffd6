// Bybit's archives through `venuescope import` into a real database: the real XRPUSDT ob500 zip (1 snapshot + 49
// deltas) replayed into level books, the real FXSUSDT trade rows gzipped under Bybit's file name, an inverse
// trade row, idempotent re-imports and bad rows named by file, line and field. Also: inverse open-interest
// history (USD only) gets its base size from a stored mark price, or is not stored without one.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDb, type TempDb } from "./db-helper";
import { importArchive, sniffArchive } from "../../lib/ingest/import-archive";
import { ensureVenue } from "../../lib/store/venue-rows";
import { connectorFor } from "../../lib/venues/registry";
import { inferBybitMarket } from "../../lib/venues/bybit/symbols";
import { BYBIT_TRADES_HEADER } from "../../lib/archives/trades";
import { archiveLines, openArchive } from "../../lib/archives/read";
import { ingestBodies } from "../../lib/ingest/ingest-bodies";
import { bybit } from "../../lib/venues/bybit/connector";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "venuescope-bybit-"));
const OB = path.join(tmp, "2024-12-01_XRPUSDT_ob500.data.zip");
const CSV = fs.readFileSync("tests/fixtures/bybit/FXSUSDT-ticks-2023-10-10.csv");
const TRADES = path.join(tmp, "FXSUSDT2023-10-10.csv.gz");
let t: TempDb;

beforeAll(async () => {
  t = await tempDb();
  const venueId = await ensureVenue(t.db, connectorFor("bybit"), "recorded");
  for (const symbol of ["XRPUSDT", "FXSUSDT", "BTCUSD"]) {
    const m = inferBybitMarket(symbol)!;
    await t.db.market.create({ data: { venueId, symbol, base: m.base, quote: m.quote, settle: m.settle, contractType: m.contractType, sizeUnit: m.sizeUnit, contractSize: m.contractSize, provenance: "recorded" } });
  }
  fs.copyFileSync("tests/fixtures/bybit/2024-12-01_XRPUSDT_ob500.data.zip", OB);
  fs.writeFileSync(TRADES, zlib.gzipSync(CSV));
}, 120_000);
afterAll(async () => {
  await t.cleanup();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const marketOf = (symbol: string) => t.db.market.findFirstOrThrow({ where: { symbol, venue: { slug: "bybit" } } });

describe("Bybit ob500 archive", () => {
  it("is recognised from the zip's first line and stores one whole book a second (cadence 1 s); a re-import writes nothing", async () => {
    expect((await sniffArchive(OB)).format).toBe("bybit-ob500");
    const r = await importArchive(t.db, { file: OB, cadenceMs: 1000 });
    expect([r.format, r.venue, r.symbol, r.status, r.rowsRead, r.snapshots, r.written, r.skipped, r.rowsRejected]).toEqual(["bybit-ob500", "bybit", "XRPUSDT", "ok", 50, 6, 6, 0, 0]);
    expect(r.replay!.gaps).toEqual([]);
    const m = await marketOf("XRPUSDT");
    const books = await t.db.bookSnapshot.findMany({ where: { marketId: m.id }, orderBy: { ts: "asc" } });
    expect(books.map((b) => [b.ts.getTime(), b.bestBid, b.bestAsk, b.bidLevels, b.askLevels, b.levelLimit, b.truncated])).toEqual([
      [1733011200691, 1.9531, 1.9532, 500, 500, 500, true],
      [1733011201091, 1.9531, 1.9532, 500, 500, 500, true],
      [1733011202090, 1.9533, 1.9534, 500, 500, 500, true],
      [1733011203090, 1.9534, 1.9535, 500, 500, 500, true],
      [1733011204090, 1.9535, 1.9536, 500, 500, 500, true],
      [1733011205090, 1.9537, 1.9538, 500, 500, 500, true],
    ]);
    expect(books[0].midPrice).toBeCloseTo(1.95315, 10);
    const again = await importArchive(t.db, { file: OB, cadenceMs: 1000 });
    expect([again.written, again.skipped]).toEqual([0, 6]);
  }, 120_000);

  it("a file whose first delta is missing is stored up to the gap only, and says why", async () => {
    // the real lines with the delta u 20254879 taken out, zipped again
    const lines: string[] = [];
    for await (const { line } of archiveLines(await openArchive(OB), OB)) lines.push(line);
    lines.splice(10, 1);
    const file = path.join(tmp, "2024-12-02_XRPUSDT_ob500.data.gz");
    fs.writeFileSync(file, zlib.gzipSync(lines.join("\n")));
    const r = await importArchive(t.db, { file, cadenceMs: 1000 });
    expect([r.status, r.snapshots, r.written, r.skipped]).toEqual(["partial", 6, 0, 2]);
    expect(r.replay!.gaps).toHaveLength(1);
    expect(r.message).toMatch(/1 sequence gaps.*4 partial samples left out/);
  }, 60_000);
});

describe("Bybit trade archive", () => {
  it("stores the 15 real FXSUSDT prints and their two minutes; a re-import writes nothing", async () => {
    expect((await sniffArchive(TRADES)).format).toBe("bybit-trades-csv");
    const r = await importArchive(t.db, { file: TRADES });
    const tr = r.trades!;
    expect([r.format, r.venue, r.symbol, r.status, r.rowsRead, tr.printsRead, tr.printsWritten, tr.minutesWritten]).toEqual(["bybit-trades-csv", "bybit", "FXSUSDT", "ok", 15, 15, 15, 2]);
    const m = await marketOf("FXSUSDT");
    const prints = await t.db.tradePrint.findMany({ where: { marketId: m.id }, orderBy: { ts: "asc" } });
    expect(prints.reduce((a, p) => a + p.notionalUsd, 0)).toBeCloseTo(771.17739, 6);
    const first = prints.find((p) => p.tradeId === "f7496ecb-b174-51b9-ba56-150186ba6c27")!;
    expect([first.ts.getTime(), first.price, first.sizeBase, first.side]).toEqual([Date.parse("2023-10-10T23:58:07.492Z"), 5.239, 0.86, "sell"]);
    const minutes = await t.db.tradeMinute.findMany({ where: { marketId: m.id }, orderBy: { minute: "asc" } });
    // 23:58: 4 prints (1 sell 0.86, buys 0.13 + 48.9 + 0.77); 23:59: the other 11 buys
    expect(minutes.map((x) => [x.minute.toISOString(), x.prints, x.buyPrints, x.sellPrints])).toEqual([
      ["2023-10-10T23:58:00.000Z", 4, 3, 1],
      ["2023-10-10T23:59:00.000Z", 11, 11, 0],
    ]);
    expect(minutes[0].buyBase).toBeCloseTo(49.8, 9);
    const again = await importArchive(t.db, { file: TRADES });
    expect([again.trades!.printsWritten, again.trades!.printsSkipped, again.trades!.minutesWritten, again.trades!.minutesKept]).toEqual([0, 15, 0, 2]);
  }, 60_000);

  it("rejects a bad row with file, line and field, keeps the rest; converts inverse USD contracts at the row's price", async () => {
    const text = CSV.toString("utf8").split("\n");
    text[3] = text[3].replace(",Buy,", ",Long,"); // line 4: the 48.9 FXS buy
    text.push(`1692748800.279,BTCUSD,Sell,641,26027.00,ZeroMinusTick,80253109-efbb-58ca-9adc-d458b66201e9,2.462827064202559e+06,641,0.02462827064202559`);
    const file = path.join(tmp, "mixed2023-10-10.csv.gz");
    fs.writeFileSync(file, zlib.gzipSync(text.join("\n") + "\n"));
    const r = await importArchive(t.db, { file });
    expect(r.status).toBe("partial");
    expect(r.rejections).toEqual([{ file: "mixed2023-10-10.csv.gz", line: 4, field: "side", message: 'not Buy or Sell: "Long"' }]);
    expect(r.trades!.printsRead).toBe(15);
    const inv = await t.db.tradePrint.findFirstOrThrow({ where: { tradeId: "80253109-efbb-58ca-9adc-d458b66201e9" } });
    expect(inv.sizeBase).toBeCloseTo(0.02462827064202559, 15);
    expect(inv.notionalUsd).toBeCloseTo(641, 9);
    expect(BYBIT_TRADES_HEADER).toBe(text[0]);
  }, 60_000);
});

describe("Bybit inverse open-interest history through the writer", () => {
  it("derives the base size from a stored mark within an hour; a reading with no price near is skipped", async () => {
    const body = JSON.parse(fs.readFileSync("tests/fixtures/bybit/v5_market_open-interest_docs_example_inverse_BTCUSD.json", "utf8"));
    const m = await marketOf("BTCUSD");
    // a mark price 20 min before the 17:45 and 17:50 readings (a made-up 16,500 USD: the writer's rule, not a market figure)
    await t.db.fundingRecord.create({ data: { marketId: m.id, fundingTime: new Date("2022-11-27T17:30:00Z"), rate: 0.0001, markPrice: 16_500, provenance: "recorded" } });
    const run = await ingestBodies(t.db, bybit, "oi", [{ body, symbol: "BTCUSD", receivedTs: 1672053548579, levelLimit: null }], { provenance: "recorded", mode: "import", source: "docs example" });
    expect([run.status, run.rowsWritten, run.rowsSkipped, run.rowsRejected]).toEqual(["ok", 2, 0, 0]);
    const oi = await t.db.openInterestReading.findMany({ where: { marketId: m.id }, orderBy: { ts: "asc" } });
    expect(oi.map((o) => [o.ts.toISOString(), o.valueUsd])).toEqual([
      ["2022-11-27T17:45:00.000Z", 461_134_292],
      ["2022-11-27T17:50:00.000Z", 461_134_384],
    ]);
    expect(oi[1].sizeBase).toBeCloseTo(461_134_384 / 16_500, 9);
    // the same readings a day later: no stored price within an hour, so not stored (counted as skipped)
    const later = { ...body, result: { ...body.result, list: body.result.list.map((r: { timestamp: string }) => ({ ...r, timestamp: String(Number(r.timestamp) + 86_400_000) })) } };
    const run2 = await ingestBodies(t.db, bybit, "oi", [{ body: later, symbol: "BTCUSD", receivedTs: 1672053548579, levelLimit: null }], { provenance: "recorded", mode: "import", source: "docs example" });
    expect([run2.rowsWritten, run2.rowsSkipped]).toEqual([0, 2]);
  }, 60_000);
});
