// Rank moves between two default-view rankings: ≥ 2 places among the venues ranked both times (hand-checked).
import { describe, expect, it } from "vitest";
import { rankMoves, rankMoveSummary } from "./rank-moves";

describe("rankMoves", () => {
  it("reports a venue moving 2 places and ignores 1-place moves", () => {
    // a b c d → c a b d: c gains 2 places, a and b lose 1 each.
    const moves = rankMoves({ a: 1, b: 2, c: 3, d: 4 }, { c: 1, a: 2, b: 3, d: 4 });
    expect(moves).toEqual([{ venue: "c", fromRank: 3, toRank: 1, places: 2 }]);
    expect(rankMoveSummary(moves[0], "real")).toBe("rank 3 → 1 (up 2 among real venues, default scorecard)");
  });

  it("reports both sides of a swap across 3 places, biggest move first", () => {
    const moves = rankMoves({ a: 1, b: 2, c: 3, d: 4 }, { d: 1, b: 2, c: 3, a: 4 });
    expect(moves).toEqual([
      { venue: "a", fromRank: 1, toRank: 4, places: -3 },
      { venue: "d", fromRank: 4, toRank: 1, places: 3 },
    ]);
  });

  it("does not count a new venue at the top as everyone else moving down", () => {
    // n enters at 1 and x (new) at 3: a, b, c keep their order among the venues ranked both times.
    expect(rankMoves({ a: 1, b: 2, c: 3 }, { n: 1, a: 2, x: 3, b: 4, c: 5 })).toEqual([]);
  });

  it("does not count removed or newly unranked venues, and compares the rest among themselves", () => {
    // a and b leave the ranking (b now has no total); c, d, e keep their order.
    expect(rankMoves({ a: 1, b: 2, c: 3, d: 4, e: 5 }, { b: null, c: 1, d: 2, e: 3 })).toEqual([]);
    // e passes c and d after a left: among c d e it gains 2.
    expect(rankMoves({ a: 1, c: 2, d: 3, e: 4 }, { e: 1, c: 2, d: 3 })).toEqual([{ venue: "e", fromRank: 4, toRank: 1, places: 2 }]);
  });

  it("treats ties as shared places (competition ranking)", () => {
    // Before: a 1, b 1, c 3. After: c 1, a 2, b 2 → c goes from place 3 to 1 (+2); a and b from 1 to 2 (−1).
    expect(rankMoves({ a: 1, b: 1, c: 3 }, { c: 1, a: 2, b: 2 })).toEqual([{ venue: "c", fromRank: 3, toRank: 1, places: 2 }]);
    // Three tied before, one of them alone at the bottom after: place 1 → 3 is a 2-place move.
    expect(rankMoves({ a: 1, b: 1, c: 1 }, { a: 1, b: 1, c: 3 })).toEqual([{ venue: "c", fromRank: 1, toRank: 3, places: -2 }]);
  });

  it("finds nothing for identical rankings or an empty one", () => {
    expect(rankMoves({ a: 1, b: 2 }, { a: 1, b: 2 })).toEqual([]);
    expect(rankMoves({}, { a: 1, b: 2, c: 3 })).toEqual([]);
  });
});
