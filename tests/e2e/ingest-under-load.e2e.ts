// Live ingestion cycles (what `ingest --watch` runs each cycle) writing into the server's SQLite file while
// the pages are under concurrent load: no request fails, no cycle hits a lock timeout (WAL + busy timeout).
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import type { AddressInfo } from "node:net";
import autocannon from "autocannon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../lib/db";
import { ingestLive } from "../../lib/ingest/ingest-live";
import { startServer, type TestServer } from "./server";

// A server of its own: the live rows written here must not change what the other e2e files assert.
let server: TestServer;
let baseUrl: string;
let venue: http.Server;
let venueUrl: string;
let db: Db;
let cycle = 0;
const depth = JSON.parse(fs.readFileSync(path.resolve("tests/fixtures/binance-usdm/depth_BTCUSDT_limit100_2024-11-01.json"), "utf8"));

beforeAll(async () => {
  // A stand-in for the venue's API on loopback: every depth request returns a new book a minute later.
  venue = http.createServer((req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(req.url?.includes("/depth") ? { ...depth, T: depth.T + 60_000 * (1000 + cycle) } : []));
  });
  await new Promise<void>((r) => venue.listen(0, "127.0.0.1", r));
  venueUrl = `http://127.0.0.1:${(venue.address() as AddressInfo).port}`;
  server = await startServer({ env: { VENUESCOPE_SKIP_SIMULATED: "1" } });
  baseUrl = server.baseUrl;
  db = createDb(server.dbFile);
});
afterAll(async () => {
  await db?.$disconnect();
  await server?.stop();
  venue.closeAllConnections();
  await new Promise((r) => venue.close(r));
});

describe("ingestion while the pages are under load", () => {
  it("keeps every page answering and every ingest cycle committing", async () => {
    // A fixed number of requests per page (not a duration): a slow CI machine takes longer but still puts every
    // page through the same load, with ingest cycles committing the whole time.
    const AMOUNT = 16;
    const load = (route: string) => autocannon({ url: `${baseUrl}${route}`, connections: 4, amount: AMOUNT, timeout: 60 });
    let loading = true;
    const pages = Promise.all([load("/"), load("/venues/binance-usdm"), load("/api/scorecard?notional=1000000")]).finally(() => (loading = false));
    const runs = [];
    const before = await db.bookSnapshot.count();
    while (loading || runs.length < 4) {
      cycle++;
      runs.push(...(await ingestLive(db, { venue: "binance-usdm", kinds: ["depth"], symbols: ["BTCUSDT"], levelLimit: 100, http: { ccxtApiUrls: { fapiPublic: `${venueUrl}/fapi/v1` } } })));
    }
    const results = await pages;
    for (const r of results) {
      expect(r.errors, r.url).toBe(0);
      expect(r.timeouts, r.url).toBe(0);
      expect(r.non2xx, r.url).toBe(0);
      expect(r["2xx"], r.url).toBe(AMOUNT);
    }
    expect(runs.length).toBeGreaterThan(3);
    expect(runs.filter((r) => r.status !== "ok").map((r) => r.error)).toEqual([]);
    expect(await db.bookSnapshot.count()).toBe(before + runs.length);
  });
});
