// The harness the archive backfill tests share: one local archive server (archive-server.ts) and one migrated
// database per test file, a fresh cache directory on demand, and the server's state reset after each test.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll } from "vitest";
import { tempDb, type TempDb } from "./db-helper";
import { startArchiveServer, type ArchiveServer } from "./archive-server";
import { resetRateLimits } from "../../lib/venues/rate-limit";

export interface ArchiveHarness {
  readonly server: ArchiveServer;
  readonly t: TempDb;
  /** A new empty directory, removed after the file's tests. */
  tmp(): string;
}

export function useArchiveHarness(prefix: string): ArchiveHarness {
  let server: ArchiveServer | null = null;
  let t: TempDb | null = null;
  const dirs: string[] = [];
  beforeAll(async () => {
    server = await startArchiveServer();
    t = await tempDb();
  }, 120_000);
  afterEach(() => {
    if (!server) return;
    server.requests.length = 0;
    server.files.clear();
    server.faults.clear();
    server.tardisKey = null;
    server.s3AccessKeyId = null;
    resetRateLimits();
  });
  afterAll(async () => {
    await server?.close();
    await t?.cleanup();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });
  return {
    get server() {
      return server!;
    },
    get t() {
      return t!;
    },
    tmp() {
      const d = fs.mkdtempSync(path.join(os.tmpdir(), `venuescope-${prefix}-`));
      dirs.push(d);
      return d;
    },
  };
}
