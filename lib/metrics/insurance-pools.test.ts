import { describe, expect, it } from "vitest";
import { fundAt, fundSeries, POOL_STALE_MS, type PoolReading } from "./insurance-pools";
import { DAY_MS, HOUR_MS } from "./time";

const T = Date.UTC(2026, 3, 27, 10, 16, 0);
const S = 1000;
const r = (ts: number, asset: string, balanceUsd: number): PoolReading => ({ ts, asset, balanceUsd });

describe("fundAt: each pool at its latest reading", () => {
  // OKX-like: the USDT family read at :00 and :60 s, the USDC family a few seconds later each time.
  const readings = [r(T, "USDT:BTC-USDT", 1_000_000), r(T + 4 * S, "USDC:BTC-USDC", 250_000), r(T + 60 * S, "USDT:BTC-USDT", 1_010_000), r(T + 63 * S, "USDC:BTC-USDC", 240_000)];

  it("sums two pools read seconds apart (the same-timestamp rule showed one pool alone)", () => {
    // At T+61 s: USDT 1,010,000 (read at +60 s) + USDC 250,000 (read at +4 s) = 1,260,000, stamped +60 s.
    expect(fundAt(readings, T + 61 * S)).toEqual({
      ts: T + 60 * S,
      balanceUsd: 1_260_000,
      pools: [r(T + 4 * S, "USDC:BTC-USDC", 250_000), r(T + 60 * S, "USDT:BTC-USDT", 1_010_000)],
      leftOut: [],
    });
    // At T+2 min: 1,010,000 + 240,000 = 1,250,000.
    expect(fundAt(readings, T + 120 * S)).toMatchObject({ ts: T + 63 * S, balanceUsd: 1_250_000, leftOut: [] });
    // At T+2 s only USDT has been read: 1,000,000. Before T: nothing.
    expect(fundAt(readings, T + 2 * S)).toMatchObject({ ts: T, balanceUsd: 1_000_000 });
    expect(fundAt(readings, T - 1)).toBeNull();
  });

  it("leaves out a pool read more than two days before the newest reading, and names it", () => {
    const old = [r(T - 3 * DAY_MS, "USDC:ETH-USDC", 90_000), r(T - 2 * DAY_MS, "USDC:BTC-USDC", 70_000), r(T, "USDT:BTC-USDT", 1_000_000)];
    const f = fundAt(old, T)!;
    // USDT 1,000,000 + USDC:BTC-USDC 70,000 (exactly 2 days old: still carried) = 1,070,000; ETH-USDC (3 days) out.
    expect(f.balanceUsd).toBe(1_070_000);
    expect(f.pools.map((p) => p.asset)).toEqual(["USDC:BTC-USDC", "USDT:BTC-USDT"]);
    expect(f.leftOut).toEqual([r(T - 3 * DAY_MS, "USDC:ETH-USDC", 90_000)]);
    // A one-day limit leaves BTC-USDC out too: 1,000,000.
    expect(fundAt(old, T, DAY_MS)).toMatchObject({ balanceUsd: 1_000_000, leftOut: [{ asset: "USDC:BTC-USDC" }, { asset: "USDC:ETH-USDC" }] });
    expect(POOL_STALE_MS).toBe(2 * DAY_MS);
  });
});

describe("fundSeries: the fund at every reading time in the window", () => {
  it("carries each pool forward, including one read before the window", () => {
    const readings = [
      r(T - 10 * HOUR_MS, "USDC:BTC-USDC", 200), // before the window: carried in
      r(T - 30 * HOUR_MS, "USDT:BTC-USDT", 999), // superseded before the window
      r(T - 5 * HOUR_MS, "USDT:BTC-USDT", 1000),
      r(T, "USDT:BTC-USDT", 900),
      r(T + 3 * S, "USDC:BTC-USDC", 150),
      r(T + 60 * S, "USDT:BTC-USDT", 950),
      r(T + 1 * DAY_MS, "USDT:BTC-USDT", 990), // out of the window
    ];
    const s = fundSeries(readings, T - 6 * HOUR_MS, T + HOUR_MS);
    // −5 h: 1000 + 200 = 1200; T: 900 + 200 = 1100; T+3 s: 900 + 150 = 1050; T+60 s: 950 + 150 = 1100.
    expect(s.map((p) => [p.ts, p.balanceUsd])).toEqual([
      [T - 5 * HOUR_MS, 1200],
      [T, 1100],
      [T + 3 * S, 1050],
      [T + 60 * S, 1100],
    ]);
    expect(s.every((p) => p.leftOut.length === 0)).toBe(true);
  });

  it("drops a pool from the sum once its last reading is over two days old, saying so at each point", () => {
    const readings = [r(T, "USDT:A", 100), r(T, "USDC:B", 50), r(T + DAY_MS, "USDT:A", 110), r(T + 3 * DAY_MS, "USDT:A", 120)];
    const s = fundSeries(readings, T, T + 3 * DAY_MS);
    // T: 100 + 50 = 150; +1 d: 110 + 50 = 160; +3 d: 120 alone, B (read 3 days before) left out.
    expect(s.map((p) => [p.ts, p.balanceUsd, p.leftOut.map((x) => x.asset)])).toEqual([
      [T, 150, []],
      [T + DAY_MS, 160, []],
      [T + 3 * DAY_MS, 120, ["USDC:B"]],
    ]);
  });

  it("one pool alone reads as its own readings; nothing in the window, nothing out", () => {
    const one = [r(T, "USDT:BTC-USDT", 0), r(T + DAY_MS, "USDT:BTC-USDT", 42_316.93)];
    expect(fundSeries(one, T, T + DAY_MS).map((p) => p.balanceUsd)).toEqual([0, 42_316.93]);
    expect(fundSeries(one, T + 2 * DAY_MS, T + 3 * DAY_MS)).toEqual([]);
  });
});
