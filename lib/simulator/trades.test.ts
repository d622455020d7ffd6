// Simulated trades and funding estimates: deterministic from the seed, bounded to their windows, sweeps that walk
// the venue's own books (harsher venues paying more than the book implied in stress), estimates that converge
// on the settled rate as the settlement nears.
import { describe, expect, it } from "vitest";
import { groupSweeps } from "../metrics/sweeps";
import { realizedExecution } from "../metrics/realized-summary";
import { slippageBps } from "../metrics/book";
import type { Book } from "../metrics/types";
import { bookDay } from "./books";
import { fundingEstimates, fundingRecords, fundingSchedule } from "./funding";
import { tradeDays, tradesOfDay, tradeWindows, TRADE_RECENT_DAYS } from "./trades";
import { buildWorld, bookStressAt } from "./world";
import { DAY_MS, HOUR_MS } from "../metrics/time";

const world = buildWorld({ days: 40, cadenceMinutes: 15, seed: "trades-seed" });
const vi = (slug: string) => world.venues.findIndex((p) => p.slug === slug);
const asBook = (b: { ts: number; bids: [number, number][]; asks: [number, number][] }): Book => ({ ts: b.ts, bids: b.bids, asks: b.asks, truncated: false });

describe("simulated trades", () => {
  it("are the same for the same seed, different for another, and only inside the recent days and the episodes", () => {
    const d = tradeDays(world).at(-1)!;
    const a = tradesOfDay(world, 0, 0, d);
    expect(a.length).toBeGreaterThan(50);
    expect(tradesOfDay(buildWorld({ days: 40, cadenceMinutes: 15, seed: "trades-seed" }), 0, 0, d)).toEqual(a);
    expect(tradesOfDay(buildWorld({ days: 40, cadenceMinutes: 15, seed: "other" }), 0, 0, d)).not.toEqual(a);
    const ws = tradeWindows(world);
    expect(ws[ws.length - 1]).toEqual({ from: world.end - TRADE_RECENT_DAYS * DAY_MS, to: world.end });
    // both episodes have trades around them
    for (const e of world.episodes) expect(ws.some((w) => w.from <= e.start && w.to >= Math.min(world.end, e.end))).toBe(true);
    const all = tradeDays(world).flatMap((day) => tradesOfDay(world, 0, 0, day));
    expect(all.every((p) => ws.some((w) => p.ts >= w.from && p.ts < w.to + 5 * 60_000))).toBe(true);
    expect(new Set(all.map((p) => p.tradeId)).size).toBe(all.length);
  });

  it("walk the book stored just before them: its levels, on the aggressor's side, never more than shown", () => {
    const v = vi("sim-dex-golf");
    const d = tradeDays(world).at(-1)!;
    const books = bookDay(world, v, 0, d);
    const sweeps = groupSweeps(tradesOfDay(world, v, 0, d, books)).filter((s) => s.prints > 1);
    expect(sweeps.length).toBeGreaterThan(5);
    for (const s of sweeps) {
      const book = [...books].reverse().find((b) => b.ts < s.ts)!;
      expect(s.ts - book.ts).toBeLessThanOrEqual(2_000);
      const levels = s.side === "buy" ? book.asks : book.bids;
      const prints = tradesOfDay(world, v, 0, d, books).filter((p) => p.ts === s.ts);
      for (const p of prints) {
        const level = levels.find(([px]) => px === p.price);
        expect(level).toBeDefined();
        expect(p.sizeBase).toBeLessThanOrEqual(level![1] + 1e-9);
      }
      expect(s.quoteMid).toBeCloseTo((book.bids[0][0] + book.asks[0][0]) / 2, 9);
    }
  });

  it("pay about what the book implies in calm markets and more in stress, more so on a fragile venue", () => {
    const ratio = (slug: string, stressed: boolean) => {
      const v = vi(slug);
      const rs: number[] = [];
      for (const d of tradeDays(world)) {
        const books = bookDay(world, v, 0, d);
        for (const s of groupSweeps(tradesOfDay(world, v, 0, d, books))) {
          if (s.notionalUsd < 30_000 || s.quoteMid === null) continue;
          if (bookStressAt(world, 0, s.ts) > 0.3 !== stressed) continue;
          const book = [...books].reverse().find((b) => b.ts < s.ts)!;
          const implied = slippageBps(asBook(book), s.notionalUsd, s.side);
          if (implied?.kind !== "filled" || implied.slippageBps <= 0) continue;
          rs.push((((s.side === "buy" ? 1 : -1) * (s.vwap - s.quoteMid)) / s.quoteMid) * 1e4 / implied.slippageBps);
        }
      }
      rs.sort((x, y) => x - y);
      expect(rs.length).toBeGreaterThan(5);
      return rs[Math.floor(rs.length / 2)];
    };
    expect(ratio("sim-cex-alpha", false)).toBeLessThan(1.1);
    expect(ratio("sim-dex-golf", true)).toBeGreaterThan(1.3);
    expect(ratio("sim-dex-golf", true)).toBeGreaterThan(ratio("sim-cex-alpha", true));
    // and the realized summary sees stress sweeps
    const v = vi("sim-dex-golf");
    const days = tradeDays(world);
    const prints = days.flatMap((d) => tradesOfDay(world, v, 0, d));
    const r = realizedExecution(prints, days.flatMap((d) => bookDay(world, v, 0, d).map(asBook)), world.episodes.map((e) => ({ from: e.start, to: e.end })));
    expect(r.buckets.reduce((n, b) => n + b.stress.sweeps, 0)).toBeGreaterThan(20);
  });
});

describe("simulated funding estimates", () => {
  it("keep the latest read before each settlement, and come closer to the settled rate the later they are read", () => {
    const v = vi("sim-cex-alpha");
    const settled = new Map(fundingRecords(world, v, 0).filter((r) => !r.predicted).map((r) => [r.fundingTime, r.rate]));
    const times = fundingSchedule(world, world.venues[v]).settlements.map((s) => s.ts);
    const late = fundingEstimates(world, v, 0, times.map((t) => t - 61_000));
    const early = fundingEstimates(world, v, 0, times.map((t) => t - 7.5 * HOUR_MS));
    const both = fundingEstimates(world, v, 0, [...times.map((t) => t - 7.5 * HOUR_MS), ...times.map((t) => t - 61_000)]);
    expect(both).toEqual(late);
    const err = (es: { fundingTime: number; rate: number }[]) => es.filter((e) => settled.has(e.fundingTime)).reduce((s, e) => s + Math.abs(e.rate - settled.get(e.fundingTime)!), 0) / es.length;
    expect(err(late)).toBeLessThan(1e-5);
    expect(err(early)).toBeGreaterThan(err(late));
  });
});
