// Per-minute trade aggregates (pure): what is kept of every print once raw prints age out of the recent
// window. One aggregate per market and UTC minute: print counts and volumes by aggressor side, OHLC, and the
// sweeps that started in the minute counted by size bucket (lib/metrics/sweeps.ts), so a year of a busy market
// is 525,600 rows at most, whatever its print count.
import { MINUTE_MS } from "./time";
import { SWEEP_BUCKET_COUNT, sweepBucket, type Sweep, type TradePrint } from "./sweeps";

export interface TradeMinuteAgg {
  minute: number;
  prints: number;
  buyPrints: number;
  sellPrints: number;
  buyBase: number;
  sellBase: number;
  buyUsd: number;
  sellUsd: number;
  open: number;
  high: number;
  low: number;
  close: number;
  /** Time of the first and last print (open/close are theirs). */
  firstTs: number;
  lastTs: number;
  sweeps: number;
  /** Per size bucket: [buy sweeps, sell sweeps, notional USD of both]. */
  sweepBuckets: [number, number, number][];
}

const emptyBuckets = (): [number, number, number][] => Array.from({ length: SWEEP_BUCKET_COUNT }, () => [0, 0, 0]);

/** Add prints (any order) into `into` (minute start → aggregate). Open/close follow print time, ties by input order. */
export function addPrintsToMinutes(into: Map<number, TradeMinuteAgg>, prints: readonly TradePrint[]): void {
  for (const p of prints) {
    const minute = Math.floor(p.ts / MINUTE_MS) * MINUTE_MS;
    let a = into.get(minute);
    const usd = p.price * p.sizeBase;
    if (!a) {
      a = { minute, prints: 0, buyPrints: 0, sellPrints: 0, buyBase: 0, sellBase: 0, buyUsd: 0, sellUsd: 0, open: p.price, high: p.price, low: p.price, close: p.price, firstTs: p.ts, lastTs: p.ts, sweeps: 0, sweepBuckets: emptyBuckets() };
      into.set(minute, a);
    }
    a.prints++;
    if (p.side === "buy") {
      a.buyPrints++;
      a.buyBase += p.sizeBase;
      a.buyUsd += usd;
    } else {
      a.sellPrints++;
      a.sellBase += p.sizeBase;
      a.sellUsd += usd;
    }
    if (p.price > a.high) a.high = p.price;
    if (p.price < a.low) a.low = p.price;
    if (p.ts < a.firstTs) {
      a.firstTs = p.ts;
      a.open = p.price;
    }
    if (p.ts >= a.lastTs) {
      a.lastTs = p.ts;
      a.close = p.price;
    }
  }
}

/** Count sweeps into the minute they started in (the minute must already hold their prints). */
export function addSweepsToMinutes(into: Map<number, TradeMinuteAgg>, sweeps: readonly Sweep[]): void {
  for (const s of sweeps) {
    const a = into.get(Math.floor(s.ts / MINUTE_MS) * MINUTE_MS);
    if (!a) continue;
    a.sweeps++;
    const b = a.sweepBuckets[sweepBucket(s.notionalUsd)];
    b[s.side === "buy" ? 0 : 1]++;
    b[2] += s.notionalUsd;
  }
}
