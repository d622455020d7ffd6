// A real, migrated database per test file: a SQLite file by default, or, when VENUESCOPE_TEST_PG_URL names a
// PostgreSQL server (`npm run test:pg`), a fresh database on that server, dropped again in cleanup. Each is a
// copy of a template migrated once per set of migrations with `prisma migrate deploy` (the command the app
// uses): a file copy on SQLite, CREATE DATABASE … TEMPLATE on PostgreSQL.
import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
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

/** sha256 of a provider's migrations (names and SQL): the key of its migrated template. */
function migrationsKey(provider: DbProvider): string {
  const dir = path.resolve(`prisma/${provider}/migrations`);
  const hash = createHash("sha256");
  for (const m of fs.readdirSync(dir).sort()) {
    const sql = path.join(dir, m, "migration.sql");
    if (fs.existsSync(sql)) hash.update(m).update(fs.readFileSync(sql));
  }
  return hash.digest("hex").slice(0, 16);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A migrated template database on the server (migrate deploy once per set of migrations), migrated under a
 * temporary name and renamed into place; a file's database is then CREATE DATABASE … TEMPLATE it.
 */
async function postgresTemplate(serverUrl: string): Promise<string> {
  const name = `venuescope_tmpl_${migrationsKey("postgresql")}`;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (exists.rowCount) return name;
  } finally {
    await client.end();
  }
  const partial = `${name}_${process.pid}_${randomBytes(3).toString("hex")}`;
  await onServer(serverUrl, `CREATE DATABASE "${partial}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${partial}`;
  migrate(url.toString());
  try {
    await onServer(serverUrl, `ALTER DATABASE "${partial}" RENAME TO "${name}"`);
  } catch {
    // another test file renamed its template first: use that one
    await onServer(serverUrl, `DROP DATABASE IF EXISTS "${partial}" WITH (FORCE)`);
  }
  return name;
}

async function tempPostgresDb(serverUrl: string): Promise<TempDb> {
  // Unique per test file and run, so parallel files and concurrent runs on one server never collide.
  const name = `venuescope_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const template = await postgresTemplate(serverUrl);
  // Copying a template fails while another session reads it (a concurrent copy): retry briefly.
  for (let attempt = 0; ; attempt++) {
    try {
      await onServer(serverUrl, `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
      break;
    } catch (err) {
      if (attempt >= 50 || !/being accessed by other users/.test((err as Error).message)) throw err;
      await sleep(100 + Math.random() * 200);
    }
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
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

/**
 * A migrated empty SQLite file to copy: `prisma migrate deploy` runs once per set of migrations (keyed by their
 * contents) instead of once per test file, about 1.3 s of child process each. Written under a temporary name and
 * renamed into place, so test files starting together never read a half-written template.
 */
function sqliteTemplate(): string {
  const template = path.join(os.tmpdir(), `venuescope-template-${migrationsKey("sqlite")}.db`);
  if (!fs.existsSync(template)) {
    const partial = `${template}.${process.pid}.${randomBytes(4).toString("hex")}`;
    migrate(`file:${partial}`);
    fs.renameSync(partial, template);
  }
  return template;
}

function tempSqliteDb(): TempDb {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "venuescope-it-"));
  const file = path.join(dir, "test.db");
  fs.copyFileSync(sqliteTemplate(), file);
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
