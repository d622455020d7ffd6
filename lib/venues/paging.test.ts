// The shared paging loop: each strategy walks a simulated venue until the window is covered, and stops on
// short or empty pages, on a page that makes no progress, and at the page cap (reporting it).
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { pageBackward, pageByCursor, pageForward, pageWindows, spanOf, warnIncomplete, type PageSpan } from "./paging";
import type { Rejection, VenueHttp } from "./types";

/** Records at the given times; a venue answering oldest first from `from` (forward) or newest first up to `to`. */
const forwardVenue = (times: number[], size: number) => async (from: number): Promise<PageSpan> => spanOf(times.filter((t) => t >= from).slice(0, size));
const backwardVenue = (times: number[], size: number) => async (to: number): Promise<PageSpan> => spanOf(times.filter((t) => t <= to).reverse().slice(0, size));

describe("pageForward", () => {
  it("walks from since by newest + 1 and stops once a page reaches until", async () => {
    const times = Array.from({ length: 25 }, (_, i) => i * 10);
    const asked: number[] = [];
    const r = await pageForward({ since: 0, until: 185, pageSize: 10 }, (from) => (asked.push(from), forwardVenue(times, 10)(from)));
    expect(asked).toEqual([0, 91]);
    // The second page (100..190) reaches until=185.
    expect(r).toEqual({ pages: 2, stop: "covered", complete: true, reached: 190 });
  });

  it("stops on a short page (no more data) and on an empty one", async () => {
    expect(await pageForward({ since: 0, until: 1000, pageSize: 10 }, forwardVenue([1, 2, 3], 10))).toMatchObject({ pages: 1, stop: "end-of-data", complete: true });
    expect(await pageForward({ since: 0, until: 1000, pageSize: 10 }, forwardVenue([], 10))).toMatchObject({ pages: 1, stop: "end-of-data", complete: true, reached: null });
  });

  it("reports a venue that ignores the start (no progress) and the page cap as incomplete", async () => {
    const stuck = await pageForward({ since: 500, until: 1000, pageSize: 2 }, async () => spanOf([1, 2]));
    expect(stuck).toMatchObject({ pages: 1, stop: "no-progress", complete: false });
    const capped = await pageForward({ since: 0, until: 1000, pageSize: 2, maxPages: 3 }, forwardVenue(Array.from({ length: 100 }, (_, i) => i), 2));
    expect(capped).toEqual({ pages: 3, stop: "page-cap", complete: false, reached: 5 });
  });
});

describe("pageBackward", () => {
  it("walks from until by oldest − 1 and stops once a page reaches since", async () => {
    const times = Array.from({ length: 30 }, (_, i) => i * 10);
    const asked: number[] = [];
    const r = await pageBackward({ since: 45, until: 290, pageSize: 10 }, (to) => (asked.push(to), backwardVenue(times, 10)(to)));
    expect(asked).toEqual([290, 199, 99]);
    expect(r).toEqual({ pages: 3, stop: "covered", complete: true, reached: 0 });
  });

  it("every record of the window is fetched exactly once, whatever the page size and spacing (property)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.integer({ min: 0, max: 5000 }), { minLength: 0, maxLength: 300 }), fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 5000 }), async (raw, size, a, b) => {
        const times = [...raw].sort((x, y) => x - y);
        const [since, until] = a <= b ? [a, b] : [b, a];
        const seen: number[] = [];
        const r = await pageBackward({ since, until, pageSize: size, maxPages: 1000 }, async (to) => {
          const page = times.filter((t) => t <= to).reverse().slice(0, size);
          seen.push(...page);
          return spanOf(page);
        });
        const forward: number[] = [];
        await pageForward({ since, until, pageSize: size, maxPages: 1000 }, async (from) => {
          const page = times.filter((t) => t >= from).slice(0, size);
          forward.push(...page);
          return spanOf(page);
        });
        const inWindow = times.filter((t) => t >= since && t <= until);
        expect(r.complete).toBe(true);
        expect(new Set(seen).size).toBe(seen.length);
        expect(inWindow.every((t) => seen.includes(t))).toBe(true);
        expect(new Set(forward).size).toBe(forward.length);
        expect(inWindow.every((t) => forward.includes(t))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});

describe("pageByCursor", () => {
  const pages = [[90, 80], [70, 60], [50, 40], [30, 20]];
  const venue = async (cursor: number | null) => ({ ...spanOf(pages[cursor ?? 0]), next: (cursor ?? 0) + 1 < pages.length ? (cursor ?? 0) + 1 : null });

  it("newest first: stops when a page reaches since; bounded: only at the end of the chain", async () => {
    // Pages reach 80, 60, then 40 <= 55.
    expect(await pageByCursor({ since: 55, until: 100, pageSize: 2, order: "newest-first" }, venue)).toMatchObject({ pages: 3, stop: "covered", complete: true, reached: 40 });
    expect(await pageByCursor({ since: 55, until: 100, pageSize: 2, order: "bounded" }, venue)).toMatchObject({ pages: 4, stop: "end-of-data", complete: true });
  });

  it("a repeated cursor is no progress; the cap is reported", async () => {
    const loop = await pageByCursor<string>({ since: 0, until: 100, pageSize: null, order: "bounded" }, async () => ({ ...spanOf([50]), next: "same" }));
    expect(loop).toMatchObject({ pages: 2, stop: "no-progress", complete: false });
    expect(await pageByCursor({ since: 0, until: 100, pageSize: 2, maxPages: 2, order: "newest-first" }, venue)).toMatchObject({ pages: 2, stop: "page-cap", complete: false, reached: 60 });
  });
});

describe("pageWindows and the warning", () => {
  it("cuts the window into spans whatever they hold, and reports a cap", async () => {
    const spans: [number, number][] = [];
    const r = await pageWindows({ since: 0, until: 25, spanMs: 10 }, async (a, b) => spans.push([a, b]));
    expect(spans).toEqual([[0, 9], [10, 19], [20, 25]]);
    expect(r).toMatchObject({ pages: 3, complete: true });
    const capped = await pageWindows({ since: 0, until: 25, spanMs: 10, maxPages: 1 }, async () => undefined);
    expect(capped).toMatchObject({ pages: 1, stop: "page-cap", complete: false, reached: 9 });
  });

  it("warnIncomplete adds one rejection naming the window, and nothing for a complete walk", () => {
    const warnings: Rejection[] = [];
    const http = { warn: (r: Rejection) => warnings.push(r) } as unknown as VenueHttp;
    const w = { since: Date.UTC(2024, 0, 1), until: Date.UTC(2024, 5, 1) };
    warnIncomplete(http, "okx", "BTC-USDT-SWAP", "funding history", w, { pages: 3, stop: "covered", complete: true, reached: w.since });
    expect(warnings).toEqual([]);
    warnIncomplete(http, "okx", "BTC-USDT-SWAP", "funding history", w, { pages: 50, stop: "page-cap", complete: false, reached: Date.UTC(2024, 2, 1) });
    expect(warnings).toEqual([{ venue: "okx", symbol: "BTC-USDT-SWAP", field: "since", index: null, message: "funding history for 2024-01-01T00:00:00.000Z..2024-06-01T00:00:00.000Z stopped at the cap of 50 pages; fetched as far as 2024-03-01T00:00:00.000Z. Ask for a shorter window (--since/--until) to cover the rest." }]);
  });
});
