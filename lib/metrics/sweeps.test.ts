// Realized execution on small real slices of the bundled recordings (data/archives), checked by hand:
// a Binance sweep's VWAP, its pre-trade mid from the recorded bookTicker and its markouts; a Hyperliquid sweep
// that walked exactly the book shown before it (phantom ratio 1), its book mid and +1 s markout; a mid from
// the last trades either side.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { bookPoints, groupSweeps, sweepBucket, sweepFigures, walkedBookPoints, SWEEP_BUCKET_LABELS, type MidPoint, type TradePrint } from "./sweeps";
import { realizedExecution, realizedExecutionAt } from "./realized-summary";
import { binanceWsTrades, hyperliquidWsTrades, type BinanceQuoteState } from "../archives/trades";
import { replayRecording } from "../books/book-replay";

const lines = (rel: string) => zlib.gunzipSync(fs.readFileSync(path.join(import.meta.dirname, "../../data/archives", rel))).toString("utf8").split("\n").filter(Boolean);
const json = (l: string) => JSON.parse(l.slice(l.indexOf(" ") + 1));

describe("size buckets", () => {
  it("are half-decades from $10k to $10M, with one below and one above", () => {
    expect(SWEEP_BUCKET_LABELS).toHaveLength(8);
    expect([9_999, 10_000, 31_622, 31_623, 99_999, 100_000, 999_999, 1e6, 9_999_999, 1e7].map(sweepBucket)).toEqual([0, 1, 1, 2, 2, 3, 4, 5, 6, 7]);
  });
});

describe("Binance USD-M recording 2024-08-08: one buy sweep at 1723161502742", () => {
  // every print with its bookTicker state, as the importer reads them
  const all = lines("binance-usdm/hftbacktest_ws_btcusdt_20240808.gz");
  const quote: BinanceQuoteState = { mid: null, ts: null };
  const prints: TradePrint[] = [];
  const quotes: MidPoint[] = [];
  for (const l of all) {
    const msg = json(l);
    prints.push(...binanceWsTrades(msg, quote).prints);
    if (msg.data?.e === "bookTicker") quotes.push({ ts: msg.data.T, mid: quote.mid! });
  }

  it("groups the file's 21,313 prints into 5,374 sweeps (same ms and same side)", () => {
    expect(prints).toHaveLength(21313);
    expect(groupSweeps(prints)).toHaveLength(5374);
  });

  it("VWAP, pre-trade mid, slippage and markouts, checked by hand", () => {
    // lines 62867-62869: t 5266597055..57, m false (buy): 61616.00 × 0.002, 61619.60 × 0.002, 61620.40 × 0.008
    // line 62866 bookTicker just before: bid 61614.9 / ask 61616.0 → mid 61615.45
    const sweep = groupSweeps(prints).find((s) => s.ts === 1723161502742 && s.side === "buy")!;
    expect(sweep.prints).toBe(3);
    expect(sweep.sizeBase).toBeCloseTo(0.012, 12);
    // VWAP = (123.232 + 123.2392 + 492.9632) / 0.012 = 739.4344 / 0.012 = 61619.53333…
    expect(sweep.vwap).toBeCloseTo(61619.533333, 5);
    expect(sweep.quoteMid).toBe(61615.45);
    const [f] = sweepFigures([sweep], [], [], {}, quotes);
    expect(f.midSource).toBe("quote");
    // (61619.53333 − 61615.45) / 61615.45 × 1e4 = 0.66271 bps; effective spread twice that
    expect(f.slippageBps).toBeCloseTo(0.66271, 4);
    expect(f.effectiveSpreadBps).toBeCloseTo(1.32542, 4);
    // +1 s: bookTicker at 1723161503742 (line 63415) 61624.9 / 61625.0 → (61624.95 − 61615.45)/61615.45 × 1e4 = 1.54182
    // +1 min: bookTicker at 1723161562741 (line 86679) 61657.9 / 61658.0 → 42.5 / 61615.45 × 1e4 = 6.89762
    // +5 min: the recording ends at 23:59:59, no mid in [t + 2.5 min, t + 5 min]: no markout
    expect(f.markoutBps[0]).toBeCloseTo(1.54182, 4);
    expect(f.markoutBps[1]).toBeCloseTo(6.89762, 4);
    expect(f.markoutBps[2]).toBeNull();
    expect(f.bucket).toBe(0); // $739 notional
  });

  it("drops a quote an earlier print traded through: the sweep at 1723161534146 gets no recorded mid", () => {
    // the last bookTicker (61679.5 / 61679.6 at …534118) was traded through by earlier prints up to 61708+
    const sweep = groupSweeps(prints).find((s) => s.ts === 1723161534146 && s.side === "buy")!;
    expect(sweep.quoteMid).toBeNull();
  });
});

describe("Hyperliquid recording 2025-01-26", async () => {
  const all = lines("hyperliquid/hftbacktest_ws_btcusd_20250126.gz");
  const prints = all.flatMap((l) => hyperliquidWsTrades(json(l)).prints);
  // every l2Book message as a book (cadence 1 ms samples each one)
  const replay = await replayRecording("hyperliquid", all.map((line, i) => ({ line, lineNo: i + 1 })), 1);
  const books = replay.samples.map((s) => ({ ts: s.ts, bids: s.bids, asks: s.asks, truncated: true }));

  it("one taker's sell sweep walked exactly the four bid levels shown 0.4 s before it: realized = implied, not phantom", () => {
    // 7 prints at 1737918865696, side A, taker users[1] = 0x4933…: 105055 × 0.12005, 105054 × 0.1428,
    // 105053 × 0.1428, 105051 × 0.19435 (0.6 BTC); book at …865292 bids 105055 × 0.12005, 105054 × 0.1428,
    // 105053 × 0.1428, 105051 × 0.38082; ask 105056 → mid 105055.5
    const sweep = groupSweeps(prints).find((s) => s.ts === 1737918865696)!;
    expect([sweep.prints, sweep.side, sweep.groupKey?.slice(0, 8)]).toEqual([7, "sell", "0x493364"]);
    expect(sweep.sizeBase).toBeCloseTo(0.6, 12);
    // notional = 12611.85275 + 15001.7112 + 15001.5684 + 20416.66185 = 63031.7942; VWAP = 105052.99033
    expect(sweep.notionalUsd).toBeCloseTo(63031.7942, 6);
    const [f] = sweepFigures([sweep], books, []);
    expect(f.midSource).toBe("book");
    expect(f.mid).toBe(105055.5);
    // (105055.5 − 105052.99033) / 105055.5 × 1e4 = 0.23889 bps
    expect(f.slippageBps).toBeCloseTo(0.23889, 4);
    expect(f.impliedBps).toBeCloseTo(f.slippageBps!, 9);
    expect(f.phantom).toBe(false);
    // +1 s: latest book in [t + 0.5 s, t + 1 s] is …866352: bid 105051 / ask 105052 → mid 105051.5;
    // markout for a sell = −(105051.5 − 105055.5) / 105055.5 × 1e4 = 0.38075 bps (the price kept falling)
    expect(f.markoutBps[0]).toBeCloseTo(0.38075, 4);
    expect(f.bucket).toBe(2); // $32k–100k
  });

  it("seven B prints at 1737918802071 from three takers (0xee16… ×3, 0x162c… ×1, 0x1dd4… ×3) are three sweeps", () => {
    expect(groupSweeps(prints).filter((s) => s.ts === 1737918802071).map((s) => [s.groupKey?.slice(0, 6), s.prints])).toEqual([["0xee16", 3], ["0x162c", 1], ["0x1dd4", 3]]);
  });

  it("without a book or quote, the mid comes from the last trades either side", () => {
    // before the first book: buy 105056 at …796007, sell 105055 at …796079, then sell 105055 at …797023:
    // mid = (105056 + 105055) / 2 = 105055.5; sell slippage = 0.5 / 105055.5 × 1e4 = 0.04759 bps
    const sweeps = groupSweeps(prints);
    const figs = sweepFigures(sweeps, books, []);
    const first = figs.find((f) => f.ts === 1737918796079)!;
    expect(first.mid).toBeNull(); // no sell print before it
    const f = figs.find((x) => x.ts === 1737918797023)!;
    expect([f.midSource, f.mid]).toEqual(["trades", 105055.5]);
    expect(f.slippageBps).toBeCloseTo(0.047594, 5);
  });

  it("summarises by bucket, normal vs stress, with counts", () => {
    const stress = [{ from: 1737918865000, to: 1737918866000 }];
    const r = realizedExecution(prints, books, stress);
    expect(r.prints).toBe(64);
    const b2 = r.buckets[2];
    expect([b2.all.sweeps, b2.stress.sweeps, b2.normal.sweeps]).toEqual([1, 1, 0]);
    expect(b2.stress.slippageBps.p50).toBeCloseTo(0.23889, 4);
    expect(b2.phantom).toMatchObject({ withBook: 1, flagged: 0 });
    expect(b2.phantom.medianRatio).toBeCloseTo(1, 9);
    expect(r.buckets.reduce((a, b) => a + b.all.sweeps, 0)).toBe(r.sweeps);
  });

  it("over book points with levels only where a sweep walks them, gives the same summary; a walked book without levels is an error", () => {
    const stress = [{ from: 1737918865000, to: 1737918866000 }];
    const points = bookPoints(books);
    const walked = walkedBookPoints(prints, points);
    expect(walked.size).toBeGreaterThan(0);
    expect(walked.size).toBeLessThan(points.length);
    const sparse = points.map((p, i) => ({ ...p, book: walked.has(i) ? p.book : null }));
    expect(realizedExecutionAt(prints, sparse, stress)).toEqual(realizedExecution(prints, books, stress));
    const missing = sparse.map((p, i) => (i === [...walked][0] ? { ...p, book: null } : p));
    expect(() => realizedExecutionAt(prints, missing, stress)).toThrow(/levels were not read/);
  });
});

describe("phantom depth", () => {
  it("flags a sweep that paid far more than the book it followed implied", () => {
    const book = { ts: 1_000, bids: [[99.99, 100] as const], asks: [[100.01, 100] as const], truncated: false };
    // $1,000 buy: the book implies 100.01 (1 bp over mid 100); it paid 100.05 (5 bp): 5× implied, 4 bp more
    const p: TradePrint = { ts: 2_000, price: 100.05, sizeBase: 10, side: "buy", tradeId: "1", groupKey: null, quoteMid: null };
    const [f] = sweepFigures(groupSweeps([p]), [book], []);
    expect(f.impliedBps).toBeCloseTo(1, 9);
    expect(f.realizedVsBookBps).toBeCloseTo(5, 9);
    expect(f.phantom).toBe(true);
    // the market drifted up 4 bp after the book (recorded quote mid 100.04 before the print): realized is 1 bp
    // against that mid, as implied: drift is not missing depth
    const [g] = sweepFigures(groupSweeps([{ ...p, quoteMid: 100.04 }]), [book], []);
    expect(g.realizedVsBookBps).toBeCloseTo(((100.05 - 100.04) / 100.04) * 1e4, 9);
    expect(g.phantom).toBe(false);
    // same print 11 s after the book: too old to walk
    expect(sweepFigures(groupSweeps([{ ...p, ts: 12_001 }]), [book], [])[0].impliedBps).toBeNull();
  });
});
