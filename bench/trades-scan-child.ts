// The Tardis trades CSV scanner + column aggregator over one file in a process of its own (a clean heap: the
// parent holds a million print objects), three passes: prints {prints, ms: [pass 1, 2, 3], minutes, maxRssMb}
// as JSON. Run by bench/trades.ts as `node --import tsx bench/trades-scan-child.ts <file>`.
import "../bin/server-runtime";
import type { TardisTradeBatch } from "../lib/archives/tardis-trades-scan";

const { openArchive } = await import("../lib/archives/read");
const { TardisTradeScanner } = await import("../lib/archives/tardis-trades-scan");
const { ColumnMinuteAggregator } = await import("../lib/metrics/trade-aggregates");

const file = process.argv[2];
const ms: number[] = [];
let agg = new ColumnMinuteAggregator();
for (let pass = 0; pass < 3; pass++) {
  const t0 = performance.now();
  const scanner = new TardisTradeScanner(file);
  agg = new ColumnMinuteAggregator();
  const feed = (b: TardisTradeBatch) => {
    if (b.rejections.length) throw new Error(`${file}: line ${b.rejections[0].line}: ${b.rejections[0].message}`);
    // amount is base units here (a linear contract): the column is the size
    agg.add({ ts: b.ts, price: b.price, sizeBase: b.amount, side: b.side }, 0, b.n);
  };
  for await (const chunk of (await openArchive(file)).stream) feed(scanner.push(chunk as Buffer));
  feed(scanner.end());
  agg.finish();
  ms.push(performance.now() - t0);
}
console.log(JSON.stringify({ prints: agg.prints, sweeps: agg.sweeps, ms, minutes: [...agg.minutes.entries()], maxRssMb: process.resourceUsage().maxRSS / 1024 }));
