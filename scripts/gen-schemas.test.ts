// The committed per-provider schemas are exactly what scripts/gen-schemas.ts renders from
// prisma/models.prisma, and each provider's migrations keep in step (a change needs a migration for both).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DB_PROVIDERS } from "../lib/db-provider";
import { renderSchema, schemaFile } from "./gen-schemas";

const migrations = (provider: string) =>
  fs
    .readdirSync(path.resolve("prisma", provider, "migrations"), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();

describe("generated Prisma schemas", () => {
  it.each(DB_PROVIDERS)("prisma/%s/schema.prisma matches prisma/models.prisma (run `npm run db:schemas`)", (provider) => {
    expect(fs.readFileSync(schemaFile(provider), "utf8")).toBe(renderSchema(provider));
  });

  it("every provider has migrations up to the same point in time", () => {
    // Migration folders start with a UTC timestamp; a schema change adds one per provider with the same
    // timestamp (README, "Database"). The first PostgreSQL migration covers all earlier SQLite ones.
    const latest = DB_PROVIDERS.map((p) => migrations(p).at(-1)?.slice(0, 14));
    expect(new Set(latest).size, `latest migrations: ${DB_PROVIDERS.map((p, i) => `${p} ${latest[i]}`).join(", ")}`).toBe(1);
    for (const p of DB_PROVIDERS) expect(fs.readFileSync(path.resolve("prisma", p, "migrations", "migration_lock.toml"), "utf8")).toContain(`provider = "${p}"`);
  });
});
