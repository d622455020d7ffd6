import { describe, expect, it } from "vitest";
import { refillEvents, refillSummary, type DepthPoint } from "./refill";

const S = 1000;
// Six snapshots, 60 s apart but for a 360 s gap at the end (median spacing 60 s, so a gap is anything over 180 s).
const points: DepthPoint[] = [
  { ts: 0, bidUsd: 100, askUsd: 100 },
  { ts: 60 * S, bidUsd: 100, askUsd: 50 },
  { ts: 120 * S, bidUsd: 60, askUsd: 70 },
  { ts: 180 * S, bidUsd: 60, askUsd: 80 },
  { ts: 240 * S, bidUsd: 65, askUsd: 96 },
  { ts: 600 * S, bidUsd: 100, askUsd: 96 },
];

describe("book refill", () => {
  it("finds drops of ≥ 30 % and times the 50 % and 90 % refill from the drop's snapshot", () => {
    const { events, cadenceMs } = refillEvents(points, [{ from: 100 * S, to: 130 * S }]);
    expect(cadenceMs).toBe(60 * S);
    // Ask: 100 → 50 at 60 s (lost 50): ≥ 75 first at 180 s (80) → 120 s; ≥ 95 first at 240 s (96) → 180 s.
    // Bid: 100 → 60 at 120 s (lost 40, inside the stress window): ≥ 80 never before the 360 s gap → censored "gap".
    expect(events).toEqual([
      { side: "ask", ts: 60 * S, beforeUsd: 100, afterUsd: 50, inStress: false, halfLifeMs: 120 * S, refill90Ms: 180 * S, censored: null },
      { side: "bid", ts: 120 * S, beforeUsd: 100, afterUsd: 60, inStress: true, halfLifeMs: null, refill90Ms: null, censored: "gap" },
    ]);
    const s = refillSummary(points, [{ from: 100 * S, to: 130 * S }]);
    expect(s.normal).toEqual({ events: 1, recovered50: 1, recovered90: 1, medianHalfLifeMs: 120 * S, p90HalfLifeMs: 120 * S, median90Ms: 180 * S });
    expect(s.stress).toEqual({ events: 1, recovered50: 0, recovered90: 0, medianHalfLifeMs: null, p90HalfLifeMs: null, median90Ms: null });
    expect(s.all.events).toBe(2);
    expect(s.note).toBeNull();
  });

  it("does not count a fall of less than 30 %, a drop across a gap or one from an unknown depth", () => {
    const p: DepthPoint[] = [
      { ts: 0, bidUsd: 100, askUsd: 100 },
      { ts: 60 * S, bidUsd: 71, askUsd: null },
      { ts: 120 * S, bidUsd: 71, askUsd: 10 },
      { ts: 180 * S, bidUsd: 71, askUsd: 100 },
      { ts: 900 * S, bidUsd: 10, askUsd: 100 },
    ];
    expect(refillEvents(p).events).toEqual([]);
  });

  it("says when the cadence is too coarse to resolve a refill, and reads nothing from one snapshot", () => {
    const coarse = points.map((p, i) => ({ ...p, ts: i * 15 * 60 * S }));
    expect(refillSummary(coarse).note).toBe("snapshots every 900 s: a refill faster than that reads as one interval, so the half-life is an upper bound at this cadence");
    expect(refillSummary(points.slice(0, 1))).toMatchObject({ cadenceMs: null, note: "fewer than two snapshots: no refill can be read", all: { events: 0 } });
  });
});
