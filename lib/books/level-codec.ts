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
const POW10 = Array.from({ length: MAX_DECIMALS + 1 }, (_, d) => 10 ** d);

function decimalsOf(x: number): number {
  // The smallest d for which decoding (integer / 10^d) gives back exactly x: lossless by construction.
  for (let d = 0; d <= MAX_DECIMALS; d++) {
    const scale = POW10[d];
    if (Math.round(x * scale) / scale === x) return d;
  }
  return -1;
}

/**
 * max over values of decimalsOf, or −1 when one has none. A value exact at the running maximum d has its
 * smallest d ≤ it and cannot raise the maximum, so most values cost one test instead of a search from 0.
 */
function maxDecimalsOf(levels: readonly PackedLevel[], column: 0 | 1): number {
  let max = 0;
  let scale = 1;
  for (let i = 0; i < levels.length; i++) {
    const x = levels[i][column];
    if (Math.round(x * scale) / scale === x) continue;
    const d = decimalsOf(x);
    if (d < 0) return -1;
    if (d > max) {
      max = d;
      scale = POW10[d];
    }
  }
  return max;
}

// The encoder's scratch output (grown on demand; the result is a copy of the bytes written).
let out = new Uint8Array(4096);
let outView = new DataView(out.buffer);

/**
 * Unsigned varint of a non-negative safe integer at buf[len] (7 bits a byte; bitwise below 2^31, arithmetic
 * past it); returns the new length. The level loop inlines the bitwise case.
 */
function writeVarint(buf: Uint8Array, len: number, n: number): number {
  if (n < 0x80000000) {
    while (n >= 0x80) {
      buf[len++] = (n & 0x7f) | 0x80;
      n >>>= 7;
    }
  } else {
    while (n >= 0x80) {
      buf[len++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
  }
  buf[len++] = n;
  return len;
}

const zigzag = (n: number) => (n >= 0 ? n * 2 : -n * 2 - 1);

export function encodeLevels(levels: readonly PackedLevel[]): Uint8Array<ArrayBuffer> {
  const n = levels.length;
  // At most 1 + 2 header bytes, a count, and 8 bytes a varint (or float64) twice per level.
  const room = 16 + 16 * n;
  if (out.length < room) {
    out = new Uint8Array(Math.max(room, out.length * 2));
    outView = new DataView(out.buffer);
  }
  const buf = out;
  let len = 0;
  const priceDec = maxDecimalsOf(levels, 0);
  const sizeDec = priceDec < 0 ? -1 : maxDecimalsOf(levels, 1);
  const pScale = 10 ** priceDec;
  const sScale = 10 ** sizeDec;
  // Every |price| × 10^priceDec below 2^53 / 4 and size × 10^sizeDec below 2^53: checked on the largest of
  // each (multiplying by a positive scale keeps the order, rounding included).
  let maxAbsPrice = 0;
  let maxSize = -Infinity;
  for (let i = 0; i < n; i++) {
    const a = Math.abs(levels[i][0]);
    const sz = levels[i][1];
    if (a > maxAbsPrice) maxAbsPrice = a; // (NaN never gets here with fits possible: it has no decimals)
    if (sz > maxSize) maxSize = sz;
  }
  const fits = priceDec >= 0 && sizeDec >= 0 && maxAbsPrice * pScale < Number.MAX_SAFE_INTEGER / 4 && maxSize * sScale < Number.MAX_SAFE_INTEGER;
  if (!fits) {
    buf[len++] = 2;
    len = writeVarint(buf, len, n);
    for (let i = 0; i < n; i++) {
      outView.setFloat64(len, levels[i][0], true);
      outView.setFloat64(len + 8, levels[i][1], true);
      len += 16;
    }
    return buf.slice(0, len);
  }
  buf[len++] = 1;
  buf[len++] = priceDec;
  buf[len++] = sizeDec;
  len = writeVarint(buf, len, n);
  let prev = 0;
  for (let i = 0; i < n; i++) {
    const pi = Math.round(levels[i][0] * pScale);
    let v = zigzag(pi - prev);
    if (v < 0x80000000) {
      while (v >= 0x80) {
        buf[len++] = (v & 0x7f) | 0x80;
        v >>>= 7;
      }
      buf[len++] = v;
    } else len = writeVarint(buf, len, v);
    v = Math.round(levels[i][1] * sScale);
    if (v < 0x80000000) {
      while (v >= 0x80) {
        buf[len++] = (v & 0x7f) | 0x80;
        v >>>= 7;
      }
      buf[len++] = v;
    } else len = writeVarint(buf, len, v);
    prev = pi;
  }
  return buf.slice(0, len);
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
