// The SQLite client: Prisma through the better-sqlite3 driver adapter, with immediate transactions and a
// busy timeout so that several processes (dashboard, ingest) can write one file.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "./generated/sqlite/client";

type Connected = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>> & { client?: { prepare(sql: string): unknown } };

/**
 * The better-sqlite3 adapter with every transaction started as BEGIN IMMEDIATE. The adapter issues a
 * deferred BEGIN; in WAL mode a deferred transaction that reads and then writes fails at once with
 * "database is locked" (SQLITE_BUSY_SNAPSHOT) when another process committed in between — the busy
 * timeout does not apply to that upgrade. IMMEDIATE takes the write lock at BEGIN, where the busy
 * timeout does wait, so the dashboard's cache writes and an ingest in another process queue instead of
 * failing. (Prisma 6.19's adapter has no option for this; it prepares "BEGIN" on its public client.)
 */
class ImmediateTransactionsAdapter extends PrismaBetterSQLite3 {
  override async connect() {
    const adapter = (await super.connect()) as Connected;
    const client = adapter.client;
    if (client && typeof client.prepare === "function") {
      const prepare = client.prepare.bind(client);
      client.prepare = (sql: string) => prepare(sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql);
    }
    return adapter;
  }
}

export function createSqliteDb(filePath: string): PrismaClient {
  // timeout = SQLite busy timeout (ms): a writer waits for another writer instead of failing with SQLITE_BUSY.
  const adapter = new ImmediateTransactionsAdapter({ url: filePath, timeout: 10_000 });
  return new PrismaClient({ adapter });
}
