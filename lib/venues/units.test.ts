import { describe, expect, it } from "vitest";
import { sizeToBase, sizeToUsd } from "./units";

describe("contract units", () => {
  it("base-sized linear (Binance USD-M BTCUSDT): 0.5 BTC at 60 000 is 30 000 USD", () => {
    const m = { contractType: "linear", sizeUnit: "base", contractSize: 1 } as const;
    expect(sizeToBase(0.5, 60_000, m)).toBe(0.5);
    expect(sizeToUsd(0.5, 60_000, m)).toBe(30_000);
  });
  it("contract-sized linear (OKX BTC-USDT-SWAP, ctVal 0.01 BTC): 250 contracts = 2.5 BTC = 150 000 USD", () => {
    const m = { contractType: "linear", sizeUnit: "contracts", contractSize: 0.01 } as const;
    expect(sizeToBase(250, 60_000, m)).toBeCloseTo(2.5, 12);
    expect(sizeToUsd(250, 60_000, m)).toBeCloseTo(150_000, 6);
  });
  it("inverse contracts (OKX UNI-USD-SWAP, ctVal 10 USD): 60 contracts at 5.148 = 600 USD = 116.55 UNI", () => {
    const m = { contractType: "inverse", sizeUnit: "contracts", contractSize: 10 } as const;
    expect(sizeToUsd(60, 5.148, m)).toBe(600);
    // 600 / 5.148 = 116.5501...
    expect(sizeToBase(60, 5.148, m)).toBeCloseTo(116.5501, 4);
  });
  it("USD-sized (Deribit BTC-PERPETUAL, BitMEX XBTUSD): 10 000 USD at 50 000 = 0.2 BTC", () => {
    const m = { contractType: "inverse", sizeUnit: "usd", contractSize: 1 } as const;
    expect(sizeToBase(10_000, 50_000, m)).toBe(0.2);
    expect(sizeToUsd(10_000, 50_000, m)).toBe(10_000);
  });
});
