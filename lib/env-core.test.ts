// The admin token's minimum length: a short token is a configuration error, not a weak lock.
import { afterEach, describe, expect, it, vi } from "vitest";

const saved = process.env.ADMIN_TOKEN;
afterEach(() => {
  if (saved === undefined) delete process.env.ADMIN_TOKEN;
  else process.env.ADMIN_TOKEN = saved;
  vi.resetModules();
});

/** env() caches its result per module instance: load a fresh one for each configuration. */
async function envWith(token: string | undefined) {
  if (token === undefined) delete process.env.ADMIN_TOKEN;
  else process.env.ADMIN_TOKEN = token;
  vi.resetModules();
  const { env } = await import("./env-core");
  return env;
}

describe("ADMIN_TOKEN", () => {
  it("refuses a token of 15 characters, naming the variable", async () => {
    const env = await envWith("a".repeat(15));
    expect(() => env()).toThrow(/Invalid environment configuration:\n\s+ADMIN_TOKEN: /);
  });

  it("refuses an empty token rather than treating it as no token", async () => {
    const env = await envWith("");
    expect(() => env()).toThrow(/ADMIN_TOKEN/);
  });

  it("accepts 16 characters, and no token at all (single-user mode)", async () => {
    expect((await envWith("b".repeat(16)))().ADMIN_TOKEN).toBe("b".repeat(16));
    expect((await envWith(undefined))().ADMIN_TOKEN).toBeUndefined();
  });
});
