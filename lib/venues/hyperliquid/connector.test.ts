import { describe, expect, it } from "vitest";
import { hyperliquid, isAggregatedBook, significantFigures } from "./connector";
import { context, fetchOffline, offlineHttp, parseFixture, readFixture } from "../test-kit";
import { createVenueHttp } from "../http";

const BOOK = "hyperliquid/l2Book_DYDX_2023-07-17.json";
const META = "hyperliquid/meta_2023-07-17.json";
const CTXS = "hyperliquid/ws_allDexsAssetCtxs_2026.json";
const FILL = "hyperliquid/ws_user_fill_liquidation_2026.json";
const HOUR = 3_600_000;
const RECEIVED = Date.UTC(2026, 0, 1); // context() default receivedTs

type Book = { coin: string; levels: { px: string; sz: string; n: number }[][]; time: number };
type CtxMsg = { channel: string; data: { ctxs: [string, Record<string, unknown>[]][] } };

/**
 * metaAndAssetCtxs built from two real recordings: the 2023 meta (28 assets) and the first 28 main-dex
 * contexts of the 2026 allDexsAssetCtxs message. Hyperliquid appends to its universe and never reorders
 * it, so index i is the same coin in both (ETH at 1 has mark 2123.7, SOL at 5 has mark 86.148).
 */
function metaAndAssetCtxs(): [unknown, Record<string, unknown>[]] {
  const msg = readFixture(CTXS) as CtxMsg;
  return [readFixture(META), msg.data.ctxs[0][1].slice(0, 28)];
}

/**
 * Three verbatim records of a real POST /info {type:"fundingHistory", coin:"BTC"} response (recorded
 * 2023-07-17 by hyperliquid-dex/hyperliquid-python-sdk @ 5cd90193cbf683a88dc0ff7b0d26b3b5f5a0eaf8 :
 * tests/cassettes/info_test/test_get_funding_history[1684811870000].yaml). Kept inline because this
 * helper may not add files to tests/fixtures/hyperliquid/.
 */
const FUNDING_HISTORY_2023 = [
  { coin: "BTC", fundingRate: "-0.00061334", premium: "-0.00091334", time: 1683849600048 },
  { coin: "BTC", fundingRate: "-0.00074503", premium: "-0.00104503", time: 1683878400388 },
  { coin: "BTC", fundingRate: "-0.00081798", premium: "-0.00111798", time: 1683907200253 },
];

describe("hyperliquid parsers on recorded responses", () => {
  it("parses the 20/20-level l2Book with base-asset sizes, cut at the venue's 20-level maximum", async () => {
    const r = await parseFixture(hyperliquid, "depth", BOOK);
    expect(r.rejected).toEqual([]);
    const book = r.rows[0];
    expect(book.symbol).toBe("DYDX");
    expect(book.bids).toHaveLength(20);
    expect(book.asks).toHaveLength(20);
    expect(book.bids[0]).toEqual([2.111, 134.4]);
    expect(book.asks[0]).toEqual([2.1124, 352.3]);
    // sz is DYDX (base): best bid notional = 2.111 × 134.4 = 283.7184 USD.
    expect(book.bids[0][0] * book.bids[0][1]).toBeCloseTo(283.7184, 6);
    expect(book.exchangeTs).toBe(1689630203930);
    expect(book.levelLimit).toBe(20);
    expect(book.truncated).toBe(true);
  });

  it("accepts the WS l2Book envelope and rejects a bad level naming the market and field", async () => {
    const body = readFixture(BOOK) as Book;
    const ws = await hyperliquid.parse("depth", { channel: "l2Book", data: body }, context("hyperliquid"));
    expect(ws.rows).toHaveLength(1);
    const bad = structuredClone(body);
    bad.levels[0][0].sz = "-134.4";
    const r = await hyperliquid.parse("depth", bad, context("hyperliquid"));
    expect(r.rows).toEqual([]);
    expect(r.rejected[0]).toMatchObject({ venue: "hyperliquid", symbol: "DYDX", field: "bids[0].size" });
  });

  it("recognises a coarse nSigFigs book and does not store it as a snapshot", async () => {
    expect(significantFigures("77605.0")).toBe(5);
    expect(significantFigures("77000")).toBe(2);
    expect(significantFigures("0.000012")).toBe(2);
    // The real DYDX book re-bucketed to two significant figures, as nSigFigs=2 returns it.
    const coarse = structuredClone(readFixture(BOOK) as Book);
    coarse.levels = coarse.levels.map((side) => side.map((l) => ({ ...l, px: Number(l.px).toPrecision(2) })));
    expect(isAggregatedBook(coarse.levels)).toBe(true);
    expect(isAggregatedBook((readFixture(BOOK) as Book).levels)).toBe(false);
    expect(await hyperliquid.parse("depth", coarse, context("hyperliquid"))).toEqual({ rows: [], rejected: [] });
  });

  it("parses meta into base-sized USDC-linear markets with max leverage and hourly funding", async () => {
    const r = await parseFixture(hyperliquid, "markets", META);
    expect(r.rejected).toEqual([]);
    expect(r.rows).toHaveLength(28);
    expect(r.rows.find((m) => m.symbol === "BTC")).toEqual({
      symbol: "BTC", base: "BTC", quote: "USDC", settle: "USDC", contractType: "linear", sizeUnit: "base", contractSize: 1,
      tickSize: null, maxLeverage: 50, fundingIntervalHours: 1, fundingCapRate: 0.04, fundingFloorRate: -0.04, active: true,
    });
    expect(r.rows.map((m) => m.symbol)).toContain("kPEPE");
  });

  it("parses metaAndAssetCtxs through ccxt's market code, tick from the mark price", async () => {
    const r = await hyperliquid.parse("markets", metaAndAssetCtxs(), context("hyperliquid"));
    expect(r.rejected).toEqual([]);
    expect(r.rows).toHaveLength(28);
    // 5 significant figures: BTC at 77562 ticks by 1, ETH at 2123.7 by 0.1.
    expect(r.rows.find((m) => m.symbol === "BTC")).toMatchObject({ base: "BTC", quote: "USDC", sizeUnit: "base", contractSize: 1, tickSize: 1, maxLeverage: 50 });
    expect(r.rows.find((m) => m.symbol === "ETH")).toMatchObject({ tickSize: 0.1 });
  });

  it("rejects a corrupt meta entry by name and field, keeping the rest", async () => {
    const meta = structuredClone(readFixture(META) as { universe: Record<string, unknown>[] });
    meta.universe[1].szDecimals = "four";
    const r = await hyperliquid.parse("markets", meta, context("hyperliquid"));
    expect(r.rows).toHaveLength(27);
    expect(r.rejected).toEqual([expect.objectContaining({ venue: "hyperliquid", symbol: "ETH", field: "szDecimals", index: 1 })]);
  });

  it("reads metaAndAssetCtxs as predicted hourly funding for the next hour, with premium, mark and oracle", async () => {
    const r = await hyperliquid.parse("funding", metaAndAssetCtxs(), context("hyperliquid"));
    expect(r.rejected).toEqual([]);
    expect(r.rows).toHaveLength(28);
    expect(r.rows.find((f) => f.symbol === "BTC")).toEqual({
      symbol: "BTC", fundingTime: RECEIVED + HOUR, rate: -0.0000015186, intervalHours: 1, premium: -0.0005927453, markPrice: 77562, indexPrice: 77605, predicted: true,
    });
    // A context without a premium (MATIC, delisted, no book) keeps it null.
    expect(r.rows.find((f) => f.symbol === "MATIC")?.premium).toBeNull();
  });

  it("reads open interest in base units valued at the mark price", async () => {
    const r = await hyperliquid.parse("oi", metaAndAssetCtxs(), context("hyperliquid"));
    const btc = r.rows.find((o) => o.symbol === "BTC")!;
    // 27353.17682 BTC × 77562 USD mark = 2,121,567,100.51 USD.
    expect(btc).toMatchObject({ ts: RECEIVED, sizeBase: 27353.17682 });
    expect(btc.valueUsd).toBeCloseTo(2121567100.51284, 2);
    const sol = r.rows.find((o) => o.symbol === "SOL")!;
    expect(sol.sizeBase).toBeCloseTo(3928422.46, 2);
  });

  it("refuses allDexsAssetCtxs without a meta instead of guessing coins from indexes; builder dexes are other venues", async () => {
    const r = await parseFixture(hyperliquid, "funding", CTXS);
    expect(r.rows).toEqual([]);
    // Only the main dex's 230 contexts concern this venue; the 8 builder dexes' are skipped (hyperliquid-<dex>).
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0]).toMatchObject({ venue: "hyperliquid", field: "data.ctxs" });
    expect(r.rejected[0].message).toMatch(/dex "\(main\)": 230 asset contexts but no meta/);
  });

  it("matches allDexsAssetCtxs by index once the main-dex meta precedes it, rejecting contexts past the meta", async () => {
    const seq = [readFixture(META), readFixture(CTXS)];
    const r = await hyperliquid.parse("oi", seq, context("hyperliquid"));
    expect(r.rows).toHaveLength(28);
    expect(r.rows.find((o) => o.symbol === "ETH")).toMatchObject({ sizeBase: 605822.2557999999 });
    // 202 main-dex contexts past the 28-asset 2023 meta; the builder dexes' contexts are not this venue's.
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0]).toMatchObject({ field: "ctxs[28]", index: 28 });
    expect(r.rejected[0].message).toMatch(/asset contexts 28\.\.229 have no entry in the known meta \(28 assets\)/);
  });

  it("keeps good contexts when one is corrupt, naming its coin and field", async () => {
    const body = metaAndAssetCtxs();
    body[1][1] = { ...body[1][1], markPx: "not-a-price" };
    const r = await hyperliquid.parse("funding", body, context("hyperliquid"));
    expect(r.rows).toHaveLength(27);
    expect(r.rejected).toEqual([expect.objectContaining({ venue: "hyperliquid", symbol: "ETH", field: "markPx", index: 1 })]);
  });

  it("parses settled fundingHistory records with their premium, leaving the interval to the series", async () => {
    const r = await hyperliquid.parse("funding", FUNDING_HISTORY_2023, context("hyperliquid"));
    expect(r.rejected).toEqual([]);
    expect(r.rows[0]).toEqual({ symbol: "BTC", fundingTime: 1683849600048, rate: -0.00061334, intervalHours: null, premium: -0.00091334, markPrice: null, indexPrice: null, predicted: false });
    // In 2023 records were 8 hours apart (28 800 000 ms); today they are hourly.
    expect(r.rows[1].fundingTime - r.rows[0].fundingTime).toBe(28_800_388 - 48);
    const bad = await hyperliquid.parse("funding", [FUNDING_HISTORY_2023[0], { ...FUNDING_HISTORY_2023[1], time: "soon" }], context("hyperliquid"));
    expect(bad.rows).toHaveLength(1);
    expect(bad.rejected[0]).toMatchObject({ symbol: "BTC", field: "time", index: 1 });
  });

  it("maps a liquidation fill to the liquidation order's side: a maker fill is the counterparty", async () => {
    const r = await parseFixture(hyperliquid, "liquidations", FILL);
    expect(r.rejected).toEqual([]);
    // The recorded fill sold (side "A") as maker (crossed false) into the liquidation's market order,
    // so the liquidation order bought: a short was liquidated. 0.001 BTC × 66653 = 66.653 USD.
    expect(r.rows).toEqual([{ symbol: "BTC", ts: 1781528065899, side: "buy", price: 66653, sizeBase: 0.001, notionalUsd: 66653 * 0.001 }]);
    const msg = structuredClone(readFixture(FILL) as { data: { fills: Record<string, unknown>[] } });
    const ordinary = { ...msg.data.fills[0], liquidation: undefined };
    const taker = { ...msg.data.fills[0], crossed: true };
    const r2 = await hyperliquid.parse("liquidations", [ordinary, taker], context("hyperliquid"));
    // The ordinary fill is skipped; the liquidated user's own (taker) sell is a long liquidation.
    expect(r2.rows.map((x) => x.side)).toEqual(["sell"]);
    const r3 = await hyperliquid.parse("liquidations", [{ ...taker, px: "NaN" }], context("hyperliquid"));
    expect(r3.rejected[0]).toMatchObject({ venue: "hyperliquid", symbol: "BTC", field: "px" });
  });

  it("refuses a recorded spotMetaAndAssetCtxs body (spot pairs) as perpetual markets, fees or margin", async () => {
    const spot = "hyperliquid/spotMetaAndAssetCtxs_2025-11-09.json";
    for (const kind of ["markets", "fees", "margin"] as const) {
      const r = await parseFixture(hyperliquid, kind, spot);
      expect(r.rows).toEqual([]);
      expect(r.rejected).toEqual([expect.objectContaining({ field: "tokens", message: "a spot meta body (tokens and spot pairs), not perpetuals" })]);
    }
  });

  it("reports the base perp fee tier from ccxt's Hyperliquid metadata", async () => {
    const r = await parseFixture(hyperliquid, "fees", META);
    expect(r.rows).toEqual([{ scope: "perp", tier: "base", makerRate: 0.00015, takerRate: 0.00045, effectiveFrom: RECEIVED, source: expect.stringContaining("ccxt hyperliquid") }]);
  });
});

describe("hyperliquid live path through ccxt (offline)", () => {
  it("posts the full l2Book then nSigFigs 5, 4, 3, 2, bundled as one capture that parses as one merged, labelled book", async () => {
    const full = readFixture(BOOK) as Book;
    // The coarse answers are hand-built (no recorded nSigFigs body exists): at 5 figures the DYDX book is its
    // full-precision self; at 4 figures ($0.001 buckets) a few buckets past the 20 exact levels; 3 and 2
    // figures are the real book re-bucketed (not reached: the 4-figure pass already shows both sides whole).
    const rebucket = (figs: number) => ({ ...full, levels: full.levels.map((side) => side.map((l) => ({ ...l, px: Number(l.px).toPrecision(figs) }))) });
    const four = {
      coin: "DYDX",
      time: full.time + 120,
      levels: [
        [{ px: "2.111", sz: "400", n: 3 }, { px: "1.809", sz: "50", n: 1 }, { px: "1.808", sz: "60", n: 2 }],
        [{ px: "2.112", sz: "700", n: 4 }, { px: "2.152", sz: "30", n: 1 }, { px: "2.153", sz: "40", n: 1 }],
      ],
    };
    const requests: unknown[] = [];
    const captures = await fetchOffline(hyperliquid, "depth", { symbols: ["DYDX"] }, ({ body }) => {
      requests.push(body);
      const figs = (body as { nSigFigs?: number }).nSigFigs;
      return figs === undefined || figs === 5 ? full : figs === 4 ? four : rebucket(figs);
    });
    expect(requests).toEqual([
      { type: "l2Book", coin: "DYDX" },
      { type: "l2Book", coin: "DYDX", nSigFigs: 5 },
      { type: "l2Book", coin: "DYDX", nSigFigs: 4 },
      { type: "l2Book", coin: "DYDX", nSigFigs: 3 },
      { type: "l2Book", coin: "DYDX", nSigFigs: 2 },
    ]);
    expect(captures).toHaveLength(1);
    expect(captures[0]).toMatchObject({ kind: "depth", symbol: "DYDX", levelLimit: 20 });
    expect((captures[0].request.params as { bundle: unknown[] }).bundle).toHaveLength(5);
    const r = await hyperliquid.parse("depth", captures[0].body, context("hyperliquid", { symbol: "DYDX", levelLimit: 20 }));
    expect(r.rejected).toEqual([]);
    const book = r.rows[0];
    // Bids: the exact book ends at 1.81. At 5 figures (width 0.0001) the 1.81 level may reach 1.8101: nothing
    // new. At 4 figures (width 0.001): 2.111 overlaps; 1.809 reaches at most 1.810 ≤ 1.81, kept at 1.808;
    // 1.808 kept at 1.807. Three buckets, under a page of 20: the side is whole.
    expect(book.bids).toHaveLength(22);
    expect(book.bids.slice(19)).toEqual([[1.81, 2397], [1.808, 50], [1.807, 60]]);
    // Asks: the exact book ends at 2.1518. 2.152 may reach down to 2.151 (< 2.1518): skipped, its 30 left out;
    // 2.153 reaches down to 2.152 ≥ 2.1518: kept at its far edge 2.154.
    expect(book.asks.slice(19)).toEqual([[2.1518, 62], [2.154, 40]]);
    expect(book.bids[0]).toEqual([2.111, 134.4]);
    expect(book).toMatchObject({ exchangeTs: full.time, levelLimit: 20, truncated: false, aggregated: true, exactLevels: 20 });
  });

  it("refuses a bundle that starts with a coarse book, or mixes coins", async () => {
    const full = readFixture(BOOK) as Book;
    const coarse = { ...full, levels: full.levels.map((side) => side.map((l) => ({ ...l, px: Number(l.px).toPrecision(2) }))) };
    const first = await hyperliquid.parse("depth", [coarse, full], context("hyperliquid"));
    expect(first.rows).toEqual([]);
    expect(first.rejected[0]).toMatchObject({ symbol: "DYDX", field: "levels" });
    const mixed = await hyperliquid.parse("depth", [full, { ...coarse, coin: "BTC" }], context("hyperliquid"));
    expect(mixed.rejected[0]).toMatchObject({ field: "coin" });
  });

  it("loads markets with ccxt's perpetual-only loader (one metaAndAssetCtxs call)", async () => {
    const body = metaAndAssetCtxs();
    const bodies: unknown[] = [];
    const captures = await fetchOffline(hyperliquid, "markets", { symbols: [] }, ({ body: b }) => {
      bodies.push(b);
      return body;
    });
    expect(bodies).toEqual([{ type: "metaAndAssetCtxs" }]);
    expect(captures).toHaveLength(1);
    const r = await hyperliquid.parse("markets", captures[0].body, context("hyperliquid"));
    expect(r.rows).toHaveLength(28);
  });

  it("asks fundingHistory over [since, until] per coin, then the predicted rates", async () => {
    const bodies: unknown[] = [];
    await fetchOffline(hyperliquid, "funding", { symbols: ["BTC"], since: 1681923833000, until: 1681930000000 }, ({ body }) => {
      bodies.push(body);
      return (body as { type: string }).type === "fundingHistory" ? FUNDING_HISTORY_2023 : metaAndAssetCtxs();
    });
    expect(bodies).toEqual([{ type: "fundingHistory", coin: "BTC", startTime: 1681923833000, endTime: 1681930000000 }, { type: "metaAndAssetCtxs" }]);
  });

  it("pages fundingHistory forward from the last record + 1 ms (500 per answer) until the window is covered", async () => {
    // Hourly records (time a few ms past the hour, as the venue stamps them) over 1,200 hours: 500 + 500 + 200.
    const first = Date.UTC(2024, 0, 1) + 31;
    const last = first + 1199 * 3_600_000;
    const bodies: { startTime: number; endTime: number }[] = [];
    const http = offlineHttp(hyperliquid, ({ body }) => {
      const b = body as { type: string; startTime: number; endTime: number };
      if (b.type !== "fundingHistory") return metaAndAssetCtxs();
      bodies.push({ startTime: b.startTime, endTime: b.endTime });
      const out = [];
      for (let t = first; t <= Math.min(b.endTime, last) && out.length < 500; t += 3_600_000) if (t >= b.startTime) out.push({ coin: "BTC", fundingRate: "0.0000125", premium: "0.0001", time: t });
      return out;
    });
    await hyperliquid.fetch("funding", http, { symbols: ["BTC"], since: Date.UTC(2024, 0, 1), until: last + 1000 });
    expect(bodies).toEqual([
      { startTime: Date.UTC(2024, 0, 1), endTime: last + 1000 },
      { startTime: first + 499 * 3_600_000 + 1, endTime: last + 1000 },
      { startTime: first + 999 * 3_600_000 + 1, endTime: last + 1000 },
    ]);
    const rows = (await Promise.all(http.captures.slice(0, 3).map((c) => hyperliquid.parse("funding", c.body, context("hyperliquid", { symbol: c.symbol }))))).flatMap((r) => r.rows);
    expect(rows.map((r) => r.fundingTime)).toEqual(Array.from({ length: 1200 }, (_, i) => first + i * 3_600_000));
    expect(http.warnings).toEqual([]);
  });
});

describe.skipIf(process.env.LIVE !== "1")("hyperliquid live API", () => {
  it("fetches a sane BTC book", async () => {
    const http = createVenueHttp(hyperliquid);
    await hyperliquid.fetch("depth", http, { symbols: [hyperliquid.symbolFor("BTC")] });
    const c = http.captures[0];
    const r = await hyperliquid.parse("depth", c.body, context("hyperliquid", { symbol: c.symbol, receivedTs: c.receivedTs, levelLimit: c.levelLimit }));
    expect(r.rejected).toEqual([]);
    const book = r.rows[0];
    expect(book.bids.length).toBeGreaterThan(5);
    expect(book.bids[0][0]).toBeLessThan(book.asks[0][0]);
    expect((book.asks[0][0] - book.bids[0][0]) / book.bids[0][0]).toBeLessThan(0.01);
  }, 30_000);

  it("pages a 30-day hourly funding window (over 500 records) with no gap", async () => {
    const http = createVenueHttp(hyperliquid);
    const until = Date.now();
    await hyperliquid.fetch("funding", http, { symbols: ["BTC"], since: until - 30 * 24 * 3_600_000, until, maxPages: 4 });
    const history = http.captures.filter((c) => c.symbol === "BTC");
    expect(history.length).toBeGreaterThanOrEqual(2);
    const rows = (await Promise.all(history.map((c) => hyperliquid.parse("funding", c.body, context("hyperliquid", { symbol: c.symbol }))))).flatMap((r) => r.rows);
    expect(rows.length).toBeGreaterThan(700);
    expect(http.warnings).toEqual([]);
  }, 60_000);
});
