// End-to-end and API tests: a production build served by `next start` on a temporary SQLite file,
// driven over HTTP and in Debian's headless Chromium (playwright-core).
import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  // Server modules say import "server-only"; tests are server code, so the marker resolves to its empty module
  // (as under Next.js's "react-server" condition) instead of throwing.
  resolve: { alias: { "@": path.resolve(import.meta.dirname), "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js") } },
  test: {
    include: ["tests/e2e/**/*.e2e.ts"],
    globalSetup: ["tests/e2e/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    pool: "forks",
  },
});
