// `npm run bench -- backfill`: rows/s and peak RSS of the archive backfill path end to end — download from a
// local server in Binance Vision's layout (checksum verified), cache, streamed import — in a child process on
// a fresh database. The days served are the real 2023-10-16 BTCUSDT bookDepth day re-dated to 2024-01-01..10
// (so each day's rows are new), gzip-wrapped because no zip writer is installed (the reader detects the
// wrapping by its first bytes, as for a real .zip). 3 and 10 days show whether memory grows with the window;
// a last run over the cached files measures the import alone.
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import zlib from "node:zlib";
import { execFileSync } from "node:child_process";
import type { AddressInfo } from "node:net";
import { archivesDir } from "../lib/bootstrap";
import { openArchive, archiveLines } from "../lib/archives/read";

const OUT = path.resolve("bench/out");
const DAYS = 10;

export interface BackfillBench {
  label: string;
  days: number;
  written: number;
  rowsRead: number;
  rowsPerSec: number;
  mbPerSec: number;
  maxRssMb: number;
}

async function dayFiles(): Promise<Map<string, Buffer>> {
  const src = path.join(archivesDir(), "binance-usdm/BTCUSDT-bookDepth-2023-10-16.zip");
  const lines: string[] = [];
  for await (const { line } of archiveLines(await openArchive(src), src)) lines.push(line);
  const files = new Map<string, Buffer>();
  for (let d = 1; d <= DAYS; d++) {
    const day = `2024-01-${String(d).padStart(2, "0")}`;
    files.set(day, zlib.gzipSync(lines.map((l, i) => (i === 0 ? l : l.replace(/^2023-10-16/, day))).join("\n") + "\n"));
  }
  return files;
}

function serve(files: Map<string, Buffer>): Promise<{ base: string; close: () => void }> {
  const server = http.createServer((req, res) => {
    const m = /\/BTCUSDT-bookDepth-(\d{4}-\d{2}-\d{2})\.zip(\.CHECKSUM)?$/.exec(req.url ?? "");
    const body = m ? files.get(m[1]) : undefined;
    if (!m || !body) return res.writeHead(404).end();
    if (m[2]) return res.writeHead(200).end(`${crypto.createHash("sha256").update(body).digest("hex")}  BTCUSDT-bookDepth-${m[1]}.zip\n`);
    res.writeHead(200, { "content-length": body.length }).end(body);
  });
  return new Promise((r) => server.listen(0, "127.0.0.1", () => r({ base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() })));
}

export async function benchBackfill(): Promise<BackfillBench[]> {
  fs.mkdirSync(OUT, { recursive: true });
  const files = await dayFiles();
  const srv = await serve(files);
  const cache = path.join(OUT, "backfill-cache");
  fs.rmSync(cache, { recursive: true, force: true });
  const out: BackfillBench[] = [];
  try {
    for (const [label, days] of [["download + import", 3], ["download + import", DAYS], ["cached files, import only", DAYS]] as const) {
      const dbFile = path.join(OUT, "backfill.db");
      fs.rmSync(dbFile, { force: true });
      const url = `file:${dbFile}`;
      execFileSync("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url }, stdio: "pipe" });
      const env = { ...process.env, DATABASE_URL: url, BINANCE_VISION_URL: srv.base, VENUESCOPE_ARCHIVE_CACHE: cache };
      // Asynchronously: this process serves the files, so its event loop must keep running.
      const stdout = await new Promise<string>((resolve, reject) => {
        import("node:child_process").then(({ execFile }) =>
          execFile(process.execPath, ["--import", "tsx", "bench/backfill-child.ts", "2024-01-01", `2024-01-${String(days).padStart(2, "0")}`], { env, maxBuffer: 1 << 24 }, (err, so) => (err ? reject(err) : resolve(so))),
        );
      });
      const r = JSON.parse(stdout.trim().split("\n").at(-1)!) as { days: number; written: number; rowsRead: number; ms: number; bytes: number; maxRssMb: number };
      const totalBytes = [...files.values()].slice(0, days).reduce((s, b) => s + b.length, 0);
      out.push({ label, days: r.days, written: r.written, rowsRead: r.rowsRead, rowsPerSec: r.rowsRead / (r.ms / 1000), mbPerSec: totalBytes / 1e6 / (r.ms / 1000), maxRssMb: r.maxRssMb });
    }
  } finally {
    srv.close();
  }
  return out;
}
