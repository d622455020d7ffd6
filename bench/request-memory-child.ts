// The memory of one request in its own process: a cold scorecard over the scale dataset, for a window (from/to,
// epoch ms) no figure was cached for (the caller picks one never asked before). Prints {baselineMb, peakMb, sec}
// as JSON: baseline = RSS after opening the database and loading the modules, peak = the process's maximum RSS
// (getrusage) after the request.
import "../bin/server-runtime";

const { createDb } = await import("../lib/db");
const { getScorecard } = await import("../lib/services/scorecard");
const [file, from, to] = process.argv.slice(2);
const db = createDb(file);
await db.venue.count();
const baselineMb = process.memoryUsage().rss / 1e6;
const t0 = performance.now();
await getScorecard(db, { notionalUsd: 1_000_000, window: { from: Number(from), to: Number(to) }, asset: "BTC" });
const sec = (performance.now() - t0) / 1000;
console.log(JSON.stringify({ baselineMb, peakMb: process.resourceUsage().maxRSS / 1024, sec }));
await db.$disconnect();
