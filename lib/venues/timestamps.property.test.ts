// Fault class 2 of issue #19: generated timestamps in every unit and far outside the sane range.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkRowTimestamps, EARLIEST_MS, epochMsProblem, FUTURE_SLACK_MS, toEpochMs } from "./timestamps";

const NOW = Date.UTC(2026, 11, 5, 6, 0, 0);
const saneMs = fc.integer({ min: EARLIEST_MS, max: NOW + FUTURE_SLACK_MS });

describe("toEpochMs-style check", () => {
  it("accepts every ms value from 2009-01-01 to now + 1 day", () => {
    fc.assert(fc.property(saneMs, (ms) => {
      expect(epochMsProblem(ms, NOW)).toBeNull();
    }), { numRuns: 1000 });
  });

  it("names the unit of a sane instant given in s, µs or ns, and rejects it", () => {
    fc.assert(
      fc.property(saneMs, fc.constantFrom(["seconds", 1e-3], ["microseconds", 1e3], ["nanoseconds", 1e6]), (ms, [unit, f]) => {
        const v = unit === "seconds" ? Math.floor(ms / 1000) : ms * (f as number);
        if (v >= EARLIEST_MS && v <= NOW + FUTURE_SLACK_MS) return; // a seconds value can never land here; guard anyway
        expect(epochMsProblem(v, NOW)).toContain(`epoch ${unit}`);
        expect(() => toEpochMs(v, "receivedTs", NOW)).toThrow(/^receivedTs: /);
      }),
      { numRuns: 1000 },
    );
  });

  it("rejects anything outside the range, denormals and non-finite values included", () => {
    const outside = fc.oneof(
      fc.double({ noNaN: false }).filter((v) => !(v >= EARLIEST_MS && v <= NOW + FUTURE_SLACK_MS)),
      fc.constantFrom(0, -1, 5e-324, Number.MAX_VALUE, Infinity, -Infinity, NaN, EARLIEST_MS - 1, NOW + FUTURE_SLACK_MS + 1),
    );
    fc.assert(fc.property(outside, (v) => {
      expect(epochMsProblem(v, NOW)).not.toBeNull();
    }), { numRuns: 1000 });
  });

  it("rejects a row with the bad field named and keeps the good rows", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ ts: fc.oneof(saneMs, fc.double()), receivedTs: saneMs, symbol: fc.constant("BTCUSDT") }), { maxLength: 30 }), (rows) => {
        const r = checkRowTimestamps(rows, "okx", NOW);
        const bad = rows.filter((x) => epochMsProblem(x.ts, NOW) !== null);
        expect(r.rows).toEqual(rows.filter((x) => epochMsProblem(x.ts, NOW) === null));
        expect(r.rejected).toHaveLength(bad.length);
        for (const j of r.rejected) expect(j).toMatchObject({ venue: "okx", field: "ts", symbol: "BTCUSDT" });
      }),
      { numRuns: 300 },
    );
    expect(checkRowTimestamps([{ exchangeTs: 1_730_419_200_000_000 }], "binance-usdm", NOW).rejected[0].message).toBe(
      "exchangeTs: 1730419200000000 looks like epoch microseconds; expected milliseconds between 2009-01-01 and one day from now",
    );
  });
});
