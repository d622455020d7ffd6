// Mutating endpoints: when ADMIN_TOKEN is configured, a request must carry `Authorization: Bearer <token>`.
import { timingSafeEqual } from "node:crypto";
import { env } from "../env";
import { HttpError } from "./handler";

export function requireAdmin(req: Request): void {
  const token = env().ADMIN_TOKEN;
  if (!token) return;
  const header = req.headers.get("authorization") ?? "";
  const given = header.startsWith("Bearer ") ? header.slice(7) : "";
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  // Constant-time comparison so the token cannot be guessed byte by byte from response times.
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw new HttpError(401, "this action needs the admin token (Authorization: Bearer <ADMIN_TOKEN>)");
}
