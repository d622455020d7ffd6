// Which database a DATABASE_URL names. SQLite (`file:`) is the default; a `postgres://` or
// `postgresql://` URL selects PostgreSQL. Used by lib/db.ts, prisma.config.ts and the tests, so the app,
// the Prisma CLI and the test helpers always agree. No imports: safe in the Prisma config.

export const DB_PROVIDERS = ["sqlite", "postgresql"] as const;
export type DbProvider = (typeof DB_PROVIDERS)[number];

export const DATABASE_URL_PATTERN = /^(file:|postgres(ql)?:\/\/)/;

export function providerOf(url: string): DbProvider {
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  if (url.startsWith("file:")) return "sqlite";
  throw new Error(`DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL), got ${url.split(":")[0]}:…`);
}
