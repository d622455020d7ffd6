// Tardis book_snapshot CSV parsing beyond the happy path (tests/integration/import.test.ts): contract-size
// conversion, a row from another exchange, and a file without the columns of a book snapshot.
import { describe, expect, it } from "vitest";
import type { MarketRow } from "../venues/types";
import { parseTardisBookCsv } from "./tardis-csv";

const market = (symbol: string, m: Partial<MarketRow>): MarketRow => ({
  symbol, base: "BTC", quote: "USD", settle: "USDT", contractType: "linear", sizeUnit: "base", contractSize: 1,
  tickSize: null, maxLeverage: null, fundingIntervalHours: null, active: true, ...m,
});

const HEADER = "exchange,symbol,timestamp,local_timestamp,asks[0].price,asks[0].amount,asks[1].price,asks[1].amount,bids[0].price,bids[0].amount,bids[1].price,bids[1].amount";

describe("parseTardisBookCsv", () => {
  it("converts amounts with the market's contract size: linear 0.01 BTC contracts and inverse 100 USD contracts", () => {
    const markets = new Map<string, MarketRow>([
      // OKX-style linear swap: 1 contract = 0.01 BTC → base = contracts × 0.01.
      ["BTC-USDT-SWAP", market("BTC-USDT-SWAP", { sizeUnit: "contracts", contractSize: 0.01 })],
      // Inverse: 1 contract = 100 USD → base = contracts × 100 / price.
      ["BTC-USD-SWAP", market("BTC-USD-SWAP", { contractType: "inverse", sizeUnit: "contracts", contractSize: 100, settle: "BTC" })],
    ]);
    const csv = [
      HEADER,
      "okex-swap,BTC-USDT-SWAP,1700000000000000,1700000000250000,50010,300,50020,50,50000,200,49990,1000",
      "okex-swap,BTC-USD-SWAP,1700000001000000,1700000001000000,50000,1000,50100,10,49900,500,49800,20",
    ].join("\n");
    const r = parseTardisBookCsv(csv, "okx", markets);
    expect(r.rejected).toEqual([]);
    expect(r.venue).toBe("okx");
    const [lin, inv] = r.rows;
    // 300 × 0.01 = 3 BTC; 50 × 0.01 = 0.5; 200 × 0.01 = 2; 1000 × 0.01 = 10.
    expect(lin.asks[0][0]).toBe(50010);
    expect(lin.asks[0][1]).toBeCloseTo(3, 12);
    expect(lin.asks[1][1]).toBeCloseTo(0.5, 12);
    expect(lin.bids[0][1]).toBeCloseTo(2, 12);
    expect(lin.bids[1][1]).toBeCloseTo(10, 12);
    // µs → ms
    expect(lin.exchangeTs).toBe(1_700_000_000_000);
    expect(lin.receivedTs).toBe(1_700_000_000_250);
    // 1000 × 100 / 50000 = 2 BTC; 10 × 100 / 50100 = 0.0199601; 500 × 100 / 49900 = 1.0020040; 20 × 100 / 49800 = 0.0401606.
    expect(inv.asks[0][1]).toBeCloseTo(2, 12);
    expect(inv.asks[1][1]).toBeCloseTo(0.0199601, 7);
    expect(inv.bids[0][1]).toBeCloseTo(1.002004, 6);
    expect(inv.bids[1][1]).toBeCloseTo(0.0401606, 7);
    expect(lin.truncated).toBe(true); // both sides fill the file's 2 levels
  });

  it("rejects a row from another exchange than the venue imported, keeping the others", () => {
    const markets = new Map([["BTCUSDT", market("BTCUSDT", {})]]);
    const csv = [
      HEADER,
      "binance-futures,BTCUSDT,1700000000000000,1700000000000000,50010,1,50020,2,50000,1,49990,2",
      "bybit,BTCUSDT,1700000060000000,1700000060000000,50010,1,50020,2,50000,1,49990,2",
    ].join("\n");
    const r = parseTardisBookCsv(csv, "binance-usdm", markets);
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0].exchangeTs).toBe(1_700_000_000_000);
    expect(r.rejected).toEqual([{ venue: "binance-usdm", symbol: "BTCUSDT", field: "exchange", message: "row is from bybit, not binance-usdm", index: 1 }]);
  });

  it("rejects a file without a book snapshot's columns, naming the missing column", () => {
    const markets = new Map([["BTCUSDT", market("BTCUSDT", {})]]);
    // A trades file: no asks[0].price.
    const trades = "exchange,symbol,timestamp,local_timestamp,id,side,price,amount\nbinance-futures,BTCUSDT,1700000000000000,1700000000000000,1,buy,50000,1";
    const r = parseTardisBookCsv(trades, "binance-usdm", markets);
    expect(r.rows).toEqual([]);
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0]).toMatchObject({ field: "asks[0].price", index: null });
    expect(r.rejected[0].message).toMatch(/lacks column asks\[0\]\.price/);
    // Without `exchange` it is not a Tardis file at all.
    const noExchange = parseTardisBookCsv(HEADER.replace("exchange,", "") + "\nBTCUSDT,1700000000000000,1700000000000000,50010,1,50020,2,50000,1,49990,2", "binance-usdm", markets);
    expect(noExchange.rows).toEqual([]);
    expect(noExchange.rejected[0].field).toBe("exchange");
    // Header only: no data rows.
    expect(parseTardisBookCsv(HEADER, "binance-usdm", markets).rejected[0].message).toBe("CSV has no data rows");
  });
});
