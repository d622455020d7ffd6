// OKX open-interest history (rubik/stat/contracts/open-interest-history) through the ingest path into a real
// database: the recorded BTC-USDT-SWAP daily page stores its five readings once, however often it is ingested.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDb, type TempDb } from "./db-helper";
import { ingestBodies } from "../../lib/ingest/ingest-bodies";
import { okx } from "../../lib/venues/okx/connector";

let t: TempDb;
const fixture = (rel: string) => JSON.parse(fs.readFileSync(path.resolve("tests/fixtures", rel), "utf8"));
const opts = { provenance: "recorded" as const, mode: "import" as const, source: "test" };

beforeAll(async () => {
  t = await tempDb();
});
afterAll(async () => t.cleanup());

describe("okx open-interest history into the database", () => {
  it("stores the five recorded daily readings (BTC and USD) once; a re-ingested page writes nothing", async () => {
    const markets = await ingestBodies(t.db, okx, "markets", [{ body: fixture("okx/public_instruments_SWAP_2022.json"), symbol: null, receivedTs: Date.UTC(2022, 4, 13), levelLimit: null }], opts);
    expect(markets.status).toBe("ok");
    const page = { body: fixture("okx/rubik_open-interest-history_BTC-USDT-SWAP_1D_limit5_2026-04-27.json"), symbol: "BTC-USDT-SWAP", receivedTs: Date.UTC(2026, 3, 27, 11, 43), levelLimit: null };
    expect(await ingestBodies(t.db, okx, "oi", [page], opts)).toMatchObject({ status: "ok", rowsWritten: 5, rowsRejected: 0 });
    expect(await ingestBodies(t.db, okx, "oi", [page], opts)).toMatchObject({ status: "ok", rowsWritten: 0, rowsSkipped: 5 });
    const market = await t.db.market.findFirstOrThrow({ where: { symbol: "BTC-USDT-SWAP", venue: { slug: "okx" } } });
    const stored = await t.db.openInterestReading.findMany({ where: { marketId: market.id }, orderBy: { ts: "desc" } });
    expect(stored).toHaveLength(5);
    // The database keeps about 15 significant digits (SQLite REAL), hence toBeCloseTo.
    expect(stored.map((r) => r.ts.toISOString())).toEqual(["2026-04-26", "2026-04-25", "2026-04-24", "2026-04-23", "2026-04-22"].map((d) => `${d}T16:00:00.000Z`));
    expect(stored[0].sizeBase).toBeCloseTo(33090.204, 6);
    expect(stored[0].valueUsd).toBeCloseTo(2580910169.2248, 3);
    expect(stored[4].sizeBase).toBeCloseTo(37577.1426, 6);
    expect(stored[4].valueUsd).toBeCloseTo(2977939700.7646, 3);
  });
});
