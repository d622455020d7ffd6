// Run the venuescope CLI as a child process on a test database: exit code, stdout and stderr, never a throw.
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(databaseUrl: string, ...args: string[]): Promise<CliResult> {
  try {
    const r = await run(process.execPath, ["--import", "tsx", "bin/venuescope.ts", ...args], { env: { ...process.env, DATABASE_URL: databaseUrl }, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
