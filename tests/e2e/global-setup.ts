import type { TestProject } from "vitest/node";
import { startServer, type TestServer } from "./server";

let server: TestServer | undefined;

export async function setup(project: TestProject) {
  server = await startServer();
  project.provide("baseUrl", server.baseUrl);
  project.provide("dbFile", server.dbFile);
}

export async function teardown() {
  await server?.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    dbFile: string;
  }
}
