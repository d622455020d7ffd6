// Server-side access to the validated configuration.
export { env, exposureSummary, isLoopbackHost, projectRoot, sqliteFilePath } from "./env-core";
export type { Env } from "./env-core";
