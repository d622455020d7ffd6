// The PostgreSQL client: Prisma through the pg driver adapter, for teams sharing one database server.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/postgresql/client";

/**
 * A pool per process. 10 connections cover the dashboard's parallel queries per request; idle ones close
 * after 30 s, and an idle pool does not keep a CLI process alive. Connecting gives up after 10 s instead
 * of waiting forever on an unreachable server. application_name shows who is connected on a shared server.
 */
export function createPostgresDb(connectionString: string): PrismaClient {
  const adapter = new PrismaPg({
    connectionString,
    max: 10,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 10_000,
    allowExitOnIdle: true,
    application_name: "venuescope",
  });
  return new PrismaClient({ adapter });
}
