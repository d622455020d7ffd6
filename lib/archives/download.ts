// Download of published archive files into a local cache: verified against the venue's published checksum,
// resumed with an HTTP Range request when a previous download was cut, retried with backoff on 429/5xx
// (exactly Retry-After when the server sends one, lib/venues/retry.ts), and a 404 reported as "not
// published" rather than an error. The cache keeps the archive's own path layout and has a size cap: the
// least recently used files go first.
import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { withRetry, DEFAULT_RETRY, type RetryOptions } from "../venues/retry";
import { HttpStatusError, parseRetryAfterMs } from "../venues/http-failure";
import { throttle, type RateLimit } from "../venues/rate-limit";
import { parseChecksumFile } from "./binance-vision";

export class ChecksumMismatchError extends Error {
  constructor(
    readonly url: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`${url}: checksum mismatch (published sha256 ${expected}, downloaded file ${actual}); the file was discarded`);
    this.name = "ChecksumMismatchError";
  }
}

/** 401/403: the source wants a credential (or a better one); never retried. */
export class AccessDeniedError extends Error {
  constructor(
    readonly url: string,
    readonly httpStatus: number,
    detail: string,
  ) {
    super(`${url}: access denied (HTTP ${httpStatus})${detail ? `: ${detail}` : ""}; the source needs a credential this request did not carry or is not entitled to`);
    this.name = "AccessDeniedError";
  }
}

/** Raised when the caller's AbortSignal fires; never retried. */
export class DownloadAbortedError extends Error {
  constructor(url: string) {
    super(`${url}: download stopped (aborted)`);
    this.name = "DownloadAbortedError";
  }
}

export interface DownloadOptions {
  url: string;
  /** The published checksum file's URL, or null when the source publishes none. */
  checksumUrl: string | null;
  /** Request headers (an API key); sent with the file and checksum requests. */
  headers?: Record<string, string>;
  /** Final path of the file; the download is written to `<dest>.part` first. */
  dest: string;
  signal?: AbortSignal;
  retry?: RetryOptions;
  rateLimit?: RateLimit;
  /** Called as bytes arrive (progress). */
  onBytes?: (n: number) => void;
}

export type DownloadResult =
  | { status: "not-published"; url: string }
  | {
      status: "ok";
      url: string;
      file: string;
      /** Size of the file. */
      bytes: number;
      /** Bytes fetched by this call (0 for a cache hit; less than `bytes` when a cut download resumed). */
      fetchedBytes: number;
      /** Where the transfer resumed (bytes already on disk), 0 for a fresh download. */
      resumedFrom: number;
      cached: boolean;
      checksum: "verified" | "not-published";
    };

export async function sha256File(file: string): Promise<string> {
  const h = crypto.createHash("sha256");
  await pipeline(fs.createReadStream(file), h);
  return h.digest("hex");
}

const sizeOf = (f: string) => (fs.existsSync(f) ? fs.statSync(f).size : 0);

function checkAbort(signal: AbortSignal | undefined, url: string) {
  if (signal?.aborted) throw new DownloadAbortedError(url);
}

async function request(url: string, headers: Record<string, string>, o: DownloadOptions): Promise<Response> {
  checkAbort(o.signal, url);
  if (o.rateLimit) await throttle(o.rateLimit);
  try {
    return await fetch(url, { headers: { ...o.headers, ...headers }, signal: o.signal });
  } catch (err) {
    checkAbort(o.signal, url);
    throw err;
  }
}

/** The published checksum, null when there is none (404); other failures throw after the retries. */
async function fetchChecksum(o: DownloadOptions): Promise<string | null> {
  if (!o.checksumUrl) return null;
  const url = o.checksumUrl;
  return withRetry(async () => {
    const res = await request(url, {}, o);
    const text = await res.text();
    if (res.status === 404) return null;
    if (!res.ok) throw new HttpStatusError(res.status, url, parseRetryAfterMs(res.headers.get("retry-after")), text.slice(0, 200));
    const hash = parseChecksumFile(text);
    if (!hash) throw new Error(`${url}: not a checksum file: ${JSON.stringify(text.slice(0, 80))}`);
    return hash;
  }, o.retry ?? DEFAULT_RETRY);
}

/**
 * Fetch `url` into `<dest>.part`, continuing from the bytes already there. Returns false when the server
 * has no such file (404). A connection cut mid-body is a transient failure: the retry continues from what
 * was written.
 */
async function transfer(o: DownloadOptions, part: string, counter: { fetched: number; resumedFrom: number | null }): Promise<boolean> {
  return withRetry(async () => {
    const have = sizeOf(part);
    counter.resumedFrom ??= have;
    const res = await request(o.url, have > 0 ? { range: `bytes=${have}-` } : {}, o);
    if (res.status === 404) {
      await res.body?.cancel();
      return false;
    }
    if (res.status === 401 || res.status === 403) {
      const text = await res.text().catch(() => "");
      throw new AccessDeniedError(o.url, res.status, text.replace(/\s+/g, " ").slice(0, 160));
    }
    // 416: the range starts at the end of the file, so the part already holds all of it.
    if (res.status === 416 && have > 0) {
      await res.body?.cancel();
      return true;
    }
    if (!res.ok || !res.body) {
      const text = await res.text().catch(() => "");
      throw new HttpStatusError(res.status, o.url, parseRetryAfterMs(res.headers.get("retry-after")), text.slice(0, 200));
    }
    // 206 continues the part only if it starts where the part ends; a 200 is the whole file again.
    const range = /^bytes (\d+)-/.exec(res.headers.get("content-range") ?? "");
    const append = res.status === 206 && range !== null && Number(range[1]) === have;
    if (!append && counter.resumedFrom === have) counter.resumedFrom = 0;
    const out = fs.createWriteStream(part, { flags: append ? "a" : "w" });
    const body = Readable.fromWeb(res.body as import("node:stream/web").ReadableStream);
    body.on("data", (chunk: Buffer) => {
      counter.fetched += chunk.length;
      o.onBytes?.(chunk.length);
    });
    try {
      await pipeline(body, out);
    } catch (err) {
      checkAbort(o.signal, o.url);
      throw err;
    }
    return true;
  }, o.retry ?? DEFAULT_RETRY);
}

/** Download a published file into the cache (or find it there), verified against its checksum when published. */
export async function downloadArchive(o: DownloadOptions): Promise<DownloadResult> {
  fs.mkdirSync(path.dirname(o.dest), { recursive: true });
  const expected = await fetchChecksum(o);
  const checksum = expected ? "verified" : "not-published";
  if (fs.existsSync(o.dest)) {
    if (!expected || (await sha256File(o.dest)) === expected) {
      const now = new Date();
      fs.utimesSync(o.dest, now, now); // most recently used: kept longest under the cache cap
      return { status: "ok", url: o.url, file: o.dest, bytes: sizeOf(o.dest), fetchedBytes: 0, resumedFrom: 0, cached: true, checksum };
    }
    fs.rmSync(o.dest); // stale or damaged cache entry
  }
  const part = `${o.dest}.part`;
  const counter = { fetched: 0, resumedFrom: null as number | null };
  if (!(await transfer(o, part, counter))) {
    fs.rmSync(part, { force: true });
    return { status: "not-published", url: o.url };
  }
  if (expected) {
    let actual = await sha256File(part);
    if (actual !== expected && (counter.resumedFrom ?? 0) > 0) {
      // The kept part may come from an older version of the file: fetch it whole once more.
      fs.rmSync(part, { force: true });
      counter.resumedFrom = null;
      await transfer(o, part, counter);
      actual = await sha256File(part);
    }
    if (actual !== expected) {
      fs.rmSync(part, { force: true });
      throw new ChecksumMismatchError(o.url, expected, actual);
    }
  }
  fs.renameSync(part, o.dest);
  return { status: "ok", url: o.url, file: o.dest, bytes: sizeOf(o.dest), fetchedBytes: counter.fetched, resumedFrom: counter.resumedFrom ?? 0, cached: false, checksum };
}

function listFiles(dir: string): { file: string; size: number; mtimeMs: number }[] {
  if (!fs.existsSync(dir)) return [];
  const out: { file: string; size: number; mtimeMs: number }[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p));
    else if (e.isFile()) {
      const st = fs.statSync(p);
      out.push({ file: p, size: st.size, mtimeMs: st.mtimeMs });
    }
  }
  return out;
}

/**
 * Delete the least recently used files of the cache until it holds at most `capBytes`; `keep` (the file in
 * use) is never deleted. Returns the bytes freed.
 */
export function enforceCacheCap(dir: string, capBytes: number, keep: ReadonlySet<string> = new Set()): number {
  const files = listFiles(dir).sort((a, b) => a.mtimeMs - b.mtimeMs);
  let total = files.reduce((s, f) => s + f.size, 0);
  let freed = 0;
  for (const f of files) {
    if (total <= capBytes) break;
    if (keep.has(f.file)) continue;
    fs.rmSync(f.file, { force: true });
    total -= f.size;
    freed += f.size;
  }
  return freed;
}
