import { describe, expect, it } from "vitest";
import { decodeLevels, encodeLevels } from "./level-codec";

describe("level codec", () => {
  it("round-trips decimal prices and sizes exactly", () => {
    const levels: [number, number][] = [
      [69420.1, 0.003],
      [69420.0, 1.25],
      [69419.7, 12.5],
      [69300.0, 0.001],
    ];
    const bytes = encodeLevels(levels);
    expect(decodeLevels(bytes)).toEqual(levels);
    // 1 version + 2 exponents + 1 count + 4 levels: the first price delta 694201 (zigzag 1388402) takes
    // 3 bytes, later deltas 1-2 bytes, sizes 1-2 bytes -> well under the 64 bytes of float64 pairs.
    expect(bytes.length).toBeLessThan(25);
  });

  it("keeps tiny-priced assets (8 decimals) and large sizes", () => {
    const levels: [number, number][] = [
      [0.00001234, 150000000],
      [0.00001233, 99999999.5],
    ];
    expect(decodeLevels(encodeLevels(levels))).toEqual(levels);
  });

  it("falls back to float64 for values with no short decimal form", () => {
    const levels: [number, number][] = [[1 / 3, Math.PI]];
    const bytes = encodeLevels(levels);
    expect(bytes[0]).toBe(2);
    expect(decodeLevels(bytes)).toEqual(levels);
  });

  it("round-trips an empty side", () => {
    expect(decodeLevels(encodeLevels([]))).toEqual([]);
  });

  it("packs a 100-level BTC book in under 5 bytes a level", () => {
    const levels: [number, number][] = Array.from({ length: 100 }, (_, i) => [
      Number((70000 - i * 0.1).toFixed(1)),
      Number((0.001 + i * 0.137).toFixed(3)),
    ]);
    const bytes = encodeLevels(levels);
    expect(decodeLevels(bytes)).toEqual(levels);
    expect(bytes.length / 100).toBeLessThan(5);
  });

  it("rejects an unknown format version", () => {
    expect(() => decodeLevels(new Uint8Array([9, 0]))).toThrow(/unknown format version 9/);
  });
});
