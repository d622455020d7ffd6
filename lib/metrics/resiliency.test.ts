import { describe, it, expect } from "vitest";
import fc from "fast-check";
import type { IngestRunPoint } from "./types";
import { DAY_MS, HOUR_MS } from "./time";
import { combineStretches, resiliency, resiliencyFromStretches, runsByKind, stretchOf, type RunStretch } from "./resiliency";

const run = (hours: number, kind: string, status: IngestRunPoint["status"]): IngestRunPoint => ({
  startedAt: hours * HOUR_MS,
  kind,
  status,
});

describe("resiliency", () => {
  it("computes availability, failures and the longest gap per kind and overall", () => {
    // depth: 0 ok, 1 ok, 2 failed, 3 failed, 4 partial, 5 running → finished 5, successes 3 (0, 1, 4),
    //        availability 3/5 = 0.6, longest gap 4 − 1 = 3 h, since last success 10 − 4 = 6 h.
    // funding: 0 ok, 8 failed → availability 1/2, gap null (one success), since last 10 h.
    // overall: finished 7, successes 4 → 4/7; failures 3; longest gap max(3, null) = 3; since last max(6, 10) = 10.
    const runs = [
      run(0, "depth", "ok"),
      run(1, "depth", "ok"),
      run(2, "depth", "failed"),
      run(3, "depth", "failed"),
      run(4, "depth", "partial"),
      run(5, "depth", "running"),
      run(0, "funding", "ok"),
      run(8, "funding", "failed"),
      run(11, "funding", "ok"), // outside the window
    ];
    const r = resiliency(runs, { from: 0, to: 10 * HOUR_MS });
    const depth = r.byKind.find((k) => k.kind === "depth")!;
    expect(depth).toMatchObject({ runs: 6, finished: 5, successes: 3, failures: 2, availability: 0.6, longestGapHours: 3, hoursSinceLastSuccess: 6 });
    const funding = r.byKind.find((k) => k.kind === "funding")!;
    expect(funding).toMatchObject({ availability: 0.5, longestGapHours: null, hoursSinceLastSuccess: 10 });
    expect(r.overall.availability).toBeCloseTo(4 / 7, 12);
    expect(r.overall.failures).toBe(3);
    expect(r.overall.longestGapHours).toBe(3);
    expect(r.overall.hoursSinceLastSuccess).toBe(10);
    expect(resiliency([], { from: 0, to: 1 }).overall.availability).toBeNull();
  });
});

describe("resiliency from stretches", () => {
  const statuses = ["ok", "partial", "failed", "running"] as const;
  const arbRuns = fc.array(fc.record({ startedAt: fc.integer({ min: 0, max: 10 * DAY_MS }), kind: fc.constantFrom("depth", "funding", "oi"), status: fc.constantFrom(...statuses) }), { maxLength: 120 });

  it("equals the figures over the runs themselves, cut into stretches anywhere", () => {
    fc.assert(
      fc.property(arbRuns, fc.array(fc.integer({ min: 0, max: 10 * DAY_MS }), { maxLength: 12 }), fc.integer({ min: 0, max: 10 * DAY_MS }), fc.integer({ min: 0, max: 10 * DAY_MS }), (runs, cuts, a, b) => {
        const window = { from: Math.min(a, b), to: Math.max(a, b) };
        // Stretches: the window's runs of each kind cut at the sorted cut points (empty stretches included).
        const edges = [...new Set(cuts)].sort((x, y) => x - y);
        const byKind = new Map<string, RunStretch[]>();
        for (const [kind, list] of runsByKind(runs, window)) {
          const parts: RunStretch[] = [];
          let lo = -Infinity;
          for (const e of [...edges, Infinity]) {
            parts.push(stretchOf(list.filter((r) => r.startedAt >= lo && r.startedAt < e)));
            lo = e;
          }
          byKind.set(kind, parts);
        }
        // A kind whose stretches hold no run is left out, as a kind without runs in the window.
        byKind.set("markets", [stretchOf([]), stretchOf([])]);
        expect(resiliencyFromStretches(byKind, window)).toEqual(resiliency(runs, window));
      }),
      { numRuns: 400 },
    );
  });

  it("measures the gap across stretches from one's last success to the next one's first, skipping stretches without one", () => {
    // day 0: ok at 1 h and 3 h; day 1: only failures; day 2: ok at 50 h → gap 47 h (3 h → 50 h), not 2 h.
    const d0 = stretchOf([run(1, "depth", "ok"), run(3, "depth", "ok")]);
    const d1 = stretchOf([run(30, "depth", "failed")]);
    const d2 = stretchOf([run(50, "depth", "partial")]);
    const c = combineStretches([d0, d1, d2]);
    expect(c).toEqual({ runs: 4, finished: 4, successes: 3, failures: 1, firstOk: HOUR_MS, lastOk: 50 * HOUR_MS, longestGapMs: 47 * HOUR_MS });
    expect(combineStretches([])).toEqual({ runs: 0, finished: 0, successes: 0, failures: 0, firstOk: null, lastOk: null, longestGapMs: null });
  });
});
