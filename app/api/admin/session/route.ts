// Browser sign-in for installations with ADMIN_TOKEN: POST {token} sets an httpOnly SameSite=Strict
// cookie; DELETE clears it; GET says whether a token is required and whether this browser holds it.
import { NextResponse } from "next/server";
import { z } from "zod";
import { errorResponse, HttpError } from "@/lib/api/handler";
import { ADMIN_COOKIE, adminRequired, isAdmin, tokenMatches } from "@/lib/api/auth";

export const dynamic = "force-dynamic";

export function GET(req: Request) {
  return NextResponse.json({ required: adminRequired(), signedIn: adminRequired() ? isAdmin(req) : true });
}

export async function POST(req: Request) {
  try {
    const body = z.object({ token: z.string().min(1, "enter the admin token") }).parse(await req.json().catch(() => ({})));
    if (!adminRequired()) return NextResponse.json({ required: false, signedIn: true });
    if (!tokenMatches(body.token)) throw new HttpError(401, "wrong admin token");
    const res = NextResponse.json({ required: true, signedIn: true });
    res.cookies.set(ADMIN_COOKIE, body.token, { httpOnly: true, sameSite: "strict", path: "/", secure: new URL(req.url).protocol === "https:", maxAge: 12 * 3600 });
    return res;
  } catch (err) {
    return errorResponse(err);
  }
}

export function DELETE() {
  const res = NextResponse.json({ signedIn: false });
  res.cookies.delete(ADMIN_COOKIE);
  return res;
}
