// The SQLite client: Prisma through the better-sqlite3 driver adapter, with immediate transactions and a
// busy timeout so that several processes (dashboard, ingest) can write one file.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type BetterSqlite3 from "better-sqlite3";
import { PrismaClient } from "./generated/sqlite/client";
import { processWide } from "./process-wide";

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
  /** The connection Prisma runs every query and transaction of this client on, once connected. */
  connection: BetterSqlite3.Database | null = null;
  override async connect() {
    const adapter = (await super.connect()) as Connected;
    const client = adapter.client;
    if (client && typeof client.prepare === "function") {
      const prepare = client.prepare.bind(client);
      client.prepare = (sql: string) => prepare(sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql);
      this.connection = client as unknown as BetterSqlite3.Database;
    }
    return adapter;
  }
}

const adapters = processWide("sqlite-adapters", () => new WeakMap<object, ImmediateTransactionsAdapter>());

export function createSqliteDb(filePath: string): PrismaClient {
  // timeout = SQLite busy timeout (ms): a writer waits for another writer instead of failing with SQLITE_BUSY.
  const adapter = new ImmediateTransactionsAdapter({ url: filePath, timeout: 10_000 });
  const client = new PrismaClient({ adapter });
  adapters.set(client, adapter);
  return client;
}

/**
 * The better-sqlite3 connection under a client made by createSqliteDb (null for any other client, or before
 * its first query). The adapter holds one connection, so a statement run on it from inside one of the client's
 * interactive transactions runs in that transaction: bulk writers use it for prepared statements, which cost
 * a few microseconds a row where a raw query through Prisma costs its query compilation and the base64 round
 * trip of every Bytes value. Callers check `inTransaction` before relying on that.
 */
export function sqliteConnectionOf(client: object): BetterSqlite3.Database | null {
  return adapters.get(client)?.connection ?? null;
}
