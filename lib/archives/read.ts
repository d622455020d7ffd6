// Open an archive file as a stream of decompressed text, whatever its wrapping: a zip (first file entry,
// read with yauzl: a streaming, well-kept zip reader that checks entry sizes and CRCs and reports a truncated
// archive as an error instead of returning partial text), gzip (node:zlib) or plain text. Detected by the
// file's first bytes, not its name.
import "server-only";
import fs from "node:fs";
import readline from "node:readline";
import zlib from "node:zlib";
import type { Readable } from "node:stream";
import yauzl from "yauzl";
import { parse as parseCsvSync } from "csv-parse/sync";

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

/** Lines of an opened archive (1-based numbers), streamed; a decompression error surfaces as ArchiveReadError. */
export async function* archiveLines(a: OpenedArchive, file: string): AsyncGenerator<{ line: string; lineNo: number }> {
  const rl = readline.createInterface({ input: a.stream, crlfDelay: Infinity });
  let failure: Error | null = null;
  a.stream.on("error", (e) => {
    failure = e;
    rl.close();
  });
  let lineNo = 0;
  try {
    for await (const line of rl) {
      lineNo++;
      yield { line, lineNo };
    }
  } catch (e) {
    failure = e as Error;
  }
  if (failure) throw new ArchiveReadError(`${file}: read failed after line ${lineNo} (${(failure as Error).message}); the archive may be truncated`);
}

/**
 * CSV records of an opened archive, keyed by its header, with their line numbers: a fast path for the
 * unquoted lines venue trade files are made of (split on commas, fields trimmed), csv-parse for a line holding
 * a quote. A quoted field spanning lines is not supported (no trades or liquidations format has one).
 */
export async function* csvRecords(a: OpenedArchive, file: string): AsyncGenerator<{ record: Record<string, string>; line: number }> {
  let header: string[] | null = null;
  for await (const { line, lineNo } of archiveLines(a, file)) {
    if (!line.trim()) continue;
    const cells = line.includes('"') ? ((parseCsvSync(line, { relax_column_count: true }) as string[][])[0] ?? []) : line.split(",");
    if (header === null) {
      header = cells.map((c) => c.replace(/^\uFEFF/, "").trim());
      continue;
    }
    const record: Record<string, string> = {};
    for (let i = 0; i < header.length; i++) record[header[i]] = cells[i] === undefined ? "" : cells[i].trim();
    yield { record, line: lineNo };
  }
}
