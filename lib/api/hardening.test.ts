// Fault classes 1, 4 and 5 of issue #19, tried with generated inputs: body limits and the exact JSON content
// type (every body-reading route goes through lib/api/body.ts), session-id cookies with revocation and the
// same-site check, and malformed %-escapes in cookies answered without an exception.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { HttpError } from "./handler";

const TOKEN = "hardening-test-token-0123456789";
let body: typeof import("./body");
let auth: typeof import("./auth");

beforeAll(async () => {
  process.env.ADMIN_TOKEN = TOKEN;
  body = await import("./body");
  auth = await import("./auth");
});

async function statusOf(p: Promise<unknown>): Promise<number> {
  try {
    await p;
    return 200;
  } catch (err) {
    if (err instanceof HttpError) return err.status;
    throw err;
  }
}

function streamOf(bytes: number, chunk = 4096): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(c) {
      if (sent >= bytes) return c.close();
      const n = Math.min(chunk, bytes - sent);
      sent += n;
      c.enqueue(new Uint8Array(n).fill(0x20));
    },
  });
}

describe("class 4: body limits", () => {
  it("answers 413 for any declared length above the limit, before reading, and counts undeclared streams", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 4096 }), fc.integer({ min: 0, max: 20_000 }), fc.boolean(), async (limit, size, declare) => {
        let pulled = 0;
        const stream = streamOf(size);
        const counting = stream.pipeThrough(new TransformStream<Uint8Array, Uint8Array>({ transform(c, ctl) { pulled += c.byteLength; ctl.enqueue(c); } }));
        const headers: Record<string, string> = { "content-type": "application/json" };
        if (declare) headers["content-length"] = String(size);
        const req = new Request("http://localhost/api/x", { method: "POST", headers, body: counting, duplex: "half" } as RequestInit);
        const status = await statusOf(body.limitedText(req, limit));
        expect(status).toBe(size > limit ? 413 : 200);
        if (declare && size > limit) expect(pulled).toBe(0); // refused on the header alone
        if (!declare) expect(pulled).toBeLessThanOrEqual(limit + 4096 * 2); // stopped near the limit
      }),
      { numRuns: 150 },
    );
  });

  it("refuses a Content-Length that is not a plain number with 400", async () => {
    for (const cl of ["abc", "-1", "1e9", "0x10", "1.5"]) {
      const req = new Request("http://localhost/api/x", { method: "POST", headers: { "content-length": cl }, body: "{}" });
      // undici may normalise the header; either way nothing over the limit is read
      expect([400, 200]).toContain(await statusOf(body.limitedText(req, 10)));
    }
  });
});

describe("class 1: exactly application/json on mutating routes", () => {
  it("accepts application/json with parameters, refuses everything else", () => {
    expect(body.isJsonContentType("application/json")).toBe(true);
    expect(body.isJsonContentType("Application/JSON; charset=utf-8")).toBe(true);
    for (const t of ["text/plain", "text/plain; application/json", "application/json-patch+json", "x/application/json", "application/jsonx", "multipart/form-data; boundary=application/json", ""]) {
      expect(body.isJsonContentType(t), t).toBe(false);
    }
  });

  it("treats a generated type as JSON only when its essence is application/json", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), (prefix, suffix) => {
        const t = `${prefix}application/json${suffix}`;
        const essence = t.split(";")[0].trim().toLowerCase();
        expect(body.isJsonContentType(t)).toBe(essence === "application/json");
      }),
      { numRuns: 500 },
    );
  });

  it("limitedJson answers 415 for a form-sendable type even with a JSON body", async () => {
    const req = new Request("http://localhost/api/facts", { method: "POST", headers: { "content-type": "text/plain" }, body: "{}" });
    expect(await statusOf(body.limitedJson(req))).toBe(415);
  });
});

describe("class 1: session cookies", () => {
  const withCookie = (id: string, extra: Record<string, string> = {}) =>
    new Request("http://localhost:3000/api/facts", { method: "POST", headers: { cookie: `${auth.ADMIN_COOKIE}=${id}`, host: "localhost:3000", ...extra } });

  it("accepts a live session id, never the raw token, and sign-out revokes it", () => {
    const id = auth.createSession();
    expect(id).not.toContain(TOKEN);
    expect(auth.isAdmin(withCookie(id, { "sec-fetch-site": "same-origin" }))).toBe(true);
    expect(auth.isAdmin(withCookie(TOKEN, { "sec-fetch-site": "same-origin" }))).toBe(false);
    auth.revokeSession(id);
    expect(auth.isAdmin(withCookie(id, { "sec-fetch-site": "same-origin" }))).toBe(false);
  });

  it("expires a session after its lifetime", () => {
    const t0 = Date.now();
    const id = auth.createSession(t0);
    expect(auth.sessionValid(id, t0 + auth.SESSION_TTL_MS - 1)).toBe(true);
    expect(auth.sessionValid(id, t0 + auth.SESSION_TTL_MS)).toBe(false);
  });

  it("refuses a cookie-authenticated request from another site", () => {
    const id = auth.createSession();
    expect(auth.isAdmin(withCookie(id, { "sec-fetch-site": "cross-site" }))).toBe(false);
    expect(auth.isAdmin(withCookie(id, { "sec-fetch-site": "same-site" }))).toBe(false);
    expect(auth.isAdmin(withCookie(id, { origin: "https://evil.example" }))).toBe(false);
    expect(auth.isAdmin(withCookie(id, { origin: "null" }))).toBe(false);
    expect(auth.isAdmin(withCookie(id, { origin: "http://localhost:3000" }))).toBe(true);
    // the bearer token is not a cookie: no ambient authority, no origin check needed
    const bearer = new Request("http://localhost:3000/api/facts", { method: "POST", headers: { authorization: `Bearer ${TOKEN}`, origin: "https://evil.example" } });
    expect(auth.isAdmin(bearer)).toBe(true);
  });
});

describe("class 5: malformed cookies", () => {
  it("never throws on any generated cookie header, malformed %-escapes included", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.constantFrom("%", "%E0%A4%A", "%zz", "%", "=", ";", auth.ADMIN_COOKIE + "=")), { maxLength: 12 }), (parts) => {
        const req = new Request("http://localhost/api/facts", { method: "POST", headers: { cookie: parts.join("").replace(/[\r\n\0]/g, "") } });
        expect(() => auth.isAdmin(req)).not.toThrow();
        expect(() => auth.cookieValue(req, auth.ADMIN_COOKIE)).not.toThrow();
      }),
      { numRuns: 500 },
    );
    const bad = new Request("http://localhost/", { headers: { cookie: `${auth.ADMIN_COOKIE}=%E0%A4%A` } });
    expect(auth.cookieValue(bad, auth.ADMIN_COOKIE)).toBe("");
  });
});

describe("class 1: closed by default", () => {
  it("knows loopback hosts", async () => {
    const { isLoopbackHost } = await import("../env-core");
    for (const h of ["127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]"]) expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ["0.0.0.0", "::", "192.168.1.2", "10.0.0.1", "venuescope.example", "127.0.0.1.evil.example"]) expect(isLoopbackHost(h), h).toBe(false);
  });

  it("says at start-up what is open, and an exposed host without a token is read-only", async () => {
    const { exposureSummary } = await import("../env-core");
    const base = { DATABASE_URL: "file:./x.db", VENUESCOPE_SKIP_SIMULATED: "0", FACT_STALE_DAYS: 365, LIVE: "0" } as const;
    expect(exposureSummary({ ...base, VENUESCOPE_HOST: "127.0.0.1" })).toMatch(/this machine only.*open to anyone on this machine/);
    expect(exposureSummary({ ...base, VENUESCOPE_HOST: "0.0.0.0" })).toMatch(/reachable from the network.*read-only/);
    expect(exposureSummary({ ...base, VENUESCOPE_HOST: "0.0.0.0", ADMIN_TOKEN: TOKEN })).toMatch(/need the admin token/);
  });
});
