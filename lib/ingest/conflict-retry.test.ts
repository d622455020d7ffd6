import { describe, expect, it } from "vitest";
import { isWriteConflict, retryOnWriteConflict } from "./conflict-retry";

describe("retryOnWriteConflict", () => {
  it("re-runs a batch that lost a race, and only then", async () => {
    let calls = 0;
    const value = await retryOnWriteConflict(async () => {
      calls++;
      if (calls < 3) throw Object.assign(new Error("Unique constraint failed on the fields: (venueId, tier)"), { code: "P2002" });
      return "ok";
    });
    expect(value).toBe("ok");
    expect(calls).toBe(3);
    let other = 0;
    await expect(retryOnWriteConflict(async () => {
      other++;
      throw new Error("crossed book");
    })).rejects.toThrow("crossed book");
    expect(other).toBe(1);
  });

  it("gives up after its attempts", async () => {
    let calls = 0;
    await expect(retryOnWriteConflict(async () => {
      calls++;
      throw Object.assign(new Error("x"), { code: "P2034" });
    }, 3)).rejects.toThrow("x");
    expect(calls).toBe(3);
  });

  it("recognises PostgreSQL's codes through the driver adapter", () => {
    expect(isWriteConflict(new Error('duplicate key value violates unique constraint (23505)'))).toBe(true);
    expect(isWriteConflict(new Error("could not serialize access due to concurrent update"))).toBe(true);
    expect(isWriteConflict(new Error("relation does not exist"))).toBe(false);
    expect(isWriteConflict(null)).toBe(false);
  });
});
