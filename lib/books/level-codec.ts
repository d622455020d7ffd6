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
const unzigzag = (n: number) => (n % 2 === 0 ? n / 2 : -(n + 1) / 2);

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

export function decodeLevels(bytes: Uint8Array): [number, number][] {
  let pos = 0;
  const readVarint = () => {
    let result = 0;
    let mul = 1;
    for (;;) {
      if (pos >= bytes.length) throw new Error("level-codec: truncated varint");
      const b = bytes[pos++];
      result += (b & 0x7f) * mul;
      if (b < 0x80) return result;
      mul *= 0x80;
    }
  };
  const version = bytes[pos++];
  if (version === 2) {
    const n = readVarint();
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const out: [number, number][] = new Array(n);
    for (let i = 0; i < n; i++) {
      out[i] = [view.getFloat64(pos, true), view.getFloat64(pos + 8, true)];
      pos += 16;
    }
    return out;
  }
  if (version !== 1) throw new Error(`level-codec: unknown format version ${version}`);
  const priceDec = bytes[pos++];
  const sizeDec = bytes[pos++];
  const pScale = 10 ** priceDec;
  const sScale = 10 ** sizeDec;
  const n = readVarint();
  const out: [number, number][] = new Array(n);
  let prev = 0;
  for (let i = 0; i < n; i++) {
    prev += unzigzag(readVarint());
    // Division by a power of ten restores the decimal value exactly as the venue's string parsed.
    out[i] = [prev / pScale, readVarint() / sScale];
  }
  return out;
}
