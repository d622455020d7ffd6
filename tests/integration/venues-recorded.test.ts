// The recorded bodies of the venues added for issue #20, loaded through the bundled manifest
// (data/recorded/manifest.json) into a real database, as `bootstrap` does on first start.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDb, type TempDb } from "./db-helper";
import { loadRecordedDataset, readManifest, recordedDir } from "../../lib/bootstrap";
import { decodeLevels } from "../../lib/books/level-codec";

let t: TempDb;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "venuescope-venues-"));

/** A manifest holding only `venue`'s entries, pointing at the bundled files. */
function manifestFor(venue: string): string {
  const dir = path.join(tmp, venue);
  fs.mkdirSync(dir, { recursive: true });
  const m = readManifest();
  const entries = m.entries.filter((e) => e.venue === venue);
  for (const e of entries) {
    fs.mkdirSync(path.dirname(path.join(dir, e.file)), { recursive: true });
    fs.copyFileSync(path.join(recordedDir(), e.file), path.join(dir, e.file));
  }
  fs.writeFileSync(path.join(dir, "manifest.json"), JSON.stringify({ ...m, entries }));
  return dir;
}

beforeAll(async () => {
  t = await tempDb();
});
afterAll(async () => {
  await t.cleanup();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("binance-coinm recorded bodies into a real database", () => {
  it("stores inverse markets, a book in BTC and 8-hourly funding; a second load writes nothing", async () => {
    const dir = manifestFor("binance-coinm");
    const runs = await loadRecordedDataset(t.db, () => {}, dir);
    expect(runs.map((r) => [r.kind, r.status, r.rowsRejected])).toEqual([
      ["markets", "ok", 0],
      ["fees", "ok", 0],
      ["depth", "ok", 0],
      ["funding", "ok", 0],
      ["funding", "ok", 0],
    ]);
    const venue = await t.db.venue.findUniqueOrThrow({ where: { slug: "binance-coinm" } });
    expect(venue.provenance).toBe("recorded");
    const btc = await t.db.market.findFirstOrThrow({ where: { venueId: venue.id, symbol: "BTCUSD_PERP" } });
    expect(btc).toMatchObject({ contractType: "inverse", sizeUnit: "contracts", contractSize: 100, settle: "BTC" });
    expect(await t.db.market.count({ where: { venueId: venue.id } })).toBe(25);

    const book = await t.db.bookSnapshot.findFirstOrThrow({ where: { marketId: btc.id } });
    expect([book.bidLevels, book.askLevels, book.truncated, book.bestAsk, book.bestBid]).toEqual([100, 100, true, 69512.8, 69512.7]);
    // Stored in BTC: the USD depth of each side equals contracts × 100 USD summed over the raw levels.
    const raw = JSON.parse(fs.readFileSync(path.join(dir, "binance-coinm/depth_BTCUSD_PERP_limit100_2024-11-01.json"), "utf8")) as { bids: [string, string][]; asks: [string, string][] };
    const contractsUsd = (levels: [string, string][]) => levels.reduce((s, [, q]) => s + Number(q) * 100, 0);
    const storedUsd = (bytes: Uint8Array) => decodeLevels(bytes).reduce((s, [p, q]) => s + p * q, 0);
    expect(storedUsd(book.asks)).toBeCloseTo(contractsUsd(raw.asks), 0);
    expect(storedUsd(book.bids)).toBeCloseTo(contractsUsd(raw.bids), 0);
    // best ask 6209 contracts = 620,900 USD at 69512.8 → 8.932168 BTC
    expect(decodeLevels(book.asks)[0][1]).toBeCloseTo(8.932168, 4);

    const settled = await t.db.fundingRecord.findMany({ where: { marketId: btc.id, predicted: false }, orderBy: { fundingTime: "asc" } });
    expect(settled).toHaveLength(50);
    expect(new Set(settled.map((r) => r.intervalHours))).toEqual(new Set([8]));
    const predicted = await t.db.fundingRecord.findMany({ where: { marketId: btc.id, predicted: true } });
    expect(predicted.map((r) => [r.rate, r.markPrice])).toEqual([[0.00006292, 26780.2]]);

    const again = await loadRecordedDataset(t.db, () => {}, dir);
    expect(again).toEqual([]);
  }, 60_000);
});
