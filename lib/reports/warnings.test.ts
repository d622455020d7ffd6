// Hand-checked report warnings: concentration, few snapshots, data older than the window, different periods.
import { describe, expect, it } from "vitest";
import type { AllocationLine } from "./allocate";
import { allocationWarnings, differentPeriods, reportWarnings, windowLengthMs, warningsFor, type WarningVenue } from "./warnings";

const line = (venue: string, allocationUsd: number, capital = 1_000_000): AllocationLine =>
  ({ venue, name: venue.toUpperCase(), provenance: "recorded", allocationUsd, allocationShare: allocationUsd / capital, eligible: allocationUsd > 0 }) as AllocationLine;
const venue = (slug: string, snapshots: number, from: string, to: string): WarningVenue => ({ slug, name: slug.toUpperCase(), snapshots, windowFromUtc: from, windowToUtc: to });
const NOW = "2024-12-01T00:00:00.000Z";
const NOV = ["2024-11-01T00:00:00.000Z", "2024-11-30T00:00:00.000Z"] as const;

describe("allocationWarnings", () => {
  it("warns above the share limit, not at it", () => {
    // a 500,001 / 1,000,000 = 50.0001 % > 50 %; b exactly 499,999 → no; at the limit exactly (50 %) → no.
    const w = allocationWarnings([line("a", 500_001), line("b", 499_999)], [venue("a", 100, ...NOV), venue("b", 100, ...NOV)], { window: "30d" }, NOW);
    expect(w.map((x) => [x.code, x.venues])).toEqual([["concentration", ["a"]]]);
    expect(w[0].message).toBe("A holds 50 % of the capital, above the 50 % limit for one venue");
    const atLimit = allocationWarnings([line("a", 500_000), line("b", 500_000)], [venue("a", 100, ...NOV), venue("b", 100, ...NOV)], { window: "30d" }, NOW);
    expect(atLimit).toEqual([]);
    // A lower limit set by the user: 30 % → both 50 % venues warned.
    expect(allocationWarnings([line("a", 500_000), line("b", 500_000)], [venue("a", 100, ...NOV), venue("b", 100, ...NOV)], { window: "30d", maxVenueSharePct: 30 }, NOW).map((x) => x.venues[0])).toEqual(["a", "b"]);
  });

  it("warns when an allocated venue rests on fewer snapshots than the minimum; unallocated venues are not checked", () => {
    const lines = [line("a", 400_000), line("b", 400_000), line("c", 200_000), line("z", 0)];
    const venues = [venue("a", 29, ...NOV), venue("b", 30, ...NOV), venue("c", 1, ...NOV), venue("z", 0, ...NOV)];
    const w = allocationWarnings(lines, venues, { window: "30d" }, NOW);
    expect(w.map((x) => `${x.code}:${x.venues}`)).toEqual(["few-snapshots:a", "few-snapshots:c"]);
    expect(w[1].message).toBe("C: figures rest on 1 order-book snapshot, fewer than the minimum of 30");
    expect(allocationWarnings(lines, venues, { window: "30d", minSnapshots: 2 }, NOW).map((x) => x.venues[0])).toEqual(["c"]);
  });

  it("warns when the latest data is further back than the window is long", () => {
    // 30-day window = 2,592,000,000 ms. Report 2024-12-01 00:00; a's data ends 2024-10-31 23:00 (30 d 1 h
    // before: stale, 30 whole days); b's ends 2024-11-01 00:00 (exactly 30 d: not older than the window).
    const lines = [line("a", 400_000), line("b", 400_000), line("c", 200_000)];
    const venues = [venue("a", 100, "2024-10-01T00:00:00.000Z", "2024-10-31T23:00:00.000Z"), venue("b", 100, "2024-10-15T00:00:00.000Z", "2024-11-01T00:00:00.000Z"), venue("c", 100, ...NOV)];
    const w = allocationWarnings(lines, venues, { window: "30d" }, NOW);
    expect(w.filter((x) => x.code === "stale-data").map((x) => x.message)).toEqual(["A: latest data from 2024-10-31, 30 days before this report, older than the 30-day window"]);
    // The "all" preset has no length: nothing is older than it. An explicit from/to window of 7 days is.
    expect(allocationWarnings(lines, venues, { window: "all" }, NOW).filter((x) => x.code === "stale-data")).toEqual([]);
    expect(windowLengthMs({ from: "2024-11-01T00:00:00Z", to: "2024-11-08T00:00:00Z" })).toBe(7 * 86_400_000);
    expect(windowLengthMs({})).toBe(30 * 86_400_000);
  });

  it("warns once when allocated venues' data windows do not overlap, naming each one's period", () => {
    // a: Nov 2024; b: Mar 2023; c: Nov 10–12 2024. a and c overlap; b overlaps neither, so all three are named.
    const lines = [line("a", 300_000), line("b", 300_000), line("c", 400_000)];
    const venues = [venue("a", 100, ...NOV), venue("b", 100, "2023-03-01T00:00:00.000Z", "2023-03-05T00:00:00.000Z"), venue("c", 100, "2024-11-10T00:00:00.000Z", "2024-11-12T00:00:00.000Z")];
    const w = allocationWarnings(lines, venues, { window: "all" }, NOW);
    expect(w).toEqual([{ code: "different-periods", venues: ["a", "b", "c"], message: "figures compared side by side come from different periods: A 2024-11-01 to 2024-11-30; B 2023-03-01 to 2023-03-05; C 2024-11-10 to 2024-11-12" }]);
    expect(warningsFor(w, "b")).toBe(w[0].message);
    // Without b, a and c share days: no warning. Touching windows (one ends as the other starts) overlap.
    expect(allocationWarnings([line("a", 500_000), line("c", 500_000)], [venues[0], venues[2]], { window: "all" }, NOW)).toEqual([]);
    expect(allocationWarnings([line("a", 500_000), line("d", 500_000)], [venues[0], venue("d", 100, NOV[1], "2024-12-01T00:00:00.000Z")], { window: "all" }, NOW)).toEqual([]);
    expect(warningsFor(w, "zzz")).toBe("");
  });

  it("computes the warnings of a report saved before warnings existed", () => {
    const r = { allocation: { lines: [line("a", 1_000_000)] }, venues: [venue("a", 5, ...NOV)], params: { window: "30d" as const }, generatedAt: NOW };
    expect(reportWarnings(r).map((w) => w.code)).toEqual(["concentration", "few-snapshots"]);
    expect(reportWarnings({ ...r, warnings: [] })).toEqual([]);
  });
});

describe("differentPeriods (the one rule reports and the compare page share)", () => {
  it("names every venue of a non-overlapping pair, skips venues without dated data, and labels the figures", () => {
    const at = (slug: string, from: string | null, to: string | null) => ({ slug, name: slug.toUpperCase(), windowFromUtc: from, windowToUtc: to });
    // x: 2024-11-01 (one snapshot), y: 2020-09-15 to 2020-10-18, z: no data.
    const w = differentPeriods([at("x", "2024-11-01T05:53:06.000Z", "2024-11-01T05:53:06.000Z"), at("y", "2020-09-15T00:00:00.000Z", "2020-10-18T00:00:00.000Z"), at("z", null, null)], "funding figures");
    expect(w).toEqual({ code: "different-periods", venues: ["x", "y"], message: "funding figures compared side by side come from different periods: X 2024-11-01 to 2024-11-01; Y 2020-09-15 to 2020-10-18" });
    // Same instant on both sides overlaps; one dated venue alone has nothing to differ from.
    expect(differentPeriods([at("x", "2024-11-01T05:53:06.000Z", "2024-11-01T05:53:06.000Z"), at("w", "2024-10-01T00:00:00.000Z", "2024-11-01T05:53:06.000Z")])).toBeNull();
    expect(differentPeriods([at("x", "2024-11-01T05:53:06.000Z", "2024-11-01T05:53:06.000Z"), at("z", null, null)])).toBeNull();
  });
});
