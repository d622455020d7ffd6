// The figure cache on a real database: a value is reused until an ingest run moves the data version; while a
// key is being recomputed, concurrent readers get the last stored value instead of recomputing it again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cachedFigure } from "../../lib/services/figure-cache";
import { tempDb, type TempDb } from "./db-helper";

let t: TempDb;
beforeAll(async () => {
  t = await tempDb();
});
afterAll(async () => {
  await t?.cleanup();
});

const newRun = () => t.db.ingestRun.create({ data: { venueSlug: "x", kind: "depth", mode: "import", status: "ok", provenance: "recorded" } });

describe("cachedFigure", () => {
  it("reuses a value until the data version moves, then computes once for concurrent readers", async () => {
    let calls = 0;
    // A computation held open until the test releases it (no timing guesses: a loaded machine or a
    // slower database must not let it finish before the readers arrive).
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const compute = (v: number, held = false) => async () => {
      calls++;
      if (held) await gate;
      return { v };
    };
    expect(await cachedFigure(t.db, "k", compute(1))).toEqual({ v: 1 });
    expect(await cachedFigure(t.db, "k", compute(99))).toEqual({ v: 1 });
    expect(calls).toBe(1);

    await newRun();
    // The first reader after the ingest starts the recompute and waits for it; the two that arrive while it
    // runs answer with the stored value at once and start nothing.
    const first = cachedFigure(t.db, "k", compute(2, true));
    while (calls < 2) await new Promise((r) => setTimeout(r, 5));
    const during = await Promise.all([cachedFigure(t.db, "k", compute(3)), cachedFigure(t.db, "k", compute(4))]);
    expect(during).toEqual([{ v: 1 }, { v: 1 }]);
    release();
    expect(await first).toEqual({ v: 2 });
    expect(calls).toBe(2);
    // Once stored, the new value is served without computing.
    expect(await cachedFigure(t.db, "k", compute(5))).toEqual({ v: 2 });
    expect(calls).toBe(2);
  });

  it("makes a reader with nothing stored wait for the running computation instead of starting another", async () => {
    let calls = 0;
    const slow = async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 100));
      return calls;
    };
    const [a, b] = await Promise.all([cachedFigure(t.db, "fresh", slow), cachedFigure(t.db, "fresh", slow)]);
    expect([a, b]).toEqual([1, 1]);
    expect(calls).toBe(1);
  });
});
