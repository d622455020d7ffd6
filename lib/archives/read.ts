// Open an archive file as a stream of decompressed text, whatever its wrapping: a zip (first file entry,
// read with yauzl: a streaming, well-kept zip reader that checks entry sizes and CRCs and reports a truncated
// archive as an error instead of returning partial text), gzip (node:zlib), an LZ4 frame (Hyperliquid's S3
// archive) or plain text. Detected by the file's first bytes, not its name.
//
// LZ4 is read with lz4js, a pure-JS frame codec: the native bindings (lz4, lz4-napi) need a compiler or a
// prebuilt binary from GitHub, neither of which installs here. lz4js decodes a whole frame at once, so an LZ4
// file is bounded: Hyperliquid writes one per coin and hour (about 1 MB), and a frame that would decompress
// past LZ4_MAX_BYTES is refused with that reason rather than read.
import "server-only";
import fs from "node:fs";
import { StringDecoder } from "node:string_decoder";
import zlib from "node:zlib";
import type { Readable } from "node:stream";
import { Readable as ReadableStream } from "node:stream";
import yauzl from "yauzl";
import * as lz4 from "lz4js";
import { csvHeaderCells, csvLineCells, trimCell } from "./csv-line";

export class ArchiveReadError extends Error {}

export type Compression = "zip" | "gzip" | "lz4" | "none";

/** The most an LZ4 frame may decompress to (it is decoded in memory, see above). */
export const LZ4_MAX_BYTES = 512 * 1024 * 1024;

function magic(file: string): Compression {
  const fd = fs.openSync(file, "r");
  try {
    const b = Buffer.alloc(4);
    const n = fs.readSync(fd, b, 0, 4, 0);
    if (n >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) return "zip";
    if (n >= 2 && b[0] === 0x1f && b[1] === 0x8b) return "gzip";
    // LZ4 frame magic 0x184D2204, little-endian
    if (n >= 4 && b[0] === 0x04 && b[1] === 0x22 && b[2] === 0x4d && b[3] === 0x18) return "lz4";
    return "none";
  } finally {
    fs.closeSync(fd);
  }
}

function openZipEntry(file: string): Promise<{ stream: Readable; entryName: string }> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: true }, (err, zip) => {
      if (err || !zip) return reject(new ArchiveReadError(`${file}: not a readable zip (${err?.message ?? "unknown error"}); the file may be truncated`));
      zip.on("error", (e: Error) => reject(new ArchiveReadError(`${file}: ${e.message}`)));
      zip.on("end", () => reject(new ArchiveReadError(`${file}: the zip holds no file`)));
      zip.on("entry", (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith("/")) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(new ArchiveReadError(`${file}: cannot read ${entry.fileName} (${e?.message})`));
          resolve({ stream, entryName: entry.fileName });
        });
      });
      zip.readEntry();
    });
  });
}

export interface OpenedArchive {
  compression: Compression;
  /** The name the content goes by: the zip entry's name, or the file's name without .gz. */
  entryName: string;
  stream: Readable;
}

/**
 * Why an LZ4 frame is not whole, or null: walks its blocks to the end mark (lz4js decodes a cut frame
 * without complaint). Layout (lz4 frame format spec): magic, FLG, BD, [content size 8], [dict id 4], HC; then
 * blocks of a 4-byte little-endian size (high bit: stored uncompressed), the data, [a block checksum 4],
 * until a zero size; then [a content checksum 4].
 */
export function lz4FrameCut(b: Uint8Array): string | null {
  if (b.length < 7) return "shorter than a frame header";
  const flg = b[4];
  const blockSum = (flg & 0x10) !== 0;
  const contentSum = (flg & 0x04) !== 0;
  let i = 6 + ((flg & 0x08) !== 0 ? 8 : 0) + ((flg & 0x01) !== 0 ? 4 : 0) + 1;
  for (;;) {
    if (i + 4 > b.length) return "ends inside a block header, before the end mark";
    const size = (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) & 0x7fffffff;
    i += 4;
    if (size === 0) break;
    i += size + (blockSum ? 4 : 0);
    if (i > b.length) return "ends inside a block";
  }
  if (contentSum && i + 4 > b.length) return "ends before its content checksum";
  return null;
}

export async function openArchive(file: string): Promise<OpenedArchive> {
  if (!fs.existsSync(file)) throw new ArchiveReadError(`${file}: no such file`);
  // Never open a FIFO, socket or device: reading one blocks forever or never ends.
  if (!fs.statSync(file).isFile()) throw new ArchiveReadError(`${file}: not a regular file`);
  const compression = magic(file);
  const plainName = file.replace(/^.*[\\/]/, "");
  if (compression === "zip") {
    const { stream, entryName } = await openZipEntry(file);
    return { compression, entryName, stream };
  }
  if (compression === "lz4") {
    if (fs.statSync(file).size > LZ4_MAX_BYTES) throw new ArchiveReadError(`${file}: an LZ4 file over ${LZ4_MAX_BYTES} bytes is not read (LZ4 files are decoded in memory)`);
    const src = fs.readFileSync(file);
    let text: Uint8Array;
    const cut = lz4FrameCut(src);
    if (cut) throw new ArchiveReadError(`${file}: not a whole LZ4 frame (${cut}); the file may be truncated`);
    try {
      const bound = lz4.decompressBound(src);
      if (bound > LZ4_MAX_BYTES) throw new ArchiveReadError(`${file}: the LZ4 frame may decompress to ${bound} bytes, over the ${LZ4_MAX_BYTES}-byte limit for LZ4 files (they are decoded in memory)`);
      text = lz4.decompress(src, bound);
    } catch (e) {
      if (e instanceof ArchiveReadError) throw e;
      throw new ArchiveReadError(`${file}: not a readable LZ4 frame (${(e as Error).message}); the file may be truncated`);
    }
    return { compression, entryName: plainName.replace(/\.lz4$/i, ""), stream: ReadableStream.from([Buffer.from(text.buffer, text.byteOffset, text.byteLength)]) };
  }
  const raw = fs.createReadStream(file);
  if (compression === "gzip") {
    const gunzip = zlib.createGunzip();
    raw.on("error", (e) => gunzip.destroy(e));
    return { compression, entryName: plainName.replace(/\.gz$/i, ""), stream: raw.pipe(gunzip) };
  }
  return { compression, entryName: plainName, stream: raw };
}

/**
 * Lines of an opened archive in batches (the lines of one decompressed chunk, 64 KiB by default), streamed;
 * a decompression error surfaces as ArchiveReadError. Hand-split rather than node:readline: readline hands
 * out one line per async step, and at a million trade rows a second that per-line await is most of the cost.
 * "\r\n" and "\n" both end a line; a last line without a newline is kept.
 */
export async function* archiveLineBatches(a: OpenedArchive, file: string): AsyncGenerator<{ lines: string[]; firstLineNo: number }> {
  const decoder = new StringDecoder("utf8");
  let rest = "";
  let lineNo = 0;
  const batch = (text: string, final: boolean) => {
    const parts = text.split("\n");
    rest = final ? "" : parts.pop()!;
    if (final && parts.length && parts[parts.length - 1] === "") parts.pop();
    for (let i = 0; i < parts.length; i++) if (parts[i].endsWith("\r")) parts[i] = parts[i].slice(0, -1);
    const first = lineNo + 1;
    lineNo += parts.length;
    return { lines: parts, firstLineNo: first };
  };
  try {
    for await (const chunk of a.stream) {
      const b = batch(rest + decoder.write(chunk as Buffer), false);
      if (b.lines.length) yield b;
    }
  } catch (e) {
    throw new ArchiveReadError(`${file}: read failed after line ${lineNo} (${(e as Error).message}); the archive may be truncated`);
  }
  const tail = rest + decoder.end();
  if (tail.length) yield batch(tail, true);
}

/** Lines of an opened archive (1-based numbers), one at a time (archiveLineBatches underneath). */
export async function* archiveLines(a: OpenedArchive, file: string): AsyncGenerator<{ line: string; lineNo: number }> {
  for await (const { lines, firstLineNo } of archiveLineBatches(a, file)) for (let i = 0; i < lines.length; i++) yield { line: lines[i], lineNo: firstLineNo + i };
}

/**
 * CSV records of an opened archive, keyed by its header, with their line numbers: a fast path for the
 * unquoted lines venue trade files are made of (split on commas, fields trimmed), csv-parse for a line holding
 * a quote. A quoted field spanning lines is not supported (no trades or liquidations format has one).
 */
export async function* csvRowBatches(a: OpenedArchive, file: string): AsyncGenerator<{ header: string[]; rows: string[][]; lines: number[] }> {
  let header: string[] | null = null;
  for await (const { lines, firstLineNo } of archiveLineBatches(a, file)) {
    const rows: string[][] = [];
    const nos: number[] = [];
    for (let k = 0; k < lines.length; k++) {
      const line = lines[k];
      if (!line.trim()) continue;
      const cells = csvLineCells(line);
      if (header === null) {
        header = csvHeaderCells(cells);
        continue;
      }
      for (let i = 0; i < cells.length; i++) cells[i] = trimCell(cells[i]);
      rows.push(cells);
      nos.push(firstLineNo + k);
    }
    if (rows.length) yield { header: header!, rows, lines: nos };
  }
}

/** CSV records keyed by the header, in batches (csvRowBatches with each row made an object). */
export async function* csvRecordBatches(a: OpenedArchive, file: string): AsyncGenerator<{ record: Record<string, string>; line: number }[]> {
  for await (const { header, rows, lines } of csvRowBatches(a, file)) {
    yield rows.map((cells, k) => {
      const record: Record<string, string> = {};
      for (let i = 0; i < header.length; i++) record[header[i]] = cells[i] ?? "";
      return { record, line: lines[k] };
    });
  }
}

/** csvRecordBatches one record at a time. */
export async function* csvRecords(a: OpenedArchive, file: string): AsyncGenerator<{ record: Record<string, string>; line: number }> {
  for await (const batch of csvRecordBatches(a, file)) yield* batch;
}
