// Class 1 of issue #19: bound to a network interface without ADMIN_TOKEN, every mutation is refused (403).
import { beforeAll, expect, it } from "vitest";
import { HttpError } from "./handler";

let auth: typeof import("./auth");
beforeAll(async () => {
  delete process.env.ADMIN_TOKEN;
  process.env.VENUESCOPE_HOST = "0.0.0.0";
  auth = await import("./auth");
});

it("refuses mutations with 403 when exposed without a token", () => {
  const req = new Request("http://10.0.0.5:3000/api/facts", { method: "POST" });
  expect(auth.exposedWithoutToken()).toBe(true);
  expect(() => auth.requireAdmin(req)).toThrow(HttpError);
  try {
    auth.requireAdmin(req);
  } catch (err) {
    expect((err as HttpError).status).toBe(403);
  }
});
