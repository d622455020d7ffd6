// Property: removing any scoring input from a venue never raises its total, and its status can only move from
// "scored" to "insufficient-data" (never back). Random venues and weights from a seeded generator, so a failure
// is reproducible from the printed seed.
import { describe, expect, it } from "vitest";
import { FACT_KEYS, ITEM_IDS, type Weights } from "./items";
import { scoreVenue, type FactInput, type VenueScoreInput } from "./score-venue";

/** mulberry32: a small deterministic PRNG. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const maybe = (r: Rand, p: number, v: () => number): number | null => (r() < p ? v() : null);
const pick = <T,>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

function randomVenue(r: Rand, name: string): VenueScoreInput {
  const n = () => Math.floor(r() * 600);
  const facts: FactInput[] = [];
  for (const key of Object.values(FACT_KEYS)) {
    if (r() < 0.3) continue;
    if (key === FACT_KEYS.resiliencyIncidents12m) facts.push({ key, status: r() < 0.8 ? "known" : "unknown", value: String(Math.floor(r() * 12)) });
    else facts.push({ key, status: r() < 0.85 ? "known" : "unknown", value: pick(r, ["yes", "no", "partial"]) });
  }
  return {
    venue: name,
    targetNotionalUsd: 1e6,
    depth: r() < 0.8 ? { p50SlippageBps: maybe(r, 0.85, () => r() * 60), beyondDepthShare: maybe(r, 0.85, () => r() * 0.5), medianCapacityUsd: maybe(r, 0.85, () => r() * 5e6), realizedToImplied: maybe(r, 0.5, () => r() * 6), sampleCount: r() < 0.7 ? n() : null } : null,
    stress: r() < 0.6 ? { p95Ratio: maybe(r, 0.85, () => 1 + r() * 4), beyondDepthShareInStress: maybe(r, 0.85, () => r() * 0.5), realizedStressRatio: maybe(r, 0.5, () => 0.5 + r() * 8), sampleCount: r() < 0.7 ? Math.floor(r() * 50) : null } : null,
    funding: r() < 0.8 ? { coverage: maybe(r, 0.85, () => r()), annualizedStdev: maybe(r, 0.85, () => r() * 0.6), carrySpread7d: maybe(r, 0.8, () => r() * 2.5), predictionMae: maybe(r, 0.5, () => r() * 0.6), sampleCount: r() < 0.7 ? Math.floor(r() * 60) : null } : null,
    liquidation: r() < 0.6 ? { insuranceToOi: maybe(r, 0.8, () => r() * 0.1), largestCascadeToOi: maybe(r, 0.8, () => r() * 0.2) } : null,
    fees: r() < 0.8 ? { allInCostBps: maybe(r, 0.85, () => r() * 40), changesInStress: maybe(r, 0.85, () => Math.floor(r() * 3)), sampleCount: r() < 0.7 ? n() : null } : null,
    resiliency: r() < 0.8 ? { availability: maybe(r, 0.85, () => 0.9 + r() * 0.1), longestGapHours: maybe(r, 0.85, () => r() * 80) } : null,
    facts,
    // The ledger figure and the curated count are two sources of one figure: a venue has one or the other here,
    // so deleting the ledger figure is a deletion, not a switch to the other source.
    ...(r() < 0.3 ? { incidentWeight12m: r() * 8, facts: facts.filter((f) => f.key !== FACT_KEYS.resiliencyIncidents12m) } : {}),
  };
}

function randomWeights(r: Rand): Weights {
  return Object.fromEntries(ITEM_IDS.map((id) => [id, r() < 0.15 ? 0 : Math.round(r() * 40)])) as Weights;
}

const BLOCKS = ["depth", "stress", "funding", "liquidation", "fees", "resiliency"] as const;

/** Every way of removing one input: a whole block, one figure of a block, fewer observations, one fact, the ledger figure. */
function deletions(v: VenueScoreInput): { what: string; input: VenueScoreInput }[] {
  const out: { what: string; input: VenueScoreInput }[] = [];
  for (const b of BLOCKS) {
    const block = v[b] as Record<string, unknown> | null | undefined;
    if (!block) continue;
    out.push({ what: `block ${b}`, input: { ...v, [b]: null } });
    for (const k of Object.keys(block)) {
      if (k === "source" || k === "missing" || block[k] === null) continue;
      if (k === "sampleCount") {
        out.push({ what: `${b}.sampleCount halved`, input: { ...v, [b]: { ...block, sampleCount: Math.floor((block[k] as number) / 2) } } });
        out.push({ what: `${b}.sampleCount 0`, input: { ...v, [b]: { ...block, sampleCount: 0 } } });
        continue;
      }
      out.push({ what: `${b}.${k}`, input: { ...v, [b]: { ...block, [k]: null } } });
    }
  }
  v.facts.forEach((f, i) => {
    out.push({ what: `fact ${f.key} removed`, input: { ...v, facts: v.facts.filter((_, j) => j !== i) } });
    out.push({ what: `fact ${f.key} unknown`, input: { ...v, facts: v.facts.map((g, j) => (j === i ? { ...g, status: "unknown" as const, value: null } : g)) } });
  });
  if (typeof v.incidentWeight12m === "number") out.push({ what: "incidentWeight12m", input: { ...v, incidentWeight12m: null } });
  return out;
}

describe("missing data never raises a score (property)", () => {
  it("deleting any input never increases the total; scored can only become insufficient-data", () => {
    let checked = 0;
    let becameInsufficient = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const r = rng(seed);
      const v = randomVenue(r, `v${seed}`);
      const w = randomWeights(r);
      const base = scoreVenue(v, w);
      for (const d of deletions(v)) {
        const after = scoreVenue(d.input, w);
        const ctx = `seed ${seed}, delete ${d.what}: ${base.status} ${base.total} → ${after.status} ${after.total}`;
        if (base.status === "insufficient-data") expect(after.status, ctx).toBe("insufficient-data");
        if (after.status === "scored") {
          expect(base.status, ctx).toBe("scored");
          expect(after.total!, ctx).toBeLessThanOrEqual(base.total! + 1e-9);
        } else if (base.status === "scored") becameInsufficient++;
        checked++;
      }
    }
    // The generator must exercise both outcomes, or the property says little.
    expect(checked).toBeGreaterThan(5000);
    expect(becameInsufficient).toBeGreaterThan(50);
  });
});
