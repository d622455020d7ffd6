// The one Prisma client (a singleton, reused across Next.js hot reloads and CLI commands). DATABASE_URL
// picks the database: file: (the default) -> SQLite, postgres:// or postgresql:// -> PostgreSQL.
import "server-only";
import { DATABASE_URL_PATTERN, providerOf } from "./db-provider";
import { env, sqliteFilePath } from "./env-core";
import { createPostgresDb } from "./db-postgresql";
import { createSqliteDb, sqliteConnectionOf as sqliteConnectionOfClient } from "./db-sqlite";
// A type-only alias: tsconfig.json maps it to the SQLite client, tsconfig.postgresql.json to the
// PostgreSQL one, and `npm run typecheck` compiles the code against each (same models, generated from
// prisma/models.prisma). TypeScript cannot relate the two generated declarations to each other directly.
import type { PrismaClient } from "@venuescope/prisma-client";

export type Db = PrismaClient;

const globalForDb = globalThis as unknown as { venuescopeDb?: Db };

/** A client for a DATABASE_URL (default: the configured one) or, as the tests and benchmarks pass, a SQLite file path. */
export function createDb(urlOrFile: string = env().DATABASE_URL): Db {
  const url = DATABASE_URL_PATTERN.test(urlOrFile) ? urlOrFile : `file:${urlOrFile}`;
  if (providerOf(url) === "postgresql") return createPostgresDb(url) as unknown as Db;
  return createSqliteDb(sqliteFilePath(url)) as unknown as Db;
}

export function db(): Db {
  if (!globalForDb.venuescopeDb) globalForDb.venuescopeDb = createDb();
  return globalForDb.venuescopeDb;
}

/** The better-sqlite3 connection under a SQLite client (null on PostgreSQL); see lib/db-sqlite.ts. */
export function sqliteConnectionOf(client: Db) {
  return sqliteConnectionOfClient(client);
}
