import "./bin/server-runtime";
const { createDb } = await import("./lib/db");
const { getMarketFigures } = await import("./lib/services/market-figures");
const { forgetFiguresInMemory } = await import("./lib/services/figure-cache");
const { forgetCurvesInMemory } = await import("./lib/store/book-curves");
const base = createDb("bench/out/scale.db");
const stats = new Map<string, { n: number; ms: number }>();
const db = base.$extends({ query: { async $allOperations({ model, operation, args, query }) {
  const t = performance.now(); const r = await query(args); const k = `${model ?? "$"}.${operation}${model ? "" : ":" + String((args as any)?.[0] ?? (args as any)?.query ?? "").slice(0, 70)}`;
  const s = stats.get(k) ?? { n: 0, ms: 0 }; s.n++; s.ms += performance.now() - t; stats.set(k, s); return r; } } }) as unknown as typeof base;
const markets = await base.market.findMany({ where: { books: { some: {} } }, select: { id: true } });
await base.figureCache.deleteMany(); forgetFiguresInMemory(db); forgetCurvesInMemory(db);
for (const m of markets.slice(0, 20)) await getMarketFigures(db, m.id, { preset: "365d" }, 1_000_000);
await base.figureCache.deleteMany(); forgetFiguresInMemory(db); forgetCurvesInMemory(db); stats.clear();
const t = performance.now();
for (const m of markets.slice(0, 20)) await getMarketFigures(db, m.id, { preset: "365d" }, 1_000_000);
console.log("total per market", ((performance.now() - t) / 20).toFixed(1));
for (const [k, s] of [...stats].sort((a, b) => b[1].ms - a[1].ms)) console.log(`${(s.ms / 20).toFixed(1).padStart(7)} ms/mkt ${String(s.n / 20).padStart(5)}x  ${k}`);
