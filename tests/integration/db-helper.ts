// A real, migrated database per test file (prisma migrate deploy, the same command the app uses): a
// SQLite file by default, or, when VENUESCOPE_TEST_PG_URL names a PostgreSQL server (`npm run test:pg`),
// a fresh database on that server, dropped again in cleanup.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createDb, type Db } from "../../lib/db";
import type { DbProvider } from "../../lib/db-provider";

export interface TempDb {
  db: Db;
  provider: DbProvider;
  /** DATABASE_URL for child processes (CLI runs) that should use this database. */
  url: string;
  /** The SQLite file; null on PostgreSQL. */
  file: string | null;
  cleanup(): Promise<void>;
}

/** The PostgreSQL server the tests run against, or null for SQLite. */
export const testPgUrl = (): string | null => process.env.VENUESCOPE_TEST_PG_URL || null;

function migrate(url: string): void {
  execFileSync("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url }, stdio: "pipe" });
}

/** Run one statement on the server's maintenance database (CREATE/DROP DATABASE cannot run inside the app's). */
async function onServer(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function tempPostgresDb(serverUrl: string): Promise<TempDb> {
  // Unique per test file and run, so parallel files and concurrent runs on one server never collide.
  const name = `venuescope_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  await onServer(serverUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  migrate(url.toString());
  const db = createDb(url.toString());
  return {
    db,
    provider: "postgresql",
    url: url.toString(),
    file: null,
    async cleanup() {
      await db.$disconnect();
      // FORCE: a killed child process (kill-midway) may leave a session the server has not reaped yet.
      await onServer(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

function tempSqliteDb(): TempDb {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "venuescope-it-"));
  const file = path.join(dir, "test.db");
  migrate(`file:${file}`);
  const db = createDb(file);
  return {
    db,
    provider: "sqlite",
    url: `file:${file}`,
    file,
    async cleanup() {
      await db.$disconnect();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function tempDb(): Promise<TempDb> {
  const serverUrl = testPgUrl();
  return serverUrl ? tempPostgresDb(serverUrl) : tempSqliteDb();
}
