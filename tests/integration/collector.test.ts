// The collector's health on the data page, from a real database: newest data time against the cadence, gaps
// in the last 24 h, failed live runs; and the CLI refusing a bad config before contacting any venue.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getCollectorHealth } from "../../lib/services/collector-health";
import { ensureVenue } from "../../lib/store/venue-rows";
import { connectorFor } from "../../lib/venues/registry";
import { tempDb, type TempDb } from "./db-helper";
import { runCli } from "./cli-helper";

const NOW = Date.UTC(2026, 11, 5, 12, 0, 0);
const MIN = 60_000;
const H = 60 * MIN;
let t: TempDb;
let dir: string;

beforeAll(async () => {
  t = await tempDb();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "vs-collect-"));
  const venueId = await ensureVenue(t.db, connectorFor("binance-usdm"), "live");
  const m = await t.db.market.create({ data: { venueId, symbol: "BTCUSDT", base: "BTC", quote: "USDT", settle: "USDT", contractType: "linear", sizeUnit: "base", provenance: "live" } });
  // Books every minute over the last 24 h except one 40-minute hole ending 3 h ago; the newest 2 min old.
  const books = [];
  for (let ts = NOW - 24 * H + MIN; ts <= NOW - 2 * MIN; ts += MIN) {
    if (ts > NOW - 3 * H - 40 * MIN && ts < NOW - 3 * H) continue;
    books.push({ marketId: m.id, ts: new Date(ts), receivedTs: new Date(ts), bids: Buffer.alloc(0), asks: Buffer.alloc(0), bidLevels: 0, askLevels: 0, truncated: false, bestBid: 1, bestAsk: 1, midPrice: 1, spreadBps: 0, provenance: "live" as const });
  }
  await t.db.bookSnapshot.createMany({ data: books });
  // Funding settled 8-hourly; the newest settlement 20 h ago (two settlements missed).
  for (const h of [36, 28, 20]) await t.db.fundingRecord.create({ data: { marketId: m.id, fundingTime: new Date(NOW - h * H), rate: 0.0001, intervalHours: 8, provenance: "live" } });
  // Three live book runs in the day, one failed.
  for (const [i, status] of (["ok", "failed", "ok"] as const).entries()) {
    await t.db.ingestRun.create({ data: { venueId, venueSlug: "binance-usdm", kind: "depth", mode: "live", status, provenance: "live", startedAt: new Date(NOW - (i + 1) * H), error: status === "failed" ? "HTTP 503" : null } });
  }
}, 120_000);
afterAll(async () => {
  await t?.cleanup();
});

describe("collector health", () => {
  it("judges each venue × kind by its newest data time against its cadence, with the day's gaps and failures", async () => {
    const config = path.join(dir, "collect.json");
    fs.writeFileSync(config, JSON.stringify({ venues: [{ venue: "binance-usdm", markets: ["BTC"], kinds: { depth: "1m", funding: "settlement", oi: "5m" } }] }));
    const h = await getCollectorHealth(t.db, config, NOW);
    expect(h.error).toBeNull();
    const [depth, funding, oi] = h.tasks;
    // newest book 2 min old = 2 periods: fresh; the 40-min hole is the one gap longer than 2 min
    expect(depth).toMatchObject({ id: "binance-usdm:depth", cadence: "1m", state: "fresh", gaps24h: 1, longestGapMs: 40 * MIN, runs24h: 3, failed24h: 1, lastError: "HTTP 503" });
    expect(depth.lastData).toBe(new Date(NOW - 2 * MIN).toISOString());
    // 8-hour settlements (taken from the stored interval): newest 20 h old = 2.5 periods, late; one gap (20 h to now)
    expect(funding).toMatchObject({ cadence: "each settlement", periodMs: 8 * H, state: "late", gaps24h: 1, longestGapMs: 20 * H });
    // nothing stored: no data, and the whole day is one gap
    expect(oi).toMatchObject({ state: "no data", lastData: null, gaps24h: 1, longestGapMs: 24 * H, runs24h: 0 });
  });

  it("says when no collector is configured, and names what is wrong with a config that does not load", async () => {
    expect(await getCollectorHealth(t.db, null, NOW)).toMatchObject({ config: null, error: null, tasks: [] });
    const bad = path.join(dir, "bad.json");
    fs.writeFileSync(bad, JSON.stringify({ venues: [{ venue: "binance-usdm", kinds: { depth: "5s" } }] }));
    expect((await getCollectorHealth(t.db, bad, NOW)).error).toMatch(/bad\.json: venues\.0\.kinds\.depth: cadence 5s is outside 30s\.\.7d/);
  });

  it("CLI: a bad config is a usage error (exit 2) before any venue is contacted", async () => {
    const r = await runCli(t.url, "collect", "--config", path.join(dir, "missing.json"));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/venuescope collect: .*missing\.json: no such file/);
    const r2 = await runCli(t.url, "collect", "--config", path.join(dir, "bad.json"), "--for", "soon");
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/--for: a duration such as 90s/);
  }, 60_000);
});
