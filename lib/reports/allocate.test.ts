import { describe, expect, it } from "vitest";
import { allocate, MixedVenueSetError, waterFill, type AllocationInput, type AllocationVenueInput } from "./allocate";
import { pickCapacity } from "./capacity";

const venue = (v: Partial<AllocationVenueInput> & Pick<AllocationVenueInput, "venue" | "score" | "capacityUsd">): AllocationVenueInput => ({
  name: v.venue[0].toUpperCase() + v.venue.slice(1),
  provenance: "recorded",
  capacityBasis: v.capacityUsd === null ? null : "stress-p5",
  stressWindowCount: 2,
  allInCostBps: 6,
  ...v,
});

// Three venues, all with stressed capacity above the $100k target order notional:
//   alpha score 80, capacity $400k · bravo score 60, capacity $150k · charlie score 40, capacity $120k.
const three = (): AllocationVenueInput[] => [
  venue({ venue: "alpha", score: 80, capacityUsd: 400_000 }),
  venue({ venue: "bravo", score: 60, capacityUsd: 150_000, capacityBasis: "overall-p5", stressWindowCount: 0, allInCostBps: 8 }),
  venue({ venue: "charlie", score: 40, capacityUsd: 120_000, allInCostBps: null }),
];
const base = (over: Partial<AllocationInput> = {}): AllocationInput => ({ capitalUsd: 1_000_000, targetOrderNotionalUsd: 100_000, slippageBudgetBps: 10, minScore: 0, venues: three(), ...over });
const byVenue = (r: ReturnType<typeof allocate>) => Object.fromEntries(r.lines.map((l) => [l.venue, l]));

describe("allocate", () => {
  it("refuses to split capital over real and simulated venues together; either set alone is fine", () => {
    const mixed = [venue({ venue: "alpha", score: 80, capacityUsd: 400_000 }), venue({ venue: "sim-x", score: 90, capacityUsd: 900_000, provenance: "simulated" })];
    expect(() => allocate(base({ venues: mixed }))).toThrow(MixedVenueSetError);
    expect(() => allocate(base({ venues: mixed }))).toThrow("never both (real: alpha; simulated: sim-x)");
    const demo = allocate(base({ venues: [venue({ venue: "sim-x", score: 90, capacityUsd: 900_000, provenance: "simulated" })] }));
    expect(demo.lines[0].allocationUsd).toBe(1_000_000);
    expect(allocate(base()).allocatedUsd).toBe(1_000_000);
  });

  it("splits by score on a hand-worked case", () => {
    // Hand-worked: Σ score = 80 + 60 + 40 = 180; level = $1,000,000 / 180 = $5,555.5556 per point.
    //   alpha   80 × 5,555.5556 = $444,444.444… → $444,444.44
    //   bravo   60 × 5,555.5556 = $333,333.333… → $333,333.33
    //   charlie 40 × 5,555.5556 = $222,222.222… → $222,222.22
    // Rounded lines sum to $999,999.99; the $0.01 residue goes to the largest line (alpha → $444,444.45).
    // Orders at the $100k target: alpha ⌈4.44⌉ = 5, bravo ⌈3.33⌉ = 4, charlie ⌈2.22⌉ = 3.
    const r = allocate(base());
    const l = byVenue(r);
    expect(r.feasible).toBe(true);
    expect(r.explanation).toBeNull();
    expect(l.alpha.allocationUsd).toBe(444_444.45);
    expect(l.bravo.allocationUsd).toBe(333_333.33);
    expect(l.charlie.allocationUsd).toBe(222_222.22);
    expect(r.allocatedUsd).toBe(1_000_000);
    expect(r.unallocatedUsd).toBe(0);
    expect([l.alpha.ordersAtTarget, l.bravo.ordersAtTarget, l.charlie.ordersAtTarget]).toEqual([5, 4, 3]);
    expect(r.lines.map((x) => x.constraint)).toEqual(["score-weighted", "score-weighted", "score-weighted"]);
    expect(l.alpha.allocationShare).toBeCloseTo(0.4444, 4);
    expect(l.alpha.capacityToTarget).toBe(4);
    // Reasons carry score, capacity (and its basis), all-in cost.
    expect(l.alpha.reasons.join(" | ")).toMatch(/score 80\.0.*capacity at 10 bps: \$400,000, stressed p5 over 2 stress windows.*all-in cost 6\.00 bps/);
    expect(l.bravo.reasons.join(" | ")).toContain("overall p5, as no stress window was detected (fallback)");
    expect(l.charlie.reasons).toContain("all-in cost: no data");
    expect(r.rounds).toBe(1);
  });

  it("marks ineligible venues with their binding constraint and keeps them in the table", () => {
    const venues = [
      ...three(),
      venue({ venue: "delta", score: 90, capacityUsd: 60_000 }), // cannot fill one $100k order within budget
      venue({ venue: "echo", score: 30, capacityUsd: 5_000_000 }), // below the minimum score of 35
      venue({ venue: "foxtrot", score: null, capacityUsd: null }), // no data
      venue({ venue: "golf", score: 95, capacityUsd: 9_000_000 }), // excluded
    ];
    const r = allocate(base({ venues, minScore: 35, exclude: ["golf"] }));
    const l = byVenue(r);
    expect(l.delta).toMatchObject({ eligible: false, constraint: "capacity below target", allocationUsd: 0 });
    expect(l.delta.reasons.join(" ")).toContain("cannot fill one order within 10 bps");
    expect(l.echo).toMatchObject({ eligible: false, constraint: "below min score" });
    expect(l.foxtrot).toMatchObject({ eligible: false, constraint: "no data" });
    expect(l.foxtrot.reasons).toContain("score: no data");
    expect(l.golf).toMatchObject({ eligible: false, constraint: "excluded" });
    // The eligible three split exactly as in the hand-worked case.
    expect([l.alpha.allocationUsd, l.bravo.allocationUsd, l.charlie.allocationUsd]).toEqual([444_444.45, 333_333.33, 222_222.22]);
    expect(r.lines.slice(0, 3).map((x) => x.venue)).toEqual(["alpha", "bravo", "charlie"]);
  });

  it("holds a capped venue at its cap and redistributes the excess by score", () => {
    // alpha capped at 30 % of $1M = $300k (it would get $444k): remaining $700k over bravo:charlie = 60:40
    //   → bravo $420,000, charlie $280,000.
    const one = byVenue(allocate(base({ caps: { alpha: { share: 0.3 } } })));
    expect(one.alpha).toMatchObject({ allocationUsd: 300_000, constraint: "cap", capUsd: 300_000 });
    expect(one.bravo).toMatchObject({ allocationUsd: 420_000, constraint: "score-weighted" });
    expect(one.charlie.allocationUsd).toBe(280_000);
    expect(one.alpha.reasons.join(" ")).toContain("held at its cap of $300,000");
    // And bravo capped at $350k as well: round 2 gives bravo $420k > $350k → capped; charlie takes the rest.
    const r = allocate(base({ caps: { alpha: { share: 0.3, usd: 900_000 }, bravo: { usd: 350_000 } } }));
    const two = byVenue(r);
    expect([two.alpha.allocationUsd, two.bravo.allocationUsd, two.charlie.allocationUsd]).toEqual([300_000, 350_000, 350_000]);
    expect(r.rounds).toBe(3);
    expect(r.allocatedUsd).toBe(1_000_000);
  });

  it("leaves the remainder unallocated, and says so, when every eligible venue is capped", () => {
    const caps = { alpha: { usd: 100_000 }, bravo: { usd: 100_000 }, charlie: { usd: 50_000 }, zulu: { usd: 1 } };
    const r = allocate(base({ caps }));
    expect(r.feasible).toBe(true);
    expect(r.allocatedUsd).toBe(250_000);
    expect(r.unallocatedUsd).toBe(750_000);
    expect(r.notes.join(" ")).toContain("$750,000 of $1,000,000 stays unallocated");
    expect(r.notes.join(" ")).toContain('Cap for unknown venue "zulu" ignored');
  });

  it("explains an infeasible request instead of returning an empty table", () => {
    const r = allocate(base({ targetOrderNotionalUsd: 500_000 }));
    expect(r.feasible).toBe(false);
    expect(r.allocatedUsd).toBe(0);
    expect(r.lines).toHaveLength(3);
    expect(r.explanation).toMatchObject({ code: "nothing-eligible", cause: "capacity below target", counts: { "capacity below target": 3 } });
    expect(r.explanation!.message).toContain("No venue can fill one order of $500,000 within 10 bps");
    expect(r.explanation!.suggestions[0]).toContain("The largest capacity within 10 bps is $400,000 at Alpha");

    const low = allocate(base({ minScore: 85 }));
    expect(low.explanation).toMatchObject({ cause: "below min score" });
    expect(low.explanation!.suggestions.join(" ")).toContain("The highest score is 80.0 at Alpha");

    const mixed = allocate(base({ minScore: 70, targetOrderNotionalUsd: 450_000 }));
    expect(mixed.explanation!.cause).toBe("mixed");
    expect(mixed.explanation!.message).toMatch(/No venue passes every constraint \(.*capacity below target.*below min score|below min score.*capacity below target/);
    // Only alpha is blocked by capacity alone; bravo and charlie fail both checks, so no min-score hint.
    expect(mixed.explanation!.suggestions).toEqual(["The largest capacity within 10 bps is $400,000 at Alpha: lower the target order notional to at most that, or raise the slippage budget."]);
    const both = allocate(base({ minScore: 90, targetOrderNotionalUsd: 450_000 }));
    expect(both.explanation!.suggestions).toEqual(["No single change makes a venue eligible: each one fails several checks (see its reasons)."]);
    expect(both.lines[0].failing).toEqual(["below min score", "capacity below target"]);

    expect(allocate(base({ venues: [] })).explanation).toMatchObject({ cause: "no venues" });
  });

  it("splits equally when every eligible score is 0", () => {
    const f = waterFill(90, [
      { key: "a", weight: 0, capUsd: null },
      { key: "b", weight: 0, capUsd: 20 },
      { key: "c", weight: 0, capUsd: null },
    ]);
    expect([f.alloc.get("a"), f.alloc.get("b"), f.alloc.get("c")]).toEqual([35, 20, 35]);
  });
});

describe("pickCapacity", () => {
  const side = (overallP5Usd: number | null, stressP5Usd: number | null) => ({ overallP5Usd, overallMedianUsd: null, stressP5Usd, insideCount: stressP5Usd === null ? 0 : 5 });
  it("uses the stressed p5 on the worse side when there are stress windows", () => {
    expect(pickCapacity(10, 2, side(500_000, 200_000), side(400_000, 150_000))).toMatchObject({ capacityUsd: 150_000, basis: "stress-p5", side: "sell" });
  });
  it("falls back to the overall p5 without a stress window", () => {
    expect(pickCapacity(25, 0, side(500_000, null), side(400_000, null))).toMatchObject({ capacityUsd: 400_000, basis: "overall-p5", budgetBps: 25 });
    expect(pickCapacity(25, 0, side(null, null), side(null, null))).toMatchObject({ capacityUsd: null, basis: null });
  });
});
