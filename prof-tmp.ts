import "./bin/server-runtime";
const { createDb } = await import("./lib/db"); // } from "./lib/db";
const { getMarketFigures } = await import("./lib/services/market-figures");
const { forgetFiguresInMemory } = await import("./lib/services/figure-cache");
const { forgetCurvesInMemory } = await import("./lib/store/book-curves");
const db = createDb("bench/out/scale.db");
const markets = await db.market.findMany({ where: { books: { some: {} } }, select: { id: true } });
const cold = async () => { await db.figureCache.deleteMany(); forgetFiguresInMemory(db); forgetCurvesInMemory(db); };
for (let pass = 0; pass < 2; pass++) {
  await cold();
  const ts: number[] = [];
  for (const m of markets.slice(0, 20)) { const t = performance.now(); await getMarketFigures(db, m.id, { preset: "365d" }, 1_000_000); ts.push(performance.now() - t); }
  ts.sort((a, b) => a - b);
  console.log(`pass ${pass}: p50 ${ts[10].toFixed(0)} max ${ts.at(-1)!.toFixed(0)} sum ${ts.reduce((a, b) => a + b, 0).toFixed(0)}`);
}
