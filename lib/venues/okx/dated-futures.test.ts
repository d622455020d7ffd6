// OKX term quotes on real recorded WS messages (tests/fixtures/README.md): index-tickers FIL-USDT and mark-price
// FIL-USDT-220325, 57 s apart on 2021-12-22; figures by hand.
import { describe, expect, it } from "vitest";
import { readFixture } from "../test-kit";
import { okxExpiryTs, okxTermQuoteSet, okxUnderlying } from "./dated-futures";
import { termStructure } from "../../metrics/term-structure";

describe("OKX expiry futures", () => {
  it("reads the expiry from the id at 08:00 UTC, and pairs each contract with its own quote's index", () => {
    expect(okxExpiryTs("FIL-USDT-220325")).toBe(Date.UTC(2022, 2, 25, 8));
    // cryptofeed's 2022-05-13 instruments body gives BTC-USD-220520 expTime 1653033600000: the same instant.
    expect(okxExpiryTs("BTC-USD-220520")).toBe(1653033600000);
    expect(okxExpiryTs("BTC-USD-SWAP")).toBeNull();
    expect(okxExpiryTs("BTC-USD-220230")).toBeNull();
    expect(okxUnderlying("BTC-USD-220624")).toEqual({ base: "BTC", index: "BTC-USD" });
    expect(okxUnderlying("BTC-USDT-SWAP")).toEqual({ base: "BTC", index: "BTC-USDT" });
    expect(okxUnderlying("BTC-USD-211224-56000-C")).toBeNull();
  });

  it("FIL-USDT-220325 on 2021-12-22: mark against the FIL-USDT index quoted 57 s earlier", () => {
    const s = okxTermQuoteSet(readFixture("okx/tardis_ws_index-tickers_mark-price_FIL-USDT-220325_2021-12-22.json"));
    expect(s).toEqual({ futures: [{ symbol: "FIL-USDT-220325", base: "FIL", expiryTs: 1648195200000, ts: 1640140257676, markPrice: 36.662, indexPrice: 35.583 }], perps: [], leftOut: [] });
    const t = termStructure(1640140257676, s.futures, null);
    // days = (2022-03-25 08:00 − 2021-12-22 02:30:57.676) / 1 d = 8054942324 / 86400000 = 93.2284991204;
    // basis = (36.662 − 35.583) / 35.583 = 0.0303234691; annualized = basis × 365 / days = 0.1187197726.
    expect(t.indexPrice).toBe(35.583);
    expect(t.maturities[0].daysToExpiry).toBeCloseTo(93.2284991204, 9);
    expect(t.maturities[0].basis).toBeCloseTo(0.0303234691, 9);
    expect(t.maturities[0].annualized).toBeCloseTo(0.1187197726, 9);
    expect(t.perpFundingAnnualized).toBeNull();
  });

  it("an index more than 15 minutes from the mark is not used; options are left out; errors name venue and field", () => {
    const mark = { arg: { channel: "mark-price" }, data: [{ instId: "FIL-USDT-220325", instType: "FUTURES", markPx: "36.232", ts: "1640131204676" }] };
    const index = { data: [{ instId: "FIL-USDT", idxPx: "35.583", ts: "1640140200581" }] };
    expect(okxTermQuoteSet([index, mark]).futures[0].indexPrice).toBeNull();
    const option = { data: [{ instId: "ETH-USD-211231-9600-C", instType: "OPTION", markPx: "0.0005", ts: "1640140200000" }] };
    expect(okxTermQuoteSet(option).leftOut).toEqual([{ symbol: "ETH-USD-211231-9600-C", reason: "not an expiry future or a swap (OPTION)" }]);
    expect(() => okxTermQuoteSet({ code: "50011", msg: "Too Many Requests", data: [] })).toThrow('term quotes okx: code: OKX error code (code ≠ "0")');
    expect(() => okxTermQuoteSet({ data: [{ instId: "FIL-USDT-220325", instType: "FUTURES", markPx: "abc", ts: "1640131204676" }] })).toThrow(/^term quotes okx: /);
  });
});
