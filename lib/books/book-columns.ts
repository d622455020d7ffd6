// Stored book snapshots (packed levels, lib/books/level-codec.ts) decoded straight into typed columns for the
// column kernel (lib/metrics/book-columns.ts): one allocation per column for all the books, no tuple per level.
import { decodeLevelsInto, packedLevelCount } from "./level-codec";
import { allocBookColumns, type BookColumns } from "../metrics/book-columns";

export interface PackedBook {
  ts: number;
  bids: Uint8Array;
  asks: Uint8Array;
  truncated: boolean;
}

/**
 * Decode `rows` (in the given order) into columns. With `maxLevels`, at most that many levels a side are
 * read, the rest of the bytes skipped: a side cut that way is marked truncated, since depth beyond its last
 * decoded level is then not visible (a walk that needs more says "depth unknown", never a wrong figure).
 * With `into`, columns from an earlier call are reused when they have room (a caller walking many books
 * in chunks then writes into memory already paged in, instead of fresh pages each chunk).
 */
export function decodeBookColumns(rows: readonly PackedBook[], options: { maxLevels?: number; into?: BookColumns } = {}): BookColumns {
  const maxLevels = options.maxLevels ?? Infinity;
  let nb = 0;
  let na = 0;
  for (const r of rows) {
    nb += Math.min(packedLevelCount(r.bids), maxLevels);
    na += Math.min(packedLevelCount(r.asks), maxLevels);
  }
  const into = options.into;
  const c = into && into.ts.length >= rows.length && into.bidPrice.length >= nb && into.askPrice.length >= na ? into : allocBookColumns(rows.length, nb, na);
  c.length = rows.length;
  nb = 0;
  na = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    c.ts[i] = r.ts;
    const bids = decodeLevelsInto(r.bids, c.bidPrice, c.bidSize, nb, maxLevels);
    const asks = decodeLevelsInto(r.asks, c.askPrice, c.askSize, na, maxLevels);
    nb += bids;
    na += asks;
    c.bidStart[i + 1] = nb;
    c.askStart[i + 1] = na;
    const cut = packedLevelCount(r.bids) > bids || packedLevelCount(r.asks) > asks;
    c.truncated[i] = r.truncated || cut ? 1 : 0;
  }
  return c;
}
