// The book kernel beside the references in ../shared/perf-ref (only the benchmark reads them, never the app):
// slip.c (the machine's limit, built here with cc -O2 when a compiler exists) and slip_numpy.py (what an analyst
// would write, when numpy imports). The project's kernel runs the same work on the same synthetic books:
// N books of L levels a side from slip.c's generator (LCG, same formulas), mid, spread, depth within 10/50/100/200
// bps, buy and sell slippage at 1e4/1e5/1e6 USD. Levels/s counts N × 2 × L, as slip.c does.
import { timed } from "./book-metrics";
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { depthProfile, slippageBps, spreadBps } from "../lib/metrics/book";
import { bookMetricsColumns, allocBookColumns, bookAt, type BookColumns } from "../lib/metrics/book-columns";
import type { Book } from "../lib/metrics/types";

export const REF_DIR = path.resolve(process.env.PERF_REF_DIR ?? "../shared/perf-ref");
const OUT = path.resolve("bench/out");
const BANDS_BPS = [10, 50, 100, 200];
const NOTIONALS_USD = [1e4, 1e5, 1e6];

export interface RefRun {
  /** M levels/s, or null when it could not run (then `why` says so). */
  mLevelsPerSec: number | null;
  checksum: number | null;
  why: string | null;
}

function parseRef(out: string): { m: number; checksum: number } | null {
  const m = /= ([\d.]+) M levels\/s \(checksum ([-\d.e+]+)\)/.exec(out);
  return m ? { m: Number(m[1]), checksum: Number(m[2]) } : null;
}

const has = (cmd: string, args: string[]) => spawnSync(cmd, args, { stdio: "ignore" }).status === 0;

/** Build slip.c into bench/out/slip with the first compiler found, run it `runs` times, keep the best. */
export function runCReference(n: number, levels: number, runs = 3): RefRun {
  const src = path.join(REF_DIR, "slip.c");
  if (!fs.existsSync(src)) return { mLevelsPerSec: null, checksum: null, why: `no ${src}` };
  const cc = ["cc", "gcc", "clang"].find((c) => has(c, ["--version"]));
  if (!cc) return { mLevelsPerSec: null, checksum: null, why: "no C compiler (cc, gcc, clang) on this machine" };
  fs.mkdirSync(OUT, { recursive: true });
  const bin = path.join(OUT, "slip");
  const build = spawnSync(cc, ["-O2", "-o", bin, src], { encoding: "utf8" });
  if (build.status !== 0) return { mLevelsPerSec: null, checksum: null, why: `${cc} -O2 slip.c failed: ${build.stderr.trim().split("\n")[0]}` };
  let best: { m: number; checksum: number } | null = null;
  for (let i = 0; i < runs; i++) {
    const r = parseRef(spawnSync(bin, [String(n), String(levels)], { encoding: "utf8" }).stdout);
    if (r && (!best || r.m > best.m)) best = r;
  }
  return best ? { mLevelsPerSec: best.m, checksum: best.checksum, why: null } : { mLevelsPerSec: null, checksum: null, why: "slip printed no figure" };
}

/** Run slip_numpy.py once when python3 and numpy are there. */
export function runNumpyPeer(n: number, levels: number): RefRun {
  const src = path.join(REF_DIR, "slip_numpy.py");
  if (!fs.existsSync(src)) return { mLevelsPerSec: null, checksum: null, why: `no ${src}` };
  if (!has("python3", ["-c", "import numpy"])) return { mLevelsPerSec: null, checksum: null, why: "python3 with numpy not available" };
  const r = parseRef(spawnSync("python3", [src, String(n), String(levels)], { encoding: "utf8" }).stdout);
  return r ? { mLevelsPerSec: r.m, checksum: r.checksum, why: null } : { mLevelsPerSec: null, checksum: null, why: "slip_numpy.py printed no figure" };
}

/**
 * slip.c's books in columns: s ← s × 6364136223846793005 + 1 (mod 2^64), r = (s >> 11) / 2^53; book i has
 * mid 30000 + i mod 1000, bid j at mid − 0.5 − 0.5j with size 0.1 + r(1 + 0.05j), ask j at mid + 0.5 + 0.5j with
 * size 0.1 + (1 − r)(1 + 0.05j). The 64-bit product is formed from 16-bit limbs (exact in doubles).
 */
export function slipBooks(n: number, levels: number): BookColumns {
  const c = allocBookColumns(n, n * levels, n * levels);
  const A_HI = 0x5851f42d;
  const A_LO = 0x4c957f2d;
  let hi = 0;
  let lo = 42;
  for (let i = 0; i < n; i++) {
    const mid = 30000 + (i % 1000);
    for (let j = 0; j < levels; j++) {
      // low 64 bits of (hi:lo) × (A_HI:A_LO) + 1
      const a0 = lo & 0xffff;
      const a1 = lo >>> 16;
      const b0 = A_LO & 0xffff;
      const b1 = A_LO >>> 16;
      const p00 = a0 * b0;
      const p01 = a0 * b1;
      const p10 = a1 * b0;
      const cross = Math.floor(p00 / 0x10000) + (p01 % 0x10000) + (p10 % 0x10000);
      const loHi = a1 * b1 + Math.floor(p01 / 0x10000) + Math.floor(p10 / 0x10000) + Math.floor(cross / 0x10000); // high 32 bits of lo × A_LO
      const newLo = ((cross % 0x10000) * 0x10000 + (p00 % 0x10000)) >>> 0;
      let newHi = (loHi + Math.imul(hi, A_LO) + Math.imul(lo, A_HI)) >>> 0;
      lo = newLo + 1;
      if (lo === 0x100000000) {
        lo = 0;
        newHi = (newHi + 1) >>> 0;
      }
      hi = newHi;
      const r = (hi * 0x200000 + (lo >>> 11)) / 9007199254740992; // (s >> 11) / 2^53
      const k = i * levels + j;
      c.bidPrice[k] = mid - 0.5 - j * 0.5;
      c.askPrice[k] = mid + 0.5 + j * 0.5;
      c.bidSize[k] = 0.1 + r * (1 + j * 0.05);
      c.askSize[k] = 0.1 + (1 - r) * (1 + j * 0.05);
    }
    c.bidStart[i + 1] = (i + 1) * levels;
    c.askStart[i + 1] = (i + 1) * levels;
  }
  return c;
}

/** slip.c's accumulator: spread + Σ band depths (bid + ask) + Σ filled slippage (buy, sell), book by book. */
function columnsKernel(c: BookColumns): number {
  const m = bookMetricsColumns(c, NOTIONALS_USD, BANDS_BPS);
  let acc = 0;
  const nb = BANDS_BPS.length;
  const nk = NOTIONALS_USD.length;
  for (let i = 0; i < m.length; i++) {
    if (m.usable[i] === 0) continue;
    acc += m.spreadBps[i];
    for (let b = 0; b < nb; b++) acc += m.bidDepthUsd[i * nb + b] + m.askDepthUsd[i * nb + b];
    for (let k = 0; k < nk; k++) {
      const buy = m.buySlippageBps[i * nk + k];
      const sell = m.sellSlippageBps[i * nk + k];
      if (buy === buy) acc += buy;
      if (sell === sell) acc += sell;
    }
  }
  return acc;
}

/** The same work through the per-book functions of book.ts on [price, size] tuples (the kernel before columns). */
function tupleKernel(books: readonly Book[]): number {
  let acc = 0;
  for (const b of books) {
    const spread = spreadBps(b);
    if (spread === null) continue;
    acc += spread;
    for (const d of depthProfile(b, BANDS_BPS)!) acc += d.bidUsd + d.askUsd;
    for (const n of NOTIONALS_USD) {
      const buy = slippageBps(b, n, "buy");
      const sell = slippageBps(b, n, "sell");
      if (buy?.kind === "filled") acc += buy.slippageBps;
      if (sell?.kind === "filled") acc += sell.slippageBps;
    }
  }
  return acc;
}


export interface KernelVsRefs {
  n: number;
  levels: number;
  c: RefRun;
  numpy: RefRun;
  numpyBooks: number;
  columnsMLevelsPerSec: number;
  columnsChecksum: number;
  tupleBooks: number;
  tupleMLevelsPerSec: number;
  tupleChecksum: number;
}

/**
 * References and kernels in one sitting. The tuple kernel runs on the first `tupleBooks` books (tuples of 200,000
 * books would not fit the default heap); levels/s is per level either way.
 */
export function benchKernelVsRefs(n = 200_000, levels = 100, numpyBooks = 100_000, tupleBooks = 20_000): KernelVsRefs {
  const c = runCReference(n, levels);
  const numpy = runNumpyPeer(numpyBooks, levels);
  const cols = slipBooks(n, levels);
  columnsKernel(slipBooks(2000, levels)); // warm the JIT on other books first
  const col = timed(() => columnsKernel(cols));
  const books = Array.from({ length: Math.min(tupleBooks, n) }, (_, i) => bookAt(cols, i));
  tupleKernel(books.slice(0, 2000));
  const tup = timed(() => tupleKernel(books));
  return {
    n,
    levels,
    c,
    numpy,
    numpyBooks,
    columnsMLevelsPerSec: (n * 2 * levels) / col.sec / 1e6,
    columnsChecksum: col.value,
    tupleBooks: books.length,
    tupleMLevelsPerSec: (books.length * 2 * levels) / tup.sec / 1e6,
    tupleChecksum: tup.value,
  };
}
