// Mutating endpoints: when ADMIN_TOKEN is configured, a request must carry the token as
// `Authorization: Bearer <token>` (CLI, scripts) or the httpOnly, SameSite=Strict session cookie that /admin
// sets for browser use. The cookie holds a random session id, never the token; the id lives in this
// process's memory with a 12-hour expiry, so sign-out (or a restart) revokes it. A cookie-authenticated
// request must also come from this site (Origin / Sec-Fetch-Site), so another page cannot ride the cookie.
// Without ADMIN_TOKEN the installation is single-user and open — which is why `npm start` binds to
// 127.0.0.1 unless VENUESCOPE_HOST says otherwise (README, "Security").
import { randomBytes, timingSafeEqual } from "node:crypto";
import { env, isLoopbackHost } from "../env";
import { HttpError } from "./handler";
import { processWide } from "../process-wide";

export const ADMIN_COOKIE = "venuescope_admin";
export const SESSION_TTL_MS = 12 * 3600 * 1000;
const MAX_SESSIONS = 1000;

const sessions = processWide("admin-sessions", () => new Map<string, number>()); // session id -> expiry (epoch ms)

export function adminRequired(): boolean {
  return Boolean(env().ADMIN_TOKEN);
}

/** Constant-time comparison so the token cannot be guessed byte by byte from response times. */
export function tokenMatches(given: string): boolean {
  const token = env().ADMIN_TOKEN;
  if (!token) return true;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A new random session id (256 bits), remembered until it expires or is revoked. */
export function createSession(nowMs = Date.now()): string {
  for (const [id, exp] of sessions) if (exp <= nowMs) sessions.delete(id);
  if (sessions.size >= MAX_SESSIONS) sessions.delete(sessions.keys().next().value as string);
  const id = randomBytes(32).toString("base64url");
  sessions.set(id, nowMs + SESSION_TTL_MS);
  return id;
}

export function revokeSession(id: string): void {
  sessions.delete(id);
}

export function sessionValid(id: string, nowMs = Date.now()): boolean {
  const exp = sessions.get(id);
  if (exp === undefined) return false;
  if (exp <= nowMs) {
    sessions.delete(id);
    return false;
  }
  return true;
}

/** A cookie's value; a malformed %-escape makes it absent (never an exception, so never a 500). */
export function cookieValue(req: Request, name: string): string {
  const header = req.headers.get("cookie") ?? "";
  for (const part of header.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k !== name) continue;
    try {
      return decodeURIComponent(v.join("="));
    } catch {
      return "";
    }
  }
  return "";
}

/**
 * True when the browser says the request comes from this site: Sec-Fetch-Site same-origin (or none: typed
 * URL), else an Origin whose host is the request's Host. A request with neither header is not a browser's
 * cross-site request (browsers send Origin on every cross-site POST), so it passes.
 */
export function sameSite(req: Request): boolean {
  const site = req.headers.get("sec-fetch-site");
  if (site !== null) return site === "same-origin" || site === "none";
  const origin = req.headers.get("origin");
  if (origin === null) return true;
  if (origin === "null") return false;
  try {
    const host = req.headers.get("host") ?? new URL(req.url).host;
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export function isAdmin(req: Request): boolean {
  if (!adminRequired()) return true;
  const header = req.headers.get("authorization") ?? "";
  if (header.startsWith("Bearer ") && tokenMatches(header.slice(7))) return true;
  const cookie = cookieValue(req, ADMIN_COOKIE);
  return cookie !== "" && sessionValid(cookie) && sameSite(req);
}

/** Without ADMIN_TOKEN, an installation bound to a non-loopback VENUESCOPE_HOST is read-only. */
export function exposedWithoutToken(): boolean {
  return !adminRequired() && !isLoopbackHost(env().VENUESCOPE_HOST);
}

export function requireAdmin(req: Request): void {
  if (exposedWithoutToken()) throw new HttpError(403, "this server is reachable from the network without ADMIN_TOKEN, so it is read-only: set ADMIN_TOKEN to allow changes");
  if (!isAdmin(req)) throw new HttpError(401, "this action needs the admin token: sign in at /admin, or send Authorization: Bearer <ADMIN_TOKEN>");
}
