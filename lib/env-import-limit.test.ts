// Fault class 7 (configuration part) of issue #19: a size limit that is not a whole positive number is a
// start-up error naming the variable, never "no limit".
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";

async function freshEnv(vars: Record<string, string | undefined>) {
  vi.resetModules();
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  return (await import("./env-core")).env;
}

afterEach(() => {
  delete process.env.IMPORT_MAX_BYTES;
});

describe("IMPORT_MAX_BYTES", () => {
  it("takes a whole number of bytes", async () => {
    expect((await freshEnv({ IMPORT_MAX_BYTES: "52428800" }))().IMPORT_MAX_BYTES).toBe(52428800);
    expect((await freshEnv({ IMPORT_MAX_BYTES: undefined }))().IMPORT_MAX_BYTES).toBeUndefined();
  });

  it("refuses any generated value that is not a whole positive number", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.constantFrom("50MB", "1e6", "-5", "0", "NaN", "Infinity", "0x10", "1.5", " ", "")), async (raw) => {
        fc.pre(!/^\s*\d+\s*$/.test(raw) || /^\s*0+\s*$/.test(raw));
        const env = await freshEnv({ IMPORT_MAX_BYTES: raw });
        expect(() => env()).toThrow(/Invalid environment configuration:\n {2}IMPORT_MAX_BYTES: /);
      }),
      { numRuns: 200 },
    );
  });
});
