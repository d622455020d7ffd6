import { describe, expect, it } from "vitest";
import { FactInput } from "../facts/schema";
import { decodeLevels, encodeLevels } from "../books/level-codec";
import { depthWithinBpsUsd, spreadBps } from "../metrics/book";
import { fundingStats, inferIntervals } from "../metrics/funding";
import { detectStressWindows, inWindows, midSpreadSeries } from "../metrics/stress";
import { HOUR_MS } from "../metrics/time";
import type { Book } from "../metrics/types";
import { simulatedConnector, simulatedConnectorFor, simulatedConnectors } from "../venues/simulated/connector";
import type { ParseContext } from "../venues/types";
import { depthBody, marginBody, simCaptures } from "./bodies";
import type { MarginRow } from "../venues/types";
import { bookDay, bookDays, LADDER_LEVELS, type SimBook } from "./books";
import { simulatedFacts } from "./facts";
import { feeVersions, stressHikeTs } from "./fees";
import { fundingRecords, intervalSwitchTs } from "./funding";
import { insuranceBalances, marketFlow } from "./liquidations";
import { SIM_VENUE_PROFILES } from "../venues/simulated/profiles";
import { outages, simulatedRuns } from "./runs";
import { buildWorld, type World } from "./world";

const REAL_VENUES = /binance|bybit|okx|bitget|bitmex|deribit|kraken|coinbase|hyperliquid|dydx|gmx|aster|kucoin|gate|mexc|htx|huobi|bitfinex|drift|vertex|aevo|paradex|lighter|jupiter|grvt|backpack|edgex|x10/i;

// A 10-day world at 15 minutes: long enough for the stress detector's percentiles, quick to generate.
const world = buildWorld({ days: 10, cadenceMinutes: 15, seed: "test-seed" });
const vi = (slug: string) => world.venues.findIndex((p) => p.slug === slug);

function allBooks(w: World, v: number, a: number): SimBook[] {
  const out: SimBook[] = [];
  for (let d = 0; d < bookDays(w); d++) out.push(...bookDay(w, v, a, d));
  return out;
}
const asBook = (b: SimBook, truncated = false): Book => ({ ts: b.ts, bids: b.bids, asks: b.asks, truncated });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function ctx(slug: string, symbol: string | null = null, levelLimit: number | null = null): ParseContext {
  return { venue: slug, markets: new Map(), symbol, receivedTs: world.end, levelLimit };
}

describe("simulator determinism", () => {
  it("same seed and options give identical data; another seed gives different data", () => {
    const a = buildWorld({ days: 3, cadenceMinutes: 15, seed: 42 });
    const b = buildWorld({ days: 3, cadenceMinutes: 15, seed: 42 });
    const c = buildWorld({ days: 3, cadenceMinutes: 15, seed: 43 });
    const snapshot = (w: World) =>
      w.venues.map((p, v) => ({
        books: [0, 1, 2].map((d) => bookDay(w, v, v % 3, d)),
        funding: fundingRecords(w, v, 0),
        flow: marketFlow(w, v, 1),
        insurance: insuranceBalances(w, v),
        fees: feeVersions(w, p),
        runs: simulatedRuns(w, p),
        facts: simulatedFacts(w, p),
      }));
    const sa = snapshot(a);
    expect(snapshot(b)).toEqual(sa);
    const sc = snapshot(c);
    expect(sc[0].books).not.toEqual(sa[0].books);
    expect(sc[0].funding).not.toEqual(sa[0].funding);
    expect(sc[0].flow).not.toEqual(sa[0].flow);
    // A venue's data does not depend on how many venues or markets are configured.
    const fewer = buildWorld({ days: 3, cadenceMinutes: 15, seed: 42, venues: 2, markets: 1 });
    expect(bookDay(fewer, 1, 0, 2)).toEqual(bookDay(a, 1, 0, 2));
    expect(fundingRecords(fewer, 0, 0)).toEqual(fundingRecords(a, 0, 0));
  });

  it("defaults to a fixed end (2026-11-01) and validates options", () => {
    const w = buildWorld({ days: 1 });
    expect(new Date(w.end).toISOString()).toBe("2026-11-01T00:00:00.000Z");
    expect(w.options.cadenceMinutes).toBe(5);
    expect(w.venues).toHaveLength(8);
    expect(() => buildWorld({ days: 0 })).toThrow(/days/);
    expect(() => buildWorld({ venues: 11 })).toThrow(/venues/);
    expect(() => buildWorld({ markets: 6 })).toThrow(/markets/);
  });
});

describe("simulated venues", () => {
  it("are fictional, clearly simulated, 5 CEX + 5 DEX with a fictional chain (the default takes the first 8)", () => {
    expect(SIM_VENUE_PROFILES).toHaveLength(10);
    for (const p of SIM_VENUE_PROFILES) {
      expect(p.slug).toMatch(/^sim-(cex|dex)-[a-z]+$/);
      expect(p.name).toMatch(/^Sim (CEX|DEX) [A-Z][a-z]+$/);
      expect(`${p.name} ${p.slug} ${p.chain ?? ""}`).not.toMatch(REAL_VENUES);
      if (p.kind === "dex") expect(p.chain).toMatch(/^SimChain/);
      else expect(p.chain).toBeNull();
    }
    expect(SIM_VENUE_PROFILES.filter((p) => p.kind === "dex")).toHaveLength(5);
    expect(SIM_VENUE_PROFILES.slice(0, 8).filter((p) => p.kind === "dex")).toHaveLength(4);
  });

  it("connectors: all kinds published, fetch refuses, sim-* slugs resolve and nothing else", async () => {
    const c = simulatedConnectorFor("sim-cex-alpha")!;
    expect(c.info.name).toBe("Sim CEX Alpha");
    expect(Object.values(c.has).every(Boolean)).toBe(true);
    await expect(c.fetch("depth", {} as never, { symbols: [] })).rejects.toThrow(/generated, not fetched/);
    expect(simulatedConnectorFor("binance-usdm")).toBeNull();
    expect(simulatedConnectors({ venues: 3 }).map((x) => x.info.slug)).toEqual(["sim-cex-alpha", "sim-cex-bravo", "sim-cex-charlie"]);
    expect(c.symbolFor("ETH")).toBe("ETHUSDT");
    expect(c.inferMarket!("SOLUSDT")).toMatchObject({ base: "SOL", tickSize: 0.001, sizeUnit: "base" });
    expect(c.inferMarket!("BTC-PERP")).toBeNull();
  });
});

describe("order books", () => {
  it("are valid (positive, sorted, uncrossed, on the tick grid) and pass the connector's validation", async () => {
    for (let v = 0; v < world.venues.length; v++) {
      const profile = world.venues[v];
      for (let a = 0; a < world.assets.length; a++) {
        const tick = profile.ticks[world.assets[a].base];
        const books = bookDay(world, v, a, 4);
        expect(books.length).toBeGreaterThan(60);
        const problems: string[] = [];
        for (const b of books) {
          for (const [side, levels] of [["bids", b.bids], ["asks", b.asks]] as const) {
            if (levels.length !== profile.levels) problems.push(`${b.ts} ${side}: ${levels.length} levels`);
            for (let i = 0; i < levels.length; i++) {
              const [p, q] = levels[i];
              if (!(p > 0) || !(q > 0)) problems.push(`${b.ts} ${side}[${i}] not positive`);
              if (Math.abs(p / tick - Math.round(p / tick)) > 1e-6) problems.push(`${b.ts} ${side}[${i}] off the tick grid`);
              if (i > 0 && !(side === "bids" ? p < levels[i - 1][0] : p > levels[i - 1][0])) problems.push(`${b.ts} ${side}[${i}] not sorted`);
            }
          }
          if (!(b.bids[0][0] < b.asks[0][0])) problems.push(`${b.ts} crossed`);
        }
        expect(problems, `${profile.slug} ${world.assets[a].base}`).toEqual([]);
        // Compact storage: exact decimals, so the level codec packs them (format 1) losslessly.
        const packed = encodeLevels(books[0].bids);
        expect(packed[0]).toBe(1);
        expect(decodeLevels(packed)).toEqual(books[0].bids);
        const body = depthBody(world, v, a, 4);
        const parsed = await simulatedConnector(profile).parse("depth", body, ctx(profile.slug, body.symbol, body.levelLimit));
        expect(parsed.rejected).toEqual([]);
        expect(parsed.rows).toHaveLength(books.length);
      }
    }
  });

  it("flag the truncated venue's 20-level books, and only those", async () => {
    const f = vi("sim-dex-foxtrot");
    expect(world.venues[f].levels).toBe(20);
    for (let v = 0; v < world.venues.length; v++) {
      const body = depthBody(world, v, 0, 1);
      const rows = (await simulatedConnector(world.venues[v]).parse("depth", body, ctx(world.venues[v].slug, body.symbol, body.levelLimit))).rows;
      expect(rows.every((r) => r.truncated === (v === f))).toBe(true);
      expect(rows[0].levelLimit).toBe(v === f ? 20 : LADDER_LEVELS);
    }
  });

  it("range from deep to thin, and stress hurts fragile venues far more than resilient ones", () => {
    const crash = world.episodes.find((e) => e.kind === "crash")!;
    const stats = (slug: string) => {
      const books = allBooks(world, vi(slug), 0);
      const calm = books.filter((b) => b.ts < crash.start - 6 * HOUR_MS);
      const peak = books.filter((b) => b.ts >= crash.peakFrom && b.ts <= crash.peakTo);
      const d10 = (bs: SimBook[]) => median(bs.map((b) => depthWithinBpsUsd(asBook(b), "bid", 10)!));
      const sp = (bs: SimBook[]) => median(bs.map((b) => spreadBps(asBook(b))!));
      return { calmDepth: d10(calm), peakDepth: d10(peak), calmSpread: sp(calm), peakSpread: sp(peak) };
    };
    const alpha = stats("sim-cex-alpha");
    const bravo = stats("sim-cex-bravo");
    const golf = stats("sim-dex-golf");
    expect(alpha.calmDepth).toBeGreaterThan(2e6);
    expect(golf.calmDepth).toBeLessThan(alpha.calmDepth / 50);
    // Deep & resilient keeps most of its depth; deep & fragile loses most of it and its spread blows out.
    expect(alpha.peakDepth / alpha.calmDepth).toBeGreaterThan(0.5);
    expect(bravo.peakDepth / bravo.calmDepth).toBeLessThan(0.3);
    expect(alpha.peakSpread / alpha.calmSpread).toBeLessThan(4);
    expect(bravo.peakSpread / bravo.calmSpread).toBeGreaterThan(8);
    expect(golf.peakSpread / golf.calmSpread).toBeGreaterThan(8);
  });
});

describe("stress episodes", () => {
  it("are shared by every venue and found by the stress-window detector in each venue's books", () => {
    expect(world.episodes.map((e) => e.kind)).toEqual(["crash", "squeeze"]);
    for (let v = 0; v < world.venues.length; v++) {
      for (let a = 0; a < world.assets.length; a++) {
        const series = midSpreadSeries(allBooks(world, v, a).map((b) => asBook(b)));
        const { windows } = detectStressWindows(series);
        for (const e of world.episodes) {
          const hit = windows.some((w) => w.from <= e.peakTo && w.to >= e.start);
          expect(hit, `${world.venues[v].slug} ${world.assets[a].base} ${e.kind}`).toBe(true);
        }
      }
    }
  });

  it("a fee change takes effect inside a stress episode (detected in the venue's own books)", () => {
    const bravo = world.venues[vi("sim-cex-bravo")];
    const crash = world.episodes.find((e) => e.kind === "crash")!;
    const versions = feeVersions(world, bravo);
    const hike = versions.find((x) => x.reason === "stress-hike")!;
    expect(hike.effectiveFrom).toBe(stressHikeTs(world));
    expect(hike.effectiveFrom).toBeGreaterThanOrEqual(crash.start);
    expect(hike.effectiveFrom).toBeLessThan(crash.end);
    const prev = versions[versions.indexOf(hike) - 1];
    const regular = (v: typeof hike) => v.tiers.find((t) => t.tier === "regular")!;
    expect(regular(hike).takerRate).toBeGreaterThan(regular(prev).takerRate);
    expect(prev.tiers.some((t) => t.makerRate < 0)).toBe(true); // tiers with maker rebates
    const { windows } = detectStressWindows(midSpreadSeries(allBooks(world, vi("sim-cex-bravo"), 0).map((b) => asBook(b))));
    expect(inWindows(hike.effectiveFrom, windows)).toBe(true);
    // The resilient venue does not change fees in stress.
    expect(feeVersions(world, world.venues[0]).map((x) => x.reason)).toEqual(["initial"]);
  });

  it("liquidations cluster in stress (cascades) and open interest falls", () => {
    const crash = world.episodes.find((e) => e.kind === "crash")!;
    for (const slug of ["sim-cex-alpha", "sim-cex-bravo", "sim-dex-golf"]) {
      const { liquidations, oi } = marketFlow(world, vi(slug), 0);
      const hours = (world.end - world.start) / HOUR_MS;
      const inCrash = liquidations.filter((l) => l.ts >= crash.start && l.ts < crash.start + 4 * HOUR_MS);
      expect(inCrash.length / 4).toBeGreaterThan(10 * (liquidations.length / hours) * 0.5);
      expect(inCrash.filter((l) => l.side === "sell").length / inCrash.length).toBeGreaterThan(0.8);
      const before = oi.filter((r) => r.ts < crash.start).at(-1)!;
      const after = oi.find((r) => r.ts >= crash.start + 6 * HOUR_MS)!;
      expect(after.size).toBeLessThan(before.size);
    }
    const cascadeShare = (slug: string) => {
      const { liquidations, oi } = marketFlow(world, vi(slug), 0);
      const usd = liquidations.filter((l) => l.ts >= crash.start && l.ts < crash.start + HOUR_MS * 3).reduce((s, l) => s + l.price * l.size, 0);
      return usd / (oi[0].size * oi[0].price);
    };
    expect(cascadeShare("sim-cex-bravo")).toBeGreaterThan(2 * cascadeShare("sim-cex-alpha"));
  });
});

describe("funding", () => {
  it("uses 1 h, 4 h and 8 h intervals, and the switching venue's 8 h → 1 h change is found by inferIntervals", () => {
    const intervals = new Set<number>();
    for (let v = 0; v < world.venues.length; v++) {
      const recs = fundingRecords(world, v, 0).filter((r) => !r.predicted);
      const inf = inferIntervals(recs.map((r) => ({ ts: r.fundingTime, rate: r.rate, intervalHours: null })));
      for (const r of inf.records) if (r.intervalHours !== null) intervals.add(r.intervalHours);
      const profile = world.venues[v];
      if (profile.funding.switchTo) {
        expect(inf.regimeChanges).toEqual([{ ts: intervalSwitchTs(world, profile), fromHours: 8, toHours: 1 }]);
        expect(inf.prevailingHours).toBe(1);
      } else {
        expect(inf.regimeChanges).toEqual([]);
        expect(inf.prevailingHours).toBe(profile.funding.intervalHours);
      }
    }
    expect([...intervals].sort((a, b) => a - b)).toEqual([1, 4, 8]);
  });

  it("respects caps, carries premium/mark/index, and one venue's funding diverges from its premium", () => {
    const longestRun = (slug: string) => {
      const recs = fundingRecords(world, vi(slug), 0).filter((r) => !r.predicted);
      for (const r of recs) {
        expect(Math.abs(r.rate)).toBeLessThanOrEqual((world.venues[vi(slug)].funding.capPer8h * r.intervalHours) / 8 + 1e-12);
        expect(r.markPrice).toBeGreaterThan(0);
        expect(r.indexPrice).toBeGreaterThan(0);
      }
      const stats = fundingStats(
        recs.map((r) => ({ ts: r.fundingTime, rate: r.rate, intervalHours: r.intervalHours, premium: r.premium, markPrice: r.markPrice, indexPrice: r.indexPrice })),
        { window: { from: world.start, to: world.end } },
      );
      return stats.divergence!.longestRun?.hours ?? 0;
    };
    const hotel = longestRun("sim-dex-hotel");
    expect(hotel).toBeGreaterThan(48);
    for (const slug of ["sim-cex-alpha", "sim-dex-echo", "sim-cex-delta"]) expect(longestRun(slug)).toBeLessThan(hotel / 4);
    // The squeeze pushes the thin venue's funding to its cap.
    const golf = fundingRecords(world, vi("sim-dex-golf"), 0);
    const cap = world.venues[vi("sim-dex-golf")].funding.capPer8h / 8;
    expect(golf.some((r) => Math.abs(r.rate) >= cap - 1e-12)).toBe(true);
    // Venues that publish a predicted rate get one record beyond the history.
    const alpha = fundingRecords(world, 0, 0);
    expect(alpha.filter((r) => r.predicted)).toHaveLength(1);
    expect(alpha.at(-1)!.fundingTime).toBeGreaterThan(world.end);
  });
});

describe("collection history, insurance and facts", () => {
  it("has failed runs and outage gaps, more for fragile venues; failed depth runs leave gaps in the books", () => {
    const failures = (slug: string) => simulatedRuns(world, world.venues[vi(slug)]).filter((r) => r.status === "failed").length;
    expect(failures("sim-dex-golf")).toBeGreaterThan(3 * failures("sim-cex-alpha"));
    expect(failures("sim-dex-golf")).toBeGreaterThan(20);
    const golf = world.venues[vi("sim-dex-golf")];
    const down = outages(world, golf);
    expect(down.length).toBe(2);
    const runs = simulatedRuns(world, golf).filter((r) => r.kind === "depth" && r.startedAt >= down[0].from && r.startedAt < down[0].to);
    expect(runs.length).toBeGreaterThan(0);
    expect(runs.every((r) => r.status === "failed" && /outage/.test(r.error!))).toBe(true);
    const books = allBooks(world, vi("sim-dex-golf"), 0);
    expect(books.some((b) => b.ts >= down[0].from && b.ts < down[0].to)).toBe(false);
    expect(allBooks(world, 0, 0).length).toBeGreaterThan(books.length);
  });

  it("insurance funds are positive and the fragile venue's fund is drawn down in the crash", () => {
    const crash = world.episodes.find((e) => e.kind === "crash")!;
    const bravo = insuranceBalances(world, vi("sim-cex-bravo"));
    expect(bravo.every((b) => b.balanceUsd > 0 && b.asset === "USDT")).toBe(true);
    const before = bravo.filter((b) => b.ts <= crash.start).at(-1)!.balanceUsd;
    const after = bravo.find((b) => b.ts >= crash.end)!.balanceUsd;
    expect(after).toBeLessThan(before * 0.97);
  });

  it("facts are valid curated facts, vary by venue, cite example.invalid and say they are simulated", () => {
    const byVenue = world.venues.map((p) => simulatedFacts(world, p));
    for (const facts of byVenue) {
      for (const f of facts) {
        FactInput.parse(f);
        if (f.status === "known") {
          expect(f.sourceUrl).toMatch(/^https:\/\/example\.invalid\/sim\/sim-/);
          expect(f.quote).toMatch(/simulated/i);
        } else expect(f.note).toMatch(/simulated/i);
      }
      expect(facts.map((f) => f.key)).toEqual(expect.arrayContaining(["funding.formula_published", "funding.cap", "liquidation.adl", "resiliency.incidents_12m"]));
    }
    const key = (i: number, k: string) => byVenue[i].find((f) => f.key === k)!;
    expect(key(0, "transparency.settlement_on_chain").value).not.toBe(key(vi("sim-dex-echo"), "transparency.settlement_on_chain").value);
    expect(byVenue.flat().some((f) => f.status === "unknown")).toBe(true);
  });

  it("every body the simulator hands to ingestion parses without rejections", async () => {
    const small = buildWorld({ days: 2, cadenceMinutes: 60, seed: "bodies" });
    for (let v = 0; v < small.venues.length; v++) {
      const connector = simulatedConnector(small.venues[v]);
      for (const kind of ["markets", "fees", "depth", "funding", "liquidations", "oi", "insurance", "margin"] as const) {
        for (const c of simCaptures(small, v, kind)) {
          const r = await connector.parse(kind, c.body, { venue: connector.info.slug, markets: new Map(), symbol: c.symbol, receivedTs: c.receivedTs, levelLimit: c.levelLimit });
          expect(r.rejected, `${connector.info.slug} ${kind}`).toEqual([]);
        }
      }
    }
  });

  it("the connector rejects bad bodies with the venue and field named", async () => {
    const alpha = simulatedConnector(world.venues[0]);
    const body = depthBody(world, 0, 0, 2);
    const other = await alpha.parse("depth", { ...body, venue: "sim-cex-bravo" }, ctx("sim-cex-alpha"));
    expect(other.rejected[0]).toMatchObject({ venue: "sim-cex-alpha", field: "venue" });
    const snaps = body.snapshots as SimBook[];
    const crossed = { ...snaps[0], bids: [[snaps[0].asks[0][0] + 1, 1], ...snaps[0].bids.slice(1)] };
    const bad = await alpha.parse("depth", { ...body, snapshots: [crossed, snaps[1]] }, ctx("sim-cex-alpha"));
    expect(bad.rows).toHaveLength(1);
    expect(bad.rejected[0]).toMatchObject({ venue: "sim-cex-alpha", symbol: "BTCUSDT", field: "bids[0].price" });
    const wrongFormat = await alpha.parse("funding", { format: "other", venue: "sim-cex-alpha" }, ctx("sim-cex-alpha"));
    expect(wrongFormat.rejected).toHaveLength(1);
  });
});

describe("margin rules", () => {
  type Tiers = Extract<MarginRow, { type: "tiers" }>;
  async function rules(slug: string) {
    const v = vi(slug);
    const r = await simulatedConnector(world.venues[v]).parse("margin", marginBody(world, v), ctx(slug));
    expect(r.rejected).toEqual([]);
    const btc = r.rows.find((x): x is Tiers => x.type === "tiers" && x.symbol.includes("BTC"))!;
    const policy = r.rows.find((x) => x.type === "policy") as Extract<MarginRow, { type: "policy" }>;
    const collateral = r.rows.filter((x) => x.type === "collateral");
    return { rows: r.rows, btc, policy, collateral };
  }
  /** Maintenance margin of a position of `usd` notional: notional × rate − deduction of its tier. */
  const maintenance = (t: Tiers, usd: number) => {
    const tier = t.tiers.find((x) => usd >= x.notionalFloorUsd && (x.notionalCapUsd === null || usd < x.notionalCapUsd))!;
    return usd * tier.maintenanceMarginRate - tier.maintenanceAmountUsd;
  };

  it("every venue gets a table per market, a policy and collateral, deterministic for the venue", async () => {
    for (const p of world.venues) {
      const r = await rules(p.slug);
      expect(r.rows.filter((x) => x.type === "tiers")).toHaveLength(world.assets.length);
      expect(r.policy.liquidationFeeRate).toBe(p.margin.liquidationFeeRate);
      expect(r.collateral.length).toBeGreaterThan(0);
      expect(r.btc.tiers[0].maxLeverage).toBe(p.maxLeverage);
      expect(r.btc.tiers.at(-1)!.notionalCapUsd).toBeNull();
    }
    const again = buildWorld({ days: 10, cadenceMinutes: 15, seed: "other-seed" });
    expect(marginBody(again, 0).tables).toEqual(marginBody(world, 0).tables);
  });

  it("a harsher venue has lower leverage, more maintenance at every size and a higher liquidation fee", async () => {
    const alpha = await rules("sim-cex-alpha");
    const golf = await rules("sim-dex-golf");
    expect(golf.btc.tiers[0].maxLeverage).toBeLessThan(alpha.btc.tiers[0].maxLeverage);
    expect(golf.policy.liquidationFeeRate!).toBeGreaterThan(alpha.policy.liquidationFeeRate!);
    for (const usd of [10_000, 1_000_000, 20_000_000, 500_000_000]) expect(maintenance(golf.btc, usd)).toBeGreaterThan(maintenance(alpha.btc, usd));
    // Continuous at every tier boundary (the deduction's purpose).
    for (const t of alpha.btc.tiers.slice(1)) {
      const prev = alpha.btc.tiers[t.tier - 2];
      expect(t.notionalFloorUsd * t.maintenanceMarginRate - t.maintenanceAmountUsd).toBeCloseTo(t.notionalFloorUsd * prev.maintenanceMarginRate - prev.maintenanceAmountUsd, 4);
    }
  });
});
