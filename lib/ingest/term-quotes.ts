// Write dated-futures quotes (TermQuote) from a venue body: one transaction per body with its IngestRun, idempotent
// on (venue, symbol, quote time). Each venue's body is parsed by its parser in lib/venues/dated-futures.ts.
import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import type { Db } from "../db";
import { connectorFor } from "../venues/registry";
import { termQuoteParserFor, TERM_QUOTE_VENUES, type TermQuoteSet } from "../venues/dated-futures";
import type { Provenance } from "../venues/types";
import { ensureVenue } from "../store/venue-rows";

export { TERM_QUOTE_VENUES };

export interface TermQuoteImport {
  written: number;
  /** Rows already stored (same venue, symbol and quote time). */
  skipped: number;
  /** Instruments of the body not stored, with the parser's reason (options, unreadable or past expiry, no mark). */
  leftOut: { symbol: string; reason: string }[];
  runId: number;
}

export interface TermQuoteWriteOptions {
  provenance: Provenance;
  source: string;
  mode?: string;
}

export async function importTermQuotes(db: Db, venueSlug: string, body: unknown, opts: TermQuoteWriteOptions): Promise<TermQuoteImport> {
  return writeTermQuotes(db, venueSlug, termQuoteParserFor(venueSlug)(body), opts);
}

/** Store a parsed set as one run in one transaction; a quote already stored (venue, symbol, time) is skipped. */
export async function writeTermQuotes(db: Db, venueSlug: string, set: TermQuoteSet, opts: TermQuoteWriteOptions): Promise<TermQuoteImport> {
  const { futures, perps, leftOut } = set;
  const venueId = await ensureVenue(db, connectorFor(venueSlug), opts.provenance);
  const rows = [
    ...futures.map((f) => ({ symbol: f.symbol, base: f.base, expiry: new Date(f.expiryTs), ts: new Date(f.ts), markPrice: f.markPrice, indexPrice: f.indexPrice, fundingRate: null, fundingIntervalHours: null })),
    // TermQuote.markPrice is required: a perpetual quoted without a mark is not a row.
    ...perps.flatMap((p) => (p.markPrice === null ? [] : [{ symbol: p.symbol, base: p.base, expiry: null, ts: new Date(p.ts), markPrice: p.markPrice, indexPrice: p.indexPrice, fundingRate: p.fundingRate, fundingIntervalHours: p.intervalHours }])),
  ];
  const perpsWithoutMark = perps.filter((p) => p.markPrice === null).map((p) => ({ symbol: p.symbol, reason: "perpetual quoted without a mark price" }));
  const started = Date.now();
  return db.$transaction(async (tx) => {
    const run = await tx.ingestRun.create({ data: { venueId, venueSlug, kind: "term", mode: opts.mode ?? "import", source: opts.source, provenance: opts.provenance, startedAt: new Date(started) } });
    let written = 0;
    let skipped = 0;
    for (const r of rows) {
      const key = { venueId_symbol_ts: { venueId, symbol: r.symbol, ts: r.ts } };
      if (await tx.termQuote.findUnique({ where: key, select: { id: true } })) {
        skipped++;
        continue;
      }
      await tx.termQuote.create({ data: { venueId, provenance: opts.provenance, ingestRunId: run.id, ...r } });
      written++;
    }
    await tx.ingestRun.update({ where: { id: run.id }, data: { finishedAt: new Date(), durationMs: Date.now() - started, status: "ok", rowsWritten: written, rowsSkipped: skipped } });
    return { written, skipped, leftOut: [...leftOut, ...perpsWithoutMark], runId: run.id };
  });
}

/**
 * Bundled dated-futures bodies loaded on first start (data/recorded/<file>), each the same body as its test fixture
 * (sources in full in tests/fixtures/README.md):
 * - binance-coinm: /dapi/v1/premiumIndex?pair=BTCUSD recorded 2020-10-16 06:18Z by gocryptotrader's HTTP mock
 *   recorder (thrasher-corp/gocryptotrader @ 7417b81be26a3a8e371e0f6a9b33dcd2bd65fb99 : exchanges/binance/testdata/
 *   http.json, routes["/dapi/v1/premiumIndex"]["GET"][2].data; keys sorted by the recorder, values unchanged).
 * - bybit: /v5/market/tickers?category=linear of 2023-08-16 05:19Z, 7 BTC and 7 ETH USDC futures with BTCPERP/ETHPERP
 *   (thrasher-corp/gocryptotrader @ c7b3ace78c13bd8517149dd3d868c43be653cd4e : testdata/http_mock/bybit/bybit.json,
 *   routes["/v5/market/tickers"]["GET"][2].data), the file the bundled funding/OI import already reads.
 * - deribit: WS ticker.BTC-30SEP22.100ms and ticker.BTC-PERPETUAL.100ms of 2022-06-02 09:22Z, 45 s apart
 *   (crypto-crawler/crypto-msg-parser @ 37de71d1cf674b945340439db63191662fde2897 : crypto-msg-parser/tests/
 *   deribit.rs, mod ticker, fn inverse_future and fn inverse_swap raw_msg, each message byte for byte).
 * - deribit: REST public/get_order_book of BTC-30SEP22 and BTC-PERPETUAL of 2022-06-03 08:45Z/09:00Z, 14.7 min apart
 *   (same commit and file, mod l2_snapshot, fn inverse_future and fn inverse_swap raw_msg, byte for byte).
 * - okx: WS index-tickers FIL-USDT and mark-price FIL-USDT-220325 of 2021-12-22 02:30Z, 57 s apart
 *   (tardis-dev/tardis-node @ c1d73fb54c8cb785bd0a05c36189e24fb289065a : test/mappers.test.ts, test 'map okex-futures
 *   messages', okexFuturesV5Messages; JS object literals written as JSON, values unchanged).
 */
export const BUNDLED_TERM_QUOTES = [
  { venue: "binance-coinm", file: "binance-coinm/premiumIndex_pair_BTCUSD_2020-10-16.json" },
  { venue: "bybit", file: "bybit/v5_market_tickers_linear_2023-08-16.json" },
  { venue: "deribit", file: "deribit/ws_ticker_BTC-30SEP22_BTC-PERPETUAL_2022-06-02.json" },
  { venue: "deribit", file: "deribit/get_order_book_BTC-30SEP22_BTC-PERPETUAL_2022-06-03.json" },
  { venue: "okx", file: "okx/tardis_ws_index-tickers_mark-price_FIL-USDT-220325_2021-12-22.json" },
] as const;

/** Load the bundled term-quote files not yet stored (a bootstrap run with the file as source marks one done). */
export async function loadBundledTermQuotes(db: Db, dir: string, onProgress: (line: string) => void = () => {}): Promise<TermQuoteImport[]> {
  const out: TermQuoteImport[] = [];
  for (const e of BUNDLED_TERM_QUOTES) {
    const done = await db.ingestRun.findFirst({ where: { mode: "bootstrap", kind: "term", source: e.file, status: "ok" }, select: { id: true } });
    if (done) continue;
    const body: unknown = JSON.parse(await fs.readFile(path.join(dir, e.file), "utf8"));
    const r = await importTermQuotes(db, e.venue, body, { provenance: "recorded", source: e.file, mode: "bootstrap" });
    out.push(r);
    onProgress(`term quotes ${e.venue} ${e.file}: ${r.written} rows`);
  }
  return out;
}
