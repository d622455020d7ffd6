// Trade prints from the real archive files (data/archives, copied from the shared fixtures) into a real
// database: counts reproduced from the files, per-minute aggregates, the raw window, idempotent re-import,
// Tardis trades CSV with an inverse contract converted by its face value, and bad rows rejected with line and field.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDb, type TempDb } from "./db-helper";
import { importArchive, sniffArchive } from "../../lib/ingest/import-archive";
import { archivesDir, loadRecordedDataset } from "../../lib/bootstrap";
import { getMarketFigures } from "../../lib/services/market-figures";
import { runCli } from "./cli-helper";
import zlib from "node:zlib";
import { archiveLines, csvRowBatches, openArchive } from "../../lib/archives/read";
import { binanceWsTrades, tardisTrade, tardisTradeColumns, tardisTradeRecord, type BinanceQuoteState } from "../../lib/archives/trades";
import { groupSweeps, type TradePrint } from "../../lib/metrics/sweeps";
import { addPrintsToMinutes, addSweepsToMinutes, type TradeMinuteAgg } from "../../lib/metrics/trade-aggregates";

const A = archivesDir();
const f = (rel: string) => path.join(A, rel);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "venuescope-trades-"));
let t: TempDb;

beforeAll(async () => {
  t = await tempDb();
  await loadRecordedDataset(t.db);
}, 120_000);
afterAll(async () => {
  await t.cleanup();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const marketOf = (venue: string, symbol: string) => t.db.market.findFirstOrThrow({ where: { symbol, venue: { slug: venue } } });

describe("trades from the Binance USD-M recording (2024-08-08 23:54-23:59 UTC)", () => {
  it("stores its 21,313 trade prints in 5,374 sweeps (same ms + same side) and six minute aggregates; a re-import writes nothing", async () => {
    const r = await importArchive(t.db, { file: f("binance-usdm/hftbacktest_ws_btcusdt_20240808.gz") });
    const tr = r.trades!;
    expect([tr.printsRead, tr.sweeps, tr.printsWritten, tr.minutesWritten, tr.latePrints]).toEqual([21313, 5374, 21313, 6, 0]);
    const m = await marketOf("binance-usdm", "BTCUSDT");
    expect(await t.db.tradePrint.count({ where: { marketId: m.id } })).toBe(21313);
    const minutes = await t.db.tradeMinute.findMany({ where: { marketId: m.id }, orderBy: { minute: "asc" } });
    // prints per minute counted from the file with a script (T // 60000)
    expect(minutes.map((x) => x.prints)).toEqual([1751, 2005, 1992, 4717, 7387, 3461]);
    expect(minutes.reduce((a, x) => a + x.sweeps, 0)).toBe(5374);
    // the first print of the file: {"T":1723161256322,"t":5266583935,"p":"61800.30","q":"0.006","m":false}: a buy
    // lifting the ask, the bookTicker just before it bid 61800.20 / ask 61800.30 → quote mid 61800.25
    const first = await t.db.tradePrint.findFirstOrThrow({ where: { marketId: m.id, tradeId: "t5266583935" } });
    expect([first.ts.getTime(), first.price, first.sizeBase, first.side, first.quoteMid]).toEqual([1723161256322, 61800.3, 0.006, "buy", 61800.25]);
    expect(first.notionalUsd).toBeCloseTo(370.8018, 6);
    const again = await importArchive(t.db, { file: f("binance-usdm/hftbacktest_ws_btcusdt_20240808.gz") });
    expect([again.trades!.printsWritten, again.trades!.printsSkipped, again.trades!.minutesWritten, again.trades!.minutesKept]).toEqual([0, 21313, 0, 6]);
    expect(await t.db.tradeMinute.count({ where: { marketId: m.id } })).toBe(6);
    const run = await t.db.ingestRun.findFirstOrThrow({ where: { kind: "trades", venueSlug: "binance-usdm" }, orderBy: { id: "asc" } });
    expect([run.status, run.rowsWritten]).toEqual(["ok", 21313 + 6]);
  }, 120_000);
});

describe("realized figures through the service, the CLI and (same service) /api/metrics", () => {
  it("Binance BTCUSDT 2024-08-08: 5,374 sweeps by size bucket, as counted from the file by a script", async () => {
    const m = await marketOf("binance-usdm", "BTCUSDT");
    const spec = { from: Date.parse("2024-08-08T23:50:00Z"), to: Date.parse("2024-08-09T00:00:00Z") };
    const f = await getMarketFigures(t.db, m.id, spec, 100_000);
    const r = f.realized!;
    expect([r.prints, r.sweeps, r.capped, r.stressSource]).toEqual([21313, 5374, false, "books"]);
    // Σ p × q per (T, m) group, bucketed at 10^4, 10^4.5, …, 10^7 (largest sweep $4.36M)
    expect(r.buckets.map((b) => b.all.sweeps)).toEqual([4158, 577, 395, 173, 50, 15, 6, 0]);
    expect(r.buckets.map((b) => b.aggregateSweeps)).toEqual([4158, 577, 395, 173, 50, 15, 6, 0]);
    // 590 sweeps have no fresh recorded quote; they fall back to a stored book or the last trades either side
    const all = r.buckets.reduce((a, b) => ({ quote: a.quote + b.all.midSources.quote, book: a.book + b.all.midSources.book, trades: a.trades + b.all.midSources.trades, none: a.none + b.all.sweeps - b.all.withMid }), { quote: 0, book: 0, trades: 0, none: 0 });
    expect(all.quote).toBe(5374 - 590);
    expect(all.quote + all.book + all.trades + all.none).toBe(5374);
    // realized costs grow with size; the six stored books give an implied figure for each bucket
    const p50 = r.buckets.slice(0, 6).map((b) => b.all.slippageBps.p50!);
    expect(p50[5]).toBeGreaterThan(p50[0]);
    expect(r.booksUsed).toBe(6);
    expect(r.buckets[3].impliedP50Bps).not.toBeNull();
    const cli = await runCli(t.url, "metrics", "--venue", "binance-usdm", "--symbol", "BTCUSDT", "--notional", "100000", "--from", "2024-08-08T23:50:00Z", "--to", "2024-08-09T00:00:00Z");
    expect(cli.code).toBe(0);
    expect(cli.stdout).toMatch(/realized slippage from 5374 sweeps \(21313 prints\): <\$10k p50 /);
  }, 120_000);
});

describe("trades from the Hyperliquid recording and published files", () => {
  it("stores the 64 prints of the recording's 9 trades messages, taker address kept as the group key", async () => {
    const r = await importArchive(t.db, { file: f("hyperliquid/hftbacktest_ws_btcusd_20250126.gz") });
    expect([r.trades!.printsRead, r.trades!.printsWritten]).toEqual([64, 64]);
    // tid 121451470284048: side "B" (the taker bought), users [0xe9ed…(buyer, taker), 0x6802…(seller)]
    const p = await t.db.tradePrint.findFirstOrThrow({ where: { tradeId: "121451470284048" } });
    expect([p.side, p.price, p.sizeBase, p.groupKey, p.ts.getTime()]).toEqual(["buy", 105056, 0.00219, "0xe9ed7e16612d676df804f5aecd16e1f9bf9ec9dd", 1737918794873]);
    // at 1737918802071 six "B" prints from three takers: three sweeps, not one
    expect(r.trades!.sweeps).toBeLessThan(64);
  }, 60_000);

  it("non_mm_trades.csv: 13,110 crossed rows become prints, 22,581 passive rows are counted and left out; unknown coins rejected per row", async () => {
    const r = await importArchive(t.db, { file: f("hyperliquid/historical_data_non_mm_trades.csv"), rawWindowDays: 7 });
    expect(r.format).toBe("hyperliquid-trades-csv");
    expect(r.rowsRead).toBe(35691); // the file's 35,691 rows (no newline after the last)
    expect(r.message).toMatch(/22581 passive rows/);
    const tr = r.trades!;
    expect(tr.printsRead + r.rowsRejected).toBe(13110);
    const eth = await marketOf("hyperliquid", "ETH");
    const ethMinutes = await t.db.tradeMinute.aggregate({ where: { marketId: eth.id }, _sum: { prints: true } });
    expect(ethMinutes._sum.prints).toBe(tr.markets.ETH);
    // raw prints only for the last 7 days before the newest ETH print; everything is in the minute aggregates
    const newest = await t.db.tradePrint.findFirstOrThrow({ where: { marketId: eth.id }, orderBy: { ts: "desc" } });
    const oldest = await t.db.tradePrint.findFirstOrThrow({ where: { marketId: eth.id }, orderBy: { ts: "asc" } });
    expect(newest.ts.getTime() - oldest.ts.getTime()).toBeLessThanOrEqual(7 * 86_400_000);
    expect(tr.printsAggregatedOnly + tr.printsPruned).toBeGreaterThan(0);
    const again = await importArchive(t.db, { file: f("hyperliquid/historical_data_non_mm_trades.csv"), rawWindowDays: 7 });
    expect([again.trades!.printsWritten, again.trades!.minutesWritten, again.trades!.minutesReplaced]).toEqual([0, 0, 0]);
    // ETH has no stored books: realized figures still come, their stress windows detected from trade prices
    const fig = await getMarketFigures(t.db, eth.id, { preset: "all" }, 100_000);
    const r2 = fig.realized!;
    expect(r2.stressSource).toBe("trades");
    expect(r2.booksUsed).toBe(0);
    expect(r2.prints).toBe(await t.db.tradePrint.count({ where: { marketId: eth.id } }));
    expect(r2.buckets.reduce((a, b) => a + b.normal.sweeps + b.stress.sweeps, 0)).toBe(r2.sweeps);
    // without books or quotes, every pre-trade mid that exists comes from the last trades either side
    expect(r2.buckets.every((b) => b.all.midSources.book === 0 && b.all.midSources.quote === 0)).toBe(true);
    // aggregates cover the whole file, raw prints only the last 7 days
    expect(r2.aggregates.prints).toBe(tr.markets.ETH);
  }, 120_000);
});

describe("Tardis trades CSV", () => {
  it("maps binance-delivery to binance-coinm and converts inverse contracts by their face value; rejects bad rows by line and field", async () => {
    const m = await marketOf("binance-coinm", "BTCUSD_PERP");
    expect([m.contractType, m.sizeUnit, m.contractSize]).toEqual(["inverse", "contracts", 100]);
    const file = path.join(tmp, "binance-delivery_trades_2024-01-01_BTCUSD_PERP.csv");
    fs.writeFileSync(
      file,
      [
        "exchange,symbol,timestamp,local_timestamp,id,side,price,amount",
        "binance-delivery,BTCUSD_PERP,1704067200123456,1704067200130000,9001,buy,42500.5,3",
        "binance-delivery,BTCUSD_PERP,1704067200123456,1704067200130000,9002,buy,42501,2",
        "binance-delivery,BTCUSD_PERP,1704067201000000,1704067201000100,9003,unknown,42500,1",
        "binance-delivery,BTCUSD_PERP,1704067201000,1704067201000100,9004,sell,42500,1",
        "binance-delivery,NOPE_PERP,1704067202000000,1704067202000100,9005,sell,42500,1",
      ].join("\n") + "\n",
    );
    expect((await sniffArchive(file)).format).toBe("tardis-trades-csv");
    const r = await importArchive(t.db, { file });
    expect([r.venue, r.status, r.trades!.printsRead, r.trades!.sweeps]).toEqual(["binance-coinm", "partial", 2, 1]);
    expect(r.rejections.map((e) => `${e.line}:${e.field}`)).toEqual(["4:side", "5:timestamp", "6:symbol"]);
    expect(r.rejections[1].message).toBe("timestamp 1704067201000 (epoch µs expected), in ms: 1704067201 looks like epoch seconds; expected milliseconds between 2009-01-01 and one day from now");
    const p = await t.db.tradePrint.findFirstOrThrow({ where: { marketId: m.id, tradeId: "9001" } });
    // 3 contracts × $100 face = $300 → 300 / 42500.5 BTC
    expect(p.sizeBase).toBeCloseTo(300 / 42500.5, 12);
    expect(p.notionalUsd).toBeCloseTo(300, 9);
    expect(p.ts.getTime()).toBe(1704067200123);
  });
});

describe("Tardis trades CSV through the byte scanner, against the reference path", () => {
  it("30,000 rows (gzipped): the minutes csv-parse + tardisTrade + groupSweeps give, bad rows rejected by line and field in line order", async () => {
    // the Binance recording's prints, a day later, tiled to 30,000 rows (so the sink cuts a batch); every
    // 997th row names an unstored market, every 1,499th has side "unknown", every 2,003rd is quoted
    const rec = f("binance-usdm/hftbacktest_ws_btcusdt_20240808.gz");
    const quote: BinanceQuoteState = { mid: null, ts: null };
    const src: TradePrint[] = [];
    for await (const { line } of archiveLines(await openArchive(rec), rec)) src.push(...binanceWsTrades(JSON.parse(line.slice(line.indexOf(" ") + 1)), quote).prints);
    const rows = ["exchange,symbol,timestamp,local_timestamp,id,side,price,amount"];
    for (let k = 0; rows.length <= 30_000; k++) {
      const p = src[k % src.length];
      const ts = (p.ts + 86_400_000 + Math.floor(k / src.length) * 360_000) * 1000;
      const n = rows.length;
      const row = [n % 997 === 0 ? "binance-futures,NOPEUSDT" : "binance-futures,BTCUSDT", ts, ts + 5000, `x${k}`, n % 1499 === 0 ? "unknown" : p.side, p.price, p.sizeBase].join(",");
      rows.push(n % 2003 === 0 ? row.split(",").map((c) => `"${c}"`).join(",") : row);
    }
    const file = path.join(tmp, "binance-futures_trades_2024-08-09_BTCUSDT.csv.gz");
    fs.writeFileSync(file, zlib.gzipSync(rows.join("\n") + "\n"));

    // the reference: lines, cells, tardisTrade, the object aggregator in the sink's batches of 20,000
    const want = new Map<number, TradeMinuteAgg>();
    const wantRejected: string[] = [];
    let batch: TradePrint[] = [];
    const flush = () => {
      addPrintsToMinutes(want, batch);
      addSweepsToMinutes(want, groupSweeps(batch));
      batch = [];
    };
    for await (const { header, rows: cells, lines } of csvRowBatches(await openArchive(file), file)) {
      const cols = tardisTradeColumns(header)!;
      cells.forEach((c, k) => {
        if (c[cols.symbol] === "NOPEUSDT") return wantRejected.push(`${lines[k]}:symbol`);
        try {
          const p = tardisTrade(tardisTradeRecord(c, cols), (a) => a).print;
          if (batch.length >= 20_000 && p.ts !== batch[batch.length - 1].ts) flush();
          batch.push(p);
        } catch (e) {
          wantRejected.push(`${lines[k]}:${(e as { field: string }).field}`);
        }
      });
    }
    flush();

    const r = await importArchive(t.db, { file });
    expect([r.format, r.venue, r.status, r.rowsRead]).toEqual(["tardis-trades-csv", "binance-usdm", "partial", 30_000]);
    expect(r.rejections.map((e) => `${e.line}:${e.field}`)).toEqual(wantRejected);
    expect(r.trades!.printsRead).toBe(30_000 - wantRejected.length);
    const m = await marketOf("binance-usdm", "BTCUSDT");
    const stored = await t.db.tradeMinute.findMany({ where: { marketId: m.id, ingestRunId: r.runId! }, orderBy: { minute: "asc" } });
    const expected = [...want.values()].sort((a, b) => a.minute - b.minute);
    expect(stored.map((x) => [x.minute.getTime(), x.prints, x.buyPrints, x.sellPrints, x.open, x.high, x.low, x.close, x.sweeps])).toEqual(expected.map((a) => [a.minute, a.prints, a.buyPrints, a.sellPrints, a.open, a.high, a.low, a.close, a.sweeps]));
    // sums: the sink adds a minute cut by a batch in two parts, so equal to rounding
    stored.forEach((x, i) => {
      expect(x.buyBase).toBeCloseTo(expected[i].buyBase, 9);
      expect(x.sellUsd).toBeCloseTo(expected[i].sellUsd, 4);
      expect(JSON.parse(x.sweepBuckets).map((b: number[]) => [b[0], b[1]])).toEqual(expected[i].sweepBuckets.map((b) => [b[0], b[1]]));
    });
    // a quoted row went through csv-parse and was kept like the others
    expect((await t.db.tradePrint.findFirstOrThrow({ where: { marketId: m.id, tradeId: `x${2003 - 1}` } })).side).toMatch(/buy|sell/);
  }, 120_000);
});

describe("liquidations from files", () => {
  it("Tardis liquidations CSV into the liquidation kind: idempotent, inverse sized by face value, bad side rejected", async () => {
    // Row 2: the real Binance forceOrder message in tests/fixtures/binance-usdm/tardis_ws_forceOrder_messages.json
    // (T 1584059031421, S BUY, p 4793.91, q 0.014) written in Tardis liquidations columns (µs timestamps).
    const file = path.join(tmp, "binance-futures_liquidations_2020-03-13_BTCUSDT.csv");
    fs.writeFileSync(file, ["exchange,symbol,timestamp,local_timestamp,id,side,price,amount", "binance-futures,BTCUSDT,1584059031421000,1584059031430000,,buy,4793.91,0.014", "binance-futures,BTCUSDT,1584059032000000,1584059032000100,,unknown,4790,0.5"].join("\n") + "\n");
    expect((await sniffArchive(file)).format).toBe("tardis-liquidations-csv");
    const r = await importArchive(t.db, { file });
    expect([r.venue, r.status, r.written, r.rowsRejected]).toEqual(["binance-usdm", "partial", 1, 1]);
    expect(r.rejections[0]).toMatchObject({ line: 3, field: "side" });
    const m = await marketOf("binance-usdm", "BTCUSDT");
    // (the recorded dataset already holds this order from the WS message, at its average price 4706.04)
    const liq = await t.db.liquidation.findFirstOrThrow({ where: { marketId: m.id, ingestRunId: r.runId! } });
    expect([liq.side, liq.price, liq.sizeBase, liq.provenance]).toEqual(["buy", 4793.91, 0.014, "recorded"]);
    expect(liq.notionalUsd).toBeCloseTo(67.11474, 6);
    expect((await importArchive(t.db, { file })).written).toBe(0);
    const inv = path.join(tmp, "binance-delivery_liquidations_2024-01-01_BTCUSD_PERP.csv");
    fs.writeFileSync(inv, ["exchange,symbol,timestamp,local_timestamp,id,side,price,amount", "binance-delivery,BTCUSD_PERP,1704067200000000,1704067200000100,,sell,40000,25"].join("\n") + "\n");
    const ri = await importArchive(t.db, { file: inv });
    expect([ri.venue, ri.written]).toEqual(["binance-coinm", 1]);
    const coinm = await marketOf("binance-coinm", "BTCUSD_PERP");
    const l2 = await t.db.liquidation.findFirstOrThrow({ where: { marketId: coinm.id, ingestRunId: ri.runId! } });
    // 25 contracts × $100 = $2,500 → 0.0625 BTC at 40,000
    expect([l2.side, l2.sizeBase, l2.notionalUsd]).toEqual(["sell", 0.0625, 2500]);
  });

  it("Hyperliquid's liquidations.csv is recognised and refused with the reason: no coin, side or price", async () => {
    const r = await importArchive(t.db, { file: f("hyperliquid/historical_data_liquidations.csv") });
    expect(r.status).toBe("recognised");
    expect(r.message).toMatch(/no coin, side or price/);
  });
});
