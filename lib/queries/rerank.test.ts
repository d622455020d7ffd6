import { describe, expect, it } from "vitest";
import { DEFAULT_WEIGHTS, type VenueScoreInput } from "../scoring";
import type { ScorecardRowView } from "../views/scorecard";
import { rerank } from "./rerank";
import { formatWeights, parseViewParams, parseWeights, viewSearch } from "./view-params";

function row(slug: string, input: Partial<VenueScoreInput>): ScorecardRowView {
  const full: VenueScoreInput = { venue: slug, targetNotionalUsd: 1e6, facts: [], ...input };
  return { venue: { slug, name: slug.toUpperCase(), kind: "cex", chain: null, provenance: "simulated" }, market: null, figures: null, input: full, score: null as never, rank: null, group: "simulated" };
}

// A: cheap but thin; B: deep but expensive. Depth-heavy weights favour B, fee-heavy weights favour A.
const rows = [
  row("a", { depth: { p50SlippageBps: 20, beyondDepthShare: 0.3, medianCapacityUsd: 2e5 }, fees: { allInCostBps: 3, changesInStress: 0 } }),
  row("b", { depth: { p50SlippageBps: 1, beyondDepthShare: 0, medianCapacityUsd: 5e6 }, fees: { allInCostBps: 30, changesInStress: 2 } }),
  row("c", {}),
];

describe("rerank", () => {
  it("orders venues by their re-scored total and leaves venues without data unranked, last", () => {
    const depthHeavy = rerank(rows, { ...DEFAULT_WEIGHTS, depth: 100, fees: 1 });
    expect(depthHeavy.map((r) => r.row.venue.slug)).toEqual(["b", "a", "c"]);
    expect(depthHeavy[2].rank).toBeNull();
    const feeHeavy = rerank(rows, { ...DEFAULT_WEIGHTS, depth: 1, fees: 100 });
    expect(feeHeavy.map((r) => r.row.venue.slug)).toEqual(["a", "b", "c"]);
  });

  it("reports each venue's rank range under ±5-point weight moves", () => {
    const r = rerank(rows, { ...DEFAULT_WEIGHTS });
    for (const x of r.filter((x) => x.rank !== null)) {
      expect(x.minRank).toBeLessThanOrEqual(x.rank!);
      expect(x.maxRank).toBeGreaterThanOrEqual(x.rank!);
    }
  });
});

describe("view params", () => {
  it("round-trips through the URL and drops defaults", () => {
    const p = parseViewParams(new URLSearchParams("notional=5000000&window=7d&asset=eth&weights=depth:40,fees:0&venues=a,b&simulated=1"));
    expect(p).toMatchObject({ notional: 5e6, window: "7d", asset: "ETH", simulated: true, venues: ["a", "b"] });
    expect(p.weights.depth).toBe(40);
    expect(p.weights.fees).toBe(0);
    expect(p.weights.stress).toBe(DEFAULT_WEIGHTS.stress);
    expect(viewSearch(p)).toBe("?venues=a,b&notional=5000000&window=7d&asset=ETH&simulated=1&weights=depth:40,fees:0");
    expect(parseViewParams(new URLSearchParams(viewSearch(p).slice(1)))).toEqual(p);
    expect(viewSearch(parseViewParams({}))).toBe("");
  });

  it("falls back to defaults on bad values instead of failing", () => {
    const p = parseViewParams({ notional: "-3", window: "2d", asset: "bad asset!", weights: "depth:abc,nope:3,fees:-1" });
    expect(p.notional).toBe(1_000_000);
    expect(p.window).toBe("30d");
    expect(p.asset).toBe("BTC");
    expect(p.weights).toEqual(DEFAULT_WEIGHTS);
    expect(formatWeights(parseWeights(""))).toBeNull();
  });
});
