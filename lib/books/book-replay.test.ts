import { describe, expect, it } from "vitest";
import { replayRecording } from "./book-replay";

const line = (i: number, msg: unknown) => ({ line: `${1_700_000_000_000_000_000 + i} ${JSON.stringify(msg)}`, lineNo: i + 1 });
const diff = (E: number, U: number, u: number, pu: number, b: [string, string][] = [], a: [string, string][] = []) => ({ stream: "btcusdt@depth@0ms", data: { e: "depthUpdate", E, s: "BTCUSDT", U, u, pu, b, a } });
const snapshot = (E: number, lastUpdateId: number, bids: [string, string][], asks: [string, string][]) => ({ lastUpdateId, E, T: E, bids, asks });

describe("book replay", () => {
  it("Binance: partial until a snapshot, diffs buffered before it applied by U <= lastUpdateId <= u, then chained by pu", async () => {
    const r = await replayRecording("binance", [
      line(0, diff(1_000, 90, 100, 89, [["99", "1"]], [["101", "1"]])),
      line(1, diff(2_000, 101, 110, 100, [["98", "2"]])),
      line(2, snapshot(2_500, 105, [["99", "5"], ["97", "1"]], [["101", "4"]])),
      line(3, diff(61_000, 111, 120, 110, [], [["102", "3"]])),
    ], 60_000);
    expect(r.gaps).toEqual([]);
    expect(r.snapshotsSeen).toBe(1);
    expect(r.samples.map((s) => [s.ts, s.partial])).toEqual([[1_000, true], [61_000, false]]);
    // snapshot (99:5, 97:1 / 101:4), then the buffered diff 101..110 (98:2), then 111..120 (102:3)
    expect(r.samples[1].bids).toEqual([[99, 5], [98, 2], [97, 1]]);
    expect(r.samples[1].asks).toEqual([[101, 4], [102, 3]]);
    expect(r.partial).toBe(true);
  });

  it("Binance: a pu that does not continue the previous u is a gap; the book restarts partial and stays so until the next snapshot", async () => {
    const r = await replayRecording("binance", [
      line(0, snapshot(0, 100, [["99", "1"]], [["101", "1"]])),
      line(1, diff(1_000, 100, 110, 99, [["98", "1"]])),
      line(2, diff(60_000, 120, 130, 115, [["97", "1"]])), // expected pu 110
      line(3, diff(120_000, 131, 140, 130, [["96", "1"]])),
      line(4, snapshot(150_000, 145, [["95", "1"]], [["105", "1"]])), // the buffered diff 131..140 is older: dropped
      line(5, diff(180_000, 141, 150, 140, [["94", "1"]])),
    ], 60_000);
    expect(r.gaps).toEqual([{ ts: 60_000, expectedPu: 110, gotPu: 115 }]);
    expect(r.samples.map((s) => [s.ts, s.partial])).toEqual([[1_000, false], [60_000, true], [120_000, true], [180_000, false]]);
    // after the gap the old levels are gone: only what the diffs since touched
    expect(r.samples[1].bids).toEqual([[97, 1]]);
    expect(r.samples[3].bids).toEqual([[95, 1], [94, 1]]);
  });

  it("Hyperliquid: every l2Book is a whole book; trades are counted, bad lines reported", async () => {
    const book = (time: number, px: string) => ({ channel: "l2Book", data: { coin: "BTC", time, levels: [[{ px, sz: "1", n: 1 }], [{ px: String(Number(px) + 1), sz: "2", n: 1 }]] } });
    const r = await replayRecording("hyperliquid", [line(0, book(0, "100")), line(1, { channel: "trades", data: [] }), { line: "123 {not json", lineNo: 3 }, line(3, book(30_000, "101")), line(4, book(60_000, "102"))], 60_000);
    expect(r.samples.map((s) => [s.ts, s.bids[0][0], s.asks[0], s.partial])).toEqual([[0, 100, [101, 2], false], [60_000, 102, [103, 2], false]]);
    expect([r.bookMessages, r.otherMessages, r.badLines.length, r.partial]).toEqual([3, 1, 1, false]);
  });
});
