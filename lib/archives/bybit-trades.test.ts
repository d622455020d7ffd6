// Bybit public trade archive rows (public.bybit.com/trading): real rows, hand-checked figures.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { bybitSecondsToMs, bybitTradeRow, BYBIT_TRADES_HEADER, TradeRowError } from "./trades";
import { detectFormat } from "./formats";
import { inferBybitMarket } from "../venues/bybit/symbols";
import { sizeToBase } from "../venues/units";

const FILE = "tests/fixtures/bybit/FXSUSDT-ticks-2023-10-10.csv";
const rows = parse(fs.readFileSync(FILE, "utf8"), { columns: true }) as Record<string, string>[];
const toBase = (size: number, price: number, symbol: string) => {
  const m = inferBybitMarket(symbol);
  if (!m) throw new TradeRowError("symbol", `unknown ${symbol}`);
  return sizeToBase(size, price, m);
};
const NOW = Date.parse("2026-12-01T00:00:00Z");

describe("Bybit trade archive rows", () => {
  it("is recognised by its header, with or without the newer RPI column", () => {
    expect(detectFormat("FXSUSDT2023-10-10.csv.gz", fs.readFileSync(FILE, "utf8").split("\n")[0])).toBe("bybit-trades-csv");
    expect(detectFormat("SOLUSDT2026-10-04.csv.gz", `${BYBIT_TRADES_HEADER},RPI`)).toBe("bybit-trades-csv");
  });

  it("reads epoch seconds with decimals to the millisecond, without float error", () => {
    expect(bybitSecondsToMs("1696982287.4922")).toBe(1696982287492);
    expect(bybitSecondsToMs("1651449601")).toBe(1651449601000);
    expect(bybitSecondsToMs("1692748800.279")).toBe(1692748800279);
    expect(bybitSecondsToMs("1585180700.0647")).toBe(1585180700064);
    expect(bybitSecondsToMs("2019-05-01D00:00:07.733633000")).toBeNaN(); // BitMEX's shape of the same header
  });

  it("parses the 15 real FXSUSDT rows: taker side, base size, trade id", () => {
    const out = rows.map((r) => bybitTradeRow(r, toBase, NOW));
    expect(out).toHaveLength(15);
    // first row: 2023-10-10 23:58:07.492 UTC, a taker sell of 0.86 FXS at 5.2390 (foreignNotional 4.50554 USDT)
    expect(out[0]).toEqual({ symbol: "FXSUSDT", print: { ts: Date.parse("2023-10-10T23:58:07.492Z"), price: 5.239, sizeBase: 0.86, side: "sell", tradeId: "f7496ecb-b174-51b9-ba56-150186ba6c27", groupKey: null, quoteMid: null } });
    expect(out[0].print.sizeBase * out[0].print.price).toBeCloseTo(4.50554, 8);
    // 14 taker buys, 1 sell; buy size 146.19 FXS; notional of all 15 = Σ foreignNotional = 771.17739 USDT
    const buys = out.filter((t) => t.print.side === "buy");
    expect(buys).toHaveLength(14);
    expect(buys.reduce((s, t) => s + t.print.sizeBase, 0)).toBeCloseTo(146.19, 9);
    expect(out.reduce((s, t) => s + t.print.sizeBase * t.print.price, 0)).toBeCloseTo(771.17739, 6);
    expect(out.at(-1)!.print.ts).toBe(Date.parse("2023-10-10T23:59:49.629Z"));
  });

  it("converts an inverse row's USD contracts to base: BTCUSD Sell 641 at 26027 = 0.0246283 BTC (its foreignNotional)", () => {
    // A real row quoted in yasstake/rbot's tests (see tests/fixtures/README.md)
    const [rec] = parse(`${BYBIT_TRADES_HEADER}\n1692748800.279,BTCUSD,Sell,641,26027.00,ZeroMinusTick,80253109-efbb-58ca-9adc-d458b66201e9,2.462827064202559e+06,641,0.02462827064202559\n`, { columns: true }) as Record<string, string>[];
    const t = bybitTradeRow(rec, toBase, NOW);
    expect(t.print).toMatchObject({ ts: Date.parse("2023-08-23T00:00:00.279Z"), price: 26027, side: "sell", tradeId: "80253109-efbb-58ca-9adc-d458b66201e9" });
    expect(t.print.sizeBase).toBeCloseTo(0.02462827064202559, 15);
    expect(t.print.sizeBase * t.print.price).toBeCloseTo(641, 9);
  });

  it("names the bad field", () => {
    const bad = (over: Record<string, string>) => {
      try {
        bybitTradeRow({ ...rows[0], ...over }, toBase, NOW);
        return null;
      } catch (e) {
        return (e as TradeRowError).field;
      }
    };
    expect(bad({ side: "buy" })).toBe("side");
    expect(bad({ price: "0" })).toBe("price");
    expect(bad({ size: "x" })).toBe("size");
    expect(bad({ timestamp: "1696982287492" })).toBe("timestamp"); // ms where seconds are expected: year 55,000
    expect(bad({ symbol: "" })).toBe("symbol");
  });
});
