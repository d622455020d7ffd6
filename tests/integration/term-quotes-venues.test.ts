// Dated-futures quotes of Deribit, OKX and Bybit stored and read back from their bundled real recorded bodies
// (lib/ingest/term-quotes.ts BUNDLED_TERM_QUOTES): each loads once (a second import writes nothing), and the service's
// curve carries the hand-checked figures of the parser tests (lib/venues/<venue>/dated-futures.test.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { tempDb, type TempDb } from "./db-helper";
import { recordedDir } from "../../lib/bootstrap";
import { BUNDLED_TERM_QUOTES, importTermQuotes, loadBundledTermQuotes } from "../../lib/ingest/term-quotes";
import { getTermStructure } from "../../lib/services/term-structure";

let t: TempDb;
beforeAll(async () => {
  t = await tempDb();
});
afterAll(async () => t?.cleanup());

const bodyOf = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(recordedDir(), file), "utf8"));

describe("term quotes of Deribit, OKX and Bybit", () => {
  it("every bundled body loads once; importing one again writes nothing", async () => {
    const first = await loadBundledTermQuotes(t.db, recordedDir());
    const byFile = new Map(BUNDLED_TERM_QUOTES.map((e, i) => [e.file, first[i]]));
    // Deribit: the future and the perpetual per file; OKX: the one future; Bybit: 14 USDC futures + BTCPERP, ETHPERP.
    expect(byFile.get("deribit/ws_ticker_BTC-30SEP22_BTC-PERPETUAL_2022-06-02.json")).toMatchObject({ written: 2, skipped: 0, leftOut: [] });
    expect(byFile.get("deribit/get_order_book_BTC-30SEP22_BTC-PERPETUAL_2022-06-03.json")).toMatchObject({ written: 2, skipped: 0 });
    expect(byFile.get("okx/tardis_ws_index-tickers_mark-price_FIL-USDT-220325_2021-12-22.json")).toMatchObject({ written: 1, skipped: 0 });
    expect(byFile.get("bybit/v5_market_tickers_linear_2023-08-16.json")).toMatchObject({ written: 16, skipped: 0 });
    expect(await loadBundledTermQuotes(t.db, recordedDir())).toEqual([]);
    for (const e of BUNDLED_TERM_QUOTES.filter((x) => x.venue !== "binance-coinm")) {
      const again = await importTermQuotes(t.db, e.venue, bodyOf(e.file), { provenance: "recorded", source: `${e.file} again` });
      expect(again.written).toBe(0);
      expect(again.skipped).toBeGreaterThan(0);
    }
    await expect(importTermQuotes(t.db, "deribit", { result: [{ instrument_name: "BTC-30SEP22" }] }, { provenance: "recorded", source: "bad" })).rejects.toThrow(/^term quotes deribit: /);
  });

  it("Deribit BTC: two snapshots, each one maturity with funding beside it", async () => {
    const [d] = (await getTermStructure(t.db, { asset: "BTC", venue: "deribit" })).venues;
    expect(d).toMatchObject({ venue: "deribit", provenance: ["recorded"], snapshots: 2 });
    // The 2022-06-02 snapshot: 0.0293287134 a year at 119.94 d; funding 0.00000255 per 8 h → 0.00279225.
    expect(d.history[0]).toMatchObject({ ts: 1654161785818, front: expect.closeTo(0.0293287134, 9), cm90: null, perp: expect.closeTo(0.00279225, 12) });
    // The 2022-06-03 snapshot (latest): the future quoted 14.7 min before the perp is not stale.
    expect(d.latest!.maturities.map((m) => [m.symbol, +m.annualized.toFixed(10)])).toEqual([["BTC-30SEP22", 0.0301479664]]);
    expect(d.latest!.perpFundingAnnualized).toBeCloseTo(0.00002085 * 1095, 12);
  });

  it("OKX FIL: the one maturity against its index, no perpetual", async () => {
    const [o] = (await getTermStructure(t.db, { asset: "FIL", venue: "okx" })).venues;
    expect(o.snapshots).toBe(1);
    expect(o.latest).toMatchObject({ indexPrice: 35.583, perpFundingAnnualized: null, frontSpread: null });
    expect(o.latest!.maturities[0].annualized).toBeCloseTo(0.1187197726, 9);
  });

  it("Bybit BTC and ETH: seven maturities, all three constant maturities, BTCPERP funding beside the curve", async () => {
    const [b] = (await getTermStructure(t.db, { asset: "BTC", venue: "bybit" })).venues;
    expect(b.latest!.maturities).toHaveLength(7);
    expect(b.latest!.indexPrice).toBe(29166.14);
    expect(b.history).toEqual([{ ts: 1692163167245, front: expect.any(Number), cm30: expect.closeTo(0.1013515849, 9), cm60: expect.any(Number), cm90: expect.any(Number), perp: expect.closeTo(0.1095, 12) }]);
    expect((await getTermStructure(t.db, { asset: "ETH", venue: "bybit" })).venues[0].latest!.maturities).toHaveLength(7);
  });
});
