// The resiliency item's incident figure from a ledger, by hand: Σ severity weight over the 12 months before the
// window end, only when the ledger's reviewed period covers those months; the sub-score it gives.
import { describe, expect, it } from "vitest";
import { incidentWeight12m, twelveMonthsBefore } from "./incident-weight";
import { scoreVenue, type VenueScoreInput } from "./score-venue";
import { FACT_KEYS } from "./items";

const t = (iso: string) => Date.parse(iso);
const reviewed = { fromMs: t("2025-01-01T00:00:00Z"), toMs: t("2026-12-05T00:00:00Z") };
// A ledger like Hyperliquid's: high 2025-03-26, moderate 2025-07-29, moderate 2025-08-26, high 2025-10-10.
const ledger = [
  { startedAtMs: t("2025-03-26T00:00:00Z"), severity: "high" as const },
  { startedAtMs: t("2025-07-29T14:10:00Z"), severity: "moderate" as const },
  { startedAtMs: t("2025-08-26T00:00:00Z"), severity: "moderate" as const },
  { startedAtMs: t("2025-10-10T00:00:00Z"), severity: "high" as const },
];

describe("incidentWeight12m", () => {
  it("counts incidents in (end − 12 months, end] by severity weight", () => {
    // Window end 2026-01-31: months 2025-01-31 → 2026-01-31 hold all four: 1 + 0.5 + 0.5 + 1 = 3.
    expect(incidentWeight12m(ledger, reviewed, t("2026-01-31T23:59:00Z"))).toMatchObject({ weight: 3, count: 4, missing: null });
    // Window end 2026-03-26T00:00: the JELLY incident at exactly 2025-03-26T00:00 is the open start → 0.5 + 0.5 + 1 = 2.
    expect(incidentWeight12m(ledger, reviewed, t("2026-03-26T00:00:00Z"))).toMatchObject({ weight: 2, count: 3 });
    // Window end 2025-10-10T00:00 (inclusive end): all four → 3; one ms earlier: 2.
    expect(incidentWeight12m(ledger, { ...reviewed, fromMs: t("2024-01-01T00:00:00Z") }, t("2025-10-10T00:00:00Z")).weight).toBe(3);
    expect(incidentWeight12m(ledger, { ...reviewed, fromMs: t("2024-01-01T00:00:00Z") }, t("2025-10-09T23:59:59.999Z")).weight).toBe(2);
    // An empty, fully reviewed 12 months is a real 0.
    expect(incidentWeight12m([], reviewed, t("2026-06-30T00:00:00Z"))).toMatchObject({ weight: 0, count: 0, missing: null });
  });

  it("has no figure when the reviewed period does not cover the 12 months", () => {
    // End 2025-12-08: the months start 2024-12-08, before the review began on 2025-01-01.
    const early = incidentWeight12m(ledger, reviewed, t("2025-12-08T00:00:00Z"));
    expect(early.weight).toBeNull();
    expect(early.missing).toBe("the incident ledger was reviewed 2025-01-01 → 2026-12-05, not the whole 12 months 2024-12-08 → 2025-12-08");
    // An end after the review's last day (2026-12-05 covers up to 2026-12-05T23:59:59.999).
    expect(incidentWeight12m(ledger, reviewed, t("2026-12-05T23:59:59.999Z")).weight).toBe(0); // no incident after 2025-12-05
    expect(incidentWeight12m(ledger, reviewed, t("2026-12-06T00:00:00Z")).weight).toBeNull();
    expect(incidentWeight12m(ledger, null, t("2026-01-31T00:00:00Z"))).toMatchObject({ weight: null, missing: "the incident ledger claims no reviewed period" });
  });

  it("steps back 12 calendar months in UTC", () => {
    expect(new Date(twelveMonthsBefore(t("2026-01-31T23:59:00Z"))).toISOString()).toBe("2025-01-31T23:59:00.000Z");
    expect(new Date(twelveMonthsBefore(t("2024-02-29T12:00:00Z"))).toISOString()).toBe("2023-02-28T12:00:00.000Z");
  });
});

describe("the resiliency item from a ledger", () => {
  const base: VenueScoreInput = {
    venue: "v",
    targetNotionalUsd: 1_000_000,
    resiliency: { availability: 1, longestGapHours: 1 },
    // execution data so the venue has a total (coverage gate)
    depth: { p50SlippageBps: 1, beyondDepthShare: 0, medianCapacityUsd: 10_000_000 },
    stress: { p95Ratio: 1, beyondDepthShareInStress: 0 },
    facts: [{ key: FACT_KEYS.resiliencyIncidents12m, status: "known", value: "0" }],
  };
  const item = (input: VenueScoreInput) => scoreVenue(input).items.find((i) => i.id === "resiliency")!;

  it("scores the ledger weight instead of the curated count", () => {
    // Weight 3 on the scale 0 → 100 · 2 → 70 · 5 → 30: 70 + (3 − 2)/(5 − 2) × (30 − 70) = 56.667.
    // Availability 1 → 100, gap 1 h → 100: item = (100 + 100 + 56.667) / 3 = 85.556.
    const w = incidentWeight12m(ledger, reviewed, t("2026-01-31T23:59:00Z"));
    const r = item({ ...base, incidentWeight12m: w.weight, incidentSource: "incident ledger: 4 incidents" });
    const sub = r.subScores.find((s) => s.id === "incidents12m")!;
    expect(sub.value).toBe(3);
    expect(sub.score).toBeCloseTo(170 / 3, 9);
    expect(r.score).toBeCloseTo((200 + 170 / 3) / 3, 9);
    // Resiliency weighs 10 of 100: the incident figure adds 10/100 × 56.667/3 = 1.889 points to the total.
    expect(sub.contribution).toBeCloseTo((0.1 * 170) / 9, 9);
  });

  it("a ledger without a figure is missing (0 points) and never falls back to the count fact", () => {
    const r = item({ ...base, incidentWeight12m: null, incidentMissing: "the incident ledger claims no reviewed period" });
    const sub = r.subScores.find((s) => s.id === "incidents12m")!;
    expect(sub).toMatchObject({ value: null, score: null, missing: "the incident ledger claims no reviewed period", contribution: 0 });
    expect(r.score).toBeCloseTo(200 / 3, 9);
    // Missing data never helps: the venue with a recorded critical-heavy ledger (weight 10 → 0 points) ties the
    // one with nothing; any lighter ledger scores above it.
    const none = scoreVenue({ ...base, facts: [], incidentMissing: "no ledger" }).total!;
    const worst = scoreVenue({ ...base, facts: [], incidentWeight12m: 10 }).total!;
    const one = scoreVenue({ ...base, facts: [], incidentWeight12m: 1 }).total!;
    expect(worst).toBe(none);
    expect(one).toBeGreaterThan(none);
  });
});
