// Book replay (pure): rebuild an order book from a recorded stream and sample it at a cadence.
// - Binance USD-M diff depth (`depthUpdate` with U/u/pu): each diff must continue the previous one
//   (pu = previous u); otherwise a sequence gap is recorded, the book is dropped and stays partial until the
//   next full snapshot (a REST depth body with lastUpdateId, when the recording has one). A stream that starts
//   without a snapshot is partial from the start and says so: its levels are only those seen in diffs.
// - Hyperliquid `l2Book`: every message is a whole (top-20) book, so each one is a snapshot; the S3 archive's
//   lines wrap the same message as {"time", "ver_num", "raw": <message>}.
// - Bybit `orderbook.<depth>.<SYMBOL>` (WS v5 and the ob500/ob200 archive's JSON lines): a "snapshot" resets the
//   book, a "delta" must carry the previous message's u + 1 (size "0" removes a level); another u is a sequence
//   gap (recorded as expectedPu = the previous u, gotPu = this u − 1: the update the message says it follows),
//   the book is dropped and partial until the next snapshot. u = 1 is a fresh book after a service restart.
//   https://bybit-exchange.github.io/docs/v5/websocket/public/orderbook
// Samples: the first book message, then the first one at or after each cadence boundary (exchange time).

export type Level = [price: number, size: number];

export interface ReplaySample {
  ts: number;
  bids: Level[];
  asks: Level[];
  /** True when the book was not rebuilt from a full snapshot (levels only from diffs seen so far). */
  partial: boolean;
}

export interface ReplayGap {
  ts: number;
  expectedPu: number;
  gotPu: number;
}

export type ReplayVenue = "binance" | "hyperliquid" | "bybit";

export interface ReplaySummary {
  venue: ReplayVenue;
  symbol: string | null;
  messages: number;
  bookMessages: number;
  otherMessages: number;
  /** Lines left out, with the field at fault when one is (otherwise the whole message). */
  badLines: { line: number; message: string; field?: string }[];
  gaps: ReplayGap[];
  snapshotsSeen: number;
  /** True when any sample was partial. */
  partial: boolean;
  partialReason: string | null;
  cadenceMs: number;
  firstTs: number | null;
  lastTs: number | null;
  samples: ReplaySample[];
}

export const DEFAULT_REPLAY_CADENCE_MS = 60_000;
const SAMPLE_LEVELS = 1000;
const MAX_BUFFERED = 2000;

interface BinanceDiff {
  E: number;
  U: number;
  u: number;
  pu: number;
  b?: [string, string][];
  a?: [string, string][];
}

class SideBook {
  levels = new Map<number, number>();
  apply(updates: readonly (readonly [string, string])[]) {
    for (const [p, q] of updates) {
      const price = Number(p);
      const size = Number(q);
      if (!Number.isFinite(price) || !Number.isFinite(size)) continue;
      if (size === 0) this.levels.delete(price);
      else this.levels.set(price, size);
    }
  }
  top(desc: boolean): Level[] {
    return [...this.levels.entries()].sort((a, b) => (desc ? b[0] - a[0] : a[0] - b[0])).slice(0, SAMPLE_LEVELS);
  }
}

interface Line {
  line: string;
  lineNo: number;
}

/** Bybit levels [["price","size"], …]: null when one is not a positive price with a non-negative size (its index is named). */
function bybitLevelProblem(levels: unknown, side: "b" | "a"): { field: string; message: string } | null {
  if (!Array.isArray(levels)) return { field: `data.${side}`, message: "not a list of levels" };
  for (let i = 0; i < levels.length; i++) {
    const l = levels[i];
    const p = Array.isArray(l) ? Number(l[0]) : NaN;
    const q = Array.isArray(l) ? Number(l[1]) : NaN;
    if (!(p > 0) || !(q >= 0) || typeof l[0] !== "string" || typeof l[1] !== "string") return { field: `data.${side}[${i}]`, message: `not a [price, size] level: ${JSON.stringify(l ?? null)}` };
  }
  return null;
}

/** Replay a recording given as lines `<local ns> <raw JSON>` (or bare JSON lines, as Bybit's archive). */
export async function replayRecording(venue: ReplayVenue, lines: AsyncIterable<Line> | Iterable<Line>, cadenceMs = DEFAULT_REPLAY_CADENCE_MS): Promise<ReplaySummary> {
  const out: ReplaySummary = { venue, symbol: null, messages: 0, bookMessages: 0, otherMessages: 0, badLines: [], gaps: [], snapshotsSeen: 0, partial: false, partialReason: null, cadenceMs, firstTs: null, lastTs: null, samples: [] };
  let bids = new SideBook();
  let asks = new SideBook();
  let synced = false; // rebuilt from a full snapshot and unbroken since
  let lastU: number | null = null;
  let afterSnapshot = false;
  let nextSampleAt: number | null = null;
  const sample = (ts: number) => {
    if (nextSampleAt === null) nextSampleAt = ts; // the first book message is sampled, then one per cadence boundary
    if (ts < nextSampleAt) return;
    out.samples.push({ ts, bids: bids.top(true), asks: asks.top(false), partial: !synced });
    if (!synced) {
      out.partial = true;
      out.partialReason ??=
        venue === "binance"
          ? "the recording has no full depth snapshot before its diffs (or restarted after a gap): levels are only those the diffs touched"
          : venue === "bybit"
            ? "deltas before the first snapshot (or after a sequence gap, until the next snapshot): levels are only those the deltas touched"
            : "book incomplete";
    }
    nextSampleAt = Math.floor(ts / cadenceMs) * cadenceMs + cadenceMs;
  };
  // Diffs seen while the book is not synced, kept (bounded) for the next snapshot.
  let buffered: BinanceDiff[] = [];
  const applyDiff = (d: BinanceDiff, live: boolean) => {
    const ts = Number(d.E);
    if (afterSnapshot && lastU !== null) {
      if (d.u < lastU) return; // older than the snapshot
      afterSnapshot = false;
      if (d.U > lastU) dropBook(ts, lastU, d.pu);
    } else if (lastU !== null && d.pu !== lastU) {
      dropBook(ts, lastU, d.pu);
    }
    bids.apply(d.b ?? []);
    asks.apply(d.a ?? []);
    lastU = d.u;
    if (!synced && live) {
      buffered.push(d);
      if (buffered.length > MAX_BUFFERED) buffered.shift();
    }
    if (live) sample(ts);
  };
  // The book cannot be trusted past a gap: record it, drop the book, and wait for the next snapshot.
  const dropBook = (ts: number, expectedPu: number, gotPu: number) => {
    out.gaps.push({ ts, expectedPu, gotPu });
    bids = new SideBook();
    asks = new SideBook();
    synced = false;
  };
  for await (const { line, lineNo } of lines) {
    if (!line.trim()) continue;
    const sp = line.indexOf(" ");
    let msg: any;
    try {
      msg = JSON.parse(sp >= 0 && line[0] !== "{" ? line.slice(sp + 1) : line);
    } catch (e) {
      out.badLines.push({ line: lineNo, message: `not JSON: ${(e as Error).message}` });
      continue;
    }
    out.messages++;
    if (venue === "binance") {
      const d = msg?.data ?? msg;
      if (d && typeof d.lastUpdateId === "number" && Array.isArray(d.bids)) {
        // a full REST depth snapshot: the book restarts from it, then the diffs buffered while it was being
        // fetched are applied by Binance's rule (drop u < lastUpdateId; the first kept has U <= lastUpdateId <= u)
        bids = new SideBook();
        asks = new SideBook();
        bids.apply(d.bids);
        asks.apply(d.asks);
        lastU = d.lastUpdateId;
        synced = true;
        afterSnapshot = true;
        out.snapshotsSeen++;
        out.bookMessages++;
        const pending = buffered;
        buffered = [];
        for (const b of pending) applyDiff(b, false);
        continue;
      }
      if (d?.e !== "depthUpdate") {
        out.otherMessages++;
        continue;
      }
      out.bookMessages++;
      out.symbol ??= d.s ?? null;
      const ts = Number(d.E);
      out.firstTs ??= ts;
      out.lastTs = ts;
      applyDiff(d, true);
    } else if (venue === "bybit") {
      const topic = msg?.topic;
      if (typeof topic !== "string" || !topic.startsWith("orderbook.")) {
        out.otherMessages++;
        continue;
      }
      out.bookMessages++;
      const d = msg.data;
      const ts = Number(msg.ts);
      const bad = (field: string, message: string) => out.badLines.push({ line: lineNo, field, message });
      if (!d || typeof d !== "object") { bad("data", "orderbook message without data"); continue; }
      if (!Number.isFinite(ts) || ts <= 0) { bad("ts", `not a time: ${JSON.stringify(msg.ts ?? null)}`); continue; }
      if (!Number.isInteger(d.u) || d.u < 1) { bad("data.u", `not an update id: ${JSON.stringify(d.u ?? null)}`); continue; }
      if (msg.type !== "snapshot" && msg.type !== "delta") { bad("type", `not snapshot or delta: ${JSON.stringify(msg.type ?? null)}`); continue; }
      const levelProblem = bybitLevelProblem(d.b, "b") ?? bybitLevelProblem(d.a, "a");
      // A message left out breaks the chain of u: the next delta shows up as a gap, so the book restarts honestly.
      if (levelProblem) { bad(levelProblem.field, levelProblem.message); continue; }
      out.symbol ??= typeof d.s === "string" ? d.s : null;
      out.firstTs ??= ts;
      out.lastTs = ts;
      if (msg.type === "snapshot" || d.u === 1) {
        bids = new SideBook();
        asks = new SideBook();
        synced = true;
        out.snapshotsSeen++;
      } else if (lastU !== null && d.u !== lastU + 1) {
        dropBook(ts, lastU, d.u - 1);
      }
      bids.apply(d.b);
      asks.apply(d.a);
      lastU = d.u;
      sample(ts);
    } else {
      // Hyperliquid's S3 archive wraps each WebSocket message: {"time": <capture time>, "ver_num": 1, "raw": <message>}
      if (msg && typeof msg === "object" && "ver_num" in msg && msg.raw) msg = msg.raw;
      if (msg?.channel !== "l2Book") {
        out.otherMessages++;
        continue;
      }
      out.bookMessages++;
      const d = msg.data;
      out.symbol ??= d?.coin ?? null;
      const ts = Number(d?.time);
      if (!Array.isArray(d?.levels) || d.levels.length !== 2 || !Number.isFinite(ts)) {
        out.badLines.push({ line: lineNo, message: "l2Book without levels or time" });
        continue;
      }
      out.firstTs ??= ts;
      out.lastTs = ts;
      bids = new SideBook();
      asks = new SideBook();
      bids.apply(d.levels[0].map((l: { px: string; sz: string }) => [l.px, l.sz]));
      asks.apply(d.levels[1].map((l: { px: string; sz: string }) => [l.px, l.sz]));
      synced = true;
      out.snapshotsSeen++;
      sample(ts);
    }
  }
  return out;
}

