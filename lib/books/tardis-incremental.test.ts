// Replay of Tardis incremental_book_L2 rows: the real opening snapshot of Deribit BTC-PERPETUAL on 2020-04-01
// (ask side, tests/fixtures/tardis) and hand-made rows whose books are checked by hand.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { TardisL2Replayer, type IncrementalRow } from "./tardis-incremental";

const real = fs
  .readFileSync("tests/fixtures/tardis/deribit_incremental_book_L2_BTC-PERPETUAL.csv", "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((l) => l.split(","))
  .map((c): IncrementalRow => ({ ts: Math.floor(Number(c[2]) / 1000), isSnapshot: c[4] === "true", side: c[5] as "bid" | "ask", price: Number(c[6]), amount: Number(c[7]) }));
const row = (ts: number, isSnapshot: boolean, side: "bid" | "ask", price: number, amount: number): IncrementalRow => ({ ts, isSnapshot, side, price, amount });

describe("Tardis incremental_book_L2 replay", () => {
  it("the real opening snapshot is one message of 15 asks; with no bid yet there is no book to sample", () => {
    const r = new TardisL2Replayer(60_000);
    real.forEach((x) => r.push(x));
    r.end();
    expect(r.snapshots).toBe(1);
    expect(r.samples).toHaveLength(0);
    // one bid update later, the book is whole: best ask 6421.5 (18,640 USD), 15 ask levels
    const s = new TardisL2Replayer(60_000);
    real.forEach((x) => s.push(x));
    s.push(row(1585699200300, false, "bid", 6421, 10_000));
    s.end();
    expect(s.samples).toHaveLength(1);
    expect(s.samples[0]).toMatchObject({ ts: 1585699200300, partial: false, bids: [[6421, 10_000]] });
    expect(s.samples[0].asks[0]).toEqual([6421.5, 18640]);
    expect(s.samples[0].asks).toHaveLength(15);
  });

  it("applies updates (0 removes a level), reads the book between messages, samples once a cadence", () => {
    const r = new TardisL2Replayer(1000);
    for (const x of [
      row(0, true, "bid", 99, 1), row(0, true, "bid", 98, 2), row(0, true, "ask", 101, 3), row(0, true, "ask", 102, 4),
      row(500, false, "bid", 99, 0), row(500, false, "bid", 100, 5), // one message: best bid 100 replaces 99
      row(1200, false, "ask", 101, 0),
      row(1300, false, "ask", 100.5, 7),
      row(2100, false, "bid", 98, 9),
    ]) r.push(x);
    r.end();
    // samples: after ts 0 (first), then the first message at/after 1000 (1200), then at/after 2000 (2100)
    expect(r.samples.map((s) => s.ts)).toEqual([0, 1200, 2100]);
    expect(r.samples[0]).toMatchObject({ bids: [[99, 1], [98, 2]], asks: [[101, 3], [102, 4]] });
    expect(r.samples[1]).toMatchObject({ bids: [[100, 5], [98, 2]], asks: [[102, 4]] });
    expect(r.samples[2]).toMatchObject({ bids: [[100, 5], [98, 9]], asks: [[100.5, 7], [102, 4]] });
    expect(r.partial).toBe(false);
  });

  it("updates before any snapshot are partial; a snapshot after updates restarts the book and is recorded as a resync", () => {
    const r = new TardisL2Replayer(1000);
    for (const x of [
      row(0, false, "bid", 99, 1), row(0, false, "ask", 101, 1), // no snapshot yet
      row(1000, true, "bid", 98, 2), row(1000, true, "ask", 102, 2), // the first snapshot: not a resync
      row(2000, false, "bid", 99, 3),
      row(3000, true, "bid", 97, 4), row(3000, true, "ask", 103, 4), // a reconnection
    ]) r.push(x);
    r.end();
    expect(r.samples.map((s) => [s.ts, s.partial])).toEqual([[0, true], [1000, false], [2000, false], [3000, false]]);
    expect(r.partial).toBe(true);
    expect(r.resyncs).toEqual([3000]);
    expect(r.samples[3]).toMatchObject({ bids: [[97, 4]], asks: [[103, 4]] });
  });
});
