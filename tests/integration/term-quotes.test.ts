// Dated-futures quotes stored and read back: the bundled Binance COIN-M BTCUSD body (recorded 2020-10-16) loads once
// (idempotent), and the service's curve has the hand-checked figures of tests/term-structure.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDb, type TempDb } from "./db-helper";
import { recordedDir } from "../../lib/bootstrap";
import { importTermQuotes, loadBundledTermQuotes } from "../../lib/ingest/term-quotes";
import { getTermStructure } from "../../lib/services/term-structure";
import { getAssetCarry } from "../../lib/services/carry";

let t: TempDb;
beforeAll(async () => {
  t = await tempDb();
});
afterAll(async () => t?.cleanup());

describe("term quotes", () => {
  it("load once, and a second load of the same body writes nothing", async () => {
    const first = await loadBundledTermQuotes(t.db, recordedDir());
    // Every bundled file once (Binance COIN-M, Bybit, Deribit ×2, OKX; tests/integration/term-quotes-venues.test.ts).
    expect(first).toHaveLength(5);
    // 3 quarterlies (the delivered 0925 included, kept as recorded) + the perpetual.
    expect(first[0]).toMatchObject({ written: 4, skipped: 0 });
    expect(await loadBundledTermQuotes(t.db, recordedDir())).toEqual([]);
    const body = (await import("../../data/recorded/binance-coinm/premiumIndex_pair_BTCUSD_2020-10-16.json")).default;
    expect(await importTermQuotes(t.db, "binance-coinm", body, { provenance: "recorded", source: "again" })).toMatchObject({ written: 0, skipped: 4 });
    await expect(importTermQuotes(t.db, "hyperliquid", body, { provenance: "recorded", source: "x" })).rejects.toThrow("hyperliquid not supported");
    await expect(importTermQuotes(t.db, "binance-coinm", [{ symbol: "BTCUSD_201225" }], { provenance: "recorded", source: "bad" })).rejects.toThrow();
    expect(await t.db.termQuote.count({ where: { symbol: { startsWith: "BTCUSD_" } } })).toBe(4);
  });

  it("the service's curve: basis per maturity, 90-day constant maturity, perp funding and spread", async () => {
    const v = await getTermStructure(t.db, { asset: "BTC", venue: "binance-coinm" });
    expect(v.venues.map((x) => x.venue)).toEqual(["binance-coinm"]);
    const c = v.venues[0];
    expect(c.provenance).toEqual(["recorded"]);
    expect(c.snapshots).toBe(1);
    expect(c.latest!.maturities.map((m) => [m.symbol, +m.annualized.toFixed(10)])).toEqual([
      ["BTCUSD_201225", 0.0701010307],
      ["BTCUSD_210326", 0.0813395189],
    ]);
    expect(c.latest!.excluded).toEqual([{ symbol: "BTCUSD_200925", reason: "expired" }]);
    expect(c.history[0]).toMatchObject({ cm30: null, cm60: null, cm90: expect.closeTo(0.0725623102, 9), perp: expect.closeTo(0.1095, 12) });
    // Spread 0.1095 − 0.0701 = 3.9 %/yr: under the 5 %/yr threshold, so no divergence run.
    expect(c.divergence).toEqual({ count: 1, flagged: false, longestRun: null });
    expect((await getTermStructure(t.db, { asset: "ETH", venue: "binance-coinm" })).venues).toEqual([]);
  });

  it("an asset with no settled funding anywhere: no rows and no dispersion", async () => {
    expect(await getAssetCarry(t.db, { kind: "asset", asset: "BTC", simulated: false, venues: null, side: "long", notionalUsd: 1e6, holdDays: 7, window: { preset: "all" } })).toMatchObject({ rows: [], dispersion: null });
  });
});
