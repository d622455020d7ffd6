// Browser sign-in for installations with ADMIN_TOKEN: POST {token} (application/json, same site) sets an
// httpOnly SameSite=Strict cookie holding a random session id; DELETE revokes that session and clears the
// cookie; GET says whether a token is required and whether this browser holds a live session.
import { NextResponse } from "next/server";
import { z } from "zod";
import { errorResponse, HttpError } from "@/lib/api/handler";
import { limitedJson } from "@/lib/api/body";
import { ADMIN_COOKIE, adminRequired, cookieValue, createSession, isAdmin, revokeSession, sameSite, SESSION_TTL_MS, tokenMatches } from "@/lib/api/auth";

export const dynamic = "force-dynamic";

export function GET(req: Request) {
  return NextResponse.json({ required: adminRequired(), signedIn: adminRequired() ? isAdmin(req) : true });
}

export async function POST(req: Request) {
  try {
    if (!sameSite(req)) throw new HttpError(403, "sign in from this site's /admin page");
    const body = z.object({ token: z.string().min(1, "enter the admin token") }).parse(await limitedJson(req));
    if (!adminRequired()) return NextResponse.json({ required: false, signedIn: true });
    if (!tokenMatches(body.token)) throw new HttpError(401, "wrong admin token");
    const res = NextResponse.json({ required: true, signedIn: true });
    res.cookies.set(ADMIN_COOKIE, createSession(), { httpOnly: true, sameSite: "strict", path: "/", secure: new URL(req.url).protocol === "https:", maxAge: SESSION_TTL_MS / 1000 });
    return res;
  } catch (err) {
    return errorResponse(err);
  }
}

export function DELETE(req: Request) {
  const id = cookieValue(req, ADMIN_COOKIE);
  if (id) revokeSession(id);
  const res = NextResponse.json({ signedIn: false });
  res.cookies.delete(ADMIN_COOKIE);
  return res;
}
