// The migrations of the database under test build exactly the schema generated from prisma/models.prisma:
// on a freshly migrated database `prisma db push` finds nothing to change. Runs on SQLite, and on
// PostgreSQL under `npm run test:pg`.
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDb, testPgUrl, type TempDb } from "./db-helper";

let t: TempDb;

beforeAll(async () => {
  t = await tempDb();
});
afterAll(async () => t.cleanup());

describe("migrations", () => {
  it("run on the database the suite was asked for", () => {
    expect(t.provider).toBe(testPgUrl() ? "postgresql" : "sqlite");
  });

  it("build the generated schema exactly", () => {
    const out = execFileSync("npx", ["prisma", "db", "push", "--skip-generate"], { env: { ...process.env, DATABASE_URL: t.url }, stdio: "pipe" }).toString();
    expect(out, `${t.provider}: ${out}`).toContain("already in sync");
  });
});
