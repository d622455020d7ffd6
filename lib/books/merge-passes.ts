// One book from an exact pass and coarser bucketed passes of the same venue book (pure). Hyperliquid's l2Book
// serves 20 levels per side at full precision, and 20 price buckets per side when asked for fewer significant
// figures (nSigFigs 5, 4, 3, 2): each coarser pass reaches further from mid. The merge keeps the exact levels
// and appends, side by side, only buckets that lie wholly beyond everything already counted, priced at the
// bucket's far edge. A merged book therefore never counts an order twice, never shows a bucket's liquidity at
// a better price than the bucket allows, and may leave a gap uncounted (less depth, never more).
import type { Level } from "../metrics/types";

/** One response: levels best first; `sigFigs` the significant figures prices were bucketed to (null = exact levels). */
export interface BookPass {
  bids: Level[];
  asks: Level[];
  sigFigs: number | null;
}

export interface MergedBook {
  bids: Level[];
  asks: Level[];
  /** True when at least one bucket was appended: levels past `exactLevels` per side are buckets. */
  aggregated: boolean;
  /** Levels per side taken from the exact pass (the larger side). */
  exactLevels: number;
  /** True when a side is still cut: its last contributing pass returned `levelLimit` levels on it. */
  truncated: boolean;
}

/**
 * Width of the price bucket at `price` when prices are rounded to `sigFigs` significant figures:
 * 10^(digits before the point − sigFigs), e.g. 2 figures at 89,947 → 1,000; 4 figures at 2.111 → 0.001.
 */
export function bucketWidth(price: number, sigFigs: number): number {
  const magnitude = Math.floor(Math.log10(price) + 1e-12);
  return 10 ** (magnitude + 1 - sigFigs);
}

/** q ± w in binary floating point (2.1 − 0.01 = 2.0900000000000003) back to the decimal it stands for. */
const clean = (x: number) => Number(x.toPrecision(12));

/**
 * Append one side's coarse buckets beyond the exact levels. The venue does not document which way it rounds
 * (down, up or to nearest), so a bucket labelled q of width w is taken to hold orders anywhere in [q − w, q + w]:
 * it is used only when that whole range lies beyond every price already counted, and its size is placed at
 * the range's far end (bids q − w, asks q + w).
 */
function mergeSide(exact: Level[], coarse: BookPass[], side: "bids" | "asks", levelLimit: number): { levels: Level[]; added: boolean; cut: boolean } {
  const levels: Level[] = [...exact];
  if (exact.length < levelLimit) return { levels, added: false, cut: false }; // the exact pass shows the whole side
  const dir = side === "bids" ? -1 : 1;
  // Every order priced at or inside `edge` (towards mid) is counted; beyond it nothing is yet.
  let edge = exact[exact.length - 1][0];
  let added = false;
  let cut = true;
  for (const pass of coarse) {
    const buckets = pass[side];
    if (pass.sigFigs === null || buckets.length === 0) continue;
    let farthest: number | null = null;
    for (const [q, size] of buckets) {
      const w = bucketWidth(q, pass.sigFigs);
      // No rounding puts an order at q ± w itself in bucket q, so a range ending exactly at the edge is clear.
      const near = clean(q - dir * w);
      if (dir * (near - edge) < 0) continue; // may hold orders already counted
      const far = clean(q + dir * w);
      levels.push([far, size]);
      farthest = far;
      added = true;
    }
    if (farthest !== null) edge = farthest;
    // A pass with less than a full page shows the rest of the side: it is whole, coarser passes add nothing.
    cut = buckets.length >= levelLimit;
    if (!cut) break;
  }
  return { levels, added, cut };
}

/**
 * Merge an exact pass (first) with coarser passes (finest to coarsest). `levelLimit` is the page size of every
 * pass (Hyperliquid: 20 per side); a side the exact pass shows whole is left as it is.
 */
export function mergeBookPasses(exact: BookPass, coarse: BookPass[], levelLimit: number): MergedBook {
  const bids = mergeSide(exact.bids, coarse, "bids", levelLimit);
  const asks = mergeSide(exact.asks, coarse, "asks", levelLimit);
  return {
    bids: bids.levels,
    asks: asks.levels,
    aggregated: bids.added || asks.added,
    exactLevels: Math.max(exact.bids.length, exact.asks.length),
    truncated: bids.cut || asks.cut,
  };
}
