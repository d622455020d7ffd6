// Security headers on pages, API routes and downloads of the production server: the Content-Security-Policy
// (with frame-ancestors 'none', so no other site can frame the app), X-Frame-Options for older browsers,
// nosniff and no X-Powered-By.
import { describe, expect, inject, it } from "vitest";

const baseUrl = inject("baseUrl");

const PATHS = ["/", "/venues/binance-usdm", "/compare", "/admin", "/methodology", "/api/coverage", "/api/scorecard", "/does-not-exist"];

/** The CSP as a map directive → sources. */
function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name.toLowerCase(), sources]),
  );
}

describe("security headers", () => {
  it.each(PATHS)("%s carries the CSP with frame-ancestors 'none', X-Frame-Options DENY and nosniff", async (path) => {
    const res = await fetch(`${baseUrl}${path}`, { redirect: "manual" });
    const csp = res.headers.get("content-security-policy");
    expect(csp, `${path}: no Content-Security-Policy`).not.toBeNull();
    const d = directives(csp!);
    expect(d.get("frame-ancestors")).toEqual(["'none'"]);
    expect(d.get("default-src")).toEqual(["'self'"]);
    expect(d.get("connect-src")).toEqual(["'self'"]);
    // No remote script origins; 'unsafe-eval' would defeat the policy.
    expect(d.get("script-src")).not.toContain("'unsafe-eval'");
    expect(d.get("script-src")).not.toContain("'unsafe-inline'");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("same-origin");
    expect(res.headers.get("x-powered-by")).toBeNull();
  });
});
