// An ingest running beside the server benchmark (bench/server-latency.ts): batches of 20 Binance USD-M depth
// bodies (100 levels a side, 5 minutes apart, continuing from where the last run stopped), one ingest run each,
// until killed. Prints "ready" after its first run and one line per run: {runs, rows}. DATABASE_URL names the db.
import "../bin/server-runtime";

const { ingestBodies } = await import("../lib/ingest/ingest-bodies");
const { binanceUsdm } = await import("../lib/venues/binance-usdm/connector");
const { depthBody } = await import("./ingest-throughput");
const { db } = await import("../lib/db");
let i = Number(process.argv[2] ?? 0);
let runs = 0;
let rows = 0;
for (;;) {
  const bodies = Array.from({ length: 20 }, () => depthBody(i++)).map((body) => ({ body, symbol: "BTCUSDT", receivedTs: body.T, levelLimit: 100 }));
  const r = await ingestBodies(db(), binanceUsdm, "depth", bodies, { provenance: "simulated", mode: "simulate", source: "bench ingest load" });
  runs++;
  rows += r.rowsWritten;
  console.log(runs === 1 ? "ready" : JSON.stringify({ runs, rows }));
  await new Promise((res) => setTimeout(res, 200));
}
