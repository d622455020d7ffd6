// The one Prisma client (a singleton, reused across Next.js hot reloads and CLI commands).
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "./generated/prisma/client";
import { sqliteFilePath } from "./env-core";

export type Db = PrismaClient;

const globalForDb = globalThis as unknown as { venuescopeDb?: PrismaClient };

export function createDb(filePath = sqliteFilePath()): PrismaClient {
  // timeout = SQLite busy timeout (ms): a reader waits for a writer instead of failing with SQLITE_BUSY.
  const adapter = new PrismaBetterSQLite3({ url: filePath, timeout: 10_000 });
  return new PrismaClient({ adapter });
}

export function db(): PrismaClient {
  if (!globalForDb.venuescopeDb) globalForDb.venuescopeDb = createDb();
  return globalForDb.venuescopeDb;
}
