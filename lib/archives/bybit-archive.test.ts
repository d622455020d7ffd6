import { describe, expect, it } from "vitest";
import { BYBIT_ORDERBOOK_URL, BYBIT_TRADES_URL, bybitOrderbookPath, bybitTradesPath } from "./bybit-archive";
import { detectFormat } from "./formats";

describe("Bybit archive paths", () => {
  it("lays out the trade and order-book files as Bybit publishes them", () => {
    expect(`${BYBIT_TRADES_URL}/${bybitTradesPath("BTCUSDT", "2021-05-03")}`).toBe("https://public.bybit.com/trading/BTCUSDT/BTCUSDT2021-05-03.csv.gz");
    expect(`${BYBIT_ORDERBOOK_URL}/${bybitOrderbookPath("linear", "XRPUSDT", "2024-12-01", 500)}`).toBe("https://quote-saver.bycsi.com/orderbook/linear/XRPUSDT/2024-12-01_XRPUSDT_ob500.data.zip");
    expect(bybitOrderbookPath("linear", "BTCUSDT", "2026-02-01", 200)).toBe("orderbook/linear/BTCUSDT/2026-02-01_BTCUSDT_ob200.data.zip");
  });

  it("refuses what would make another path", () => {
    expect(() => bybitTradesPath("../etc", "2021-05-03")).toThrow(/not a Bybit symbol/);
    expect(() => bybitOrderbookPath("linear", "BTCUSDT", "2021-5-3", 200)).toThrow(/not a day/);
  });

  it("the zip's member name does not decide the format: its first line does", () => {
    expect(detectFormat("2026-02-01_BTCUSDT_ob200.data", '{"topic":"orderbook.200.BTCUSDT","type":"snapshot","ts":1,"data":{}}')).toBe("bybit-ob500");
  });
});
