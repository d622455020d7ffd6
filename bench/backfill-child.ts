// One `backfill` in its own process, so its peak RSS is its own: prints {written, rowsRead, ms, bytes, maxRssMb}
// as JSON. Run by bench/backfill.ts with DATABASE_URL, BINANCE_VISION_URL and VENUESCOPE_ARCHIVE_CACHE set.
import "../bin/server-runtime";

const { backfill } = await import("../lib/ingest/backfill");
const { db } = await import("../lib/db");
const [from, to] = process.argv.slice(2);
const t0 = performance.now();
const r = await backfill(db(), {
  venue: "binance-usdm",
  symbols: ["BTCUSDT"],
  kinds: ["depth"],
  from: Date.parse(`${from}T00:00:00Z`),
  to: Date.parse(`${to}T23:59:59.999Z`),
  archive: { baseUrl: process.env.BINANCE_VISION_URL!, cacheDir: process.env.VENUESCOPE_ARCHIVE_CACHE!, cacheCapBytes: 2 * 1024 ** 3 },
});
const ms = performance.now() - t0;
const t = r.tasks[0];
console.log(JSON.stringify({ status: t.status, days: t.steps, written: t.rowsWritten, rowsRead: t.rowsRead, ms, bytes: t.bytesFetched, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
await db().$disconnect();
