// Book replay of Tardis `incremental_book_L2` CSV rows (https://docs.tardis.dev/downloadable-csv-files#incremental_book_l2).
// Pure. Columns: exchange,symbol,timestamp,local_timestamp,is_snapshot,side,price,amount; times in epoch µs; an
// amount is the level's new absolute size (0 removes it), in the venue's size unit.
// - Rows of one message share a timestamp; the book is read between messages.
// - A run of is_snapshot=true rows is a whole book: the book restarts from it. Tardis writes one at the start of
//   each day and again after the feed reconnected, so a snapshot arriving after updates marks a disconnection:
//   it is recorded as a gap (updates may be missing just before it), and the book is whole again from it.
// - A file whose first rows are updates (no snapshot yet) is partial until its first snapshot, and says so.
// Samples: the book after the first message, then after the first message at or past each cadence boundary.

export type Level = [price: number, size: number];

export interface IncrementalRow {
  /** Exchange time, ms. */
  ts: number;
  isSnapshot: boolean;
  side: "bid" | "ask";
  price: number;
  amount: number;
}

export interface IncrementalSample {
  ts: number;
  bids: Level[];
  asks: Level[];
  partial: boolean;
}

const SAMPLE_LEVELS = 1000;

function top(levels: Map<number, number>, desc: boolean): Level[] {
  const out = [...levels.entries()];
  out.sort((a, b) => (desc ? b[0] - a[0] : a[0] - b[0]));
  return out.length > SAMPLE_LEVELS ? out.slice(0, SAMPLE_LEVELS) : out;
}

export class TardisL2Replayer {
  private bids = new Map<number, number>();
  private asks = new Map<number, number>();
  private synced = false;
  private inSnapshot = false;
  private msgTs: number | null = null;
  private nextSampleAt: number | null = null;
  readonly samples: IncrementalSample[] = [];
  /** Snapshots after updates: the feed reconnected, updates may be missing before each. */
  readonly resyncs: number[] = [];
  snapshots = 0;
  partial = false;
  firstTs: number | null = null;
  lastTs: number | null = null;

  constructor(private readonly cadenceMs: number) {}

  push(r: IncrementalRow): void {
    if (this.msgTs !== null && r.ts !== this.msgTs) this.endMessage();
    if (r.isSnapshot && !this.inSnapshot) {
      if (this.msgTs !== null && this.snapshots > 0) this.resyncs.push(r.ts);
      this.bids.clear();
      this.asks.clear();
      this.snapshots++;
      this.synced = true;
    }
    this.inSnapshot = r.isSnapshot;
    this.msgTs = r.ts;
    this.firstTs ??= r.ts;
    this.lastTs = r.ts;
    const side = r.side === "bid" ? this.bids : this.asks;
    if (r.amount === 0) side.delete(r.price);
    else side.set(r.price, r.amount);
  }

  /** Close the last message (call once after the last row). */
  end(): void {
    if (this.msgTs !== null) this.endMessage();
    this.msgTs = null;
  }

  private endMessage(): void {
    const ts = this.msgTs!;
    this.nextSampleAt ??= ts;
    if (ts < this.nextSampleAt) return;
    if (this.bids.size === 0 || this.asks.size === 0) return; // nothing to read yet (a one-sided snapshot so far)
    this.samples.push({ ts, bids: top(this.bids, true), asks: top(this.asks, false), partial: !this.synced });
    if (!this.synced) this.partial = true;
    this.nextSampleAt = Math.floor(ts / this.cadenceMs) * this.cadenceMs + this.cadenceMs;
  }
}
