// Insurance-fund history bodies of OKX and HTX through the ingest path into a real database: one row per
// reading, idempotent on (venue, ts, asset), and the venue's pools summed each at its latest reading when read.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDb, type TempDb } from "./db-helper";
import { ingestBodies } from "../../lib/ingest/ingest-bodies";
import { insuranceLatest, insuranceSeries } from "../../lib/services/market-data";
import { okx } from "../../lib/venues/okx/connector";
import { htx } from "../../lib/venues/htx/connector";

let t: TempDb;
const fixture = (rel: string) => JSON.parse(fs.readFileSync(path.resolve("tests/fixtures", rel), "utf8"));
const OKX_BODY = "okx/insurance-fund_SWAP_BTC-USD_limit5_2026-04-27.json";
const HTX_BODY = "htx/linear_swap_insurance_fund_BTC-USDT_2020-09-25.json";
const MINUTE = 60_000;

/**
 * The recorded OKX BTC-USD page re-labelled as a USDT family's pool (no recorded USDT pool body exists), balances
 * scaled per family, reading times moved by `shiftMs` where a test needs pools read at other times.
 */
function okxUsdtPool(family: string, scale: number, shiftMs = 0) {
  const b = fixture(OKX_BODY);
  for (const g of b.data) {
    g.instFamily = family;
    for (const d of g.details) Object.assign(d, { ccy: "USDT", balance: String(Number(d.balance) * scale), ts: String(Number(d.ts) + shiftMs) });
  }
  return b;
}

beforeAll(async () => {
  t = await tempDb();
});
afterAll(async () => t.cleanup());

describe("insurance-fund history into the database", () => {
  it("stores the HTX BTC-USDT pool's seven daily readings once, however often the page is ingested", async () => {
    const opts = { provenance: "recorded" as const, mode: "import" as const, source: "test" };
    const body = { body: fixture(HTX_BODY), symbol: "BTC-USDT", receivedTs: Date.UTC(2020, 8, 25), levelLimit: null };
    const first = await ingestBodies(t.db, htx, "insurance", [body], opts);
    expect(first).toMatchObject({ status: "ok", rowsWritten: 7, rowsRejected: 0 });
    const again = await ingestBodies(t.db, htx, "insurance", [body], opts);
    expect(again).toMatchObject({ status: "ok", rowsWritten: 0, rowsSkipped: 7 });
    const venue = await t.db.venue.findUniqueOrThrow({ where: { slug: "htx" } });
    const series = await insuranceSeries(t.db, venue.id, Date.UTC(2020, 8, 1), Date.UTC(2020, 9, 1));
    expect(series).toHaveLength(7);
    expect(series[0]).toMatchObject({ ts: Date.UTC(2020, 8, 17, 8), balanceUsd: 0, leftOut: [] });
    expect(await insuranceLatest(t.db, venue.id, Date.UTC(2020, 8, 25))).toMatchObject({ ts: Date.UTC(2020, 8, 23, 8), balanceUsd: 41963.382117457142308280, leftOut: [] });
  });

  it("sums two OKX families' pools read at the same minutes, keeps each family once, and stores nothing of the BTC-USD coin pool", async () => {
    const opts = { provenance: "recorded" as const, mode: "import" as const, source: "test" };
    const at = Date.UTC(2026, 3, 27, 10, 17);
    const bodies = [fixture(OKX_BODY), okxUsdtPool("BTC-USDT", 1000), okxUsdtPool("ETH-USDT", 100), okxUsdtPool("BTC-USDT", 1000)].map((body) => ({ body, symbol: null, receivedTs: at, levelLimit: null }));
    const r = await ingestBodies(t.db, okx, "insurance", bodies, opts);
    expect(r).toMatchObject({ status: "ok", rowsWritten: 10, rowsSkipped: 5, rowsRejected: 0 });
    const venue = await t.db.venue.findUniqueOrThrow({ where: { slug: "okx" } });
    const stored = await t.db.insuranceFundBalance.findMany({ where: { venueId: venue.id }, orderBy: [{ ts: "asc" }, { asset: "asc" }] });
    expect(new Set(stored.map((s) => s.asset))).toEqual(new Set(["USDT:BTC-USDT", "USDT:ETH-USDT"]));
    const series = await insuranceSeries(t.db, venue.id, at - 10 * MINUTE, at);
    // 3,858.499 × 1000 + 3,858.499 × 100 at each of the five recorded minutes.
    expect(series.map((s) => s.ts)).toEqual([4, 3, 2, 1, 0].map((i) => Date.UTC(2026, 3, 27, 10, 16, 10) - i * MINUTE));
    for (const s of series) expect(s.balanceUsd).toBeCloseTo(3858.499 * 1100, 6);
  });

  it("sums OKX families read seconds apart, each at its latest reading, and names a family not read for over 2 days", async () => {
    const opts = { provenance: "recorded" as const, mode: "import" as const, source: "test" };
    // Three days after the previous test's readings: BTC-USDT read again at the recorded seconds (:10), SOL-USDT
    // 4 s later (:14); ETH-USDT, last read 2026-04-27 10:16:10, is not read again.
    const days3 = 3 * 24 * 60 * MINUTE;
    const bodies = [okxUsdtPool("BTC-USDT", 1000, days3), okxUsdtPool("SOL-USDT", 10, days3 + 4000)].map((body) => ({ body, symbol: null, receivedTs: Date.UTC(2026, 3, 30, 10, 17), levelLimit: null }));
    expect(await ingestBodies(t.db, okx, "insurance", bodies, opts)).toMatchObject({ status: "ok", rowsWritten: 10, rowsRejected: 0 });
    const venue = await t.db.venue.findUniqueOrThrow({ where: { slug: "okx" } });
    const latest = (await insuranceLatest(t.db, venue.id, Date.UTC(2026, 3, 30, 10, 17)))!;
    // 3,858,499 (BTC-USDT at 10:16:10) + 38,584.99 (SOL-USDT at 10:16:14) = 3,897,083.99; the same-timestamp rule
    // read 38,584.99 (SOL-USDT alone at 10:16:14).
    expect(latest.ts).toBe(Date.UTC(2026, 3, 30, 10, 16, 14));
    expect(latest.balanceUsd).toBeCloseTo(3_897_083.99, 6);
    expect(latest.pools.map((p) => p.asset)).toEqual(["USDT:BTC-USDT", "USDT:SOL-USDT"]);
    expect(latest.leftOut).toEqual([{ asset: "USDT:ETH-USDT", ts: Date.UTC(2026, 3, 27, 10, 16, 10), balanceUsd: 385849.9 }]);
    // The series from 10:13 on: BTC-USDT carried over SOL-USDT's readings and back: 3,897,083.99 at every point.
    const series = await insuranceSeries(t.db, venue.id, Date.UTC(2026, 3, 30, 10, 13), Date.UTC(2026, 3, 30, 10, 17));
    expect(series).toHaveLength(8);
    for (const p of series) expect(p.balanceUsd).toBeCloseTo(3_897_083.99, 6);
    expect(new Set(series.map((p) => p.leftOut.map((x) => x.asset).join()))).toEqual(new Set(["USDT:ETH-USDT"]));
  });
});
