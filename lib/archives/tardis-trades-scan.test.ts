// The byte scanner against the reference path (csvRowBatches: split on commas, csv-parse for a quoted line;
// then tardisTrade) on random Tardis trades files: well-formed rows, malformed cells of every kind, quoted
// cells, blank lines, CRLF, shuffled columns, and the bytes cut into random chunks (through multi-byte
// characters too). Both must keep the same prints and reject the same rows with the same line, field and message.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Readable } from "node:stream";
import { csvRowBatches, type OpenedArchive } from "./read";
import { TardisTradeScanner, SIDE_BUY } from "./tardis-trades-scan";
import { TradeRowError, tardisTrade, tardisTradeColumns, tardisTradeRecord, TARDIS_TRADE_EXCHANGES } from "./trades";

const NOW = Date.parse("2026-12-06T00:00:00Z");
const COLUMNS = ["exchange", "symbol", "timestamp", "local_timestamp", "id", "side", "price", "amount"] as const;
type Column = (typeof COLUMNS)[number];

interface Outcome {
  rowsRead: number;
  prints: { line: number; venue: string; exchange: string; symbol: string; ts: number; price: number; amount: number; side: string; tradeId: string }[];
  rejections: { line: number; field: string; message: string }[];
  error: string | null;
}

const opened = (chunks: Buffer[]): OpenedArchive => ({ compression: "none", entryName: "t.csv", stream: Readable.from(chunks) });

async function reference(chunks: Buffer[]): Promise<Outcome> {
  const out: Outcome = { rowsRead: 0, prints: [], rejections: [], error: null };
  try {
    for await (const { header, rows, lines } of csvRowBatches(opened(chunks), "t.csv")) {
      const cols = tardisTradeColumns(header)!;
      rows.forEach((cells, k) => {
        out.rowsRead++;
        const rec = tardisTradeRecord(cells, cols);
        try {
          const r = tardisTrade(rec, (a) => a, NOW);
          out.prints.push({ line: lines[k], venue: r.venue, exchange: rec.exchange, symbol: r.symbol, ts: r.print.ts, price: r.print.price, amount: r.print.sizeBase, side: r.print.side, tradeId: r.print.tradeId });
        } catch (e) {
          if (!(e instanceof TradeRowError)) throw e;
          out.rejections.push({ line: lines[k], field: e.field, message: e.message });
        }
      });
    }
  } catch (e) {
    out.error = (e as Error).message;
  }
  return out;
}

function scan(chunks: Buffer[]): Outcome {
  const out: Outcome = { rowsRead: 0, prints: [], rejections: [], error: null };
  const s = new TardisTradeScanner("t.csv", NOW);
  const take = (b: ReturnType<TardisTradeScanner["push"]>) => {
    out.rowsRead += b.rowsRead;
    for (let i = 0; i < b.n; i++) {
      const exchange = s.exchanges[b.exchange[i]];
      out.prints.push({ line: b.line[i], venue: TARDIS_TRADE_EXCHANGES[exchange], exchange, symbol: s.symbols[b.symbol[i]], ts: b.ts[i], price: b.price[i], amount: b.amount[i], side: b.side[i] === SIDE_BUY ? "buy" : "sell", tradeId: s.tradeIdAt(b, i) });
    }
    for (const r of b.rejections) out.rejections.push({ line: r.line, field: r.field, message: r.message });
  };
  try {
    for (const c of chunks) take(s.push(c));
    take(s.end());
  } catch (e) {
    out.error = (e as Error).message;
  }
  out.prints.sort((a, b) => a.line - b.line);
  return out;
}

// ---- generators --------------------------------------------------------------------------------------------

const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^[0-9]{${min},${max}}$`));
const goodTsUs = fc.integer({ min: Date.parse("2019-01-01T00:00:00Z"), max: NOW - 1 }).chain((ms) => fc.integer({ min: 0, max: 999 }).map((us) => String(ms * 1000 + us)));
const goodDecimal = fc.oneof(
  fc.tuple(digits(1, 7), digits(1, 9)).map(([a, b]) => `${a}.${b}`),
  digits(1, 8),
  fc.double({ min: 1e-8, max: 1e7, noNaN: true }).map(String),
  fc.tuple(digits(1, 3), digits(15, 25)).map(([a, b]) => `${a}.${b}`), // more digits than a double holds exactly
);
/** The good cell 15 times in 16, so most rows are kept (unbiased: fast-check otherwise favours the ends of a range). */
const mostly = (good: fc.Arbitrary<string>, ...bad: fc.Arbitrary<string>[]) => fc.tuple(fc.noBias(fc.nat(15)), good, fc.oneof(...bad)).map(([k, g, b]) => (k < 15 ? g : b));
/** A value one time in `n`, else null. */
const sometimes = <T>(a: fc.Arbitrary<T>, n: number) => fc.tuple(fc.noBias(fc.nat(n - 1)), a).map(([k, v]) => (k === 0 ? v : null));
const cell: Record<Column, fc.Arbitrary<string>> = {
  exchange: mostly(fc.constantFrom("binance-futures", "bybit", "okex-swap", "binance-delivery"), fc.constantFrom("", "kraken", " bybit", "bybit ", "BYBIT", "hyperliquid", "dydx-v4")),
  symbol: mostly(fc.constantFrom("BTCUSDT", "ETHUSDT", "BTCUSD_PERP"), fc.constantFrom("", " ETHUSDT", "SOL USDT", "哈基米", "BTC-PERP\t")),
  timestamp: mostly(goodTsUs, fc.constantFrom("", "1704067201000", "1704067201", "1.7040672e15", "abc", "-1704067200000000", "17040672000000000000", "1704067200000000.5", " 1704067200000000"), digits(1, 20)),
  local_timestamp: mostly(goodTsUs, fc.constantFrom("", "x", "1,2", "a\"b")),
  id: mostly(fc.stringMatching(/^[a-z0-9-]{1,12}$/), fc.constantFrom("", " 42 ", "a b", "ü1", "9001")),
  side: mostly(fc.constantFrom("buy", "sell"), fc.constantFrom("unknown", "", " buy", "Buy", "sel", "buyy")),
  price: mostly(goodDecimal, fc.constantFrom("", "0", "0.0", "-1", "5.", ".5", "1e3", "0x10", "Infinity", "1..2", "1.2.3", " 7", "NaN")),
  amount: mostly(goodDecimal, fc.constantFrom("", "0", "-0.5", "2.", ".25", "3e-2", "0b1", "1,5")),
};

const file = fc
  .record({
    // the columns in some order, local_timestamp and id sometimes absent, an extra column sometimes
    order: fc.shuffledSubarray([...COLUMNS], { minLength: 8, maxLength: 8 }),
    drop: fc.subarray(["local_timestamp", "id"] as Column[]),
    extra: fc.boolean(),
    bom: fc.boolean(),
    crlf: fc.boolean(),
    trailingNewline: fc.boolean(),
    rows: fc.array(
      fc.record({
        cells: fc.record(cell),
        quote: sometimes(fc.constantFrom<Column>(...COLUMNS), 6),
        fewer: sometimes(fc.integer({ min: 1, max: 4 }), 20),
        blankBefore: sometimes(fc.constantFrom("", "  ", "\t"), 20),
      }),
      { minLength: 1, maxLength: 40 },
    ),
    cuts: fc.array(fc.integer({ min: 0, max: 1 << 16 }), { maxLength: 8 }),
  })
  .map((f) => {
    const cols = f.order.filter((c) => !f.drop.includes(c));
    const nl = f.crlf ? "\r\n" : "\n";
    const lines = [(f.bom ? "\uFEFF" : "") + [...cols, ...(f.extra ? ["note"] : [])].join(",")];
    for (const r of f.rows) {
      if (r.blankBefore !== null) lines.push(r.blankBefore);
      let cells = cols.map((c) => (c === r.quote && !r.cells[c].includes('"') ? `"${r.cells[c]}"` : r.cells[c]));
      if (f.extra) cells.push("x");
      if (r.fewer !== null) cells = cells.slice(0, Math.max(1, cells.length - r.fewer));
      lines.push(cells.join(","));
    }
    const bytes = Buffer.from(lines.join(nl) + (f.trailingNewline ? nl : ""));
    const at = [...new Set(f.cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
    const chunks: Buffer[] = [];
    let from = 0;
    for (const c of [...at, bytes.length]) {
      if (c > from) chunks.push(bytes.subarray(from, c));
      from = Math.max(from, c);
    }
    return chunks;
  });

describe("Tardis trades byte scanner", () => {
  it("keeps and rejects exactly what the reference path (csv-parse + tardisTrade) does, on random files cut into random chunks", async () => {
    await fc.assert(
      fc.asyncProperty(file, async (chunks) => {
        const want = await reference(chunks);
        const got = scan(chunks);
        if (want.error !== null) expect(got.error).toBe(want.error);
        else {
          expect(got.error).toBeNull();
          expect(got.rejections).toEqual(want.rejections);
          expect(got.prints).toEqual(want.prints);
          expect(got.rowsRead).toBe(want.rowsRead);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("reads a plain row from bytes: µs to ms, decimals exactly as Number() reads them, the id cell", () => {
    const s = new TardisTradeScanner("t.csv", NOW);
    const b = s.push(Buffer.from("exchange,symbol,timestamp,local_timestamp,id,side,price,amount\nbinance-futures,BTCUSDT,1723161256322999,1723161256327000,t5266583935,sell,61800.3,0.1\n"));
    expect([b.n, b.ts[0], b.price[0], b.amount[0], b.side[0], s.tradeIdAt(b, 0), s.symbols[b.symbol[0]], s.exchanges[b.exchange[0]], b.line[0]]).toEqual([1, 1723161256322, 61800.3, 0.1, 1, "t5266583935", "BTCUSDT", "binance-futures", 2]);
  });

  it("names file, line and field for a bad row; a quoted row goes through csv-parse", () => {
    const s = new TardisTradeScanner("t.csv", NOW);
    const b = s.push(Buffer.from('exchange,symbol,timestamp,local_timestamp,id,side,price,amount\nbybit,BTCUSDT,1704067201000,0,1,buy,1,1\n"bybit","BTCUSDT","1704067201000000",0,"2","sell","42500.5","3"\n'));
    expect(b.rejections).toEqual([{ line: 2, field: "timestamp", message: "timestamp 1704067201000 (epoch µs expected), in ms: 1704067201 looks like epoch seconds; expected milliseconds between 2009-01-01 and one day from now", exchange: "bybit", symbol: "BTCUSDT" }]);
    expect([b.n, b.line[0], b.price[0], s.tradeIdAt(b, 0)]).toEqual([1, 3, 42500.5, "2"]);
  });
});
