// Book refill figures of a market (lib/metrics/refill.ts) from the books stored in the window: its depth-band
// snapshots (exact ±1 % band) or its level books (depth walked within 100 bps of mid). Refill needs consecutive
// snapshots, so the latest MAX_REFILL_SNAPSHOTS of the window are read in a row, never thinned.
import "server-only";
import type { Db } from "../db";
import { depthWithinBpsUsd } from "../metrics/book";
import { refillSummary, REFILL_BAND_BPS, type DepthPoint, type RefillSummary } from "../metrics/refill";
import type { Book, TimeWindow } from "../metrics/types";
import { bandDepthUsd, type BandSnapshot } from "../books/depth-bands";
import { curvesByIds } from "../store/book-curves";
import { curveDepthPoint } from "../metrics/curve-samples";

/** Consecutive snapshots read per market (the latest of the window): bounds decoding and memory. */
export const MAX_REFILL_SNAPSHOTS = 2_000;

/** Depth within the band on each side; null where a truncated book's visible levels all lie inside it (unknown). */
export function levelDepthPoint(b: Book): DepthPoint {
  const side = (s: "bid" | "ask") => {
    const levels = s === "bid" ? b.bids : b.asks;
    const usd = depthWithinBpsUsd(b, s, REFILL_BAND_BPS);
    if (usd === null || levels.length === 0) return null;
    const mid = (b.bids[0]?.[0] + b.asks[0]?.[0]) / 2;
    const lastBps = (Math.abs(levels[levels.length - 1][0] - mid) / mid) * 1e4;
    return b.truncated && lastBps <= REFILL_BAND_BPS ? null : usd;
  };
  return { ts: b.ts, bidUsd: side("bid"), askUsd: side("ask") };
}

export function bandDepthPoint(s: BandSnapshot): DepthPoint {
  const d = bandDepthUsd(s, REFILL_BAND_BPS / 100);
  return { ts: s.ts, bidUsd: d.bidUsd, askUsd: d.askUsd };
}

/** Refill from band snapshots already loaded for the window (the latest MAX_REFILL_SNAPSHOTS of them). */
export function refillFromBands(snaps: readonly BandSnapshot[], stressWindows: readonly TimeWindow[]): RefillSummary {
  return refillSummary(snaps.slice(-MAX_REFILL_SNAPSHOTS).map(bandDepthPoint), stressWindows);
}

/** Refill from the stored liquidity curves of the window's level books: `ids` in time order (the figures' series). */
export async function refillFromCurves(db: Db, ids: readonly number[], stressWindows: readonly TimeWindow[]): Promise<RefillSummary> {
  const curves = await curvesByIds(db, ids.slice(-MAX_REFILL_SNAPSHOTS));
  return refillSummary(curves.map((c) => curveDepthPoint(c, REFILL_BAND_BPS)), stressWindows);
}
