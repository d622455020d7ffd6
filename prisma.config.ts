// Prisma CLI configuration: the bundled WebAssembly schema engine through a driver adapter, so
// `prisma migrate deploy` and `prisma generate` run offline (see README, "Database"). DATABASE_URL picks
// the database: file: (default) -> SQLite through better-sqlite3; postgresql:// -> PostgreSQL through pg.
// Each provider has its own generated schema and migrations folder under prisma/<provider>/.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { env, sqliteFilePath } from "./lib/env-core";
import { providerOf } from "./lib/db-provider";
import { pgCliAdapter } from "./prisma/pg-cli-adapter";
import { unrefSchemaEngineTimers } from "./prisma/schema-engine-timers";

unrefSchemaEngineTimers();
const url = env().DATABASE_URL;
const provider = providerOf(url);

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", provider, "schema.prisma"),
  migrations: { path: path.join("prisma", provider, "migrations") },
  adapter: async () => (provider === "sqlite" ? new PrismaBetterSQLite3({ url: sqliteFilePath(url) }) : pgCliAdapter(url)),
});
