// The retry policy through ccxt's own request path (responses handed to ccxt's handleRestResponse, so its
// error mapping runs) and through the native path: which failures are repeated, how long each wait is.
import { describe, expect, it } from "vitest";
import { createVenueHttp, type Responder } from "./http";
import { binanceUsdm } from "./binance-usdm/connector";
import { bitmex } from "./bitmex/connector";
import { classifyFailure, HttpStatusError, statusFailure, VenueRequestError } from "./http-failure";
import { retry, withRetry } from "./retry";
import { noWaitClock, readFixture } from "./test-kit";

const OI = readFixture("binance-usdm/openInterest_BTCUSDT_2023-12-10.json");
const json = (body: unknown, status = 200, headers: Record<string, string> = {}) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

/** A Binance open-interest call answered by `answers` in turn; returns the outcome, the call count and every wait. */
async function binanceOi(answers: (() => unknown)[], retryOpts = { attempts: 4, baseDelayMs: 500, maxDelayMs: 30_000 }) {
  const sleeps: number[] = [];
  let calls = 0;
  const responder: Responder = () => answers[Math.min(calls++, answers.length - 1)]();
  const http = createVenueHttp(binanceUsdm, { responder, retry: { ...retryOpts, sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 } });
  try {
    await binanceUsdm.fetch("oi", http, { symbols: ["BTCUSDT"] });
    return { ok: true as const, error: null, calls, sleeps, http };
  } catch (error) {
    return { ok: false as const, error: error as Error, calls, sleeps, http };
  }
}

describe("retry policy on HTTP statuses, through ccxt's response handling", () => {
  it.each([400, 403, 404, 405, 409, 410, 451])("HTTP %i is sent once and reported, although ccxt maps it to a NetworkError", async (status) => {
    const ccxt = (await import("ccxt")).default;
    // An HTML error page (what a CDN geo-block or a wrong path returns): no venue error code in the body.
    const r = await binanceOi([() => new Response(`<html><body>${status}</body></html>`, { status, headers: { "content-type": "text/html" } })]);
    expect(r.calls).toBe(1);
    expect(r.error).toBeInstanceOf(VenueRequestError);
    expect(r.error!.message).toContain(`HTTP ${status}`);
    expect(r.error!.message).toMatch(/not retried/);
    // ccxt's own class for these is ExchangeNotAvailable, a NetworkError: the status decided, not the class.
    expect((r.error as VenueRequestError).cause).toBeInstanceOf(ccxt.NetworkError);
  });

  it("HTTP 418 (Binance IP ban) is never retried; its Retry-After is reported", async () => {
    const r = await binanceOi([() => json({ code: -1003, msg: "Way too many requests; IP banned until 1700000120000." }, 418, { "retry-after": "120" }), () => OI]);
    expect(r.calls).toBe(1);
    expect(r.sleeps).toEqual([]);
    expect(r.error!.message).toMatch(/IP banned by the venue \(HTTP 418\).*wait 120 s \(Retry-After\)/);
  });

  it("HTTP 429 waits exactly the venue's Retry-After, then succeeds", async () => {
    const r = await binanceOi([() => json({ code: -1003, msg: "Too many requests" }, 429, { "retry-after": "7" }), () => OI]);
    expect(r).toMatchObject({ ok: true, calls: 2, sleeps: [7000] });
    expect(r.http.captures).toHaveLength(1);
  });

  it("a Retry-After longer than the cap stops the call and reports the wait asked for", async () => {
    const r = await binanceOi([() => json({ code: -1003, msg: "Too many requests" }, 429, { "retry-after": "120" }), () => OI], { attempts: 4, baseDelayMs: 500, maxDelayMs: 30_000 });
    expect(r.calls).toBe(1);
    expect(r.sleeps).toEqual([]);
    expect(r.error!.message).toMatch(/rate limited \(HTTP 429\): Retry-After longer than the 30 s cap; the venue asks to wait 120 s/);
  });

  it.each([500, 502, 503, 504])("HTTP %i is retried with exponential backoff until attempts run out", async (status) => {
    const r = await binanceOi([() => json({ msg: "busy" }, status)], { attempts: 3, baseDelayMs: 500, maxDelayMs: 30_000 });
    expect(r.calls).toBe(3);
    // random() = 0.5 puts the jitter factor at exactly 1: 500 ms, then 1000 ms.
    expect(r.sleeps).toEqual([500, 1000]);
    expect(r.error!.message).toContain(String(status));
  });

  it("after a timeout, a previous response's Retry-After is not taken as the hint", async () => {
    const ccxt = (await import("ccxt")).default;
    let calls = 0;
    const sleeps: number[] = [];
    const responder: Responder = ({ url }) => {
      calls++;
      // The depth answer carries a Retry-After header (ccxt keeps it in last_response_headers) ...
      if (url.includes("/depth")) return json(readFixture("binance-usdm/depth_BTCUSDT_limit100_2024-11-01.json"), 200, { "retry-after": "99" });
      // ... then the next request times out once: the wait is our backoff, not 99 s (nor a stop for exceeding the cap).
      if (calls === 2) throw new ccxt.RequestTimeout("binanceusdm GET /fapi/v1/openInterest request timed out (15000 ms)");
      return OI;
    };
    const http = createVenueHttp(binanceUsdm, { responder, retry: { attempts: 3, baseDelayMs: 500, maxDelayMs: 30_000, sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 } });
    await binanceUsdm.fetch("depth", http, { symbols: ["BTCUSDT"], levelLimit: 100 });
    expect((await http.ccxt<any>()).last_response_headers["Retry-After"]).toBe("99");
    await binanceUsdm.fetch("oi", http, { symbols: ["BTCUSDT"] });
    expect(calls).toBe(3);
    expect(sleeps).toEqual([500]);
  });

  it("a connection failure inside ccxt (EAI_AGAIN, connect timeout) is retried; an unknown host is not", async () => {
    const ccxt = (await import("ccxt")).default;
    const again = await binanceOi([() => { throw new ccxt.NetworkError("binanceusdm GET https://fapi.binance.com/fapi/v1/openInterest fetch failed: getaddrinfo EAI_AGAIN fapi.binance.com"); }, () => OI]);
    expect(again).toMatchObject({ ok: true, calls: 2 });
    const connect = await binanceOi([() => { throw new ccxt.NetworkError("binanceusdm GET https://fapi.binance.com/fapi/v1/openInterest fetch failed: Connect Timeout Error (UND_ERR_CONNECT_TIMEOUT)"); }, () => OI]);
    expect(connect).toMatchObject({ ok: true, calls: 2 });
    const unknown = await binanceOi([() => { throw new ccxt.NetworkError("binanceusdm GET https://fapi.binance.com/fapi/v1/openInterest fetch failed: getaddrinfo ENOTFOUND fapi.binance.com"); }, () => OI]);
    expect(unknown).toMatchObject({ ok: false, calls: 1 });
  });
});

describe("retry policy on native requests", () => {
  const native = async (answers: (() => unknown)[]) => {
    let calls = 0;
    const sleeps: number[] = [];
    const http = createVenueHttp(bitmex, { responder: () => answers[Math.min(calls++, answers.length - 1)](), clock: noWaitClock(), retry: { attempts: 3, baseDelayMs: 100, maxDelayMs: 5000, sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 } });
    try {
      await bitmex.fetch("oi", http, { symbols: ["XBTUSD"] });
      return { ok: true, calls, sleeps };
    } catch (error) {
      return { ok: false, calls, sleeps, error: error as Error };
    }
  };
  const cause = (code: string) => Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error(code), { code }) });

  it("EAI_AGAIN, a connect timeout and a reset are transient; ENOTFOUND is not", async () => {
    for (const code of ["EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT", "ECONNRESET"]) {
      expect(await native([() => { throw cause(code); }, () => []])).toMatchObject({ ok: true, calls: 2, sleeps: [100] });
    }
    expect(await native([() => { throw cause("ENOTFOUND"); }, () => []])).toMatchObject({ ok: false, calls: 1 });
  });

  it("a 403 and a 418 are answered once; a 503 with Retry-After 2 waits 2 s", async () => {
    expect(await native([() => json({ error: { message: "geo" } }, 403), () => []])).toMatchObject({ ok: false, calls: 1 });
    expect(await native([() => json({}, 418, { "retry-after": "60" }), () => []])).toMatchObject({ ok: false, calls: 1 });
    expect(await native([() => json({}, 503, { "retry-after": "2" }), () => []])).toMatchObject({ ok: true, calls: 2, sleeps: [2000] });
  });

  it("a body that is not JSON is not retried", async () => {
    const r = await native([() => new Response("<html>maintenance</html>", { status: 200 }), () => []]);
    expect(r).toMatchObject({ ok: false, calls: 1 });
  });
});

describe("failure classification", () => {
  it("retries exactly 408, 429 and 5xx other than 501/505, over every status", () => {
    for (let status = 100; status < 600; status++) {
      const f = statusFailure(status);
      if (status < 400) {
        expect(f).toBeNull();
        continue;
      }
      const expected = status === 408 || status === 429 || (status >= 500 && status !== 501 && status !== 505);
      expect([status, f!.transient]).toEqual([status, expected]);
    }
  });

  it("reads the status of a native error and DOMException timeouts", () => {
    expect(classifyFailure(new HttpStatusError(451, "u", null, ""))).toMatchObject({ transient: false, status: 451 });
    expect(classifyFailure(new DOMException("The operation timed out.", "TimeoutError"))).toMatchObject({ transient: true });
    expect(classifyFailure(new Error("crossed book"))).toMatchObject({ transient: false });
  });
});

describe("the shared retry loop", () => {
  it("waits what delayFor says and stops when it says null or attempts run out", async () => {
    const sleeps: number[] = [];
    let calls = 0;
    await expect(retry(async () => { calls++; throw new Error(`e${calls}`); }, { attempts: 5, delayFor: (_e, n) => (n < 3 ? n * 10 : null), sleep: async (ms) => void sleeps.push(ms) })).rejects.toThrow("e3");
    expect(sleeps).toEqual([10, 20]);
    calls = 0;
    await expect(retry(async () => { calls++; throw new Error("x"); }, { attempts: 2, delayFor: () => 1, sleep: async () => {} })).rejects.toThrow("x");
    expect(calls).toBe(2);
  });

  it("withRetry gives the reason of a permanent failure on the last attempt too", async () => {
    await expect(withRetry(async () => { throw new HttpStatusError(404, "https://x/y", null, "not found"); }, { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 })).rejects.toThrow(/request refused \(HTTP 404\); not retried/);
  });
});
