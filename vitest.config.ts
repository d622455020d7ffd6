import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  // Server modules say import "server-only"; tests are server code, so the marker resolves to its empty module
  // (as under Next.js's "react-server" condition) instead of throwing.
  resolve: { alias: { "@": path.resolve(import.meta.dirname), "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js") } },
  test: {
    include: ["lib/**/*.test.ts", "tests/*.test.ts", "tests/integration/**/*.test.ts", "bin/**/*.test.ts", "scripts/**/*.test.ts", "components/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
