// `npm run bench`: one line per figure. Sections: ingest, book metrics, scoring, server latency.
// The scale dataset (a year of 5-minute snapshots, 10 venues x 5 markets) is generated once into
// bench/out/scale.db by the simulator and reused.
import { benchIngest } from "./ingest-throughput";

const only = process.argv.slice(2);
const want = (name: string) => only.length === 0 || only.includes(name);
const fmt = (n: number, d = 0) => n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });

async function main() {
  if (want("ingest")) {
    const r = await benchIngest();
    console.log(`ingest: ${fmt(r.pipelineRowsPerSec)} snapshots/s through the pipeline (100 levels/side)`);
    console.log(`ingest: ${fmt(r.rawRowsPerSec)} snapshots/s raw better-sqlite3 batched insert of the same rows`);
    console.log(`ingest: pipeline/raw ratio ${fmt(r.ratio, 2)}`);
    console.log(`storage: ${fmt(r.bytesPerSnapshot)} bytes per stored 100/100-level snapshot (database file incl. indexes)`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
