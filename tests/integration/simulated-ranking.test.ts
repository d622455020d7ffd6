// The simulated dataset scores venues in the order its profiles imply: the deep, resilient CEX above the
// thin ones, and the venue that is fragile under stress below the resilient one on the stress item.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDb, type TempDb } from "./db-helper";
import { simulate } from "../../lib/simulator/run-simulation";
import { getScorecard } from "../../lib/services/scorecard";

let t: TempDb;
beforeAll(async () => {
  t = await tempDb();
  await simulate(t.db, { days: 8, cadenceMinutes: 15, venues: 8, markets: 1 });
}, 180_000);
afterAll(async () => t.cleanup());

describe("simulated venues ranked by the checklist", () => {
  it("ranks deep & resilient Alpha above thin Delta and thin, fragile Golf", async () => {
    const rows = await getScorecard(t.db, { notionalUsd: 1_000_000, window: { preset: "all" }, asset: "BTC" });
    const rank = (slug: string) => rows.find((r) => r.venue.slug === slug)!.rank!;
    expect(rows.every((r) => r.venue.provenance === "simulated")).toBe(true);
    expect(rank("sim-cex-alpha")).toBeLessThan(rank("sim-cex-delta"));
    expect(rank("sim-cex-alpha")).toBeLessThan(rank("sim-dex-golf"));
    expect(rank("sim-dex-golf")).toBe(Math.max(...rows.map((r) => r.rank!)));
    const item = (slug: string, id: string) => rows.find((r) => r.venue.slug === slug)!.score.items.find((i) => i.id === id)!;
    // Bravo is as deep as Alpha in calm markets but thins out under stress.
    expect(item("sim-cex-bravo", "stress").score!).toBeLessThan(item("sim-cex-alpha", "stress").score!);
  });
});
