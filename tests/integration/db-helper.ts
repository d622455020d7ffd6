// A real, migrated SQLite file per test file (prisma migrate deploy, the same command the app uses).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDb, type Db } from "../../lib/db";

export interface TempDb {
  db: Db;
  file: string;
  cleanup(): Promise<void>;
}

export function tempDb(): TempDb {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "venuescope-it-"));
  const file = path.join(dir, "test.db");
  execFileSync("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: `file:${file}` }, stdio: "pipe" });
  const db = createDb(file);
  return {
    db,
    file,
    async cleanup() {
      await db.$disconnect();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
