// Server-side access to the validated configuration.
export { env, projectRoot, sqliteFilePath } from "./env-core";
export type { Env } from "./env-core";
