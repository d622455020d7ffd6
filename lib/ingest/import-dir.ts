// `venuescope import <dir>`: every file under a directory, whatever else the directory holds (issue #19,
// class 7). Capture files written by `ingest --record` (*.json) are replayed per venue and kind, markets first;
// venue archive files (*.zip, *.gz, *.csv) go through the archive import. One bad entry — a symbolic-link loop,
// a FIFO or device, a file of an unknown venue, a corrupt or unrecognised file — is skipped with a line saying
// why, and the rest imports. Entries are examined with lstat and nothing but regular files is ever opened (a
// FIFO would block the read forever). Memory stays bounded whatever the directory's size: a first pass reads
// each capture alone to learn its venue and kind and keeps only that; the replay then reads the files again
// one at a time, as the pipeline asks for the next body.
import "server-only";
import fs from "node:fs";
import path from "node:path";
import type { Db } from "../db";
import { connectorFor } from "../venues/registry";
import type { CaptureKind } from "../venues/types";
import { TERM_QUOTE_VENUES } from "../venues/dated-futures";
import { CaptureFile } from "./capture-files";
import { ingestBodies, type IngestBody, type IngestSummary } from "./ingest-bodies";
import { importArchive, type ArchiveImportResult } from "./import-archive";
import { storeTermBodies, type TermIngestSummary } from "./term-quotes-live";

export interface SkippedEntry {
  file: string;
  message: string;
}

export interface DirectoryImport {
  /** One ingest run per venue and kind of the capture files (term quotes included). */
  runs: (IngestSummary | TermIngestSummary)[];
  /** One result per archive file that could be opened. */
  archives: ArchiveImportResult[];
  /** Every entry not imported, with the reason. */
  invalid: SkippedEntry[];
}

const ARCHIVE_FILE = /\.(zip|gz|csv)$/i;

function kindOf(st: fs.Stats): string {
  if (st.isFIFO()) return "a FIFO (named pipe)";
  if (st.isSocket()) return "a socket";
  if (st.isCharacterDevice() || st.isBlockDevice()) return "a device";
  return "not a regular file";
}

/**
 * The regular files under `dir` in name order, found with lstat: directories are entered (never through a
 * symbolic link, so no loop can form), a symbolic link to a regular file is taken, every other entry is listed
 * in `skipped` with the reason.
 */
export function listImportFiles(dir: string): { files: { file: string; size: number }[]; skipped: SkippedEntry[] } {
  const files: { file: string; size: number }[] = [];
  const skipped: SkippedEntry[] = [];
  const pending = [dir];
  while (pending.length) {
    const d = pending.pop()!;
    let names: string[];
    try {
      names = fs.readdirSync(d);
    } catch (err) {
      skipped.push({ file: d, message: `cannot list the directory (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` });
      continue;
    }
    for (const name of names) {
      const file = path.join(d, name);
      let st: fs.Stats;
      try {
        st = fs.lstatSync(file);
      } catch (err) {
        skipped.push({ file, message: `cannot stat (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` });
        continue;
      }
      if (st.isDirectory()) pending.push(file);
      else if (st.isFile()) files.push({ file, size: st.size });
      else if (st.isSymbolicLink()) {
        let target: fs.Stats;
        try {
          target = fs.statSync(file);
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          skipped.push({ file, message: code === "ELOOP" ? "symbolic link loop: not followed" : `symbolic link to nothing (${code ?? (err as Error).message})` });
          continue;
        }
        if (target.isFile()) files.push({ file, size: target.size });
        else if (target.isDirectory()) skipped.push({ file, message: "symbolic link to a directory: not followed (give the directory itself)" });
        else skipped.push({ file, message: `symbolic link to ${kindOf(target)}: not opened` });
      } else skipped.push({ file, message: `${kindOf(st)}: not opened` });
    }
  }
  files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { files, skipped };
}

type Capture = IngestBody & { venue: string; kind: CaptureKind };

/** One capture file, checked: its size against the limit, then JSON and the capture schema. */
function readCapture(file: string, size: number, maxBytes: number): { capture: Capture } | { message: string } {
  if (size > maxBytes) return { message: `file is ${size} bytes, over the ${maxBytes}-byte import limit (IMPORT_MAX_BYTES)` };
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    return { message: `not JSON: ${(err as Error).message}` };
  }
  const parsed = CaptureFile.safeParse(raw);
  if (!parsed.success) return { message: `not a capture file: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}` };
  return { capture: parsed.data as Capture };
}

function knownVenue(slug: string): string | null {
  try {
    connectorFor(slug);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

export async function importDirectory(db: Db, dir: string, maxBytes: number): Promise<DirectoryImport> {
  const { files, skipped } = listImportFiles(dir);
  const invalid: SkippedEntry[] = [...skipped];
  // Pass 1: each capture file alone, keeping only where it goes.
  const groups = new Map<string, { venue: string; kind: CaptureKind; files: string[] }>();
  const archiveFiles: string[] = [];
  for (const { file, size } of files) {
    if (ARCHIVE_FILE.test(file)) {
      archiveFiles.push(file);
      continue;
    }
    if (!/\.json$/i.test(file)) {
      invalid.push({ file, message: "not a capture (.json) or archive (.zip, .gz, .csv) file" });
      continue;
    }
    const r = readCapture(file, size, maxBytes);
    if ("message" in r) {
      invalid.push({ file, message: r.message });
      continue;
    }
    const unknown = knownVenue(r.capture.venue);
    if (unknown) {
      invalid.push({ file, message: unknown });
      continue;
    }
    if (r.capture.kind === "term" && !(TERM_QUOTE_VENUES as string[]).includes(r.capture.venue)) {
      invalid.push({ file, message: `term quotes of ${r.capture.venue}: no term-quote parser for this venue` });
      continue;
    }
    const key = `${r.capture.venue}\u0000${r.capture.kind}`;
    const g = groups.get(key) ?? { venue: r.capture.venue, kind: r.capture.kind, files: [] };
    g.files.push(file);
    groups.set(key, g);
  }
  // Pass 2: one ingest run per venue and kind, markets first, each body read when the pipeline asks for it.
  const runs: DirectoryImport["runs"] = [];
  const order = (k: CaptureKind) => (k === "markets" ? 0 : 1);
  for (const g of [...groups.values()].sort((a, b) => order(a.kind) - order(b.kind) || a.venue.localeCompare(b.venue) || a.kind.localeCompare(b.kind))) {
    async function* bodies(): AsyncGenerator<IngestBody> {
      for (const file of g.files) {
        // Read again: the file may have changed since pass 1; a file that no longer reads is skipped.
        let size: number;
        try {
          const st = fs.lstatSync(file);
          if (!st.isFile() && !(st.isSymbolicLink() && fs.statSync(file).isFile())) throw new Error("no longer a regular file");
          size = fs.statSync(file).size;
        } catch (err) {
          invalid.push({ file, message: `changed during the import: ${(err as Error).message}` });
          continue;
        }
        const r = readCapture(file, size, maxBytes);
        if ("message" in r) invalid.push({ file, message: `changed during the import: ${r.message}` });
        else if (r.capture.venue !== g.venue || r.capture.kind !== g.kind) invalid.push({ file, message: "changed during the import: now another venue or kind" });
        else yield { body: r.capture.body, symbol: r.capture.symbol, receivedTs: r.capture.receivedTs, levelLimit: r.capture.levelLimit };
      }
    }
    if (g.kind === "term") runs.push(await storeTermBodies(db, g.venue, bodies(), { provenance: "recorded", mode: "replay", source: dir }));
    else runs.push(await ingestBodies(db, connectorFor(g.venue), g.kind, bodies(), { provenance: "recorded", mode: "replay", source: dir }));
  }
  // Archive files, one at a time (each streamed by the archive import).
  const archives: ArchiveImportResult[] = [];
  for (const file of archiveFiles) {
    try {
      archives.push(await importArchive(db, { file, mode: "import" }));
    } catch (err) {
      invalid.push({ file, message: (err as Error).message.replace(`${file}: `, "").replace(`${path.basename(file)}: `, "") });
    }
  }
  return { runs, archives, invalid };
}

/** One line per skipped entry for the CLI summary, relative to the directory imported. */
export function skippedLines(dir: string, invalid: SkippedEntry[]): string[] {
  return invalid.map((s) => `  skipped ${path.relative(dir, s.file) || s.file}: ${s.message}`);
}
