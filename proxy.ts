// Next 16 proxy (formerly middleware): a fresh CSP nonce per request. Next reads the policy from the request
// header and puts the nonce on its own scripts; the root layout puts it on the theme script. Authorisation is
// NOT done here: every mutating route handler checks the admin token itself (lib/api/auth.ts).
import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, newNonce } from "./lib/csp";

/** The headers next.config.mjs sets on every response, repeated for the answers the proxy gives itself. */
const SECURITY_HEADERS: Record<string, string> = { "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin", "X-Frame-Options": "DENY" };

/** True when every %-escape of the path decodes as UTF-8 (what Next does to a dynamic segment's value). */
export function pathDecodes(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce);
  // A malformed %-escape (a cut UTF-8 sequence such as %E0%A4%A, a lone %) in a dynamic segment makes Next's
  // param decoding throw after this proxy, answered with a plain-text 500 without the security headers (issue
  // #19, class 5): answer 400 here instead, as JSON, with every header.
  if (!pathDecodes(request.nextUrl.pathname)) {
    const res = NextResponse.json({ error: "malformed %-escape in the path" }, { status: 400 });
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.headers.set(k, v);
    res.headers.set("Content-Security-Policy", csp);
    return res;
  }
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", csp);
  const res = NextResponse.next({ request: { headers } });
  res.headers.set("Content-Security-Policy", csp);
  return res;
}

export const config = {
  // Pages and API routes; not the hashed static files, which carry no inline script.
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
