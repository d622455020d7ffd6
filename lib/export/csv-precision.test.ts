// CSV rounding by column unit, hand-checked.
import { describe, expect, it } from "vitest";
import { roundForColumn, roundSignificant, roundTo } from "./csv-precision";
import { tableToCsv } from "./csv";

describe("roundForColumn", () => {
  it("keeps the digits each unit means", () => {
    expect(roundForColumn("score_0_100", 91.77357377274402)).toBe(91.77);
    expect(roundForColumn("allocation_usd", 444444.4449999)).toBe(444444.44);
    expect(roundForColumn("allin_cost_bps", 6.125000001)).toBe(6.13);
    expect(roundForColumn("allocation_pct", 33.33333333)).toBe(33.33);
    expect(roundForColumn("confidence_0_1", 0.8333333)).toBe(0.8333);
    expect(roundForColumn("beyond_depth_share_0_1", 0.123456)).toBe(0.1235);
    expect(roundForColumn("capacity_to_target_ratio", 23.40894521)).toBe(23.409);
    // Funding rates are small: 6 significant digits, not 2 decimals (which would print 0).
    expect(roundForColumn("funding_mean_rate_per_8h", 0.000123456789)).toBe(0.000123457);
    // Counts, ranks, text, booleans and missing values pass through.
    expect(roundForColumn("snapshots_count", 720)).toBe(720);
    expect(roundForColumn("rank", 3)).toBe(3);
    expect(roundForColumn("venue", "okx")).toBe("okx");
    expect(roundForColumn("eligible", true)).toBe(true);
    expect(roundForColumn("score_0_100", null)).toBeNull();
  });

  it("never writes -0 and leaves non-finite numbers to the CSV layer", () => {
    expect(Object.is(roundTo(-0.001, 2), 0)).toBe(true);
    expect(Object.is(roundSignificant(-0), 0)).toBe(true);
    expect(roundForColumn("allocation_usd", Number.NaN)).toBeNaN();
  });

  it("is applied to every number of a CSV export", () => {
    const csv = tableToCsv({ columns: ["score_0_100", "allocation_usd", "snapshots_count"], rows: [{ score_0_100: 91.77357377274402, allocation_usd: 1234.5678, snapshots_count: 7 }] });
    expect(csv).toBe("\uFEFFscore_0_100,allocation_usd,snapshots_count\r\n91.77,1234.57,7\r\n");
  });
});
