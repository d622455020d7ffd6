// One archive import in its own process, so its peak RSS is its own: prints {rows, ms, maxRssMb} as JSON.
// Run by bench/archives.ts as `node --import tsx bench/archive-child.ts <file>` with DATABASE_URL set.
import "../bin/server-runtime";

const { importArchive } = await import("../lib/ingest/import-archive");
const { db } = await import("../lib/db");
const file = process.argv[2];
const t0 = performance.now();
const r = await importArchive(db(), { file });
const ms = performance.now() - t0;
console.log(JSON.stringify({ format: r.format, status: r.status, rows: r.rowsRead, snapshots: r.snapshots, written: r.written, ms, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
await db().$disconnect();
