// One directory import in its own process, so its peak RSS is its own: prints {ms, written, skipped, runs,
// maxRssMb} as JSON. Run by bench/import-dir.ts as `node --import tsx bench/import-dir-child.ts <dir>`.
import "../bin/server-runtime";

const { importCaptureDir, DEFAULT_IMPORT_MAX_BYTES } = await import("../lib/ingest/import-file");
const { db } = await import("../lib/db");
const dir = process.argv[2];
const t0 = performance.now();
const r = await importCaptureDir(db(), dir, DEFAULT_IMPORT_MAX_BYTES);
const ms = performance.now() - t0;
const written = r.runs.reduce((s, x) => s + x.rowsWritten, 0);
console.log(JSON.stringify({ ms, written, skipped: r.invalid.length, runs: r.runs.length, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
await db().$disconnect();
