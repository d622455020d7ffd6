// A local HTTP server standing in for Binance Vision and the Binance USD-M history API in tests: it serves
// real archive files in Binance Vision's path layout (data/futures/um/daily/bookDepth/<S>/<S>-bookDepth-<day>.zip
// and its .CHECKSUM, "<sha256>  <name>" as Binance writes it), answers Range requests the way S3 does (206
// with Content-Range), streams bodies in chunks so a client can be cut mid-file, and serves recorded funding
// history bodies filtered by startTime/endTime/limit as /fapi/v1/fundingRate does. Any other archive file
// (fundingRate, metrics, COIN-M) is served from `files` by its full path, with the same checksum and Range
// handling. Faults are set per path.
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";

export type Fault =
  | { type: "status"; status: number; retryAfter?: string; times: number }
  | { type: "bad-checksum" }
  | { type: "no-checksum" };

export interface ArchiveServer {
  base: string;
  /** Every request: path (with query) and its Range header. */
  requests: { path: string; range: string | null }[];
  /** Archive days served: day → file on disk (content served as is). */
  days: Map<string, Buffer>;
  /** Other archive files served, by URL path (/data/futures/cm/monthly/fundingRate/…zip); its .CHECKSUM is derived. */
  files: Map<string, Buffer>;
  faults: Map<string, Fault>;
  /** Recorded /fapi/v1/fundingRate records (ascending). */
  funding: { fundingTime: number }[];
  /** Pause between 64 KiB chunks of a file (default 5 ms); longer gives a test time to kill a client. */
  chunkDelayMs: number;
  /**
   * Tardis's rule, when set: a /v1/… dataset file other than a month's first day needs
   * `Authorization: Bearer <tardisKey>`, else 401.
   */
  tardisKey: string | null;
  /**
   * S3's requester-pays rule for /market_data/… (Hyperliquid's archive), when set: a request needs an AWS
   * Signature V4 Authorization with this access key id and `x-amz-request-payer: requester`, else 403.
   * (The signature itself is not recomputed: aws4 makes it; this checks that the request is signed and paid.)
   */
  s3AccessKeyId: string | null;
  close(): Promise<void>;
}

const sha256 = (b: Buffer) => crypto.createHash("sha256").update(b).digest("hex");

export async function startArchiveServer(symbol = "BTCUSDT"): Promise<ArchiveServer> {
  // The handler reads this very object, so a test may replace `funding` or clear the maps.
  const state = { requests: [], days: new Map(), files: new Map(), faults: new Map(), funding: [], chunkDelayMs: 5, tardisKey: null, s3AccessKeyId: null, base: "", close: async () => {} } as ArchiveServer;
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    state.requests.push({ path: `${url.pathname}${url.search}`, range: (req.headers.range as string | undefined) ?? null });
    const fault = state.faults.get(url.pathname);
    if (fault?.type === "status" && fault.times > 0) {
      fault.times--;
      res.writeHead(fault.status, { "content-type": "application/json", ...(fault.retryAfter ? { "retry-after": fault.retryAfter } : {}) });
      res.end(JSON.stringify({ code: -1003, msg: "Too many requests" }));
      return;
    }
    const tardisDay = /^\/v1\/[a-z0-9-]+\/[a-z_0-9A-Z]+\/\d{4}\/\d{2}\/(\d{2})\//.exec(url.pathname);
    if (tardisDay && state.tardisKey !== null && tardisDay[1] !== "01" && req.headers.authorization !== `Bearer ${state.tardisKey}`) {
      res.writeHead(401, { "content-type": "application/json" });
      res.end(JSON.stringify({ code: 401, message: "Invalid API key" }));
      return;
    }
    if (url.pathname.startsWith("/market_data/") && state.s3AccessKeyId !== null) {
      const auth = String(req.headers.authorization ?? "");
      const signed = auth.startsWith(`AWS4-HMAC-SHA256 Credential=${state.s3AccessKeyId}/`) && /SignedHeaders=[^,]*x-amz-request-payer/.test(auth) && typeof req.headers["x-amz-date"] === "string";
      if (!signed || req.headers["x-amz-request-payer"] !== "requester") {
        res.writeHead(403, { "content-type": "application/xml" });
        res.end("<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>");
        return;
      }
    }
    if (url.pathname === "/fapi/v1/fundingRate") {
      const from = Number(url.searchParams.get("startTime") ?? 0);
      const to = Number(url.searchParams.get("endTime") ?? Number.MAX_SAFE_INTEGER);
      const limit = Number(url.searchParams.get("limit") ?? 100);
      const body = state.funding.filter((r) => r.fundingTime >= from && r.fundingTime <= to).slice(0, limit);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
      return;
    }
    const m = new RegExp(`^/data/futures/um/daily/bookDepth/${symbol}/${symbol}-bookDepth-(\\d{4}-\\d{2}-\\d{2})\\.zip(\\.CHECKSUM)?$`).exec(url.pathname);
    const zipPath = url.pathname.replace(/\.CHECKSUM$/, "");
    const content = state.files.get(zipPath) ?? (m ? state.days.get(m[1]) : undefined);
    if (!content) {
      res.writeHead(404, { "content-type": "application/xml" });
      res.end("<Error><Code>NoSuchKey</Code></Error>");
      return;
    }
    const zipFault = state.faults.get(url.pathname.replace(/\.CHECKSUM$/, ""));
    if (url.pathname.endsWith(".CHECKSUM")) {
      if (zipFault?.type === "no-checksum") {
        res.writeHead(404);
        res.end();
        return;
      }
      const hash = zipFault?.type === "bad-checksum" ? sha256(Buffer.from("not the file")) : sha256(content);
      res.writeHead(200, { "content-type": "text/plain" });
      res.end(`${hash}  ${zipPath.replace(/^.*\//, "")}\n`);
      return;
    }
    let start = 0;
    const range = /^bytes=(\d+)-$/.exec((req.headers.range as string | undefined) ?? "");
    if (range) {
      start = Number(range[1]);
      if (start >= content.length) {
        res.writeHead(416, { "content-range": `bytes */${content.length}` });
        res.end();
        return;
      }
      res.writeHead(206, { "content-type": "application/zip", "content-length": content.length - start, "content-range": `bytes ${start}-${content.length - 1}/${content.length}` });
    } else {
      res.writeHead(200, { "content-type": "application/zip", "content-length": content.length });
    }
    // 64 KiB at a time, yielding between chunks, so a client can stop mid-file.
    for (let i = start; i < content.length; i += 65536) {
      if (res.destroyed) return;
      res.write(content.subarray(i, Math.min(content.length, i + 65536)));
      await new Promise((r) => setTimeout(r, state.chunkDelayMs));
    }
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  state.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return state;
}

export const readFixture = (file: string) => fs.readFileSync(file);
