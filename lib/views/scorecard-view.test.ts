// scorecardRowView: the scorecard's rows as the pages and /api/scorecard carry them.
import { describe, expect, it } from "vitest";
import type { MarketFigures } from "./market";
import { scorecardRowView, type ScorecardRow } from "./scorecard";

const window = (from: number) => ({ from, to: from + 1, source: "detected" as const, names: [] });
const side = { insideP95Bps: 4, outsideP95Bps: 2, p95Ratio: 2, insideBeyondShare: 0, insideCapacityP5Usd: 1e6, insideCount: 10 };

function rowWith(figures: Partial<MarketFigures> | null): ScorecardRow {
  return {
    venue: { slug: "v", name: "V", kind: "cex", chain: null, provenance: "recorded" },
    market: { id: 1, symbol: "BTCUSDT" },
    figures: figures as MarketFigures | null,
    input: { venue: "v", targetNotionalUsd: 1e6, facts: [] },
    score: null as never,
    rank: 1,
    group: "real",
  };
}

describe("scorecardRowView", () => {
  it("counts the stress windows, liquidation days and realized stress windows and keeps every other figure", () => {
    const curve = [{ notionalUsd: 1e6, p50Bps: 1.5, p95NormalBps: 2, p95StressBps: 3, beyondShare: 0 }];
    const liquidations = { perDay: [{ dayStart: 0 }, { dayStart: 86_400_000 }, { dayStart: 172_800_000 }], largestCascadeToOi: 0.02, window: { from: 0, to: 3 } };
    const row = rowWith({
      notionalUsd: 1e6,
      curve,
      stress: { rule: "rule", windows: [window(1), window(5)], buy: side, sell: side },
      liquidations: liquidations as unknown as MarketFigures["liquidations"],
      realized: { prints: 7, stressWindows: [{ from: 1, to: 2 }] } as unknown as MarketFigures["realized"],
    });
    const view = scorecardRowView(row);
    expect(view.figures!.stress).toEqual({ rule: "rule", buy: side, sell: side, windowCount: 2 });
    expect(view.figures!.liquidations).toEqual({ largestCascadeToOi: 0.02, window: { from: 0, to: 3 }, dayCount: 3 });
    expect(view.figures!.realized).toEqual({ prints: 7, stressWindowCount: 1 });
    // Other figures are the row's own (shared, not copied), and the row itself is left whole.
    expect(view.figures!.curve).toBe(curve);
    expect(view.figures!.notionalUsd).toBe(1e6);
    expect(row.figures!.stress!.windows).toHaveLength(2);
    expect(JSON.stringify(view)).not.toMatch(/"windows"|"perDay"|"stressWindows"/);
  });

  it("keeps absent figures absent: no figures, no stress or liquidations, no realized execution", () => {
    expect(scorecardRowView(rowWith(null)).figures).toBeNull();
    const view = scorecardRowView(rowWith({ notionalUsd: 1e6, stress: null, liquidations: null }));
    expect(view.figures!.stress).toBeNull();
    expect(view.figures!.liquidations).toBeNull();
    expect("realized" in view.figures!).toBe(false);
    expect(scorecardRowView(rowWith({ notionalUsd: 1e6, stress: null, liquidations: null, realized: null })).figures!.realized).toBeNull();
  });
});
