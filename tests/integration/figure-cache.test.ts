// The figure cache on a real database: a value is reused until an ingest run touches what it read; while a
// key is being recomputed, concurrent readers get the last stored value instead of recomputing it again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cachedFigure, cachedScopedFigure, figureCacheLimits, withRunFence } from "../../lib/services/figure-cache";
import type { FigureScope, Touch } from "../../lib/store/touched";
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

  it("reuses a scoped value across runs that touched other markets or times, and recomputes for one inside its window", async () => {
    const venue = await t.db.venue.create({ data: { slug: "scoped", name: "Scoped", kind: "cex", provenance: "recorded" } });
    const run = (touched: Touch[] | null, status = "ok") => t.db.ingestRun.create({ data: { venueId: venue.id, venueSlug: "scoped", kind: "depth", mode: "live", status, provenance: "live", touched: touched === null ? null : JSON.stringify(touched) } });
    const scope: FigureScope = { marketId: 1, data: { depth: { from: 1000, to: 2000, first: 0, last: 5000 } } };
    let calls = 0;
    const get = () => cachedScopedFigure(t.db, "scoped", async () => ({ value: ++calls, scope }), venue.id);
    expect(await get()).toBe(1);
    await run([{ marketId: 2, kind: "depth", from: 1500, to: 1500 }]);
    await run([{ marketId: 1, kind: "depth", from: 3000, to: 3100 }]);
    await run([]);
    expect(await get()).toBe(1);
    // A run still running (its later batches may commit after a recompute reads) is checked again when it ends.
    const live = await run([], "running");
    expect(await get()).toBe(1);
    await t.db.ingestRun.update({ where: { id: live.id }, data: { status: "ok", touched: JSON.stringify([{ marketId: 1, kind: "depth", from: 1999, to: 1999 }]) } });
    expect(await get()).toBe(2);
    expect(await get()).toBe(2);
    // A writer that does not say what it touched invalidates everything of its venue.
    await run(null);
    expect(await get()).toBe(3);
    await run([{ marketId: 1, kind: "depth", from: 6000, to: 6000 }]);
    expect(await get()).toBe(4);
  });

  it("under a read fence answers checked figures without a query of their own, and still sees a run of their venue", async () => {
    const [a, b] = await Promise.all(["fence-a", "fence-b"].map((slug) => t.db.venue.create({ data: { slug, name: slug, kind: "cex", provenance: "recorded" } })));
    const run = (venueId: number, status = "ok") => t.db.ingestRun.create({ data: { venueId, venueSlug: "fence", kind: "depth", mode: "live", status, provenance: "live", touched: JSON.stringify([{ marketId: 1, kind: "depth", from: 1500, to: 1500 }]) } });
    const scope: FigureScope = { marketId: 1, data: { depth: { from: 1000, to: 2000, first: 0, last: 5000 } } };
    const calls = { a: 0, b: 0 };
    let runQueries = 0;
    // Counts the per-figure validity checks: the read of a value's venue's runs after its version (raw SQL
    // through the client here: an extended client has no idle connection of its own to read from).
    const counted = t.db.$extends({
      query: {
        async $allOperations({ operation, args, query }) {
          if (operation === "$queryRawUnsafe" && /FROM "IngestRun" WHERE "id" >/.test(String((args as unknown[])[0]))) runQueries++;
          return query(args);
        },
      },
    }) as unknown as typeof t.db;
    const read = () =>
      withRunFence(counted, async () => [
        await cachedScopedFigure(counted, "fence-a", async () => ({ value: ++calls.a, scope }), a.id),
        await cachedScopedFigure(counted, "fence-b", async () => ({ value: ++calls.b, scope }), b.id),
      ]);
    expect(await read()).toEqual([1, 1]);
    await read(); // checks each once under a fence
    runQueries = 0;
    expect(await read()).toEqual([1, 1]);
    expect(runQueries).toBe(0);
    // A finished run of venue a inside the scope: a is recomputed, b (no run since its check) is not asked about.
    await run(a.id);
    expect(await read()).toEqual([2, 1]);
    expect(runQueries).toBe(2); // a's value in memory, then its stored row; none for b
    // While a run of venue b is running, b is checked as usual (the run may touch more) and recomputed once it ends.
    const live = await run(b.id, "running");
    await t.db.ingestRun.update({ where: { id: live.id }, data: { touched: "[]" } });
    runQueries = 0;
    expect(await read()).toEqual([2, 1]);
    expect(runQueries).toBe(2); // a: checked once after its recompute; b: its venue is running
    await t.db.ingestRun.update({ where: { id: live.id }, data: { status: "ok", touched: JSON.stringify([{ marketId: 1, kind: "depth", from: 1800, to: 1800 }]) } });
    expect(await read()).toEqual([2, 2]);
    // Without a fence every read checks.
    runQueries = 0;
    await cachedScopedFigure(counted, "fence-a", async () => ({ value: ++calls.a, scope }), a.id);
    expect(runQueries).toBe(1);
  });

  it("keeps the cache under its size cap, evicting the oldest values, and does not store an oversized one", async () => {
    const saved = { ...figureCacheLimits };
    try {
      figureCacheLimits.maxBytes = 10_000;
      figureCacheLimits.maxEntryBytes = 3_000;
      await t.db.figureCache.deleteMany({});
      for (let i = 0; i < 12; i++) await cachedFigure(t.db, `big${i}`, async () => "x".repeat(1_998));
      const rows = await t.db.figureCache.findMany({ orderBy: { computedAt: "asc" } });
      const total = rows.reduce((s, r) => s + r.bytes, 0);
      expect(total).toBeLessThanOrEqual(10_000);
      expect(rows.at(-1)!.key).toBe("big11");
      expect(rows.map((r) => r.key)).not.toContain("big0");
      expect(rows.every((r) => r.bytes === r.json.length)).toBe(true);
      expect(await cachedFigure(t.db, "huge", async () => "y".repeat(5_000))).toHaveLength(5_000);
      expect(await t.db.figureCache.count({ where: { key: "huge" } })).toBe(0);
    } finally {
      Object.assign(figureCacheLimits, saved);
    }
  });
});
