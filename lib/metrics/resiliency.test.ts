import { describe, it, expect } from "vitest";
import type { IngestRunPoint } from "./types";
import { HOUR_MS } from "./time";
import { resiliency } from "./resiliency";

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
