// Next 16 proxy (formerly middleware): a fresh CSP nonce per request. Next reads the policy from the request
// header and puts the nonce on its own scripts; the root layout puts it on the theme script. Authorisation is
// NOT done here: every mutating route handler checks the admin token itself (lib/api/auth.ts).
import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, newNonce } from "./lib/csp";

export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce);
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
