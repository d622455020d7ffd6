// Fault classes 3 and 5 of issue #19 on the pure side, tried with generated inputs: explicit windows are
// clamped to the data's range (no per-day work beyond the data), ISO times outside years 0000–9999 or on no
// calendar day are refused, extreme and denormal numbers in query parameters are refused by the schemas
// (never reaching a computation), and the stress engine's work limits name the limit.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_POSITION_STEPS, MAX_SCENARIO_STEPS, Scenario, scenarioSteps, stressWorkProblem } from "../stress/scenario";
import { Portfolio } from "../stress/portfolio";
import { liquidationsPerDay } from "../metrics/liquidations";
import { DataStatusQuery } from "./data-status";
import { isoTimeMs, zNamedWindows, zNotionalUsd, zSavedId, zWindowFields } from "./params";
import { MarketQuery } from "./venue";
import { resolveWindow } from "./windows";

const DAY = 86_400_000;
/** The whole range a JavaScript Date holds. */
const anyMs = fc.integer({ min: -8.64e15, max: 8.64e15 });

describe("class 3: explicit windows are clamped to the data's range", () => {
  it("resolves any window inside both the data and the request, null without overlap", () => {
    fc.assert(
      fc.property(anyMs, anyMs, anyMs, anyMs, (a, b, c, d) => {
        const [from, to] = a < b ? [a, b] : [b, a + 1];
        const [first, last] = c <= d ? [c, d] : [d, c];
        const w = resolveWindow({ from, to }, first, last);
        if (to < first || from > last) expect(w).toBeNull();
        else {
          expect(w).not.toBeNull();
          expect(w!.from).toBe(Math.max(from, first));
          expect(w!.to).toBe(Math.min(to, last));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("keeps the per-day liquidation table to the data's days for a window spanning all of Date's range", () => {
    const first = Date.UTC(2024, 0, 1);
    const last = first + 2 * DAY + 5;
    const w = resolveWindow({ from: -8.64e15, to: 8.64e15 }, first, last)!;
    expect(w).toEqual({ from: first, to: last });
    const t = Date.now();
    const days = liquidationsPerDay([{ ts: first + 1, side: "sell", notionalUsd: 10 }], [], w);
    // 2024-01-01, -02, -03: the three UTC days the data touches, not 548 million.
    expect(days.map((d) => d.day)).toEqual(["2024-01-01", "2024-01-02", "2024-01-03"]);
    expect(Date.now() - t).toBeLessThan(1000);
  });

  it("without data there is no window, preset or explicit", () => {
    expect(resolveWindow({ from: 0, to: 1 }, null, null)).toBeNull();
    expect(resolveWindow({ preset: "all" }, null, 5)).toBeNull();
  });
});

describe("class 5: ISO times and numbers in query parameters", () => {
  it("reads four-digit years on real calendar days the same as Date.parse", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("0000-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59.999Z"), noInvalidDate: true }), (d) => {
        const s = d.toISOString();
        expect(isoTimeMs(s)).toBe(d.getTime());
        expect(isoTimeMs(s.slice(0, 10))).toBe(Date.parse(`${s.slice(0, 10)}T00:00:00Z`));
      }),
      { numRuns: 500 },
    );
  });

  it("refuses expanded years, impossible days and free text with 422-style field errors", () => {
    for (const bad of ["+010000-01-01", "-000001-01-01", "+275760-09-13T00:00:00Z", "10000-01-01", "2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10", "1", "March 7", "2024", "", "2024-01-01T00:00:00Zjunk"]) {
      expect(isoTimeMs(bad), bad).toBeNull();
      const r = MarketQuery.safeParse({ symbol: "BTCUSDT", from: bad, to: "2024-01-02" });
      expect(r.success, bad).toBe(false);
    }
    expect(isoTimeMs("2024-02-29")).toBe(Date.UTC(2024, 1, 29));
    // Year 0000 is 1 BC in the proleptic Gregorian calendar: 719,528 days before 1970 (hand count: 1970 × 365 + 478 leap days).
    expect(isoTimeMs("0000-01-01")).toBe(-719_528 * DAY);
    expect(isoTimeMs("9999-12-31T23:59:59Z")).toBe(253_402_300_799_000);
  });

  it("refuses any generated string whose year is outside 0000–9999", () => {
    fc.assert(
      fc.property(fc.integer({ min: 10_000, max: 275_760 }), fc.constantFrom("+", "-", ""), (year, sign) => {
        const s = `${sign}${String(year).padStart(6, "0")}-01-01T00:00:00Z`;
        expect(isoTimeMs(s)).toBeNull();
        expect(zWindowFields.from.safeParse(s).success).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it("refuses extreme, denormal and non-finite numbers for notionals, ids and pages", () => {
    const extreme = fc.oneof(
      fc.constantFrom("5e-324", "4.9e-324", "1e-320", "2.2250738585072014e-308", "1e308", "1.7976931348623157e308", "1e309", "-1e308", "Infinity", "-Infinity", "NaN", "1e-7", "0.5"),
      fc.double({ min: 0, max: 0.999, noNaN: true }).map(String),
      fc.double({ min: 1e10 + 1, max: Number.MAX_VALUE, noNaN: true }).map(String),
    );
    fc.assert(
      fc.property(extreme, (raw) => {
        expect(zNotionalUsd.safeParse(raw).success, `notional ${raw}`).toBe(false);
      }),
      { numRuns: 500 },
    );
    for (const raw of ["5e-324", "1e308", "2147483648", "9007199254740993", "1e21", "-1", "0", "1.5"]) expect(zSavedId.safeParse(raw).success, `id ${raw}`).toBe(false);
    expect(zSavedId.parse("2147483647")).toBe(2_147_483_647);
    for (const raw of ["1e308", "5e-324", "1000001"]) expect(DataStatusQuery.safeParse({ page: raw }).success, `page ${raw}`).toBe(false);
  });

  it("caps named stress windows at 20 and reads their times like from/to", () => {
    const w = (i: number) => `w${i}:2024-01-0${(i % 8) + 1}T00:00:00Z/2024-01-09T00:00:00Z`;
    expect(zNamedWindows.parse(Array.from({ length: 20 }, (_, i) => w(i)).join(","))).toHaveLength(20);
    expect(zNamedWindows.safeParse(Array.from({ length: 21 }, (_, i) => w(i)).join(",")).error?.issues[0].message).toBe("at most 20 named stress windows (21 given)");
    expect(zNamedWindows.safeParse("crash:+010000-01-01/+010000-01-02").success).toBe(false);
  });
});

describe("class 3: stress work limits", () => {
  it("counts steps as the path does and names the limit it breaks", () => {
    expect(scenarioSteps({ horizonHours: 24, stepMinutes: 15 })).toBe(96);
    expect(scenarioSteps({ horizonHours: 1, stepMinutes: 7 })).toBe(9);
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 2160, noNaN: true }), fc.double({ min: 1, max: 1440, noNaN: true }), fc.integer({ min: 1, max: 200 }), (horizonHours, stepMinutes, positions) => {
        const steps = scenarioSteps({ horizonHours, stepMinutes });
        const problem = stressWorkProblem({ horizonHours, stepMinutes }, positions);
        if (steps > MAX_SCENARIO_STEPS) expect(problem?.message).toMatch(/above the limit of 20,000; use a longer step/);
        else if (steps * positions > MAX_POSITION_STEPS) expect(problem?.message).toMatch(/position-steps, above the limit of 500,000/);
        else expect(problem).toBeNull();
        expect(Scenario.safeParse({ name: "x", horizonHours, stepMinutes }).success).toBe(steps <= MAX_SCENARIO_STEPS);
      }),
      { numRuns: 1000 },
    );
  });

  it("refuses denormal, extreme and non-finite portfolio amounts", () => {
    const base = { venue: "v", market: "BTC", side: "long" as const };
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(5e-324, 1e-320, 2.2e-308, 1e-10, 1e308, Number.MAX_VALUE, Infinity, -Infinity, NaN, 0, -1), fc.double({ min: 1e13 * 1.0001, max: Number.MAX_VALUE, noNaN: true })), fc.constantFrom("size", "contracts", "notionalUsd", "entryPrice", "amount"), (x, field) => {
        const position = field === "amount" ? { ...base, size: 1 } : field === "entryPrice" ? { ...base, size: 1, entryPrice: x } : { ...base, [field]: x };
        const collateral = [{ venue: "v", asset: "USDT", amount: field === "amount" ? x : 1000 }];
        expect(Portfolio.safeParse({ positions: [position], collateral }).success, `${field}=${x}`).toBe(false);
      }),
      { numRuns: 300 },
    );
    expect(Portfolio.safeParse({ positions: [{ ...base, size: 1e-9 }], collateral: [{ venue: "v", asset: "USDT", amount: 1e13 }] }).success).toBe(true);
  });
});
