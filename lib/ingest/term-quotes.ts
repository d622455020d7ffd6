// Write dated-futures quotes (TermQuote) from a venue body: one transaction per body with its IngestRun, idempotent
// on (venue, symbol, quote time). Only Binance COIN-M's /dapi/v1/premiumIndex?pair= is parsed so far.
import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import type { Db } from "../db";
import { connectorFor } from "../venues/registry";
import { parseBinanceCoinmTermQuotes } from "../venues/binance-coinm/dated-futures";
import type { Provenance } from "../venues/types";
import { ensureVenue } from "../store/venue-rows";

/** Venues whose dated-futures bodies this writer can parse. */
export const TERM_QUOTE_VENUES = ["binance-coinm"] as const;

export interface TermQuoteImport {
  written: number;
  skipped: number;
  runId: number;
}

/** Base asset of a Binance COIN-M pair (BTCUSD → BTC). */
const baseOfPair = (symbol: string) => symbol.replace(/USD_.*$/, "");

export async function importTermQuotes(db: Db, venueSlug: string, body: unknown, opts: { provenance: Provenance; source: string; mode?: string }): Promise<TermQuoteImport> {
  if (!(TERM_QUOTE_VENUES as readonly string[]).includes(venueSlug)) throw new Error(`term quotes: ${venueSlug} not supported (supported: ${TERM_QUOTE_VENUES.join(", ")})`);
  const { futures, perp } = parseBinanceCoinmTermQuotes(body);
  const venueId = await ensureVenue(db, connectorFor(venueSlug), opts.provenance);
  const rows = [
    ...futures.map((f) => ({ symbol: f.symbol, expiry: new Date(f.expiryTs), ts: new Date(f.ts), markPrice: f.markPrice, indexPrice: f.indexPrice, fundingRate: null, fundingIntervalHours: null })),
    ...(perp && perp.markPrice !== null ? [{ symbol: perp.symbol, expiry: null, ts: new Date(perp.ts), markPrice: perp.markPrice, indexPrice: perp.indexPrice, fundingRate: perp.fundingRate, fundingIntervalHours: perp.intervalHours }] : []),
  ];
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
      await tx.termQuote.create({ data: { venueId, base: baseOfPair(r.symbol), provenance: opts.provenance, ingestRunId: run.id, ...r } });
      written++;
    }
    await tx.ingestRun.update({ where: { id: run.id }, data: { finishedAt: new Date(), durationMs: Date.now() - started, status: "ok", rowsWritten: written, rowsSkipped: skipped } });
    return { written, skipped, runId: run.id };
  });
}

/**
 * Bundled dated-futures bodies loaded on first start (data/recorded/<file>): Binance COIN-M /dapi/v1/premiumIndex?
 * pair=BTCUSD recorded 2020-10-16 06:18Z by gocryptotrader's HTTP mock recorder (thrasher-corp/gocryptotrader
 * @ 7417b81be26a3a8e371e0f6a9b33dcd2bd65fb99 : exchanges/binance/testdata/http.json, routes["/dapi/v1/premiumIndex"]
 * ["GET"][2].data; keys sorted by the recorder, values unchanged), the same body as the test fixture.
 */
export const BUNDLED_TERM_QUOTES = [{ venue: "binance-coinm", file: "binance-coinm/premiumIndex_pair_BTCUSD_2020-10-16.json" }] as const;

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
