// Order-book sides as the connectors parse them: decimal strings and numbers, blank and malformed values
// refused with the level and field, ladders checked and put best level first without touching the input.
import { describe, expect, it } from "vitest";
import { checkBook, checkSide, RecordError, zLevels } from "./parse-helpers";

describe("zLevels", () => {
  it("reads numbers and decimal strings", () => {
    expect(zLevels.parse([["100.5", "2"], [100.25, 0.5], ["1e2", " 3 "]])).toEqual([[100.5, 2], [100.25, 0.5], [100, 3]]);
  });

  it("refuses blank, non-numeric and missing fields with the level and field", () => {
    const issue = (levels: unknown) => {
      const r = zLevels.safeParse(levels);
      return r.success ? null : { path: r.error.issues[0].path, message: r.error.issues[0].message };
    };
    expect(issue([["100", "1"], ["  ", "1"]])).toEqual({ path: [1, 0], message: 'price is not a finite number: "  "' });
    expect(issue([["100", ""]])).toEqual({ path: [0, 1], message: 'size is not a finite number: ""' });
    expect(issue([["abc", "1"]])?.path).toEqual([0, 0]);
    expect(issue([[null, "1"]])?.path).toEqual([0, 0]);
    expect(issue([["100"]])?.message).toBe("level 0 is not a [price, size] pair");
    expect(issue("not levels")?.message).toMatch(/expected an array/);
    // a zero written as a string is a number (refused later as not positive), not a blank
    expect(zLevels.parse([["0", "0.0"]])).toEqual([[0, 0]]);
  });
});

describe("checkSide", () => {
  it("returns a sorted ladder as it is, and a sorted copy of an unsorted one without changing the input", () => {
    const asks: [number, number][] = [[101, 1], [102, 2], [102, 1], [103, 1]];
    expect(checkSide(asks, "asks")).toBe(asks);
    const bids: [number, number][] = [[99, 1], [100, 2], [98, 1]];
    const sorted = checkSide(bids, "bids");
    expect(sorted).toEqual([[100, 2], [99, 1], [98, 1]]);
    expect(bids).toEqual([[99, 1], [100, 2], [98, 1]]);
  });

  it("refuses non-positive prices and sizes, and a crossed or one-sided book", () => {
    expect(() => checkSide([[100, 1], [0, 1]], "bids")).toThrow(new RecordError("bids[1].price", "bids[1] price 0 is not positive"));
    expect(() => checkSide([[100, -1]], "asks")).toThrow(/asks\[0\] size -1 is not positive/);
    expect(() => checkBook([[101, 1]], [[100, 1]])).toThrow(/crossed book/);
    expect(() => checkBook([], [[100, 1]])).toThrow(/no bids/);
  });
});
