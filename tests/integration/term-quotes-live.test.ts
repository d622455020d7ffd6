// Live term quotes (ingest --kinds term) through each venue's requests, answered offline: the requests each venue
// makes, the rows written from real recorded bodies (idempotent on a second fetch), a category or a whole fetch that
// fails, and a recorded fetch replayed by `import <dir>` into the same rows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { tempDb, type TempDb } from "./db-helper";
import { noWaitClock, readFixture, queryOf } from "../../lib/venues/test-kit";
import { ingestLiveTermQuotes } from "../../lib/ingest/term-quotes-live";
import { importDirectory } from "../../lib/ingest/import-dir";
import type { Responder } from "../../lib/venues/http";

const NO_RETRY = { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 };
/** Offline: no retry, and a pinned clock so neither limiter waits (createVenueHttp). */
const offline = (responder: Responder) => ({ responder, retry: NO_RETRY, clock: noWaitClock() });
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

let t: TempDb;
let replayDb: TempDb;
const recordDir = fs.mkdtempSync(path.join(os.tmpdir(), "vs-term-"));
beforeAll(async () => {
  t = await tempDb();
  replayDb = await tempDb();
});
afterAll(async () => {
  await t?.cleanup();
  await replayDb?.cleanup();
  fs.rmSync(recordDir, { recursive: true, force: true });
});

/** A responder that logs each request (path and query) and answers with `answer`. */
function serve(answer: (p: string, q: Record<string, string>) => unknown) {
  const requests: string[] = [];
  const responder: Responder = ({ url }) => {
    const u = new URL(url);
    const q = queryOf(url);
    requests.push(`${u.pathname}?${new URLSearchParams(q).toString()}`);
    return answer(u.pathname, q);
  };
  return { requests, responder };
}

const rowsOf = async (db: TempDb["db"], venue: string) =>
  db.termQuote.findMany({ where: { venueId: (await db.venue.findUniqueOrThrow({ where: { slug: venue } })).id }, orderBy: [{ ts: "asc" }, { symbol: "asc" }], select: { symbol: true, base: true, provenance: true, expiry: true, markPrice: true, indexPrice: true, fundingRate: true } });

describe("live term quotes", () => {
  it("Binance COIN-M: one premiumIndex per pair; the recorded BTCUSD body gives the perp and the quarterlies, once", async () => {
    const body = readFixture("binance-coinm/premiumIndex_pair_BTCUSD_2020-10-16.json");
    const s = serve((p, q) => (p.endsWith("/premiumIndex") && q.pair === "BTCUSD" ? body : json(400, { code: -1121, msg: "Invalid symbol." })));
    const r = await ingestLiveTermQuotes(t.db, { venue: "binance-coinm", markets: ["btc"], http: offline(s.responder) });
    expect(s.requests).toEqual(["/dapi/v1/premiumIndex?pair=BTCUSD"]);
    // BTCUSD_210326, BTCUSD_200925 (kept as recorded; the curve drops it as expired) and BTCUSD_201225, with BTCUSD_PERP.
    expect(r).toMatchObject({ kind: "term", status: "ok", bodies: 1, rowsWritten: 4, rowsSkipped: 0 });
    const rows = await rowsOf(t.db, "binance-coinm");
    expect(rows.map((x) => [x.symbol, x.provenance])).toEqual([["BTCUSD_200925", "live"], ["BTCUSD_201225", "live"], ["BTCUSD_210326", "live"], ["BTCUSD_PERP", "live"]]);
    const again = await ingestLiveTermQuotes(t.db, { venue: "binance-coinm", markets: ["BTC"], http: offline(s.responder) });
    expect(again).toMatchObject({ status: "ok", rowsWritten: 0, rowsSkipped: 4 });
    const run = await t.db.ingestRun.findUniqueOrThrow({ where: { id: r.runId } });
    expect(run).toMatchObject({ kind: "term", mode: "live", provenance: "live", status: "ok", rowsWritten: 4 });
  });

  it("Bybit: linear and inverse tickers; an inverse failure keeps the linear curves (partial) and the record replays", async () => {
    const linear = readFixture("bybit/v5_market_tickers_linear_2023-08-16.json");
    const s = serve((p, q) => (q.category === "linear" ? linear : json(403, { retCode: 10010, retMsg: "Unmatched IP, please check your API key's bound IP addresses." })));
    const r = await ingestLiveTermQuotes(t.db, { venue: "bybit", markets: ["BTC"], recordDir, http: offline(s.responder) });
    expect(s.requests).toEqual(["/v5/market/tickers?category=linear", "/v5/market/tickers?category=inverse"]);
    // BTC only: the 7 BTC USDC futures and BTCPERP; ETH's 7 futures and ETHPERP are counted as not asked for.
    expect(r).toMatchObject({ status: "partial", bodies: 1, rowsWritten: 8, rowsRejected: 1 });
    expect(r.rejections[0]).toMatchObject({ field: "inverse", message: expect.stringMatching(/^inverse tickers not fetched: /) });
    expect(r.leftOut).toContainEqual({ symbol: "*", reason: "7 dated futures of other base assets than BTC (not asked for)" });
    const rows = await rowsOf(t.db, "bybit");
    expect(rows.filter((x) => x.expiry === null).map((x) => x.symbol)).toEqual(["BTCPERP"]);
    expect(new Set(rows.map((x) => x.base))).toEqual(new Set(["BTC"]));
    expect(await t.db.ingestRun.findUniqueOrThrow({ where: { id: r.runId } })).toMatchObject({ status: "partial", rowsRejected: 1 });

    // The saved capture replays through the same parser (recorded; a replay keeps every curve the body carries).
    expect(fs.readdirSync(path.join(recordDir, "bybit", "term"))).toHaveLength(1);
    const replay = await importDirectory(replayDb.db, recordDir, 50 * 1024 * 1024);
    expect(replay.invalid).toEqual([]);
    expect(replay.runs).toEqual([expect.objectContaining({ venue: "bybit", kind: "term", status: "ok", rowsWritten: 16 })]);
    const replayed = await rowsOf(replayDb.db, "bybit");
    expect(replayed.every((x) => x.provenance === "recorded")).toBe(true);
    expect(replayed.filter((x) => x.base === "BTC").map((x) => [x.symbol, x.markPrice])).toEqual(rows.map((x) => [x.symbol, x.markPrice]));
  });

  it("Deribit: one book summary of futures per currency; a venue that keeps failing leaves a failed run naming it", async () => {
    const s = serve(() => json(503, { error: { message: "service unavailable", code: 10028 } }));
    const r = await ingestLiveTermQuotes(t.db, { venue: "deribit", markets: ["BTC", "ETH"], http: offline(s.responder) });
    expect(s.requests).toEqual(["/api/v2/public/get_book_summary_by_currency?currency=BTC&kind=future"]);
    expect(r).toMatchObject({ kind: "term", status: "failed", rowsWritten: 0, error: expect.stringMatching(/^deribit term: /) });
    expect(await t.db.ingestRun.findUniqueOrThrow({ where: { id: r.runId } })).toMatchObject({ kind: "term", status: "failed", mode: "live" });
  });

  it("OKX: marks, indexes and each base's swap funding bundled into one body, read together", async () => {
    // Answered with the recorded WS messages of 2021-12-22 (their rows carry the REST rows' fields: instId, instType,
    // markPx, idxPx, ts); funding answers "instrument does not exist" for FIL-USD-SWAP, which only warns.
    const [index, mark] = readFixture("okx/tardis_ws_index-tickers_mark-price_FIL-USDT-220325_2021-12-22.json") as unknown[];
    const s = serve((p, q) =>
      p.endsWith("/public/mark-price") ? (q.instType === "FUTURES" ? mark : { code: "0", msg: "", data: [] })
      : p.endsWith("/market/index-tickers") ? (q.quoteCcy === "USDT" ? index : { code: "0", msg: "", data: [] })
      : json(200, { code: "51001", msg: "Instrument ID does not exist", data: [] }),
    );
    const r = await ingestLiveTermQuotes(t.db, { venue: "okx", markets: ["FIL"], http: offline(s.responder) });
    expect(s.requests).toEqual([
      "/api/v5/public/mark-price?instType=FUTURES",
      "/api/v5/public/mark-price?instType=SWAP",
      "/api/v5/market/index-tickers?quoteCcy=USD",
      "/api/v5/market/index-tickers?quoteCcy=USDT",
      "/api/v5/public/funding-rate?instId=FIL-USD-SWAP",
      "/api/v5/public/funding-rate?instId=FIL-USDT-SWAP",
    ]);
    expect(r).toMatchObject({ status: "partial", bodies: 1, rowsWritten: 1, rowsRejected: 2 });
    expect(r.rejections.map((x) => x.symbol)).toEqual(["FIL-USD-SWAP", "FIL-USDT-SWAP"]);
    const [row] = await rowsOf(t.db, "okx");
    expect(row).toMatchObject({ symbol: "FIL-USDT-220325", base: "FIL", markPrice: 36.662, indexPrice: 35.583, provenance: "live" });
  });

  it("a venue without dated futures is refused before any request", async () => {
    await expect(ingestLiveTermQuotes(t.db, { venue: "hyperliquid" })).rejects.toThrow(/term quotes: hyperliquid has no live fetch \(supported: binance-coinm, bybit, deribit, okx\)/);
  });
});
