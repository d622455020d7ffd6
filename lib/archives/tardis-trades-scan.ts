// Tardis `trades` CSV read straight from the decompressed bytes into columns (typed arrays), one batch per
// chunk: no line strings, no cell strings, no object per print. Hand-written for speed (a year of a busy
// market is billions of rows; csvRowBatches + tardisTrade read ~0.4 M rows/s, this 2-3 M/s: bench trades).
// It takes only rows in one plain shape (no quote, cells without blanks, numbers as digits with at most one
// inner dot, side buy|sell, a known exchange, printable ASCII symbol and id) and hands every other line, as
// text, to the reference path (csvLineCells, i.e. csv-parse for quoted fields, then tardisTrade), which
// accepts or rejects it with its field and message. So a row is read exactly as the reference reads it; the
// property test in tardis-trades-scan.test.ts holds the two together.
import { csvHeaderCells, csvLineCells, trimCell } from "./csv-line";
import { TARDIS_TRADE_EXCHANGES, TradeRowError, tardisTrade, tardisTradeColumns, tardisTradeRecord, type TardisTradeColumns } from "./trades";
import { epochMsProblem } from "../venues/timestamps";

export const SIDE_BUY = 0;
export const SIDE_SELL = 1;

/** A row the reference path rejected; `exchange` and `symbol` (trimmed cells) let the importer apply its own earlier checks (venue, stored market) first. */
export interface TardisRowRejection {
  line: number;
  field: string;
  message: string;
  exchange: string;
  symbol: string;
}

/**
 * The rows of one chunk. Valid until the scanner's next `push`/`end` (the arrays are reused). `amount` is in
 * the venue's contract units, as in the file (the caller converts by market). Exchange and symbol are indexes
 * into the scanner's `exchanges` and `symbols`.
 */
export interface TardisTradeBatch {
  n: number;
  /** Data rows read in this batch (accepted + rejected; blank lines and the header not counted). */
  rowsRead: number;
  ts: Float64Array;
  price: Float64Array;
  amount: Float64Array;
  side: Uint8Array;
  exchange: Uint16Array;
  symbol: Uint32Array;
  line: Float64Array;
  /** Bytes the id cells and lines point into. */
  bytes: Buffer;
  lineStart: Int32Array;
  lineEnd: Int32Array;
  idStart: Int32Array;
  idEnd: Int32Array;
  /** Trade ids of rows the reference path read (keyed by row). */
  ids: Map<number, string>;
  rejections: TardisRowRejection[];
}

// 10^k for k ≤ 22 is an exact double, as is any integer ≤ 2^53 − 1: m / 10^k is then one correctly rounded
// division of exact operands, the same double Number() gives for the decimal text.
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);
const MAX_EXACT = Number.MAX_SAFE_INTEGER;

/** End of a printable ASCII cell without blanks or quotes starting at p (the next comma or e); -1 for another byte. */
function tokenEnd(b: Uint8Array, p: number, e: number): number {
  for (let i = p; i < e; i++) {
    const c = b[i];
    if (c === 44) return i;
    if (c < 33 || c > 126 || c === 34) return -1;
  }
  return e;
}

const sameBytes = (b: Uint8Array, s: number, e: number, ref: Uint8Array): boolean => {
  if (e - s !== ref.length) return false;
  for (let i = 0; i < ref.length; i++) if (b[s + i] !== ref[i]) return false;
  return true;
};

// what each needed cell is, by position
const ROLE_OTHER = 0;
const ROLE_EXCHANGE = 1;
const ROLE_SYMBOL = 2;
const ROLE_TIMESTAMP = 3;
const ROLE_SIDE = 4;
const ROLE_PRICE = 5;
const ROLE_AMOUNT = 6;
const ROLE_ID = 7;

const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

export class TardisTradeScanner {
  /** Exchange ids (the file's `exchange` cells) and symbols seen, by index. */
  readonly exchanges: string[] = [];
  readonly symbols: string[] = [];
  header: string[] | null = null;
  private cols: TardisTradeColumns | null = null;
  private lineNo = 0;
  private rest: Buffer | null = null;
  private cap = 0;
  private batch!: TardisTradeBatch;
  private exchangeIndex = new Map<string, number>();
  private symbolIndex = new Map<string, number>();
  // the last exchange/symbol cells, compared byte by byte with the next row's
  private lastExchange = new Uint8Array(0);
  private lastExchangeIdx = -1;
  private lastSymbol = new Uint8Array(0);
  private lastSymbolIdx = -1;
  private roles = new Uint8Array(0);
  private quotePos = -1;
  private okLo = Infinity;
  private okHi = -Infinity;

  constructor(private readonly file: string, private readonly nowMs = Date.now()) {}

  /** Lines read so far (complete ones). */
  get linesRead(): number {
    return this.lineNo;
  }

  /** Rows of the complete lines in `chunk` (with what was left of the previous one). */
  push(chunk: Buffer): TardisTradeBatch {
    const data = this.rest ? Buffer.concat([this.rest, chunk]) : chunk;
    const lastNl = data.lastIndexOf(10);
    this.begin(data, lastNl + 1);
    if (lastNl < 0) {
      this.rest = Buffer.from(data);
      return this.batch;
    }
    this.scan(data, 0, lastNl + 1);
    this.rest = lastNl + 1 < data.length ? Buffer.from(data.subarray(lastNl + 1)) : null;
    return this.batch;
  }

  /** The last line, when the file does not end with a newline. */
  end(): TardisTradeBatch {
    const data = this.rest ?? Buffer.alloc(0);
    this.rest = null;
    this.begin(data, data.length + 1);
    if (data.length) this.lineOf(data, 0, data.length);
    return this.batch;
  }

  /** A trade id: the id cell, or the id the reference gives the row (its own, or derived when the cell is empty or absent). */
  tradeIdAt(b: TardisTradeBatch, i: number): string {
    const id = b.ids.get(i);
    if (id !== undefined) return id;
    if (b.idStart[i] >= 0) return b.bytes.toString("latin1", b.idStart[i], b.idEnd[i]);
    const cells = csvLineCells(b.bytes.toString("utf8", b.lineStart[i], b.lineEnd[i])).map(trimCell);
    return tardisTrade(tardisTradeRecord(cells, this.cols!), (amount) => amount, this.nowMs).print.tradeId;
  }

  private begin(data: Buffer, bytes: number): void {
    // a kept row takes at least 8 bytes (five separators, "buy", digits), so bytes / 8 + 1 rows at most
    const rows = (bytes >> 3) + 1;
    if (rows > this.cap || !this.batch) {
      this.cap = Math.max(rows, this.cap * 2, 1024);
      const c = this.cap;
      this.batch = { n: 0, rowsRead: 0, ts: new Float64Array(c), price: new Float64Array(c), amount: new Float64Array(c), side: new Uint8Array(c), exchange: new Uint16Array(c), symbol: new Uint32Array(c), line: new Float64Array(c), bytes: data, lineStart: new Int32Array(c), lineEnd: new Int32Array(c), idStart: new Int32Array(c), idEnd: new Int32Array(c), ids: new Map(), rejections: [] };
    }
    const b = this.batch;
    b.n = 0;
    b.rowsRead = 0;
    b.bytes = data;
    b.ids = new Map();
    b.rejections = [];
    this.quotePos = -1;
  }

  private scan(data: Buffer, from: number, to: number): void {
    let pos = from;
    while (pos < to) {
      let nl = data.indexOf(10, pos);
      if (nl < 0 || nl >= to) nl = to;
      this.lineOf(data, pos, nl);
      pos = nl + 1;
    }
  }

  /** One line [s, e) (without its "\n"). */
  private lineOf(b: Buffer, s: number, e: number): void {
    this.lineNo++;
    if (e > s && b[e - 1] === 13) e--;
    if (this.cols === null || !this.fast(b, s, e)) this.reference(b, s, e);
  }

  /**
   * The plain shape, read from bytes in one pass (each cell parsed while its end is found); false hands the
   * line to the reference path untouched.
   */
  private fast(b: Buffer, s: number, e: number): boolean {
    // a quote anywhere in the line: csv-parse decides (one indexOf per quote, not per line)
    if (this.quotePos < s) {
      const q = b.indexOf(34, s);
      this.quotePos = q < 0 ? Infinity : q;
    }
    if (this.quotePos < e) return false;
    const roles = this.roles;
    const last = roles.length - 1;
    let ex = -1;
    let sym = -1;
    let ts = NaN;
    let side = -1;
    let price = NaN;
    let amount = NaN;
    // no id column: the derived id
    let idS = -1;
    let idE = -1;
    let p = s;
    for (let k = 0; k <= last; k++) {
      let end = p;
      switch (roles[k]) {
        case ROLE_EXCHANGE: {
          const ref = this.lastExchange;
          if (this.lastExchangeIdx >= 0 && p + ref.length <= e && sameBytes(b, p, p + ref.length, ref) && (p + ref.length === e || b[p + ref.length] === 44)) {
            end = p + ref.length;
            ex = this.lastExchangeIdx;
          } else {
            end = tokenEnd(b, p, e);
            if (end < 0 || end === p) return false;
            const name = b.toString("latin1", p, end);
            if (!hasOwn(TARDIS_TRADE_EXCHANGES, name)) return false;
            ex = this.indexOf(this.exchanges, this.exchangeIndex, name);
            this.lastExchange = Uint8Array.from(b.subarray(p, end));
            this.lastExchangeIdx = ex;
          }
          break;
        }
        case ROLE_SYMBOL: {
          const ref = this.lastSymbol;
          if (this.lastSymbolIdx >= 0 && p + ref.length <= e && sameBytes(b, p, p + ref.length, ref) && (p + ref.length === e || b[p + ref.length] === 44)) {
            end = p + ref.length;
            sym = this.lastSymbolIdx;
          } else {
            end = tokenEnd(b, p, e);
            if (end < 0 || end === p) return false;
            sym = this.indexOf(this.symbols, this.symbolIndex, b.toString("latin1", p, end));
            this.lastSymbol = Uint8Array.from(b.subarray(p, end));
            this.lastSymbolIdx = sym;
          }
          break;
        }
        case ROLE_TIMESTAMP: {
          // epoch µs as digits, exact up to 2^53 − 1
          let m = 0;
          for (; end < e; end++) {
            const c = b[end];
            if (c === 44) break;
            if (c < 48 || c > 57) return false;
            m = m * 10 + (c - 48);
          }
          if (end === p || m > MAX_EXACT) return false;
          ts = Math.floor(m / 1000);
          // the timestamp rule's valid range is one interval: inside [lowest, highest] already passed, it passes
          if (ts < this.okLo || ts > this.okHi) {
            if (epochMsProblem(ts, this.nowMs) !== null) return false;
            if (ts < this.okLo) this.okLo = ts;
            if (ts > this.okHi) this.okHi = ts;
          }
          break;
        }
        case ROLE_SIDE: {
          if (p + 3 <= e && b[p] === 98 && b[p + 1] === 117 && b[p + 2] === 121) {
            side = SIDE_BUY;
            end = p + 3;
          } else if (p + 4 <= e && b[p] === 115 && b[p + 1] === 101 && b[p + 2] === 108 && b[p + 3] === 108) {
            side = SIDE_SELL;
            end = p + 4;
          } else return false;
          if (end < e && b[end] !== 44) return false;
          break;
        }
        case ROLE_PRICE:
        case ROLE_AMOUNT: {
          // digits with at most one dot between digits; m / 10^k, one correctly rounded division (POW10)
          let m = 0;
          let frac = -1;
          for (; end < e; end++) {
            const c = b[end];
            if (c === 44) break;
            if (c >= 48 && c <= 57) {
              m = m * 10 + (c - 48);
              if (frac >= 0) frac++;
            } else if (c === 46 && frac < 0 && end > p) frac = 0;
            else return false;
          }
          if (end === p || frac === 0 || m > MAX_EXACT || frac > 22 || m === 0) return false;
          const v = frac > 0 ? m / POW10[frac] : m;
          if (roles[k] === ROLE_PRICE) price = v;
          else amount = v;
          break;
        }
        case ROLE_ID: {
          end = tokenEnd(b, p, e);
          if (end < 0) return false;
          // an empty id: the reference's derived id, built from the line when asked for (tradeIdAt)
          idS = end === p ? -1 : p;
          idE = end === p ? -1 : end;
          break;
        }
        default: {
          const c = b.indexOf(44, p);
          end = c < 0 || c > e ? e : c;
        }
      }
      if (end === e && k < last) return false; // too few cells
      p = end + 1;
    }
    const out = this.batch;
    const n = out.n++;
    out.rowsRead++;
    out.ts[n] = ts;
    out.price[n] = price;
    out.amount[n] = amount;
    out.side[n] = side;
    out.exchange[n] = ex;
    out.symbol[n] = sym;
    out.line[n] = this.lineNo;
    out.lineStart[n] = s;
    out.lineEnd[n] = e;
    out.idStart[n] = idS;
    out.idEnd[n] = idE;
    return true;
  }

  /** The line as text, through the reference: csvLineCells (csv-parse when quoted) and tardisTrade. */
  private reference(b: Buffer, s: number, e: number): void {
    const text = b.toString("utf8", s, e);
    if (!text.trim()) return;
    const cells = csvLineCells(text);
    if (this.header === null) {
      this.header = csvHeaderCells(cells);
      this.cols = tardisTradeColumns(this.header);
      if (!this.cols) throw new Error(`${this.file}: not a Tardis trades header (exchange, symbol, timestamp, side, price and amount needed): ${this.header.join(",")}`);
      const c = this.cols;
      this.roles = new Uint8Array(Math.max(c.exchange, c.symbol, c.timestamp, c.side, c.price, c.amount, c.id) + 1).fill(ROLE_OTHER);
      this.roles[c.exchange] = ROLE_EXCHANGE;
      this.roles[c.symbol] = ROLE_SYMBOL;
      this.roles[c.timestamp] = ROLE_TIMESTAMP;
      this.roles[c.side] = ROLE_SIDE;
      this.roles[c.price] = ROLE_PRICE;
      this.roles[c.amount] = ROLE_AMOUNT;
      if (c.id >= 0) this.roles[c.id] = ROLE_ID;
      return;
    }
    for (let i = 0; i < cells.length; i++) cells[i] = trimCell(cells[i]);
    const rec = tardisTradeRecord(cells, this.cols!);
    const out = this.batch;
    out.rowsRead++;
    try {
      const r = tardisTrade(rec, (amount) => amount, this.nowMs);
      const n = out.n++;
      out.ts[n] = r.print.ts;
      out.price[n] = r.print.price;
      out.amount[n] = r.print.sizeBase;
      out.side[n] = r.print.side === "buy" ? SIDE_BUY : SIDE_SELL;
      out.exchange[n] = this.indexOf(this.exchanges, this.exchangeIndex, rec.exchange);
      out.symbol[n] = this.indexOf(this.symbols, this.symbolIndex, r.symbol);
      out.line[n] = this.lineNo;
      out.lineStart[n] = s;
      out.lineEnd[n] = e;
      out.idStart[n] = 0;
      out.idEnd[n] = 0;
      out.ids.set(n, r.print.tradeId);
      // the byte caches may name another exchange/symbol now: compared afresh on the next row
    } catch (err) {
      if (!(err instanceof TradeRowError)) throw err;
      out.rejections.push({ line: this.lineNo, field: err.field, message: err.message, exchange: rec.exchange, symbol: rec.symbol });
    }
  }

  private indexOf(list: string[], index: Map<string, number>, name: string): number {
    let i = index.get(name);
    if (i === undefined) {
      i = list.push(name) - 1;
      index.set(name, i);
    }
    return i;
  }
}
