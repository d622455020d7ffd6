import { describe, it, expect } from "vitest";
import type { Book } from "./types";
import {
  bookMetrics,
  bookProblem,
  capacityUsd,
  depthProfile,
  depthWithinBpsUsd,
  midPrice,
  slippageBps,
  spreadBps,
} from "./book";

// The small book used throughout (price USD, size base):
//   bids 99 × 1, 98 × 2, 97 × 5      → USD per level 99, 196, 485 (total 780)
//   asks 101 × 1, 102 × 2, 104 × 5   → USD per level 101, 204, 520 (total 825)
// mid = (99 + 101) / 2 = 100; spread = (101 − 99) / 100 × 1e4 = 200 bps.
// Distance from mid (bps): bids 100, 200, 300; asks 100, 200, 400.
const book: Book = {
  ts: 0,
  bids: [
    [99, 1],
    [98, 2],
    [97, 5],
  ],
  asks: [
    [101, 1],
    [102, 2],
    [104, 5],
  ],
  truncated: false,
};

describe("mid and spread", () => {
  it("computes mid 100 and spread 200 bps", () => {
    expect(midPrice(book)).toBe(100);
    expect(spreadBps(book)).toBeCloseTo(200, 10);
  });

  it("returns null for empty and crossed books, and accepts a locked book", () => {
    const empty: Book = { ts: 0, bids: [], asks: [[101, 1]], truncated: false };
    const crossed: Book = { ts: 0, bids: [[101, 1]], asks: [[100, 1]], truncated: false };
    const locked: Book = { ts: 0, bids: [[100, 1]], asks: [[100, 1]], truncated: false };
    expect(bookProblem(empty)).toBe("empty-bids");
    expect(bookProblem(crossed)).toBe("crossed");
    expect(midPrice(empty)).toBeNull();
    expect(spreadBps(crossed)).toBeNull();
    expect(slippageBps(crossed, 100, "buy")).toBeNull();
    expect(capacityUsd(empty, "sell", 10)).toBeNull();
    expect(depthProfile(crossed)).toBeNull();
    expect(bookMetrics(crossed, [100])).toBeNull();
    expect(spreadBps(locked)).toBe(0);
  });
});

describe("depth", () => {
  it("sums price × size of levels within the band", () => {
    // bids within 100 bps: 99 only → 99; within 250 bps: 99 + 196 = 295.
    expect(depthWithinBpsUsd(book, "bid", 100)).toBeCloseTo(99, 10);
    expect(depthWithinBpsUsd(book, "bid", 250)).toBeCloseTo(295, 10);
    // asks within 50 bps: none → 0; within 400 bps: 101 + 204 + 520 = 825.
    expect(depthWithinBpsUsd(book, "ask", 50)).toBe(0);
    expect(depthWithinBpsUsd(book, "ask", 400)).toBeCloseTo(825, 10);
  });

  it("builds the band profile and flags bands a truncated book cannot see fully", () => {
    // Bands 10, 25, 50 → 0 both sides; 100 → bid 99, ask 101; 200 → bid 295, ask 305;
    // 500 and 1000 → bid 780, ask 825.
    const p = depthProfile(book)!;
    expect(p.map((b) => b.bandBps)).toEqual([10, 25, 50, 100, 200, 500, 1000]);
    expect(p.map((b) => Math.round(b.bidUsd))).toEqual([0, 0, 0, 99, 295, 780, 780]);
    expect(p.map((b) => Math.round(b.askUsd))).toEqual([0, 0, 0, 101, 305, 825, 825]);
    expect(p.every((b) => b.bidComplete && b.askComplete)).toBe(true);
    // Truncated: the 200 bps bid band is complete (97 lies at 300 bps, beyond it); the 500 bps band is not.
    const t = depthProfile({ ...book, truncated: true })!;
    expect(t[4].bidComplete).toBe(true);
    expect(t[5].bidComplete).toBe(false);
    expect(t[5].askComplete).toBe(false);
  });
});

describe("slippage", () => {
  it("walks the asks for a 300 USD buy", () => {
    // Level 101 × 1: 101 USD, base 1, 199 USD left. Level 102 × 2 (204 USD ≥ 199): base += 199/102.
    // base = 1 + 199/102 = 301/102; VWAP = 300 / (301/102) = 30600/301 = 101.661129...
    // slippage = (101.661129 − 100) / 100 × 1e4 = 166.1129 bps; 2 levels touched.
    const r = slippageBps(book, 300, "buy");
    expect(r?.kind).toBe("filled");
    if (r?.kind !== "filled") return;
    expect(r.vwap).toBeCloseTo(30600 / 301, 10);
    expect(r.slippageBps).toBeCloseTo(166.1129568, 6);
    expect(r.levelsConsumed).toBe(2);
  });

  it("walks the bids for a 300 USD sell", () => {
    // Level 99 × 1: 99 USD, base 1, 201 left. Level 98 × 2: 196 USD < 201 → base 3, 5 left.
    // Level 97 × 5: base += 5/97. base = 3 + 5/97 = 296/97; VWAP = 300 × 97 / 296 = 98.310811...
    // slippage = (100 − 98.310811) / 100 × 1e4 = 168.9189 bps; 3 levels touched.
    const r = slippageBps(book, 300, "sell");
    if (r?.kind !== "filled") throw new Error("expected a fill");
    expect(r.vwap).toBeCloseTo(29100 / 296, 10);
    expect(r.slippageBps).toBeCloseTo(168.9189189, 6);
    expect(r.levelsConsumed).toBe(3);
  });

  it("fills exactly the best level at the half-spread", () => {
    // 101 USD buy = exactly the first ask level: VWAP 101, slippage (101 − 100)/100 × 1e4 = 100 bps.
    const r = slippageBps(book, 101, "buy");
    if (r?.kind !== "filled") throw new Error("expected a fill");
    expect(r.slippageBps).toBeCloseTo(100, 9);
    expect(r.levelsConsumed).toBe(1);
  });

  it("reports beyond-visible-depth on a thin book, never a number", () => {
    // Visible asks hold 101 + 204 + 520 = 825 USD < 1000 USD.
    const r = slippageBps({ ...book, truncated: true }, 1000, "buy");
    expect(r).toEqual({ kind: "beyond-visible-depth", visibleDepthUsd: 825, truncated: true });
    // Visible bids hold 99 + 196 + 485 = 780 USD < 800 USD.
    const s = slippageBps(book, 800, "sell");
    expect(s?.kind).toBe("beyond-visible-depth");
    if (s?.kind === "beyond-visible-depth") {
      expect(s.visibleDepthUsd).toBeCloseTo(780, 9);
      expect(s.truncated).toBe(false);
    }
  });

  it("rejects a non-positive notional", () => {
    expect(() => slippageBps(book, 0, "buy")).toThrow(RangeError);
  });
});

describe("capacity", () => {
  it("solves the buy capacity within the last level", () => {
    // Budget 150 bps → VWAP limit 100 × 1.015 = 101.5. d_i = p_i − 101.5.
    // 101 × 1: d = −0.5 → slack 0.5, 101 USD. 102 × 2: d = 0.5, need 1.0 > 0.5 → q = 0.5/0.5 = 1 → +102 USD.
    // capacity = 203 USD (base 2, VWAP 101.5 = exactly 150 bps).
    const c = capacityUsd(book, "buy", 150)!;
    expect(c.capacityUsd).toBeCloseTo(203, 9);
    expect(c.limitedByVisibleDepth).toBe(false);
    expect(c.levelsConsumed).toBe(2);
    const r = slippageBps(book, c.capacityUsd, "buy");
    if (r?.kind !== "filled") throw new Error("expected a fill");
    expect(r.slippageBps).toBeCloseTo(150, 8);
  });

  it("solves a deeper buy capacity and a sell capacity", () => {
    // Buy, 250 bps → limit 102.5. 101: slack 1.5, 101 USD. 102: d = −0.5 → slack 2.5, +204 = 305 USD.
    // 104: d = 1.5, need 7.5 > 2.5 → q = 2.5/1.5 = 5/3 → +104 × 5/3 = 173.333 → 478.333 USD.
    // Check: base 1 + 2 + 5/3 = 14/3, VWAP = 478.333 / (14/3) = 102.5.
    expect(capacityUsd(book, "buy", 250)!.capacityUsd).toBeCloseTo(305 + 520 / 3, 9);
    // Sell, 150 bps → limit 98.5, d_i = 98.5 − p_i. 99: slack 0.5, 99 USD. 98: d = 0.5, need 1 → q = 1 → +98.
    // capacity = 197 USD (base 2, VWAP 98.5).
    expect(capacityUsd(book, "sell", 150)!.capacityUsd).toBeCloseTo(197, 9);
  });

  it("is 0 when the half-spread exceeds the budget, and the visible depth when everything fits", () => {
    // 50 bps → limit 100.5 < best ask 101: nothing fits.
    expect(capacityUsd(book, "buy", 50)).toEqual({ capacityUsd: 0, limitedByVisibleDepth: false, levelsConsumed: 0, truncated: false });
    // 1000 bps → limit 110 ≥ every ask: whole side, 825 USD, flagged.
    const all = capacityUsd(book, "buy", 1000)!;
    expect(all.capacityUsd).toBeCloseTo(825, 9);
    expect(all.limitedByVisibleDepth).toBe(true);
    expect(all.levelsConsumed).toBe(3);
  });
});

describe("bookMetrics", () => {
  it("bundles mid, spread, depth and both-side slippage per notional", () => {
    const m = bookMetrics(book, [300, 1000])!;
    expect(m.midPrice).toBe(100);
    expect(m.bestBid).toBe(99);
    expect(m.bestAsk).toBe(101);
    expect(m.depth).toHaveLength(7);
    expect(m.slippage[0].buy.kind).toBe("filled");
    expect(m.slippage[1].buy.kind).toBe("beyond-visible-depth"); // 1000 > 825 visible
    expect(m.slippage[1].sell.kind).toBe("beyond-visible-depth"); // 1000 > 780 visible
    expect(m.truncated).toBe(false);
  });
});
