// Simulated trade prints (pure): aggressive sweeps that walk the venue's own simulated books, so realized
// slippage, markouts and phantom depth can be shown for simulated venues as for real ones. Bounded: trades
// only in the last TRADE_RECENT_DAYS of the history and around each stress episode, at most one sweep per
// stored book (about 1.8 an hour in calm markets), each followed by three small prints that carry the mid
// after it (for markouts).
//
// The model, per sweep (deterministic from the seed, one random stream per venue, asset and day):
// - it comes 0.2–1.8 s after a stored book (so that book is "just before" it: phantom depth is measured) and
//   its pre-trade mid (quoteMid) is that book's mid;
// - notional log-uniform from $2k to 30 % of the book's side depth (at most $10M), side buy or sell;
// - it walks that book, but part of each level is phantom (shown, gone when hit): the share is the venue's
//   stress depth cut × (0.1 + 0.9 × stress), nearer levels more, so realized slippage ≈ implied in calm markets
//   and well above it in stress on fragile venues. A sweep bigger than what the book really holds fills what it can;
// - the mid after it follows the market and moves the sweep's way by 60 % of its realized slippage, decaying
//   back with a time constant of 15 s × (1 + 10 × stress depth cut × stress): small prints at the touch around
//   that mid about 1 s, 1 min and 4 min later carry it (recorded quote mids), which gives the +1 s, +1 min and
//   +5 min markouts whatever the book cadence.
import { DAY_MS, HOUR_MS } from "../metrics/time";
import type { TradePrint } from "../metrics/sweeps";
import { rngFor } from "./prng";
import { bookDay, bookDays, type SimBook, type SimLevel } from "./books";
import { bookStressAt, venueMid, type World } from "./world";
import { decimalsOfStep } from "../venues/simulated/profiles";

/** Days at the end of the history with simulated trades. */
export const TRADE_RECENT_DAYS = 14;
/** Hours around a stress episode (before its start, after its end) with simulated trades. */
export const TRADE_EPISODE_MARGIN_HOURS = 6;
/** Sweeps per hour in calm markets (× (1 + 2 × stress) in stress): a stored book is followed by one with
 *  probability rate × cadence (at most 1), so coarser cadences keep about the same rate. */
export const SWEEPS_PER_HOUR = 1.8;
const PHANTOM_BASE = 0.1;
const IMPACT_SHARE = 0.6;
const IMPACT_DECAY_S = 15;

/** The windows with simulated trades: the recent days and each episode with its margin, merged, in order. */
export function tradeWindows(world: World): { from: number; to: number }[] {
  const raw = [{ from: Math.max(world.start, world.end - TRADE_RECENT_DAYS * DAY_MS), to: world.end }];
  for (const e of world.episodes) raw.push({ from: Math.max(world.start, e.start - TRADE_EPISODE_MARGIN_HOURS * HOUR_MS), to: Math.min(world.end, e.end + TRADE_EPISODE_MARGIN_HOURS * HOUR_MS) });
  raw.sort((a, b) => a.from - b.from);
  const out: { from: number; to: number }[] = [];
  for (const w of raw) {
    const last = out[out.length - 1];
    if (last && w.from <= last.to) last.to = Math.max(last.to, w.to);
    else out.push({ ...w });
  }
  return out;
}

/** Days (0-based, as bookDay counts them) that touch a trade window. */
export function tradeDays(world: World): number[] {
  const ws = tradeWindows(world);
  const days: number[] = [];
  for (let d = 0; d < bookDays(world); d++) {
    const from = world.start + d * DAY_MS;
    if (ws.some((w) => w.from < from + DAY_MS && w.to > from)) days.push(d);
  }
  return days;
}

const round = (x: number, scale: number) => Math.round(x * scale) / scale;

/** Prints of venue v, asset a on day d (only inside the trade windows), in time order. */
export function tradesOfDay(world: World, v: number, a: number, d: number, books: readonly SimBook[] = bookDay(world, v, a, d)): TradePrint[] {
  const profile = world.venues[v];
  const asset = world.assets[a];
  const windows = tradeWindows(world);
  const rng = rngFor(world.seed, "trades", profile.slug, asset.base, d);
  const sScale = 10 ** asset.sizeDecimals;
  const pScale = 10 ** decimalsOfStep(profile.ticks[asset.base]);
  const harsh = profile.book.stressDepthCut;
  const sweepChance = (SWEEPS_PER_HOUR * world.options.cadenceMinutes) / 60;
  const out: TradePrint[] = [];
  let seq = 0;
  const print = (ts: number, price: number, size: number, side: "buy" | "sell", quoteMid: number) =>
    out.push({ ts, price, sizeBase: size, side, tradeId: `${profile.slug}-${asset.base}-${ts}-${seq++}`, groupKey: null, quoteMid });
  for (const book of books) {
    // every draw is made for every book, so a window's edge does not shift the draws after it
    const u = rng.next();
    const side: "buy" | "sell" = rng.next() < 0.5 ? "buy" : "sell";
    const logU = rng.next();
    const delayMs = 200 + rng.int(1600);
    const after = [500 + rng.int(500), 30_000 + rng.int(30_000), 180_000 + rng.int(100_000)];
    const smallUsd = after.map(() => 500 + 4500 * rng.next());
    const smallSide = after.map(() => rng.next() < 0.5);
    if (!windows.some((w) => book.ts >= w.from && book.ts < w.to)) continue;
    const s = bookStressAt(world, a, book.ts);
    if (u >= Math.min(1, sweepChance * (1 + 2 * s))) continue;
    const bestBid = book.bids[0]?.[0];
    const bestAsk = book.asks[0]?.[0];
    if (bestBid === undefined || bestAsk === undefined) continue;
    const mid = (bestBid + bestAsk) / 2;
    const levels: readonly SimLevel[] = side === "buy" ? book.asks : book.bids;
    const depthUsd = levels.reduce((t, [p, q]) => t + p * q, 0);
    const maxUsd = Math.min(1e7, 0.3 * depthUsd);
    if (maxUsd <= 2_000) continue;
    const notionalUsd = Math.exp(Math.log(2_000) + logU * (Math.log(maxUsd) - Math.log(2_000)));
    const ts = book.ts + delayMs;
    // walk the book; part of each level is phantom (more near the mid, more in stress, more on fragile venues)
    let left = notionalUsd;
    let cost = 0;
    let base = 0;
    for (let i = 0; i < levels.length && left > 0; i++) {
      const [price, size] = levels[i];
      const phantom = Math.min(0.95, harsh * (PHANTOM_BASE + (1 - PHANTOM_BASE) * s) * (1 - (0.6 * i) / Math.max(1, levels.length - 1)));
      const real = Math.floor(size * (1 - phantom) * sScale) / sScale;
      const take = Math.min(real, Math.ceil((left / price) * sScale) / sScale);
      if (take <= 0) continue;
      print(ts, price, take, side, mid);
      cost += price * take;
      base += take;
      left -= price * take;
    }
    if (base === 0) continue;
    const q = side === "buy" ? 1 : -1;
    const slipBps = ((q * (cost / base - mid)) / mid) * 1e4;
    const halfSpread = (bestAsk - bestBid) / 2;
    const tau = IMPACT_DECAY_S * (1 + 10 * harsh * s) * 1000;
    const venueMidAtSweep = venueMid(world, v, a, ts);
    for (let k = 0; k < after.length; k++) {
      const t = ts + after[k];
      // the market's own move since the sweep, and what is left of the sweep's impact
      const midAfter = mid * (venueMid(world, v, a, t) / venueMidAtSweep) * (1 + (q * IMPACT_SHARE * slipBps * Math.exp(-after[k] / tau)) / 1e4);
      const sd: "buy" | "sell" = smallSide[k] ? "buy" : "sell";
      const px = round(midAfter + (sd === "buy" ? halfSpread : -halfSpread), pScale);
      const size = Math.max(1 / sScale, round(smallUsd[k] / px, sScale));
      print(t, px, size, sd, midAfter);
    }
  }
  return out.sort((x, y) => x.ts - y.ts);
}
