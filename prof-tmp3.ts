import "./bin/server-runtime";
const { createDb } = await import("./lib/db");
const { idleSqlite, sqliteAll } = await import("./lib/store/sqlite-read");
const db = createDb("bench/out/scale.db");

const m = await db.market.findFirst({ where: { books: { some: {} } } });
const conn = idleSqlite(db)!;
const time = async (label: string, f: () => Promise<unknown> | unknown, n = 200) => { await f(); const t = performance.now(); for (let i = 0; i < n; i++) await f(); console.log(label.padEnd(50), ((performance.now() - t) / n).toFixed(3), "ms"); };
await time("prisma ingestRun.findFirst", () => db.ingestRun.findFirst({ where: { venueId: m!.venueId }, orderBy: { id: "desc" }, select: { id: true } }));
await time("sqlite same", () => sqliteAll(conn, `SELECT "id" FROM "IngestRun" WHERE "venueId" = ? ORDER BY "id" DESC LIMIT 1`, [m!.venueId]));
await time("prisma raw same", () => db.$queryRawUnsafe(`SELECT "id" FROM "IngestRun" WHERE "venueId" = ? ORDER BY "id" DESC LIMIT 1`, m!.venueId));
await time("prisma bookSnapshot.aggregate min/max", () => db.bookSnapshot.aggregate({ where: { marketId: m!.id }, _min: { ts: true }, _max: { ts: true } }));
await time("sqlite min/max", () => sqliteAll(conn, `SELECT MIN("ts") a, MAX("ts") b FROM "BookSnapshot" WHERE "marketId" = ?`, [m!.id]));
await time("prisma funding findMany 365d", () => db.fundingRecord.findMany({ where: { marketId: m!.id, predicted: false }, orderBy: { fundingTime: "asc" } }), 20);
await time("sqlite funding", () => sqliteAll(conn, `SELECT * FROM "FundingRecord" WHERE "marketId" = ? AND "predicted" = 0 ORDER BY "fundingTime"`, [m!.id]), 20);
await time("prisma market.findUnique incl venue", () => db.market.findUniqueOrThrow({ where: { id: m!.id }, include: { venue: true } }));
console.log(await db.fundingRecord.count({ where: { marketId: m!.id } }));
