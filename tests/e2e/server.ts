// Start and stop a production Next.js server on a fresh SQLite database for tests.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import net from "node:net";

export interface TestServer {
  baseUrl: string;
  dbFile: string;
  dir: string;
  env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

/** Apply migrations with the real Prisma CLI and run the project's CLI on a database file. */
export function prepareDatabase(dbFile: string, extraEnv: Record<string, string> = {}, bootstrap = true): NodeJS.ProcessEnv {
  const env = { ...process.env, DATABASE_URL: `file:${dbFile}`, ...extraEnv };
  execFileSync("npx", ["prisma", "migrate", "deploy"], { env, stdio: "pipe" });
  if (bootstrap) execFileSync("npx", ["tsx", "bin/venuescope.ts", "bootstrap"], { env, stdio: "pipe" });
  return env;
}

export async function startServer(opts: { bootstrap?: boolean; env?: Record<string, string> } = {}): Promise<TestServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "venuescope-e2e-"));
  const dbFile = path.join(dir, "e2e.db");
  const env = prepareDatabase(dbFile, opts.env, opts.bootstrap ?? true);
  const port = await freePort();
  const nextBin = path.resolve("node_modules/next/dist/bin/next");
  // detached: the server gets its own process group, so stopping it leaves no orphaned next-server.
  const child: ChildProcess = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const res = await fetch(`${baseUrl}/api/coverage`);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      try { process.kill(-child.pid!, "SIGKILL"); } catch { /* gone */ }
      throw new Error(`next start did not come up on ${baseUrl}:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    baseUrl,
    dbFile,
    dir,
    env,
    async stop() {
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        return;
      }
      await new Promise((r) => setTimeout(r, 300));
      try { process.kill(-child.pid!, "SIGKILL"); } catch { /* already stopped */ }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
