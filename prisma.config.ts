// Prisma CLI configuration: the bundled WebAssembly schema engine through the better-sqlite3 driver
// adapter, so `prisma migrate deploy` and `prisma generate` run offline (see README, "Database").
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { sqliteFilePath } from "./lib/env-core";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  adapter: async () => new PrismaBetterSQLite3({ url: sqliteFilePath() }),
});
