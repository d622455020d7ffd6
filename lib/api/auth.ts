// Mutating endpoints: when ADMIN_TOKEN is configured, a request must carry the token, either as
// `Authorization: Bearer <token>` (CLI, scripts) or as the httpOnly, SameSite=Strict session cookie that
// /admin sets for browser use. Without ADMIN_TOKEN the installation is single-user and open.
import { timingSafeEqual } from "node:crypto";
import { env } from "../env";
import { HttpError } from "./handler";

export const ADMIN_COOKIE = "venuescope_admin";

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

function cookieValue(req: Request, name: string): string {
  const header = req.headers.get("cookie") ?? "";
  for (const part of header.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return "";
}

export function isAdmin(req: Request): boolean {
  if (!adminRequired()) return true;
  const header = req.headers.get("authorization") ?? "";
  if (header.startsWith("Bearer ") && tokenMatches(header.slice(7))) return true;
  const cookie = cookieValue(req, ADMIN_COOKIE);
  return cookie !== "" && tokenMatches(cookie);
}

export function requireAdmin(req: Request): void {
  if (!isAdmin(req)) throw new HttpError(401, "this action needs the admin token: sign in at /admin, or send Authorization: Bearer <ADMIN_TOKEN>");
}
