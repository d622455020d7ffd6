// Open an archive file as a stream of decompressed text, whatever its wrapping: a zip (first file entry,
// read with yauzl: a streaming, well-kept zip reader that checks entry sizes and CRCs and reports a truncated
// archive as an error instead of returning partial text), gzip (node:zlib) or plain text. Detected by the
// file's first bytes, not its name.
import "server-only";
import fs from "node:fs";
import { StringDecoder } from "node:string_decoder";
import zlib from "node:zlib";
import type { Readable } from "node:stream";
import yauzl from "yauzl";
import { csvHeaderCells, csvLineCells, trimCell } from "./csv-line";

export class ArchiveReadError extends Error {}

export type Compression = "zip" | "gzip" | "none";

function magic(file: string): Compression {
  const fd = fs.openSync(file, "r");
  try {
    const b = Buffer.alloc(4);
    const n = fs.readSync(fd, b, 0, 4, 0);
    if (n >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) return "zip";
    if (n >= 2 && b[0] === 0x1f && b[1] === 0x8b) return "gzip";
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
