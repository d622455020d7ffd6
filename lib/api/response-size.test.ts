// Fault class 3 of issue #19: a route's answer is capped, and one over the cap is a 422 naming the size and the
// limit, whatever its size; below the cap the JSON goes out unchanged.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HttpError, jsonResponse, MAX_RESPONSE_BYTES, MAX_STRESS_RESPONSE_BYTES, sizedJson } from "./handler";

describe("response size limits", () => {
  it("answers a value below the limit as its JSON, and refuses one above with a 422 naming both sizes", async () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4096 }), fc.integer({ min: 16, max: 4096 }), (len, limit) => {
        const value = { s: "x".repeat(len) };
        const bytes = len + 8; // {"s":"…"} = 8 bytes around the string
        if (bytes <= limit) expect(sizedJson(value, limit)).toBe(JSON.stringify(value));
        else {
          let err: unknown;
          try {
            sizedJson(value, limit);
          } catch (e) {
            err = e;
          }
          expect(err).toBeInstanceOf(HttpError);
          expect((err as HttpError).status).toBe(422);
          expect((err as HttpError).message).toMatch(/^the answer would be \d+\.\d MiB, above this route's limit of \d+\.\d MiB; ask for a narrower window or fewer items$/);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("counts bytes, not characters, and names the stress limit in whole MiB", () => {
    const value = "€".repeat(3 * 1024 * 1024); // 3 bytes each in UTF-8: 9 MiB, though 3 Mi characters
    expect(() => sizedJson(value)).toThrow("the answer would be 9.0 MiB, above this route's limit of 8 MiB; ask for a narrower window or fewer items");
    expect(() => sizedJson("x".repeat(17 * 1024 * 1024), MAX_STRESS_RESPONSE_BYTES, "use a longer step")).toThrow("above this route's limit of 16 MiB; use a longer step");
    expect(MAX_RESPONSE_BYTES).toBe(8 * 1024 * 1024);
  });

  it("jsonResponse sends the JSON with its status and headers", async () => {
    const res = jsonResponse({ a: 1 }, { status: 201, headers: { location: "/x" } });
    expect(res.status).toBe(201);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.headers.get("location")).toBe("/x");
    expect(await res.json()).toEqual({ a: 1 });
  });
});
