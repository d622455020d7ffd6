import { describe, expect, it } from "vitest";
import { baseWaitMs, gapAfterDowntime, nextDue, nextSettlement, SETTLEMENT_DELAY_MS } from "./schedule";

const T0 = Date.UTC(2026, 11, 5, 9, 0, 0);
const MIN = 60_000;
const H = 60 * MIN;
const base = { lastEnd: null, failures: 0, now: T0, random: 0.5, jitter: 0.1, settlementHours: 8 };

describe("collector schedule", () => {
  it("runs a new task at once, then one period after its last start (jitter ±10 % around it)", () => {
    const every = { kind: "every", ms: MIN } as const;
    expect(nextDue({ ...base, cadence: every, lastStart: null })).toBe(T0);
    expect(nextDue({ ...base, cadence: every, lastStart: T0, lastEnd: T0 + 2000, now: T0 + 2000 })).toBe(T0 + MIN);
    expect(nextDue({ ...base, cadence: every, lastStart: T0, lastEnd: T0 + 2000, now: T0 + 2000, random: 0 })).toBe(T0 + 54_000);
    expect(nextDue({ ...base, cadence: every, lastStart: T0, lastEnd: T0 + 2000, now: T0 + 2000, random: 0.999999 })).toBeCloseTo(T0 + 66_000, -1);
  });

  it("does not pile up: a run that overran its period is due when it ended, not back in the past", () => {
    const every = { kind: "every", ms: MIN } as const;
    expect(nextDue({ ...base, cadence: every, lastStart: T0, lastEnd: T0 + 5 * MIN, now: T0 + 5 * MIN })).toBe(T0 + 5 * MIN);
  });

  it("backs off after failures: a 1-minute task waits 2, 4, 8 min … at most an hour; a daily one retries after 15, 30 min … at most a day", () => {
    expect([0, 1, 2, 3, 6, 10].map((f) => baseWaitMs(MIN, f))).toEqual([MIN, 2 * MIN, 4 * MIN, 8 * MIN, H, H]);
    expect([1, 2, 3, 7, 20].map((f) => baseWaitMs(24 * H, f))).toEqual([15 * MIN, 30 * MIN, H, 16 * H, 24 * H]);
  });

  it("fetches funding 90 s after each settlement boundary of the market's interval (8 h: 00, 08, 16 UTC; 1 h: every hour)", () => {
    expect(nextSettlement(T0, 8)).toBe(Date.UTC(2026, 11, 5, 16) + SETTLEMENT_DELAY_MS);
    expect(nextSettlement(Date.UTC(2026, 11, 5, 16, 0, 30), 8)).toBe(Date.UTC(2026, 11, 5, 16) + SETTLEMENT_DELAY_MS);
    expect(nextSettlement(Date.UTC(2026, 11, 5, 16, 1, 30), 8)).toBe(Date.UTC(2026, 11, 6, 0) + SETTLEMENT_DELAY_MS);
    expect(nextSettlement(T0 + 10 * MIN, 1)).toBe(T0 + H + SETTLEMENT_DELAY_MS);
    const settled = { kind: "settlement" } as const;
    // jitter only ever delays a settlement fetch (by up to 10 min × jitter)
    expect(nextDue({ ...base, cadence: settled, lastStart: T0, now: T0 + 1000, random: 0 })).toBe(Date.UTC(2026, 11, 5, 16) + SETTLEMENT_DELAY_MS);
    expect(nextDue({ ...base, cadence: settled, lastStart: T0, now: T0 + 1000, random: 1 })).toBe(Date.UTC(2026, 11, 5, 16) + SETTLEMENT_DELAY_MS + 60_000);
  });

  it("names a gap after downtime only past two periods, and only history kinds can fetch it back", () => {
    expect(gapAfterDowntime("funding", T0 - 15 * H, T0, 8 * H)).toBeNull();
    expect(gapAfterDowntime("funding", T0 - 17 * H, T0, 8 * H)).toEqual({ from: T0 - 17 * H, to: T0, fillable: true });
    expect(gapAfterDowntime("depth", T0 - 3 * MIN, T0, MIN)).toEqual({ from: T0 - 3 * MIN, to: T0, fillable: false });
    expect(gapAfterDowntime("oi", null, T0, 5 * MIN)).toBeNull();
  });
});
