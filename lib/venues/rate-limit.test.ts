// The native-request limiter: calls sharing a key start perMs / requests apart, concurrent ones queue.
import { beforeEach, describe, expect, it } from "vitest";
import { resetRateLimits, throttle, type RateLimit } from "./rate-limit";

const LIMIT: RateLimit = { key: "test:a", requests: 4, perMs: 1000, source: "test" };

beforeEach(() => resetRateLimits());

describe("throttle", () => {
  it("spaces calls 250 ms apart (4 per second), concurrent ones in arrival order; other keys are free", async () => {
    const waits: [string, number][] = [];
    const call = (name: string, limit = LIMIT) => throttle(limit, { now: () => 10_000, sleep: async (ms) => void waits.push([name, ms]) });
    await Promise.all([call("a1"), call("a2"), call("a3"), call("b1", { ...LIMIT, key: "test:b" })]);
    // a1 and b1 start at once; a2 books 10,250 and a3 10,500.
    expect(waits).toEqual([["a2", 250], ["a3", 500]]);
  });

  it("a call after a quiet spell does not wait", async () => {
    let t = 0;
    const slept: number[] = [];
    const clock = { now: () => t, sleep: async (ms: number) => void slept.push(ms) };
    await throttle(LIMIT, clock);
    t = 5_000;
    await throttle(LIMIT, clock);
    expect(slept).toEqual([]);
  });
});
