// Compact storage of order-book levels: a year of 5-minute 100-level books for 50 markets must fit on a
// laptop. Hand-written because no maintained npm package packs price/size ladders: general-purpose
// formats (JSON, msgpack, protobuf) store each float in 8+ bytes, this stores a level in ~3-5.
//
// Format (version 1): [1][priceExp:int8][sizeExp:int8][count:varint] then per level
//   zigzag-varint(price_i − price_{i−1}) in units of 10^priceExp, varint(size_i) in units of 10^sizeExp.
// Exponents are chosen per side so every value is an exact integer multiple (venues quote decimal
// strings, so this is lossless). If no exponent ≥ −12 represents a value exactly (or integers would
// exceed 2^53), format 2 stores plain float64 pairs instead.

export type PackedLevel = readonly [price: number, size: number];

const MAX_DECIMALS = 12;

function decimalsOf(x: number): number {
  // The smallest d for which decoding (integer / 10^d) gives back exactly x: lossless by construction.
  for (let d = 0; d <= MAX_DECIMALS; d++) {
    const scale = 10 ** d;
    if (Math.round(x * scale) / scale === x) return d;
  }
  return -1;
}

function maxDecimals(values: Iterable<number>): number {
  let max = 0;
  for (const v of values) {
    const d = decimalsOf(v);
    if (d < 0) return -1;
    if (d > max) max = d;
  }
  return max;
}

class ByteWriter {
  private buf: Uint8Array<ArrayBuffer> = new Uint8Array(256);
  private len = 0;
  private ensure(n: number) {
    if (this.len + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.len + n));
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }
  byte(b: number) {
    this.ensure(1);
    this.buf[this.len++] = b & 0xff;
  }
  /** Unsigned varint of a non-negative safe integer (7 bits a byte; arithmetic, not bitwise, past 2^31). */
  varint(n: number) {
    this.ensure(8);
    while (n >= 0x80) {
      this.buf[this.len++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    this.buf[this.len++] = n;
  }
  float64(x: number) {
    this.ensure(8);
    new DataView(this.buf.buffer, this.buf.byteOffset + this.len, 8).setFloat64(0, x, true);
    this.len += 8;
  }
  result(): Uint8Array<ArrayBuffer> {
    return this.buf.slice(0, this.len);
  }
}

const zigzag = (n: number) => (n >= 0 ? n * 2 : -n * 2 - 1);

export function encodeLevels(levels: readonly PackedLevel[]): Uint8Array<ArrayBuffer> {
  const w = new ByteWriter();
  const priceDec = maxDecimals(levels.map((l) => l[0]));
  const sizeDec = maxDecimals(levels.map((l) => l[1]));
  const pScale = 10 ** priceDec;
  const sScale = 10 ** sizeDec;
  const fits =
    priceDec >= 0 &&
    sizeDec >= 0 &&
    levels.every((l) => Math.abs(l[0] * pScale) < Number.MAX_SAFE_INTEGER / 4 && l[1] * sScale < Number.MAX_SAFE_INTEGER);
  if (!fits) {
    w.byte(2);
    w.varint(levels.length);
    for (const [p, s] of levels) {
      w.float64(p);
      w.float64(s);
    }
    return w.result();
  }
  w.byte(1);
  w.byte(priceDec);
  w.byte(sizeDec);
  w.varint(levels.length);
  let prev = 0;
  for (const [p, s] of levels) {
    const pi = Math.round(p * pScale);
    w.varint(zigzag(pi - prev));
    w.varint(Math.round(s * sScale));
    prev = pi;
  }
  return w.result();
}

/** Why a packed side cannot be read (a cut varint, an unknown format version). */
function truncatedVarint(): never {
  throw new Error("level-codec: truncated varint");
}

/** Header of a packed side: format version, decimal exponents, level count and where the levels start. */
interface PackedHeader {
  version: 1 | 2;
  pScale: number;
  sScale: number;
  count: number;
  pos: number;
}

// Scratch header (single-threaded JS: safe to share); readHeader fills it without allocating.
const header: PackedHeader = { version: 1, pScale: 1, sScale: 1, count: 0, pos: 0 };

function readHeader(bytes: Uint8Array): PackedHeader {
  const version = bytes[0];
  let pos = 1;
  if (version === 1) {
    header.pScale = 10 ** bytes[1];
    header.sScale = 10 ** bytes[2];
    pos = 3;
  } else if (version !== 2) throw new Error(`level-codec: unknown format version ${version}`);
  let count = 0;
  let mul = 1;
  for (;;) {
    if (pos >= bytes.length) truncatedVarint();
    const b = bytes[pos++];
    count += (b & 0x7f) * mul;
    if (b < 0x80) break;
    mul *= 0x80;
  }
  header.version = version;
  header.count = count;
  header.pos = pos;
  return header;
}

/** Number of levels in a packed side (reads the header only). */
export function packedLevelCount(bytes: Uint8Array): number {
  return readHeader(bytes).count;
}

/**
 * Decode a packed side straight into price/size columns from index `at`, stopping after `maxLevels` levels
 * (the deepest level a query needs; the rest of the bytes are not read). Returns the number of levels
 * written; the columns need room for min(count, maxLevels) values from `at`. Values are bit-identical to
 * decodeLevels: the same integer / 10^d division. No allocation.
 */
export function decodeLevelsInto(bytes: Uint8Array, price: Float64Array, size: Float64Array, at: number, maxLevels = Infinity): number {
  const h = readHeader(bytes);
  const n = h.count < maxLevels ? h.count : maxLevels;
  let pos = h.pos;
  if (h.version === 2) {
    if (pos + 16 * n > bytes.length) throw new Error("level-codec: truncated float64 levels");
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i < n; i++) {
      price[at + i] = view.getFloat64(pos, true);
      size[at + i] = view.getFloat64(pos + 8, true);
      pos += 16;
    }
    return n;
  }
  const pScale = h.pScale;
  const sScale = h.sScale;
  const len = bytes.length;
  // A level takes at least 2 bytes: a count the bytes cannot hold is a cut side (and no huge loop).
  if (2 * n > len - pos) truncatedVarint();
  let prev = 0;
  // Varints inlined with int32 arithmetic up to 4 bytes (28 bits: every price delta and size the venues quote
  // at their own decimals); longer ones go through readLongVarint. Bytes are read without a bound check in the
  // loop: past the end a typed array reads undefined (a zero byte), and the check after the loop finds it.
  for (let i = 0; i < n; i++) {
    let b = bytes[pos++];
    let v = b & 0x7f;
    if (b > 0x7f) {
      b = bytes[pos++];
      v |= (b & 0x7f) << 7;
      if (b > 0x7f) {
        b = bytes[pos++];
        v |= (b & 0x7f) << 14;
        if (b > 0x7f) {
          b = bytes[pos++];
          v |= (b & 0x7f) << 21;
          if (b > 0x7f) {
            v = readLongVarint(bytes, pos, v);
            pos = longVarintEnd;
          }
        }
      }
    }
    // zigzag: even v → v/2, odd v → −(v+1)/2 (bit form while v fits 28 bits)
    prev += v < 0x10000000 ? (v >>> 1) ^ -(v & 1) : v % 2 === 0 ? v / 2 : -(v + 1) / 2;
    // Division by a power of ten restores the decimal value exactly as the venue's string parsed.
    price[at + i] = prev / pScale;
    b = bytes[pos++];
    v = b & 0x7f;
    if (b > 0x7f) {
      b = bytes[pos++];
      v |= (b & 0x7f) << 7;
      if (b > 0x7f) {
        b = bytes[pos++];
        v |= (b & 0x7f) << 14;
        if (b > 0x7f) {
          b = bytes[pos++];
          v |= (b & 0x7f) << 21;
          if (b > 0x7f) {
            v = readLongVarint(bytes, pos, v);
            pos = longVarintEnd;
          }
        }
      }
    }
    size[at + i] = v / sScale;
  }
  if (pos > len) truncatedVarint();
  return n;
}

let longVarintEnd = 0;

/** The rest of a varint whose first 4 bytes gave `low` (28 bits), from `pos`; sets longVarintEnd. */
function readLongVarint(bytes: Uint8Array, pos: number, low: number): number {
  let result = low;
  let mul = 0x10000000;
  for (;;) {
    if (pos >= bytes.length) truncatedVarint();
    const b = bytes[pos++];
    result += (b & 0x7f) * mul;
    if (b < 0x80) break;
    mul *= 0x80;
  }
  longVarintEnd = pos;
  return result;
}

// Scratch columns for decodeLevels (grown on demand, reused).
let scratchPrice = new Float64Array(1024);
let scratchSize = new Float64Array(1024);

/** Decode a packed side into [price, size] tuples (the Book form the per-book metrics take). */
export function decodeLevels(bytes: Uint8Array): [number, number][] {
  const count = packedLevelCount(bytes);
  if (count > scratchPrice.length) {
    scratchPrice = new Float64Array(count);
    scratchSize = new Float64Array(count);
  }
  const n = decodeLevelsInto(bytes, scratchPrice, scratchSize, 0);
  const out: [number, number][] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = [scratchPrice[i], scratchSize[i]];
  return out;
}
