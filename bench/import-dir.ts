// Peak RSS of `venuescope import <dir>` on a directory of ~300 MB of capture files (issue #19, class 7: the
// import once held every file in memory, 2.5 GB for 314 MB). Run on its own — it writes 300 MB and takes
// minutes, so it is not part of `npm run bench`:
//   npx tsx bench/import-dir.ts [megabytes=300]
// Generates bench/out/import-dir/ once (Binance depth captures, 1000 levels a side, ~95 KB each, plus one
// FIFO and one symbolic-link loop that must be skipped), imports it in a child process on a fresh database
// and prints one line: files, MB, seconds, rows written, entries skipped and the child's peak RSS.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const OUT = path.resolve("bench/out");
const DIR = path.join(OUT, "import-dir");
const targetMb = Number(process.argv[2] ?? 300);

/** One Binance USD-M depth capture at minute i: 1000 bids and asks with full-precision strings. */
function captureAt(i: number): string {
  const T = Date.UTC(2024, 10, 1) + i * 60_000;
  const mid = 69_000 + 500 * Math.sin(i / 500);
  const side = (dir: 1 | -1) => Array.from({ length: 1000 }, (_, k) => [(mid + dir * (0.05 + k * 0.1)).toFixed(2), (0.001 + ((i * 7 + k * 13) % 997) / 97).toFixed(8)]);
  const body = { lastUpdateId: 5_000_000_000 + i, E: T + 3, T, bids: side(-1), asks: side(1) };
  return JSON.stringify({ venue: "binance-usdm", kind: "depth", symbol: "BTCUSDT", receivedTs: T + 20, levelLimit: 1000, request: { method: "GET", url: "https://fapi.binance.com/fapi/v1/depth", params: { symbol: "BTCUSDT", limit: 1000 } }, body });
}

function generate(): { files: number; bytes: number } {
  const folder = path.join(DIR, "binance-usdm", "depth");
  const stampFile = path.join(DIR, `.complete-${targetMb}`);
  if (!fs.existsSync(stampFile)) {
    fs.rmSync(DIR, { recursive: true, force: true });
    fs.mkdirSync(folder, { recursive: true });
    let bytes = 0;
    for (let i = 0; bytes < targetMb * 1024 * 1024; i++) {
      const text = captureAt(i);
      fs.writeFileSync(path.join(folder, `${String(i).padStart(6, "0")}.json`), text);
      bytes += text.length;
    }
    execFileSync("mkfifo", [path.join(DIR, "pipe.json")]);
    fs.symlinkSync("loop.json", path.join(DIR, "loop.json"));
    fs.writeFileSync(stampFile, "");
  }
  const names = fs.readdirSync(folder);
  return { files: names.length, bytes: names.reduce((s, n) => s + fs.statSync(path.join(folder, n)).size, 0) };
}

const { files, bytes } = generate();
const dbFile = path.join(OUT, "import-dir.db");
fs.rmSync(dbFile, { force: true });
fs.rmSync(`${dbFile}-journal`, { force: true });
const url = `file:${dbFile}`;
execFileSync("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url }, stdio: "pipe" });
const child = execFileSync(process.execPath, ["--import", "tsx", "bench/import-dir-child.ts", DIR], { env: { ...process.env, DATABASE_URL: url }, maxBuffer: 16 * 1024 * 1024 }).toString();
const r = JSON.parse(child.trim().split("\n").at(-1)!) as { ms: number; written: number; skipped: number; runs: number; maxRssMb: number };
console.log(
  `import-dir: ${files} capture files, ${(bytes / 1024 / 1024).toFixed(0)} MB in ${(r.ms / 1000).toFixed(0)} s: ${r.written} books written in ${r.runs} run(s), ${r.skipped} entries skipped (a FIFO, a link loop); peak RSS ${r.maxRssMb.toFixed(0)} MB`,
);
