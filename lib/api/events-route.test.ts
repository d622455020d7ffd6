// /api/events' query handling without a server: the route's own schema through the shared handler — defaults,
// 422 with field errors on each bad parameter (the security headers come from next.config.mjs on every answer).
import { describe, expect, it } from "vitest";
import { handleGet } from "./handler";
import { ChangeEventsQuery } from "../views/change-events";

const seen: unknown[] = [];
const GET = handleGet(ChangeEventsQuery, async (q) => (seen.push(q), { events: [], nextBefore: null }));
const get = (query: string) => GET(new Request(`http://localhost/api/events${query}`));

describe("GET /api/events query", () => {
  it("fills the defaults (50 newest, real venues only) and passes filters through", async () => {
    expect((await get("")).status).toBe(200);
    expect(seen.at(-1)).toEqual({ limit: 50, simulated: "hide" });
    expect((await get("?venue=binance-usdm&kind=funding-interval&limit=200&before=17&simulated=only")).status).toBe(200);
    expect(seen.at(-1)).toEqual({ venue: "binance-usdm", kind: "funding-interval", limit: 200, before: 17, simulated: "only" });
  });

  it.each(["?limit=0", "?limit=201", "?limit=x", "?kind=price", "?venue=Not_A_Slug", "?before=0", "?before=2147483648", "?simulated=maybe"])("answers 422 naming the field for %s", async (q) => {
    const res = await get(q);
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: string; fields: Record<string, string[]> };
    expect(body.error).toBe("invalid input");
    expect(Object.keys(body.fields)).toEqual([q.slice(1).split("=")[0]]);
  });
});
