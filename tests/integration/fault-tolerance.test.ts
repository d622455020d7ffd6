// Fault classes against a real local HTTP server, through the real ccxt request path and our retry
// layer, into a real database: each retries or is rejected clearly, records its run, stores nothing
// partial and duplicates nothing.
import http from "node:http";
import type { AddressInfo } from "node:net";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { tempDb, type TempDb } from "./db-helper";
import { ingestLive } from "../../lib/ingest/ingest-live";

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;
let t: TempDb;
let server: http.Server;
let base: string;
let handlers: Handler[] = [];
let hits = 0;
const depth = JSON.parse(fs.readFileSync(path.resolve("tests/fixtures/binance-usdm/depth_BTCUSDT_limit100_2024-11-01.json"), "utf8"));
const funding = JSON.parse(fs.readFileSync(path.resolve("tests/fixtures/binance-usdm/fundingRate_BTCUSDT_2020-09.json"), "utf8"));

const json = (body: unknown, status = 200, headers: Record<string, string> = {}): Handler => (_req, res) => {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
};

beforeAll(async () => {
  t = await tempDb();
  server = http.createServer((req, res) => {
    // The funding fetch also asks for the current estimate: answer it with no symbols, uncounted.
    if (req.url?.includes("premiumIndex")) return json([])(req, res);
    const h = handlers[Math.min(hits, handlers.length - 1)];
    hits++;
    h(req, res);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await t.cleanup();
});
beforeEach(() => {
  hits = 0;
});

const run = (kinds: ("depth" | "funding")[], timeoutMs = 2000) =>
  ingestLive(t.db, {
    venue: "binance-usdm",
    kinds,
    symbols: ["BTCUSDT"],
    levelLimit: 100,
    http: { ccxtApiUrls: { fapiPublic: `${base}/fapi/v1` }, timeoutMs, retry: { attempts: 3, baseDelayMs: 20, maxDelayMs: 1500 } },
  });

async function counts() {
  return { books: await t.db.bookSnapshot.count(), funding: await t.db.fundingRecord.count() };
}

describe("fault tolerance of live ingestion", () => {
  it("HTTP 429 with Retry-After waits the hinted time, then succeeds", async () => {
    handlers = [json({ code: -1003, msg: "Too many requests" }, 429, { "retry-after": "1" }), json(depth)];
    const t0 = Date.now();
    const [r] = await run(["depth"]);
    expect(r).toMatchObject({ status: "ok", rowsWritten: 1 });
    expect(hits).toBe(2);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
  });

  it("HTTP 429 without Retry-After backs off and succeeds; the same book again is not duplicated", async () => {
    handlers = [json({ code: -1003, msg: "Too many requests" }, 429), json(depth)];
    const [r] = await run(["depth"]);
    expect(r).toMatchObject({ status: "ok", rowsWritten: 0, rowsSkipped: 1 });
    expect((await counts()).books).toBe(1);
  });

  it("HTTP 5xx that persists ends in a failed run with the error recorded and nothing stored", async () => {
    handlers = [json({ msg: "Service Unavailable" }, 503)];
    const before = await counts();
    const [r] = await run(["funding"]);
    expect(r.status).toBe("failed");
    expect(hits).toBe(3);
    expect(r.error).toMatch(/503|ExchangeNotAvailable|Service Unavailable/i);
    const row = await t.db.ingestRun.findUniqueOrThrow({ where: { id: r.runId } });
    expect(row.status).toBe("failed");
    expect(await counts()).toEqual(before);
  });

  it("HTTP 418 (IP ban) and 403/451 (geo-block) are sent once: a failed run naming the reason", async () => {
    handlers = [json({ code: -1003, msg: "Way too many requests; IP banned until 1700000120000." }, 418, { "retry-after": "120" }), json(depth)];
    const [ban] = await run(["depth"]);
    expect(hits).toBe(1);
    expect(ban.status).toBe("failed");
    expect(ban.error).toMatch(/IP banned by the venue \(HTTP 418\).*120 s/);
    for (const status of [403, 451]) {
      hits = 0;
      handlers = [(_req, res) => { res.writeHead(status, { "content-type": "text/html" }); res.end("<html>blocked</html>"); }, json(depth)];
      const [r] = await run(["depth"]);
      expect([status, hits, r.status]).toEqual([status, 1, "failed"]);
      expect(r.error).toContain(`HTTP ${status}`);
    }
  });

  it("HTTP 429 asking to wait longer than the cap stops at once and says how long", async () => {
    handlers = [json({ code: -1003, msg: "Too many requests" }, 429, { "retry-after": "600" }), json(depth)];
    const t0 = Date.now();
    const [r] = await run(["depth"]);
    expect(hits).toBe(1);
    expect(Date.now() - t0).toBeLessThan(1500);
    expect(r.error).toMatch(/Retry-After longer than the 2 s cap; the venue asks to wait 600 s/);
  });

  it("a history window its page cap cannot cover is stored as far as fetched and the run says partial", async () => {
    // 1,000 8-hourly records from the window's start: a full page, so the walk would go on but for the cap.
    const start = Date.UTC(2019, 0, 1);
    const page = Array.from({ length: 1000 }, (_, i) => ({ symbol: "BTCUSDT", fundingTime: start + i * 8 * 3_600_000, fundingRate: "0.00010000" }));
    handlers = [json(page)];
    const [r] = await ingestLive(t.db, {
      venue: "binance-usdm",
      kinds: ["funding"],
      symbols: ["BTCUSDT"],
      since: start,
      until: Date.UTC(2020, 6, 1),
      maxPages: 1,
      http: { ccxtApiUrls: { fapiPublic: `${base}/fapi/v1` }, timeoutMs: 2000, retry: { attempts: 2, baseDelayMs: 20, maxDelayMs: 1500 } },
    });
    expect(hits).toBe(1);
    expect(r).toMatchObject({ status: "partial", rowsWritten: 1000, rowsRejected: 1 });
    expect(r.rejections[0]).toMatchObject({ venue: "binance-usdm", symbol: "BTCUSDT", field: "since" });
    expect(r.rejections[0].message).toMatch(/cap of 1 pages; fetched as far as 2019-11-30T00:00:00.000Z/);
    const row = await t.db.ingestRun.findUniqueOrThrow({ where: { id: r.runId } });
    expect(row.status).toBe("partial");
  });

  it("a timeout is retried", async () => {
    handlers = [() => {/* never answers */}, json(funding)];
    const [r] = await run(["funding"], 300);
    expect(r).toMatchObject({ status: "ok", rowsWritten: 100 });
    expect(hits).toBe(2);
  });

  it("a connection reset is retried", async () => {
    handlers = [(req) => req.socket.destroy(), json(funding)];
    const [r] = await run(["funding"]);
    expect(r).toMatchObject({ status: "ok", rowsWritten: 0, rowsSkipped: 100 });
  });

  it("a truncated or non-JSON body fails clearly without storing anything", async () => {
    const before = await counts();
    handlers = [(_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(depth).slice(0, 500));
    }];
    const [r1] = await run(["depth"]);
    expect(r1.status).toBe("failed");
    handlers = [(_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html>maintenance</html>");
    }];
    const [r2] = await run(["depth"]);
    expect(r2.status).toBe("failed");
    expect(await counts()).toEqual(before);
  });

  it("schema drift: a renamed field is rejected naming it; an added field is ignored; the good records are kept", async () => {
    const drifted = funding.map((r: Record<string, unknown>, i: number) => (i === 0 ? { symbol: r.symbol, fundingTime: r.fundingTime, rate: r.fundingRate } : { ...r, newField: "x", fundingTime: Number(r.fundingTime) + 1 }));
    handlers = [json(drifted)];
    const [r] = await run(["funding"]);
    expect(r.status).toBe("partial");
    expect(r.rowsWritten).toBe(99);
    expect(r.rejections[0]).toMatchObject({ venue: "binance-usdm", symbol: "BTCUSDT", field: "fundingRate", index: 0 });
  });

  it("crossed and negative books are rejected with venue, market and field", async () => {
    handlers = [json({ ...depth, T: depth.T + 5, bids: [["80000", "1"], ...depth.bids] })];
    const [r1] = await run(["depth"]);
    expect(r1.rejections[0]).toMatchObject({ symbol: "BTCUSDT", field: "bids[0].price" });
    handlers = [json({ ...depth, T: depth.T + 6, bids: [["69000", "-3"], ...depth.bids.slice(1)] })];
    const [r2] = await run(["depth"]);
    expect(r2.rejections[0].message).toMatch(/size -3 is not positive/);
    expect(await t.db.bookSnapshot.count({ where: { ts: { in: [new Date(depth.T + 5), new Date(depth.T + 6)] } } })).toBe(0);
  });

  it("duplicate and out-of-order records store each record once", async () => {
    const shuffled = [...funding].reverse();
    const dup = [...shuffled, ...shuffled.slice(0, 10)].map((r: Record<string, unknown>) => ({ ...r, fundingTime: Number(r.fundingTime) + 7 }));
    handlers = [json(dup)];
    const [r] = await run(["funding"]);
    expect(r).toMatchObject({ status: "ok", rowsWritten: 100, rowsSkipped: 10 });
    const stored = await t.db.fundingRecord.count({ where: { fundingTime: { in: funding.map((x: { fundingTime: number }) => new Date(x.fundingTime + 7)) } } });
    expect(stored).toBe(100);
  });
});
