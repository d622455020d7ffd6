// Rank moves on the default scorecard and webhook alerts, on a real database (SQLite, or PostgreSQL under
// `npm run test:pg`) and a local HTTP server: the first ranking records nothing, a stored ranking that differs by
// 2+ places records one event per venue (simulated venues labelled so), and delivery POSTs each real venue's event
// once — a 500 is retried, a rerun sends nothing twice, a dead webhook is recorded without throwing.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDb, type TempDb } from "./db-helper";
import { runCli } from "./cli-helper";
import { simulate } from "../../lib/simulator/run-simulation";
import { checkRankMoves } from "../../lib/services/rank-moves";
import { getScorecard } from "../../lib/services/scorecard";
import { deliverPendingAlerts } from "../../lib/alerts/deliver";
import { recordChangeEvent } from "../../lib/store/change-events";
import { ensureVenue } from "../../lib/store/venue-rows";
import { binanceUsdm } from "../../lib/venues/binance-usdm/connector";
import { ScorecardQuery } from "../../lib/views/scorecard";

interface Received {
  key: string | undefined;
  body: Record<string, unknown>;
}

/** A webhook answering each POST with the next queued status (200 once the queue is empty), after `delayMs`. */
function webhook() {
  const received: Received[] = [];
  const statuses: number[] = [];
  let delayMs = 0;
  const server = http.createServer((req, res) => {
    let text = "";
    req.on("data", (c) => (text += c));
    req.on("end", () => {
      received.push({ key: req.headers["idempotency-key"] as string | undefined, body: JSON.parse(text) });
      const status = statuses.shift() ?? 200;
      setTimeout(() => res.writeHead(status, { "content-type": "text/plain" }).end(status === 200 ? "ok" : "nope"), delayMs);
    });
  });
  return {
    received,
    statuses,
    setDelay: (ms: number) => (delayMs = ms),
    listen: () => new Promise<string>((resolve) => server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/SECRET-TOKEN`))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let t: TempDb;
const hook = webhook();
let url: string;
const fast = { sleep: async () => {}, baseDelayMs: 1 };

beforeAll(async () => {
  t = await tempDb();
  url = await hook.listen();
  await simulate(t.db, { days: 4, cadenceMinutes: 60, venues: 5, markets: 1 });
}, 180_000);
afterAll(async () => {
  await hook.close();
  await t.cleanup();
});

describe("rank moves on the default scorecard", () => {
  it("stores the first ranking without events, and skips a check when no run happened since", async () => {
    const first = await checkRankMoves(t.db);
    expect(first).toMatchObject({ checked: true, events: 0 });
    const snaps = await t.db.rankSnapshot.findMany({ orderBy: { group: "asc" } });
    expect(snaps.map((s) => s.group)).toEqual(["real", "simulated"]);
    expect(Object.keys(JSON.parse(snaps[1].ranks))).toHaveLength(5);
    expect(await checkRankMoves(t.db)).toMatchObject({ checked: false, events: 0 });
    expect(await t.db.changeEvent.count()).toBe(0);
  });

  it("records each venue that moved 2+ places against the stored ranking, once, labelled simulated", async () => {
    const rows = (await getScorecard(t.db, { ...ScorecardQuery.parse({}), includeSimulated: true })).filter((r) => r.group === "simulated");
    const ranks = rows.map((r) => r.rank);
    // Five distinct ranks 1..5, so the reversed ranking below moves ranks 1, 2, 4, 5 by 4, 2, 2, 4 places.
    expect([...ranks].sort()).toEqual([1, 2, 3, 4, 5]);
    const reversed = Object.fromEntries(rows.map((r) => [r.venue.slug, 6 - r.rank!]));
    const latest = (await t.db.ingestRun.findFirstOrThrow({ orderBy: { id: "desc" } })).id;
    await t.db.rankSnapshot.update({ where: { group: "simulated" }, data: { ranks: JSON.stringify(reversed), runId: latest - 1 } });
    await t.db.rankSnapshot.update({ where: { group: "real" }, data: { runId: latest - 1 } });
    const r = await checkRankMoves(t.db);
    expect(r).toMatchObject({ checked: true, events: 4 });
    const events = await t.db.changeEvent.findMany({ where: { kind: "rank-move" }, include: { venue: true } });
    const byRank = Object.fromEntries(events.map((e) => [JSON.parse(e.details).after.rank, e]));
    expect(Object.keys(byRank).map(Number).sort()).toEqual([1, 2, 4, 5]);
    expect(byRank[1].summary).toBe("rank 5 → 1 (up 4 among simulated venues, default scorecard)");
    expect(byRank[4].summary).toBe("rank 2 → 4 (down 2 among simulated venues, default scorecard)");
    expect(events.every((e) => e.provenance === "simulated" && e.venue.provenance === "simulated")).toBe(true);
    // The same comparison again (same stored ranking, same runs) records nothing new.
    await t.db.rankSnapshot.update({ where: { group: "simulated" }, data: { ranks: JSON.stringify(reversed), runId: latest - 1 } });
    expect(await checkRankMoves(t.db)).toMatchObject({ checked: true, events: 0 });
    expect(await t.db.changeEvent.count({ where: { kind: "rank-move" } })).toBe(4);
  });
});

describe("webhook alerts", () => {
  let venueId: number;
  const addEvent = (n: number) =>
    recordChangeEvent(t.db, { venueId, kind: "fee-schedule", subject: null, occurredAt: Date.UTC(2024, 0, n), provenance: "recorded", dedupeKey: `test|fee|${n}`, ingestRunId: null, summary: `perp VIP0 fees: taker ${n} → ${n + 1} bps`, details: { before: n, after: n + 1 } });

  beforeAll(async () => {
    venueId = await ensureVenue(t.db, binanceUsdm, "recorded");
    for (const n of [1, 2, 3]) await addEvent(n);
  });

  it("POSTs each real venue's event once with its dedupeKey as the idempotency key, retrying a 500", async () => {
    hook.statuses.push(500);
    const r = await deliverPendingAlerts(t.db, { url, retry: fast });
    expect(r).toMatchObject({ webhook: new URL(url).origin, sent: 3, failed: 0, pending: 0 });
    // The first event twice (500, then 200), the others once; the simulated rank moves never.
    expect(hook.received.map((x) => x.key)).toEqual(["test|fee|1", "test|fee|1", "test|fee|2", "test|fee|3"]);
    expect(hook.received[0].body).toMatchObject({ dedupeKey: "test|fee|1", venue: "binance-usdm", kind: "fee-schedule", provenance: "recorded", summary: "perp VIP0 fees: taker 1 → 2 bps", occurredAt: "2024-01-01T00:00:00.000Z", details: { before: 1, after: 2 } });
    const stored = await t.db.changeEvent.findMany({ where: { provenance: "recorded" }, orderBy: { id: "asc" } });
    expect(stored.map((e) => [e.alertAttempts, e.alertedAt !== null, e.alertError, e.alertClaimedAt])).toEqual([
      [2, true, null, null],
      [1, true, null, null],
      [1, true, null, null],
    ]);
    expect(await t.db.changeEvent.count({ where: { provenance: "simulated", alertedAt: null, alertAttempts: 0 } })).toBe(4);
  });

  it("sends nothing again on a rerun", async () => {
    const before = hook.received.length;
    expect(await deliverPendingAlerts(t.db, { url, retry: fast })).toMatchObject({ sent: 0, failed: 0, pending: 0 });
    expect(hook.received.length).toBe(before);
  });

  it("records a dead webhook as the event's alertError without throwing or storing the URL's path, and sends it later", async () => {
    await addEvent(4);
    const dead = webhook();
    const deadUrl = await dead.listen();
    await dead.close(); // nothing listens there now: connection refused
    const r = await deliverPendingAlerts(t.db, { url: deadUrl, retry: fast });
    expect(r).toMatchObject({ sent: 0, failed: 1, pending: 1 });
    const e = await t.db.changeEvent.findUniqueOrThrow({ where: { dedupeKey: "test|fee|4" } });
    expect(e.alertAttempts).toBe(4); // the retry loop's 4 attempts
    expect(e.alertedAt).toBeNull();
    expect(e.alertError).toMatch(/ECONNREFUSED/);
    expect(r.errors[0].error).not.toContain("SECRET-TOKEN");
    const before = hook.received.length;
    expect(await deliverPendingAlerts(t.db, { url, retry: fast })).toMatchObject({ sent: 1, pending: 0 });
    expect(hook.received.slice(before).map((x) => x.key)).toEqual(["test|fee|4"]);
    expect(await t.db.changeEvent.findUniqueOrThrow({ where: { dedupeKey: "test|fee|4" } })).toMatchObject({ alertAttempts: 5, alertError: null });
  });

  it("does not retry a 404, keeps its error with the path redacted, and goes on with the next event", async () => {
    await addEvent(5);
    await addEvent(6);
    hook.statuses.push(404);
    const before = hook.received.length;
    const r = await deliverPendingAlerts(t.db, { url, retry: fast });
    expect(r).toMatchObject({ sent: 1, failed: 1, pending: 1 });
    expect(hook.received.slice(before).map((x) => x.key)).toEqual(["test|fee|5", "test|fee|6"]);
    const e = await t.db.changeEvent.findUniqueOrThrow({ where: { dedupeKey: "test|fee|5" } });
    expect(e).toMatchObject({ alertAttempts: 1, alertedAt: null });
    expect(e.alertError).toMatch(/HTTP 404/);
    expect(e.alertError).not.toContain("SECRET-TOKEN");
  });

  it("two senders at once POST each event once", async () => {
    for (const n of [7, 8, 9]) await addEvent(n);
    hook.setDelay(30);
    const before = hook.received.length;
    const [a, b] = await Promise.all([deliverPendingAlerts(t.db, { url, retry: fast }), deliverPendingAlerts(t.db, { url, retry: fast })]);
    hook.setDelay(0);
    const keys = hook.received.slice(before).map((x) => x.key);
    expect([...keys].sort()).toEqual(["test|fee|5", "test|fee|7", "test|fee|8", "test|fee|9"]);
    expect(a.sent + b.sent).toBe(4);
  });

  it("`venuescope alerts` checks ranks and delivers, with a one-line summary and --json", async () => {
    await addEvent(10);
    const saved = process.env.ALERT_WEBHOOK_URL;
    process.env.ALERT_WEBHOOK_URL = url;
    try {
      const before = hook.received.length;
      const r = await runCli(t.url, "alerts");
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.trim()).toBe(`alerts: ranks not checked: no ingest run since the last ranking; 1 sent, 0 failed to ${new URL(url).origin}, 0 pending`);
      expect(hook.received.slice(before).map((x) => x.key)).toEqual(["test|fee|10"]);
      const j = await runCli(t.url, "alerts", "--json");
      expect(JSON.parse(j.stdout)).toMatchObject({ alerts: { sent: 0, failed: 0, pending: 0 }, errors: [] });
    } finally {
      if (saved === undefined) delete process.env.ALERT_WEBHOOK_URL;
      else process.env.ALERT_WEBHOOK_URL = saved;
    }
    const unset = await runCli(t.url, "alerts", "--skip-ranks");
    expect(unset.stdout.trim()).toBe("alerts: ranks skipped; ALERT_WEBHOOK_URL not set: 0 event(s) of real venues waiting, none sent");
  });
});
