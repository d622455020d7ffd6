// Each archive source `backfill` reads, against the real hosts (LIVE=1; skipped otherwise): one small day each,
// downloaded, verified where a checksum is published and imported into a throwaway database. Hyperliquid's S3
// archive runs only with AWS credentials in the environment (requester pays: it bills the account a few cents).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDb, type TempDb } from "./db-helper";
import { backfill, type BackfillOptions } from "../../lib/ingest/backfill";

const live = process.env.LIVE === "1";
let t: TempDb;
let cache = "";
const day = (d: string) => ({ from: Date.parse(`${d}T00:00:00Z`), to: Date.parse(`${d}T23:59:59.999Z`) });
const opts = (o: Partial<BackfillOptions> & Pick<BackfillOptions, "venue" | "kinds">): BackfillOptions => ({
  ...day("2024-01-01"),
  archive: {
    baseUrl: "https://data.binance.vision",
    tardisApiKey: process.env.TARDIS_API_KEY,
    aws: process.env.AWS_ACCESS_KEY_ID && process.env.AWS_SECRET_ACCESS_KEY ? { accessKeyId: process.env.AWS_ACCESS_KEY_ID, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY, sessionToken: process.env.AWS_SESSION_TOKEN } : null,
    get cacheDir() {
      return cache;
    },
    cacheCapBytes: 2 * 1024 ** 3,
  },
  ...o,
});

describe.skipIf(!live)("archive sources, live", () => {
  beforeAll(async () => {
    t = await tempDb();
    cache = fs.mkdtempSync(path.join(os.tmpdir(), "venuescope-archives-live-"));
  }, 120_000);
  afterAll(async () => {
    await t?.cleanup();
    fs.rmSync(cache, { recursive: true, force: true });
  });

  it("Binance Vision: a day of BTCUSDT bookDepth, checksum verified", async () => {
    const r = await backfill(t.db, opts({ venue: "binance-usdm", symbols: ["BTCUSDT"], kinds: ["depth"], source: "archive" }));
    expect(r.tasks[0].status).toBe("ok");
    expect(r.tasks[0].rowsWritten).toBeGreaterThan(1000);
  }, 300_000);

  it("Tardis: the free first day of a month, Binance USD-M BTCUSDT liquidations and derivative_ticker", async () => {
    const r = await backfill(t.db, opts({ venue: "binance-usdm", symbols: ["BTCUSDT"], kinds: ["liquidations", "oi"], source: "tardis" }));
    for (const task of r.tasks) expect(task.status, task.message).toBe("ok");
    expect(r.tasks[1].rowsWritten).toBeGreaterThan(200);
  }, 600_000);

  it("Bybit: a day of BTCUSDT trades from public.bybit.com", async () => {
    const r = await backfill(t.db, opts({ venue: "bybit", symbols: ["BTCUSDT"], kinds: ["trades"], source: "archive" }));
    expect(r.tasks[0].status, r.tasks[0].message).toBe("ok");
    expect(r.tasks[0].rowsWritten).toBeGreaterThan(10_000);
  }, 900_000);

  it.skipIf(!process.env.AWS_ACCESS_KEY_ID)("Hyperliquid S3: a day of BTC l2Book (requester pays)", async () => {
    const r = await backfill(t.db, opts({ venue: "hyperliquid", symbols: ["BTC"], kinds: ["depth"], source: "archive", ...day("2024-06-01") }));
    expect(r.tasks[0].status, r.tasks[0].message).toBe("ok");
    expect(r.tasks[0].rowsWritten).toBeGreaterThan(1000);
  }, 900_000);
});
