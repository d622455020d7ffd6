// Fault class 9 of issue #19 (unit part): the script policy never allows inline scripts without the nonce.
import fc from "fast-check";
import { expect, it } from "vitest";
import { contentSecurityPolicy, newNonce } from "./csp";

it("puts a fresh nonce in script-src and never 'unsafe-inline' for scripts", () => {
  const seen = new Set<string>();
  fc.assert(
    fc.property(fc.boolean(), (dev) => {
      const nonce = newNonce();
      expect(seen.has(nonce)).toBe(false);
      seen.add(nonce);
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      const scriptSrc = contentSecurityPolicy(nonce, dev).split("; ").find((d) => d.startsWith("script-src"))!;
      expect(scriptSrc).toContain(`'nonce-${nonce}'`);
      expect(scriptSrc).not.toContain("unsafe-inline");
    }),
    { numRuns: 500 },
  );
  expect(contentSecurityPolicy("n", false)).toContain("frame-ancestors 'none'");
});
